package transfer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
)

// Incoming is one client read from a CSV or vCard file, with where it was in the file.
type Incoming struct {
	Row    int // CSV: the spreadsheet row (header is row 1); vCard: the card's number
	Client data.Client
}

// ClientFile is what was read from a CSV or vCard file: the clients that can be
// imported, the rows that cannot (and why), and anything in the file that is not used.
// It is the preview shown before anything is stored.
type ClientFile struct {
	Kind      string // "CSV" or "vCard"
	Count     int    // clients that can be imported
	Problems  []RowError
	Columns   []Column // CSV: every column and where it goes
	Ignored   []string // vCard: properties that Amends does not keep
	Note      string   // e.g. "separator: semicolon; encoding: UTF-8"
	Encoding  string   // CSV: the encoding it was read in
	Separator rune     // CSV: the separator it was read with
	// each reads the clients that can be imported, in file order, from the file again.
	each func(fn func(Incoming) error) error
}

// Each calls fn with every client of the file that can be imported, in file order,
// reading them from the file again (a large file is never held as clients). It stops
// at fn's first error and returns it.
func (f *ClientFile) Each(fn func(Incoming) error) error {
	if f.each == nil {
		return nil
	}
	return f.each(fn)
}

// Clients reads every client of the file that can be imported, for a small file.
func (f *ClientFile) Clients() []Incoming {
	out := make([]Incoming, 0, f.Count)
	f.Each(func(in Incoming) error { out = append(out, in); return nil })
	return out
}

// Unmapped lists the columns (CSV) or properties (vCard) that go nowhere and hold
// something, with how many rows have a value: what the import leaves out.
func (f *ClientFile) Unmapped() []string {
	var out []string
	for _, c := range f.Columns {
		if c.Field == FieldNone && c.Filled > 0 {
			out = append(out, fmt.Sprintf("%q (%d with a value)", c.Header, c.Filled))
		}
	}
	return append(out, f.Ignored...)
}

