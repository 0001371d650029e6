package transfer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/quotedprintable"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/amends/amends/data"
)

// Amends reads and writes vCards itself. The library it used before
// (github.com/emersion/go-vcard) unfolds long lines by appending to a string, which is
// quadratic: an Apple Contacts card with a 4 MB photo took two minutes and 147 MB. It
// also reads no vCard 2.1 (quoted-printable, CHARSET, bare TYPE parameters, as Outlook
// writes them) and does not escape ';' inside N, ORG and ADR when writing. Here lines are
// unfolded into one growing buffer, in one pass.

// vCard properties Amends reads; others are listed in ClientFile.Ignored. X-AMENDS-*
// are Amends' own fields, which its export writes so that a round trip keeps them.
var vcardUsed = map[string]bool{
	"BEGIN": true, "END": true, "VERSION": true, "FN": true, "N": true, "ORG": true, "EMAIL": true,
	"TEL": true, "ADR": true, "NOTE": true, "UID": true, "PRODID": true, "REV": true, "KIND": true,
	xSalutation: true, xSince: true, xIncome: true, xReferrals: true, xReferralIncome: true, xStatus: true, xArchived: true,
}

const (
	xSalutation     = "X-AMENDS-SALUTATION"
	xSince          = "X-AMENDS-CLIENT-SINCE"
	xIncome         = "X-AMENDS-YEARLY-INCOME"
	xReferrals      = "X-AMENDS-REFERRALS"
	xReferralIncome = "X-AMENDS-REFERRAL-INCOME"
	xStatus         = "X-AMENDS-STATUS"
	xArchived       = "X-AMENDS-ARCHIVED"
)

// vprop is one property of a card: its name (upper case, without group), parameters
// (upper-case names; a bare 2.1 parameter such as WORK is a TYPE) and raw value.
type vprop struct {
	name   string
	params map[string][]string
	value  string // decoded from quoted-printable and its CHARSET; still escaped
}

func (p vprop) has(param, value string) bool {
	for _, v := range p.params[param] {
		if strings.EqualFold(v, value) {
			return true
		}
	}
	return false
}

// preferred is TYPE=pref (3.0), PREF=1 (4.0) or a bare PREF (2.1).
func (p vprop) preferred() bool {
	if p.has("TYPE", "pref") {
		return true
	}
	if v := p.params["PREF"]; len(v) > 0 {
		n, err := strconv.Atoi(v[0])
		return err != nil || n == 1
	}
	return false
}

type vcard struct {
	version string
	props   []vprop
}

// pick is the preferred property called name, else the first; ok is false when there is none.
func (c *vcard) pick(name string) (vprop, bool) {
	var first *vprop
	for i := range c.props {
		p := &c.props[i]
		if p.name != name {
			continue
		}
		if p.preferred() {
			return *p, true
		}
		if first == nil {
			first = p
		}
	}
	if first == nil {
		return vprop{}, false
	}
	return *first, true
}

func (c *vcard) text(name string) string {
	p, ok := c.pick(name)
	if !ok {
		return ""
	}
	return unescapeText(p.value)
}

