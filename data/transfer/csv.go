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

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/amends/amends/data"
)

// MaxImportSize is the largest file the CSV and vCard import read (256 MiB): far more
// than any address book (300,000 clients fit in about 60 MB), small enough not to
// exhaust memory on a wrong file.
const MaxImportSize = 256 << 20

// Encodings a CSV file can be read in; "" finds it: UTF-8 (with or without a byte-order
// mark), UTF-16 with a byte-order mark, else Windows-1252 (which Excel writes on Western
// European Windows, and which reads Latin-1 files too).
const (
	EncodingAuto        = ""
	EncodingUTF8        = "UTF-8"
	EncodingWindows1252 = "Windows-1252"
	EncodingLatin1      = "ISO-8859-1"
	EncodingUTF16       = "UTF-16"
)

// Encodings lists the encodings the preview offers (EncodingAuto first).
func Encodings() []string {
	return []string{EncodingAuto, EncodingUTF8, EncodingWindows1252, EncodingLatin1}
}

// CSVOptions change how a CSV file is read; the zero value finds everything itself.
type CSVOptions struct {
	Encoding  string        // one of the Encoding constants
	Separator rune          // ',', ';' or '\t'; 0 finds it from the header
	Fields    map[int]Field // column index -> field, in place of what the header says
}

// Column is one column of a CSV file and where it goes: the preview shows them, and
// the user can send a column elsewhere (CSVOptions.Fields).
type Column struct {
	Index  int
	Header string
	Field  Field  // FieldNone: not imported
	Group  string // which of several addresses its part belongs to ("1", "business")
	Filled int    // rows with a value in it
	Sample string // its first value, for the preview
}

// ReadCSV reads clients from a spreadsheet's CSV, finding the encoding, separator and
// columns itself (see ReadCSVWith).
func ReadCSV(r io.Reader) (*ClientFile, error) { return ReadCSVWith(r, CSVOptions{}) }

// ReadCSVWith reads clients from a spreadsheet's CSV as programs write them: a header
// row (Amends' own, Google Contacts', Outlook's, or a spreadsheet's with English or
// German headers); UTF-8 with or without a byte-order mark, UTF-16, or Windows-1252 /
// Latin-1; comma, semicolon or tab (found from the header, or Excel's "sep=" line);
// quoted fields may hold separators and line breaks. Names are put together from first,
// middle and last names where there is no full name. Rows that cannot be imported are
// listed with their row number, field and reason; columns that go nowhere are listed in
// Columns. The error is for files that cannot be read at all.
func ReadCSVWith(r io.Reader, o CSVOptions) (*ClientFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("read CSV: %w", err)
	}
	return ReadCSVBytes(b, o)
}

// ReadCSVBytes is ReadCSVWith on a file already in memory (the preview keeps it, to
// read it again with other choices). The file is read once to find its columns and
// problems; its clients are read again from b each time they are asked for (Each), so
// that a large file is never held as clients: b must not change while f is in use.
func ReadCSVBytes(b []byte, o CSVOptions) (*ClientFile, error) {
	if len(b) > MaxImportSize {
		return nil, fmt.Errorf("%w: the file is larger than %d MB; is it really a list of clients?", ErrBadFile, MaxImportSize>>20)
	}
	enc, text, err := decodeText(b, o.Encoding)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrBadFile)
	}
	sep := o.Separator
	// Excel's "sep=;" line names the separator.
	if first, rest, _ := bytes.Cut(text, []byte("\n")); len(first) >= 5 && strings.EqualFold(string(first[:4]), "sep=") && len(bytes.TrimRight(first, "\r")) == 5 {
		if sep == 0 {
			sep = rune(first[4])
		}
		text = rest
	}
	if sep == 0 {
		sep = detectSeparator(text)
	}
	if sep != ',' && sep != ';' && sep != '\t' {
		return nil, fmt.Errorf("%w: the separator %q is not one Amends reads; use comma, semicolon or tab", ErrBadFile, sep)
	}
	f := &ClientFile{Kind: "CSV", Encoding: enc, Separator: sep,
		Note: "separator: " + separatorName(sep) + "; encoding: " + enc}
	var nHeader int
	err = csvRows(text, sep, func(header []string) error {
		nHeader = len(header)
		f.Columns = mapColumns(header, o.Fields)
		return checkColumns(f.Columns)
	}, func(row int, rec []string) error {
		if len(rec) > nHeader && !blank(rec[nHeader:]) {
			f.Problems = append(f.Problems, RowError{Row: row, Msg: fmt.Sprintf("%d fields, but the header names %d", len(rec), nHeader)})
			return nil
		}
		for i := range f.Columns {
			if col := &f.Columns[i]; col.Index < len(rec) && strings.TrimSpace(rec[col.Index]) != "" {
				if col.Filled == 0 {
					col.Sample = strings.TrimSpace(unneutralise(rec[col.Index]))
				}
				col.Filled++
			}
		}
		if _, perr := clientFromFields(recordFields(f.Columns, rec)); perr != nil {
			perr.Row = row
			if col := columnOf(f.Columns, perr.Field); col != nil {
				perr.Field = col.Header
			}
			f.Problems = append(f.Problems, *perr)
			return nil
		}
		f.Count++
		return nil
	})
	if err != nil {
		return nil, err
	}
	cols := f.Columns
	f.each = func(fn func(Incoming) error) error {
		return csvRows(text, sep, func([]string) error { return nil }, func(row int, rec []string) error {
			if len(rec) > nHeader && !blank(rec[nHeader:]) {
				return nil
			}
			c, perr := clientFromFields(recordFields(cols, rec))
			if perr != nil {
				return nil // listed in Problems by the first reading
			}
			return fn(Incoming{Row: row, Client: c})
		})
	}
	return f, nil
}

