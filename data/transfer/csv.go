package transfer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/amends/amends/data"
)

// csvColumns are the columns Amends writes, in order; import reads them and the usual
// names spreadsheets and address books use for the same thing.
var csvColumns = []struct {
	header  string
	aliases []string
}{
	{"Name", []string{"name", "fullname", "contact", "contactname", "displayname"}},
	{"Company", []string{"company", "organisation", "organization", "firm", "business"}},
	{"Email", []string{"email", "emailaddress", "mail", "e-mail"}},
	{"Phone", []string{"phone", "telephone", "tel", "mobile", "phonenumber"}},
	{"Address", []string{"address", "street", "addresslines", "streetaddress"}},
	{"Postcode", []string{"postcode", "postalcode", "zip", "zipcode", "plz"}},
	{"City", []string{"city", "town", "locality"}},
	{"Country", []string{"country"}},
	{"Salutation", []string{"salutation", "greeting"}},
	{"Client since", []string{"clientsince", "since"}},
	{"Yearly income", []string{"yearlyincome", "income", "annualincome"}},
	{"Referrals", []string{"referrals"}},
	{"Referral income", []string{"referralincome"}},
	{"Status", []string{"status"}},
	{"Notes", []string{"notes", "note", "comments", "comment"}},
	{"Archived", []string{"archived"}},
	{"First name", []string{"firstname", "givenname"}},
	{"Last name", []string{"lastname", "familyname", "surname"}},
}

func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '.' {
			return -1
		}
		return r
	}, h)
}

// MaxImportSize is the largest file the CSV and vCard import read (64 MiB): far more
// than any address book, small enough not to exhaust memory on a wrong file.
const MaxImportSize = 64 << 20

// ReadCSV reads clients from a spreadsheet's CSV: a header row; UTF-8 with or without
// a byte-order mark; comma, semicolon or tab as separator (found from the header);
// quoted fields may hold separators and line breaks. Rows that cannot be imported are
// listed with their row number, field and reason; the error is for files that cannot
// be read at all.
func ReadCSV(r io.Reader) (*ClientFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("read CSV: %w", err)
	}
	if len(b) > MaxImportSize {
		return nil, fmt.Errorf("%w: the file is larger than %d MB; is it really a list of clients?", ErrBadFile, MaxImportSize>>20)
	}
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return nil, fmt.Errorf("%w: the file is UTF-16 text; save it as \"CSV UTF-8\" and import that", ErrBadFile)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("%w: the file is not UTF-8 text; save it as \"CSV UTF-8\" and import that", ErrBadFile)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrBadFile)
	}
	sep := detectSeparator(b)
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: the header row cannot be read: %v", ErrBadFile, err)
	}
	f := &ClientFile{Kind: "CSV", Note: "separator: " + map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}[sep]}
	col := map[string]int{} // our header -> index
	for i, h := range header {
		n := normHeader(h)
		matched := ""
		for _, c := range csvColumns {
			for _, a := range c.aliases {
				if n == normHeader(a) && matched == "" {
					matched = c.header
				}
			}
		}
		if matched != "" {
			if _, dup := col[matched]; dup {
				return nil, fmt.Errorf("%w: two columns mean %q (%q is the second)", ErrBadFile, matched, h)
			}
			col[matched] = i
		} else if strings.TrimSpace(h) != "" {
			f.Ignored = append(f.Ignored, h)
		}
	}
	_, hasName := col["Name"]
	_, hasFirst := col["First name"]
	_, hasLast := col["Last name"]
	if !hasName && !hasFirst && !hasLast {
		return nil, fmt.Errorf("%w: no column with the clients' names; the first row must name the columns, e.g. Name;Company;Email", ErrBadFile)
	}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%w: row %d (line %d) is not valid CSV: %v", ErrBadFile, row, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%w: row %d: %v", ErrBadFile, row, err)
		}
		if blank(rec) {
			continue
		}
		if len(rec) > len(header) && !blank(rec[len(header):]) {
			f.Problems = append(f.Problems, RowError{Row: row, Msg: fmt.Sprintf("%d fields, but the header names %d", len(rec), len(header))})
			continue
		}
		get := func(h string) string {
			if i, ok := col[h]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		c, perr := clientFromFields(get)
		if perr != nil {
			perr.Row = row
			if i, ok := col[perr.Field]; ok {
				perr.Field = header[i]
			}
			f.Problems = append(f.Problems, *perr)
			continue
		}
		f.Clients = append(f.Clients, Incoming{Row: row, Client: c})
	}
	dedupeFile(f)
	return f, nil
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// detectSeparator counts separators in the header line (outside quotes).
func detectSeparator(b []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(b) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' {
			break
		}
		counts[r]++
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// clientFromFields builds a client from named fields and checks it as the client file
// would. The error's Field is our column header.
func clientFromFields(get func(string) string) (data.Client, *RowError) {
	c := data.Client{
		Name: get("Name"), Company: get("Company"), Email: get("Email"), Phone: get("Phone"),
		Address:    data.Address{Lines: get("Address"), Postcode: get("Postcode"), City: get("City"), Country: get("Country")},
		Salutation: get("Salutation"), Notes: get("Notes"), Status: data.StatusActive,
	}
	if c.Name == "" {
		c.Name = strings.TrimSpace(get("First name") + " " + get("Last name"))
	}
	if c.Name == "" {
		return c, &RowError{Field: "Name", Msg: "a client needs a name"}
	}
	var err error
	if s := get("Client since"); s != "" {
		if c.Since, err = data.ParseDate(s); err != nil {
			return c, &RowError{Field: "Client since", Msg: fmt.Sprintf("%q is not a date like 2024-03-31", s)}
		}
	}
	for _, m := range []struct {
		h   string
		dst *int64
	}{{"Yearly income", &c.YearlyIncome}, {"Referral income", &c.ReferralIncome}} {
		if s := get(m.h); s != "" {
			if *m.dst, err = data.ParseMoney(s); err != nil {
				return c, &RowError{Field: m.h, Msg: err.Error()}
			}
		}
	}
	if s := get("Referrals"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return c, &RowError{Field: "Referrals", Msg: fmt.Sprintf("%q is not a whole number of referrals", s)}
		}
		c.Referrals = n
	}
	if s := get("Status"); s != "" {
		st, ok := data.StatusFromLabel(s)
		if !ok {
			st = data.Status(strings.ReplaceAll(strings.ToLower(s), " ", "_"))
		}
		if !st.Valid() {
			return c, &RowError{Field: "Status", Msg: fmt.Sprintf("%q is not a status; use Active, At risk, Lost, Won back or Let go", s)}
		}
		c.Status = st
	}
	switch strings.ToLower(get("Archived")) {
	case "", "no", "false", "0":
	case "yes", "true", "1":
		c.Archived = true
	default:
		return c, &RowError{Field: "Archived", Msg: fmt.Sprintf("%q: write yes or no", get("Archived"))}
	}
	if err := c.Validate(); err != nil {
		var fe *data.FieldError
		if errors.As(err, &fe) {
			field := map[string]string{"name": "Name", "email": "Email", "phone": "Phone", "status": "Status", "referrals": "Referrals"}[fe.Field]
			if field == "" {
				field = fe.Field
			}
			return c, &RowError{Field: field, Msg: fe.Msg}
		}
		return c, &RowError{Msg: err.Error()}
	}
	return c, nil
}