// ReadVCard reads clients from a vCard file (2.1, 3.0 or 4.0, one or many cards), as
// address books export them: folded lines, quoted-printable values and CHARSET
// parameters (vCard 2.1), photos of any size. Cards that cannot be imported are listed
// with their number and why.
func ReadVCard(r io.Reader) (*ClientFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("read vCard: %w", err)
	}
	if len(b) > MaxImportSize {
		return nil, fmt.Errorf("%w: the file is larger than %d MB; is it really an address book?", ErrBadFile, MaxImportSize>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !bytes.Contains(bytes.ToUpper(b[:min(len(b), 4096)]), []byte("BEGIN:VCARD")) {
		return nil, fmt.Errorf("%w: it is not a vCard file (no BEGIN:VCARD)", ErrBadFile)
	}
	cards, err := parseVCards(b)
	if err != nil {
		return nil, err
	}
	f := &ClientFile{Kind: "vCard"}
	ignored := map[string]int{}
	var ok []int // the cards that can be imported
	for i, card := range cards {
		n := i + 1
		switch card.version {
		case "2.1", "3.0", "4.0", "":
		default:
			f.Problems = append(f.Problems, RowError{Row: n, Field: "VERSION", Msg: fmt.Sprintf("vCard %s is not one Amends reads; export as vCard 2.1, 3.0 or 4.0", card.version)})
			continue
		}
		seen := map[string]bool{}
		for _, p := range card.props {
			if !vcardUsed[p.name] && !seen[p.name] {
				seen[p.name] = true
				ignored[p.name]++
			}
		}
		if _, perr := clientFromCard(&card); perr != nil {
			perr.Row = n
			f.Problems = append(f.Problems, *perr)
			continue
		}
		ok = append(ok, i)
	}
	f.Count = len(ok)
	f.each = func(fn func(Incoming) error) error {
		for _, i := range ok {
			c, _ := clientFromCard(&cards[i])
			if err := fn(Incoming{Row: i + 1, Client: c}); err != nil {
				return err
			}
		}
		return nil
	}
	names := make([]string, 0, len(ignored))
	for k := range ignored {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		f.Ignored = append(f.Ignored, fmt.Sprintf("%s (%s)", k, plural(ignored[k], "card", "cards")))
	}
	return f, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// parseVCards splits b into cards and their unfolded, decoded properties, in one pass.
func parseVCards(b []byte) ([]vcard, error) {
	var cards []vcard
	var cur *vcard
	var line []byte // the logical line being unfolded
	lineNo, start := 0, 0
	flush := func() error {
		if len(bytes.TrimSpace(line)) == 0 {
			return nil
		}
		p, err := parseProperty(line)
		if err != nil {
			return fmt.Errorf("%w: line %d: %v", ErrBadFile, start, err)
		}
		switch {
		case p.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD"):
			if cur != nil {
				return fmt.Errorf("%w: line %d: a card begins inside card %d (no END:VCARD before it)", ErrBadFile, start, len(cards)+1)
			}
			cur = &vcard{}
		case p.name == "END" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD"):
			if cur == nil {
				return fmt.Errorf("%w: line %d: END:VCARD without BEGIN:VCARD", ErrBadFile, start)
			}
			cards = append(cards, *cur)
			cur = nil
		case cur == nil:
			// Text between cards: ignored, as address books do.
		case p.name == "VERSION":
			cur.version = strings.TrimSpace(p.value)
		default:
			cur.props = append(cur.props, p)
		}
		return nil
	}
	for len(b) > 0 {
		lineNo++
		var l []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			l, b = b[:i], b[i+1:]
		} else {
			l, b = b, nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case len(l) > 0 && (l[0] == ' ' || l[0] == '\t') && len(line) > 0:
			line = append(line, l[1:]...) // a folded line goes on
		case len(line) > 0 && line[len(line)-1] == '=' && quotedPrintable(line):
			line = append(line[:len(line)-1], l...) // a quoted-printable soft line break
		default:
			if err := flush(); err != nil {
				return nil, err
			}
			line = append(line[:0], l...)
			start = lineNo
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if cur != nil {
		return nil, fmt.Errorf("%w: card %d has no END:VCARD: the file is cut short", ErrBadFile, len(cards)+1)
	}
	return cards, nil
}

// quotedPrintable reports whether the logical line's parameters say its value is
// quoted-printable (vCard 2.1: ENCODING=QUOTED-PRINTABLE or a bare QUOTED-PRINTABLE).
func quotedPrintable(line []byte) bool {
	head, _, ok := bytes.Cut(line, []byte(":"))
	return ok && bytes.Contains(bytes.ToUpper(head), []byte("QUOTED-PRINTABLE"))
}

// parseProperty reads "group.NAME;PARAM=a,b;BARE:value".
func parseProperty(line []byte) (vprop, error) {
	// The colon that ends the name and parameters is the first one outside quotes.
	colon, quoted := -1, false
	for i, c := range line {
		if c == '"' {
			quoted = !quoted
		} else if c == ':' && !quoted {
			colon = i
			break
		}
	}
	if colon < 0 {
		return vprop{}, fmt.Errorf("%q has no ':'", truncate(string(line), 40))
	}
	head, raw := string(line[:colon]), line[colon+1:]
	parts := splitUnquoted(head, ';')
	name := strings.ToUpper(strings.TrimSpace(parts[0]))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // item1.EMAIL: Apple's groups
	}
	if name == "" {
		return vprop{}, fmt.Errorf("%q has no property name", truncate(string(line), 40))
	}
	p := vprop{name: name, params: map[string][]string{}}
	for _, kv := range parts[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			k, v = "TYPE", kv // vCard 2.1: TEL;WORK;VOICE
			switch strings.ToUpper(kv) {
			case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT":
				k = "ENCODING"
			}
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		for _, x := range splitUnquoted(v, ',') {
			p.params[k] = append(p.params[k], strings.Trim(strings.TrimSpace(x), `"`))
		}
	}
	if p.has("ENCODING", "QUOTED-PRINTABLE") {
		dec, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		if err != nil {
			// Address books write sloppy quoted-printable; what cannot be decoded stays.
			dec = raw
		}
		raw = dec
	}
	if p.name == "PHOTO" || p.name == "LOGO" || p.name == "SOUND" || p.name == "KEY" {
		return p, nil // never used: not decoded
	}
	v, err := decodeCharset(raw, p.params["CHARSET"])
	if err != nil {
		return vprop{}, err
	}
	p.value = v
	return p, nil
}

// decodeCharset turns a value's bytes into text: in its CHARSET, else UTF-8, else (for
// files from old Windows programs) Windows-1252.
func decodeCharset(raw []byte, charset []string) (string, error) {
	if len(charset) > 0 && !strings.EqualFold(charset[0], "utf-8") {
		enc, err := htmlindex.Get(charset[0])
		if err != nil {
			return "", fmt.Errorf("CHARSET=%s is not a character set Amends knows", charset[0])
		}
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("the value is not %s text: %v", charset[0], err)
		}
		return string(out), nil
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("the value is neither UTF-8 nor Windows-1252 text")
	}
	return string(out), nil
}

// splitUnquoted splits s at sep outside double quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	quoted, from := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == sep && !quoted:
			out = append(out, s[from:i])
			from = i + 1
		}
	}
	return append(out, s[from:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// unescapeText undoes vCard text escaping: \n, \N, \, \; and \\.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i]) // \, \; \\ and anything else escaped
		}
	}
	return b.String()
}