// csvRows reads text as CSV: the header row to header, then every row that is not
// blank to row with its number (the header is row 1).
func csvRows(text []byte, sep rune, header func([]string) error, row func(int, []string) error) error {
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	h, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%w: the header row cannot be read: %v", ErrBadFile, err)
	}
	if err := header(append([]string(nil), h...)); err != nil {
		return err
	}
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("%w: row %d (line %d) is not valid CSV: %v", ErrBadFile, n, pe.Line, pe.Err)
			}
			return fmt.Errorf("%w: row %d: %v", ErrBadFile, n, err)
		}
		if blank(rec) {
			continue
		}
		if err := row(n, rec); err != nil {
			return err
		}
	}
}

// decodeText turns the file's bytes into text in the encoding asked for, or the one it
// finds, and says which that was.
func decodeText(b []byte, enc string) (string, []byte, error) {
	if enc == EncodingAuto {
		switch {
		case bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}):
			enc = EncodingUTF16
		case utf8.Valid(b):
			enc = EncodingUTF8
		default:
			enc = EncodingWindows1252
		}
	}
	var dec *encoding.Decoder
	switch enc {
	case EncodingUTF8:
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(b) {
			return enc, nil, fmt.Errorf("%w: the file is not UTF-8 text; choose its encoding (Windows-1252 for most files from Excel)", ErrBadFile)
		}
		return enc, b, nil // read in place: a large file is not copied
	case EncodingUTF16:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case EncodingWindows1252:
		dec = charmap.Windows1252.NewDecoder()
	case EncodingLatin1:
		dec = charmap.ISO8859_1.NewDecoder()
	default:
		return enc, nil, fmt.Errorf("encoding %q: use %s, %s or %s", enc, EncodingUTF8, EncodingWindows1252, EncodingLatin1)
	}
	out, err := dec.Bytes(b)
	if err != nil {
		return enc, nil, fmt.Errorf("%w: the file cannot be read as %s: %v", ErrBadFile, enc, err)
	}
	return enc, bytes.TrimPrefix(out, []byte("\ufeff")), nil
}

func separatorName(sep rune) string {
	return map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}[sep]
}

// mapColumns says where each column goes: the user's choice, else what its header means.
// A German "Name" beside "Vorname" (and no "Nachname") is the family name.
func mapColumns(header []string, chosen map[int]Field) []Column {
	cols := make([]Column, len(header))
	hasFirst, hasLast := false, false
	for i, h := range header {
		f, g := classifyHeader(h)
		cols[i] = Column{Index: i, Header: strings.TrimSpace(h), Field: f, Group: g}
		hasFirst = hasFirst || f == FieldFirst
		hasLast = hasLast || f == FieldLast
	}
	for i := range cols {
		if hasFirst && !hasLast && cols[i].Field == FieldName && normHeader(cols[i].Header) == "name" && germanHeader(header) {
			cols[i].Field = FieldLast
		}
		if f, ok := chosen[i]; ok {
			cols[i].Field, cols[i].Group = f, ""
		}
	}
	return cols
}

func germanHeader(header []string) bool {
	for _, h := range header {
		if normHeader(h) == "vorname" {
			return true
		}
	}
	return false
}

// checkColumns refuses a file none of whose columns name the clients.
func checkColumns(cols []Column) error {
	for _, c := range cols {
		switch c.Field {
		case FieldName, FieldFirst, FieldLast, FieldCompany:
			return nil
		}
	}
	return fmt.Errorf("%w: no column with the clients' names; the first row must name the columns, e.g. Name;Company;Email", ErrBadFile)
}

func columnOf(cols []Column, f string) *Column {
	for i := range cols {
		if string(cols[i].Field) == f {
			return &cols[i]
		}
	}
	return nil
}