// WriteCSV writes every client (archived ones too) as CSV with a header row, UTF-8
// with a byte-order mark so spreadsheets read accents right, comma-separated.
// opts.Progress is told the clients written; a cancelled ctx stops it between clients.
func WriteCSV(ctx context.Context, db *data.DB, w io.Writer, opts ExportOptions) error {
	clients, err := allClients(ctx, db)
	if err != nil {
		return err
	}
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	var header []string
	for _, c := range csvColumns[:16] {
		header = append(header, c.header)
	}
	cw.Write(header)
	pr := &counter{ctx: ctx, total: len(clients), report: opts.Progress}
	for _, c := range clients {
		if err := pr.step(); err != nil {
			return err
		}
		archived := "no"
		if c.Archived {
			archived = "yes"
		}
		cw.Write([]string{c.Name, c.Company, c.Email, c.Phone, c.Address.Lines, c.Address.Postcode, c.Address.City,
			c.Address.Country, c.Salutation, c.Since.String(), money(c.YearlyIncome), strconv.Itoa(c.Referrals),
			money(c.ReferralIncome), c.Status.Label(), c.Notes, archived})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", data.Classify(err))
	}
	pr.report.Report(pr.done, pr.total)
	return nil
}

func money(cents int64) string {
	if cents == 0 {
		return ""
	}
	return data.FormatMoney(cents, "")
}

// allClients lists every client, archived ones after the others.
func allClients(ctx context.Context, db *data.DB) ([]data.Client, error) {
	var out []data.Client
	for _, archived := range []bool{false, true} {
		f := data.ClientFilter{Archived: archived}
		n, err := db.CountClients(ctx, f)
		if err != nil {
			return nil, err
		}
		cs, err := db.ListClients(ctx, f, 0, n)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}