// components splits a structured value (N, ADR, ORG) at unescaped ';' and unescapes each part.
func components(s string) []string {
	var out []string
	from := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			out = append(out, unescapeText(s[from:i]))
			from = i + 1
		}
	}
	return append(out, unescapeText(s[from:]))
}

func part(parts []string, i int) string {
	if i < len(parts) {
		return strings.TrimSpace(parts[i])
	}
	return ""
}

func clientFromCard(card *vcard) (data.Client, *RowError) {
	get := map[Field]string{}
	get[FieldName] = strings.TrimSpace(card.text("FN"))
	if get[FieldName] == "" {
		if p, ok := card.pick("N"); ok {
			n := components(p.value) // family; given; additional; prefix; suffix
			get[FieldName] = strings.Join(strings.Fields(strings.Join([]string{part(n, 3), part(n, 1), part(n, 2), part(n, 0), part(n, 4)}, " ")), " ")
		}
	}
	if p, ok := card.pick("ORG"); ok {
		get[FieldCompany] = part(components(p.value), 0)
	}
	if get[FieldName] == "" {
		get[FieldName] = get[FieldCompany]
	}
	get[FieldEmail] = card.text("EMAIL")
	tel := strings.TrimSpace(card.text("TEL"))
	get[FieldPhone] = strings.TrimPrefix(tel, "tel:")
	if p, ok := card.pick("ADR"); ok {
		a := components(p.value) // PO box; extended; street; locality; region; postcode; country
		var lines []string
		for _, l := range []string{part(a, 0), part(a, 1), part(a, 2)} {
			if l != "" {
				lines = append(lines, l)
			}
		}
		get[FieldAddress] = strings.Join(lines, "\n")
		get[FieldPostcode], get[FieldCity], get[FieldCountry] = part(a, 5), part(a, 3), part(a, 6)
		if r := part(a, 4); r != "" {
			if get[FieldCity] != "" {
				get[FieldCity] += ", " + r
			} else {
				get[FieldCity] = r
			}
		}
	}
	get[FieldNotes] = card.text("NOTE")
	for f, x := range map[Field]string{FieldSalutation: xSalutation, FieldSince: xSince, FieldYearlyIncome: xIncome,
		FieldReferrals: xReferrals, FieldReferralIncome: xReferralIncome, FieldStatus: xStatus, FieldArchived: xArchived} {
		get[f] = card.text(x)
	}
	return clientFromFields(func(h string) string { return strings.TrimSpace(get[Field(h)]) })
}

