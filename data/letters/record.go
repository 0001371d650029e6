package letters

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/amends/amends/data"
)

// ErrNoAddress is returned for a client without a postal address: a letter
// for a window envelope cannot be printed without one.
var ErrNoAddress = errors.New("has no postal address; add it in the client file")

// Recipient is the client's address as printed in the envelope window: name,
// company, street lines, town with postcode in the country's order, country in
// capitals unless it is the sender's own.
func Recipient(c data.Client, sender data.LetterSender) ([]string, error) {
	a := c.Address
	if strings.TrimSpace(a.Lines) == "" && strings.TrimSpace(a.City) == "" {
		return nil, fmt.Errorf("%s %w", c.Name, ErrNoAddress)
	}
	out := []string{strings.TrimSpace(c.Name)}
	if co := strings.TrimSpace(c.Company); co != "" && co != out[0] {
		out = append(out, co)
	}
	for _, l := range strings.Split(a.Lines, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	pc, city, country := strings.TrimSpace(a.Postcode), strings.TrimSpace(a.City), strings.TrimSpace(a.Country)
	switch strings.ToLower(country) {
	case "singapore":
		// A city-state: one last line, "SINGAPORE 238801", which names the country too.
		out = append(out, strings.TrimSpace("SINGAPORE "+pc))
		country = ""
	case "united kingdom", "uk", "great britain", "england", "scotland", "wales", "northern ireland", "ireland":
		// Town and postcode on lines of their own.
		out = append(out, strings.ToUpper(city), pc)
	case "united states", "usa", "us", "canada", "australia":
		out = append(out, strings.TrimSpace(city+" "+pc))
	default:
		out = append(out, strings.TrimSpace(pc+" "+city))
	}
	if country != "" && !strings.Contains(strings.ToLower(strings.Join(sender.Address, " ")), strings.ToLower(country)) {
		out = append(out, strings.ToUpper(country))
	}
	var lines []string
	for _, l := range out {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines, nil
}

// Source is what a letter was gathered from in the store (app/documents.Gather), for the
// editor and for recording.
type Source struct {
	Client       data.Client
	ComplaintID  int64 // the complaint the letter is about; 0 for none
	NotConfirmed bool
	// Commitments are the complaint's promises as they stand, for the check to name those
	// whose time has passed.
	Commitments []Commitment
	Letterhead  data.Letterhead
	// LetterheadDamage names the letterhead settings that could not be read and are left
	// out of the letter (nil when all could): the letter is made, the user should be told.
	LetterheadDamage *data.LetterheadDamage
}

// Record makes the letter to be recorded from an edited draft.
func Record(k Kind, lang, paper string, date time.Time, d Draft, src Source) (data.Letter, error) {
	sender := src.Letterhead.Sender()
	rcpt, err := Recipient(src.Client, sender)
	if err != nil {
		return data.Letter{}, err
	}
	return record(k, lang, paper, date, d, src, rcpt), nil
}

// RecordEmail makes the letter to be recorded when it goes out by email: a postal address
// is not needed, and the recipient lines name the client and their email address.
func RecordEmail(k Kind, lang string, date time.Time, d Draft, src Source) (data.Letter, error) {
	to := strings.TrimSpace(src.Client.Email)
	if to == "" {
		return data.Letter{}, fmt.Errorf("%s %w", src.Client.Name, ErrNoEmail)
	}
	paper := src.Letterhead.Paper
	if paper == "" {
		paper = "A4"
	}
	return record(k, lang, paper, date, d, src, []string{strings.TrimSpace(src.Client.Name), to}), nil
}

// ErrNoEmail is returned for a letter to be emailed to a client without an email address.
var ErrNoEmail = errors.New("has no email address; add it in the client file")

func record(k Kind, lang, paper string, date time.Time, d Draft, src Source, rcpt []string) data.Letter {
	place := strings.TrimSpace(src.Letterhead.Place)
	line, right := DateLine(lang, src.Client.Address.Country, place, date, paper)
	return data.Letter{
		ClientID: src.Client.ID, ComplaintID: src.ComplaintID, Kind: string(k), Paper: paper, Lang: normLang(lang),
		Date: data.DateOf(date), Place: place, DateLine: line, DateRight: right, Recipient: rcpt, Sender: src.Letterhead.Sender(),
		Subject: d.Subject, Salutation: d.Salutation, Body: d.Body, Closing: d.Closing, Signer: d.Signer,
	}
}

// LegacyDateLine is the date line of a letter recorded before date lines were kept with
// letters, printed as it was then: place and date, flush right on A4; an English letter
// on US Letter has the American date alone at the left.
func LegacyDateLine(l data.Letter) (string, bool) {
	if l.Date.IsZero() {
		return strings.TrimSpace(l.Place), l.Paper != "Letter"
	}
	if normLang(l.Lang) == "en" && l.Paper == "Letter" {
		return formatUSDate(l.Date.Time), false
	}
	s := FormatDate(l.Lang, l.Date.Time)
	if p := strings.TrimSpace(l.Place); p != "" {
		s = p + ", " + s
	}
	return s, l.Paper != "Letter"
}

// DraftOf is the text of a recorded letter, for editing or reprinting.
func DraftOf(l data.Letter) Draft {
	return Draft{Subject: l.Subject, Salutation: l.Salutation, Body: l.Body, Closing: l.Closing, Signer: l.Signer}
}

// FileName is a sensible name for the saved PDF: "2026-11-23 Apology - Zoë Ørsted.pdf",
// with characters file systems refuse replaced.
func FileName(l data.Letter, clientName string) string {
	name := strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(clientName))
	if name == "" {
		name = "client"
	}
	k := Kind(l.Kind)
	return fmt.Sprintf("%s %s - %s.pdf", l.Date.String(), k.Label(), name)
}