// recordFields reads a row's values by field: the first filled column of a field wins,
// except address lines, which are joined; the parts of an address are all taken from the
// first address (group) that has any.
func recordFields(cols []Column, rec []string) func(string) string {
	vals := map[Field]string{}
	groupOf := ""
	chosen := false
	for _, c := range cols {
		if c.Field == FieldNone || c.Index >= len(rec) {
			continue
		}
		v := strings.TrimSpace(unneutralise(rec[c.Index]))
		if v == "" {
			continue
		}
		if isAddressPart(c.Field) {
			if !chosen {
				groupOf, chosen = c.Group, true
			}
			if c.Group != groupOf {
				continue
			}
			if c.Field == FieldAddress && vals[FieldAddress] != "" {
				vals[FieldAddress] += "\n" + v
				continue
			}
		}
		if c.Field == FieldEmail {
			// Google writes several addresses in one cell: "a@x.com ::: b@y.com".
			v, _, _ = strings.Cut(v, " ::: ")
			v = strings.TrimSpace(v)
		}
		if vals[c.Field] == "" {
			vals[c.Field] = v
		}
	}
	if vals[FieldAddress] == "" {
		vals[FieldAddress] = vals[FieldWholeAddress]
	}
	if vals[FieldRegion] != "" {
		if vals[FieldCity] != "" {
			vals[FieldCity] += ", " + vals[FieldRegion]
		} else {
			vals[FieldCity] = vals[FieldRegion]
		}
	}
	if vals[FieldName] == "" {
		vals[FieldName] = strings.Join(strings.Fields(strings.Join([]string{vals[FieldTitle], vals[FieldFirst], vals[FieldMiddle], vals[FieldLast], vals[FieldSuffix]}, " ")), " ")
	}
	if vals[FieldName] == "" {
		vals[FieldName] = vals[FieldCompany] // an organisation's card
	}
	return func(h string) string { return vals[Field(h)] }
}

func isAddressPart(f Field) bool {
	switch f {
	case FieldAddress, FieldWholeAddress, FieldPostcode, FieldCity, FieldRegion, FieldCountry:
		return true
	}
	return false
}

// formulaStart tells the characters that make a spreadsheet read a cell as a formula
// (OWASP's list for CSV injection).
func formulaStart(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// plainNumber reports whether s is only a number as people write phone numbers and
// amounts ("+49 30 123", "-12.50", "(030) 123-45"): no spreadsheet runs that.
func plainNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+-() ./", r):
		default:
			return false
		}
	}
	return digits > 0
}

// neutralise makes a cell that a spreadsheet would run as a formula plain text, with a
// leading apostrophe (as OWASP recommends); plain numbers stay as they are.
func neutralise(s string) string {
	if formulaStart(s) && !plainNumber(s) || strings.HasPrefix(s, "'") && formulaStart(s[1:]) {
		return "'" + s // the second case keeps a value that began with the apostrophe itself
	}
	return s
}

// unneutralise undoes neutralise: a cell of our own export reads back as it was.
func unneutralise(s string) string {
	if strings.HasPrefix(s, "'") && (formulaStart(s[1:]) || strings.HasPrefix(s[1:], "'") && formulaStart(s[2:])) {
		return s[1:]
	}
	return s
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
func detectSeparator(text []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(text[:min(len(text), 64<<10)]) {
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
// with a byte-order mark so spreadsheets read accents right, comma-separated. A cell
// that would start a formula (=, +, -, @, tab, carriage return) begins with an
// apostrophe, unless it is a plain number such as a phone number; ReadCSV takes it off.
// opts.Progress is told the clients written; a cancelled ctx stops it between clients.
func WriteCSV(ctx context.Context, db *data.DB, w io.Writer, opts ExportOptions) error {
	clients, err := allClients(ctx, db)
	if err != nil {
		return err
	}
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	var header []string
	for _, f := range exportFields {
		header = append(header, string(f))
	}
	cw.Write(header)
	row := make([]string, len(exportFields))
	pr := &counter{ctx: ctx, total: len(clients), report: opts.Progress}
	for _, c := range clients {
		if err := pr.step(); err != nil {
			return err
		}
		archived := "no"
		if c.Archived {
			archived = "yes"
		}
		for i, v := range []string{c.Name, c.Company, c.Email, c.Phone, c.Address.Lines, c.Address.Postcode, c.Address.City,
			c.Address.Country, c.Salutation, c.Since.String(), money(c.YearlyIncome), strconv.Itoa(c.Referrals),
			money(c.ReferralIncome), c.Status.Label(), c.Notes, archived} {
			row[i] = neutralise(v) // a spreadsheet opening the file runs no formula
		}
		cw.Write(row)
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