// Mapping says in one line per column where each went, for the command line.
func (f *ClientFile) Mapping() string {
	var b strings.Builder
	for _, c := range f.Columns {
		to := string(c.Field)
		if c.Field == FieldNone {
			to = "(not imported)"
		} else if c.Group != "" {
			to += " (address " + c.Group + ")"
		}
		fmt.Fprintf(&b, "  %-28s -> %s", fmt.Sprintf("%q", c.Header), to)
		if c.Filled == 0 {
			b.WriteString(", empty")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ImportClients stores the clients of f in one transaction: all of them or none. Rows
// with problems were already left out (they are in f.Problems). Every client of the file
// is imported, also two that share an email or a name (the store keeps such clients
// apart, and so does a round trip), except one that matches a client already in the
// database (the same person: see dupIndex): with opts.Merge, fields that are empty in
// the existing client are filled from the file (nothing is overwritten); otherwise it
// is left as it is. The report lists every such row.
func ImportClients(ctx context.Context, db *data.DB, f *ClientFile, opts ImportOptions) (Report, error) {
	rep := Report{Problems: append([]RowError(nil), f.Problems...)}
	now := db.Now().UTC()
	pr := &counter{ctx: ctx, total: f.Count, report: opts.Progress}
	pr.report.Report(0, pr.total)
	// A large file goes in with the search index and counts rebuilt once at the end
	// (data.Bulk), which is several times faster than each row updating them; a few
	// clients are not worth rebuilding the index of a large file for.
	write := db.Tx
	if f.Count >= bulkImport {
		write = db.Bulk
	}
	err := write(ctx, func(tx *sql.Tx) error {
		dups, err := loadDupIndex(ctx, tx)
		if err != nil {
			return err
		}
		st := data.NewStmtCache(tx)
		defer st.Close()
		imported, skipped := 0, len(f.Problems)
		err = f.Each(func(in Incoming) error {
			if err := pr.step(); err != nil {
				return err
			}
			c := in.Client
			if d, found := dups.find(c.Name, c.Company, c.Email); found {
				d.Row, d.Merged = in.Row, opts.Merge
				rep.Duplicates = append(rep.Duplicates, d)
				skipped++
				if opts.Merge {
					if err := fillEmpty(ctx, tx, d.ExistingID, c, now); err != nil {
						return fmt.Errorf("row %d: merge into client %d: %w", in.Row, d.ExistingID, err)
					}
				}
				return nil
			}
			c.Created, c.Updated = now, now
			if c.StatusChanged.IsZero() {
				c.StatusChanged = now
			}
			if _, err := data.InsertClientTx(ctx, st, c); err != nil {
				var fe *data.FieldError
				if errors.As(err, &fe) {
					return fmt.Errorf("%w: %v", ErrBadFile, RowError{Row: in.Row, Field: fe.Field, Msg: fe.Msg})
				}
				return fmt.Errorf("row %d: %w", in.Row, err)
			}
			imported++
			return nil
		})
		if err != nil {
			return err
		}
		rep.add("clients", imported, skipped)
		pr.report.Report(pr.done, pr.total)
		return opts.finish()
	})
	return rep, importResult(err)
}

// bulkImport is the number of clients from which ImportClients rebuilds the search index
// once instead of row by row.
const bulkImport = 2000

// fillEmpty copies the fields of c into the existing client id where that client has them empty.
func fillEmpty(ctx context.Context, tx *sql.Tx, id int64, c data.Client, now time.Time) error {
	for _, f := range []struct{ col, val string }{
		{"company", c.Company}, {"email", c.Email}, {"phone", c.Phone}, {"address_lines", c.Address.Lines},
		{"postcode", c.Address.Postcode}, {"city", c.Address.City}, {"country", c.Address.Country},
		{"salutation", c.Salutation}, {"client_since", c.Since.String()}, {"notes", c.Notes},
	} {
		if strings.TrimSpace(f.val) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE clients SET `+f.col+` = ?, updated = ? WHERE id = ? AND `+f.col+` = ''`,
			f.val, now.Format("2006-01-02T15:04:05.000Z07:00"), id); err != nil {
			return err
		}
	}
	return nil
}

// dupIndex finds, for an incoming client, the client already in the database that is
// the same person: the same name (ignoring case and surrounding space) and the same email,
// or the same name and company where the emails do not differ. Two people who share an
// office address (info@…) are two clients; so are two John Smiths with their own
// emails. It is read once per import, so each row is a map look-up, not a scan.
type dupIndex struct {
	byName map[string][]existingClient
}

type existingClient struct {
	id                   int64
	name, company, email string // normalised
	shownName            string
}

func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func loadDupIndex(ctx context.Context, q data.Querier) (*dupIndex, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, company, email FROM clients ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("look for clients already here: %w", err)
	}
	defer rows.Close()
	ix := &dupIndex{byName: map[string][]existingClient{}}
	for rows.Next() {
		var e existingClient
		if err := rows.Scan(&e.id, &e.shownName, &e.company, &e.email); err != nil {
			return nil, fmt.Errorf("look for clients already here: %w", err)
		}
		e.name, e.company, e.email = norm(e.shownName), norm(e.company), norm(e.email)
		ix.byName[e.name] = append(ix.byName[e.name], e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look for clients already here: %w", err)
	}
	return ix, nil
}

// find returns the existing client that name, company and email describe, if any (the
// one with the lowest ID when several do).
func (ix *dupIndex) find(name, company, email string) (Duplicate, bool) {
	d := Duplicate{Name: name, Company: company, Email: email}
	n, c, e := norm(name), norm(company), norm(email)
	for _, x := range ix.byName[n] {
		switch {
		case e != "" && x.email == e:
			d.Reason = "same name and email"
		case (e == "" || x.email == "" || x.email == e) && x.company == c:
			d.Reason = "same name and company"
		default:
			continue
		}
		d.ExistingID, d.ExistingName = x.id, x.shownName
		return d, true
	}
	return d, false
}

// KindOf tells the import or export kind from a file name: "json", "csv", "vcard" or "".
func KindOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return "json"
	case ".csv", ".txt":
		return "csv"
	case ".vcf", ".vcard":
		return "vcard"
	}
	return ""
}

// WriteFile writes a new file through fn, whole or not at all (see atomicfile), so a
// failed export never leaves a half-written file under the chosen name. The file is
// private to the user (0600): it holds client data.
func WriteFile(path string, fn func(w io.Writer) error) error {
	if err := atomicfile.Write(path, 0o600, fn); err != nil {
		return data.Classify(err)
	}
	return nil
}