// WriteVCard writes every client as a vCard of the given version ("3.0" or "4.0"), with
// Amends' own fields as X-AMENDS-* properties, so that importing the file again gives the
// same clients. opts.Progress is told the clients written; a cancelled ctx stops it
// between clients.
func WriteVCard(ctx context.Context, db *data.DB, w io.Writer, version string, opts ExportOptions) error {
	if version != "3.0" && version != "4.0" {
		return fmt.Errorf("vCard version %q: use 3.0 or 4.0", version)
	}
	clients, err := allClients(ctx, db)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	pr := &counter{ctx: ctx, total: len(clients), report: opts.Progress}
	for _, c := range clients {
		if err := pr.step(); err != nil {
			return err
		}
		writeCard(bw, c, version)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write vCard: %w", data.Classify(err))
	}
	pr.report.Report(pr.done, pr.total)
	return nil
}

func writeCard(w *bufio.Writer, c data.Client, version string) {
	line := func(name, value string) { writeFolded(w, name+":"+value) }
	line("BEGIN", "VCARD")
	line("VERSION", version)
	line("FN", escapeText(c.Name))
	// N is required in 3.0: the last word is taken as the family name.
	given, family := "", c.Name
	if i := strings.LastIndex(c.Name, " "); i > 0 {
		given, family = c.Name[:i], c.Name[i+1:]
	}
	line("N", escapeText(family)+";"+escapeText(given)+";;;")
	if version == "4.0" {
		kind := "individual"
		if c.Company != "" && c.Company == c.Name {
			kind = "org"
		}
		line("KIND", kind)
	}
	if c.Company != "" {
		line("ORG", escapeText(c.Company))
	}
	if c.Email != "" {
		line("EMAIL", escapeText(c.Email))
	}
	if c.Phone != "" {
		line("TEL", escapeText(c.Phone))
	}
	if c.Address != (data.Address{}) {
		line("ADR", ";;"+escapeText(c.Address.Lines)+";"+escapeText(c.Address.City)+";;"+escapeText(c.Address.Postcode)+";"+escapeText(c.Address.Country))
	}
	if c.Notes != "" {
		line("NOTE", escapeText(c.Notes))
	}
	if c.Salutation != "" {
		line(xSalutation, escapeText(c.Salutation))
	}
	if !c.Since.IsZero() {
		line(xSince, c.Since.String())
	}
	if c.YearlyIncome != 0 {
		line(xIncome, escapeText(money(c.YearlyIncome)))
	}
	if c.Referrals != 0 {
		line(xReferrals, strconv.Itoa(c.Referrals))
	}
	if c.ReferralIncome != 0 {
		line(xReferralIncome, escapeText(money(c.ReferralIncome)))
	}
	line(xStatus, escapeText(c.Status.Label()))
	if c.Archived {
		line(xArchived, "yes")
	}
	line("END", "VCARD")
}

// escapeText escapes a text value, or one part of a structured value: \, ; , and line breaks.
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`, ",", `\,`, ";", `\;`)
	return r.Replace(s)
}

// writeFolded writes a content line folded at 75 octets (RFC 6350), never inside a
// UTF-8 character, ending in CRLF.
func writeFolded(w *bufio.Writer, l string) {
	const max = 75
	for first := true; ; first = false {
		room := max
		if !first {
			room = max - 1
			w.WriteByte(' ')
		}
		if len(l) <= room {
			w.WriteString(l)
			w.WriteString("\r\n")
			return
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.WriteString(l[:cut])
		w.WriteString("\r\n")
		l = l[cut:]
	}
}
