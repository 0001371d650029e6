package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// FormatMoney shows minor units as an amount with two decimals and thousands separators,
// followed by the currency code: "12,500.00 EUR".
func FormatMoney(cents int64, currency string) string {
	s := FormatAmount(cents, ",", ".")
	if currency != "" {
		s += " " + currency
	}
	return s
}

// FormatAmount writes minor units with two decimals, grouping thousands with group and
// setting decimal before the cents: "12,500.00", "12.500,00", "12 500,00".
func FormatAmount(cents int64, group, decimal string) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	frac := cents % 100
	b.WriteString(decimal)
	b.WriteByte(byte('0' + frac/10))
	b.WriteByte(byte('0' + frac%10))
	return b.String()
}

// ParseMoney reads an amount as people type it ("12500", "12,500.50", "12.500,50", "€ 99")
// and returns minor units. The last '.' or ',' followed by one or two digits is the decimal mark.
func ParseMoney(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(s, "-")
	var digits strings.Builder
	dec := -1 // index in digits where decimals start
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '.' || r == ',':
			rest := strings.TrimRight(s[i+1:], " ")
			n := 0
			for _, c := range rest {
				if c < '0' || c > '9' {
					break
				}
				n++
			}
			if (n == 1 || n == 2) && n == len(strings.TrimRight(rest, " €$£¥ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
				dec = digits.Len()
			}
		case r == '-' && i == 0, r == ' ', r == '\'', r == '\u00a0':
		case strings.ContainsRune("€$£¥", r), r >= 'A' && r <= 'Z':
		default:
			return 0, fmt.Errorf("%q is not an amount: use digits, e.g. 1,250.00", s)
		}
	}
	ds := digits.String()
	if ds == "" {
		return 0, errors.New("enter an amount, e.g. 1,250.00")
	}
	whole, frac := ds, ""
	if dec >= 0 {
		whole, frac = ds[:dec], ds[dec:]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if len(whole) > 15 {
		return 0, errors.New("that amount is too large")
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, nil
}
