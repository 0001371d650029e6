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
	Kind     string // "CSV" or "vCard"
	Clients  []Incoming
	Problems []RowError
	Ignored  []string // columns or vCard fields that Amends does not keep
	Note     string   // e.g. "separator: semicolon"
}

// ImportClients stores the clients of f in one transaction: all of them or none. Rows
// with problems were already left out (they are in f.Problems). A client that matches one
// already in the database, or an earlier one in the same file (same email, or same name
// and company), is not added again: with opts.Merge, fields that are empty in the
// existing client are filled from the file (nothing is overwritten); otherwise it is
// skipped. The report lists every skipped and merged row.
func ImportClients(ctx context.Context, db *data.DB, f *ClientFile, opts ImportOptions) (Report, error) {
	rep := Report{Problems: append([]RowError(nil), f.Problems...)}
	now := db.Now().UTC()
	pr := &counter{ctx: ctx, total: len(f.Clients), report: opts.Progress}
	pr.report.Report(0, pr.total)
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		imported, skipped := 0, len(f.Problems)
		for _, in := range f.Clients {
			if err := pr.step(); err != nil {
				return err
			}
			c := in.Client
			d, found, err := findDuplicate(ctx, tx, c.Name, c.Company, c.Email)
			if err != nil {
				return err
			}
			if found {
				d.Row, d.Merged = in.Row, opts.Merge
				rep.Duplicates = append(rep.Duplicates, d)
				skipped++
				if opts.Merge {
					if err := fillEmpty(ctx, tx, d.ExistingID, c, now); err != nil {
						return fmt.Errorf("row %d: merge into client %d: %w", in.Row, d.ExistingID, err)
					}
				}
				continue
			}
			c.Created, c.Updated = now, now
			if c.StatusChanged.IsZero() {
				c.StatusChanged = now
			}
			if _, err := data.InsertClientTx(ctx, tx, c); err != nil {
				var fe *data.FieldError
				if errors.As(err, &fe) {
					return fmt.Errorf("%w: %v", ErrBadFile, RowError{Row: in.Row, Field: fe.Field, Msg: fe.Msg})
				}
				return fmt.Errorf("row %d: %w", in.Row, err)
			}
			imported++
		}
		rep.add("clients", imported, skipped)
		pr.report.Report(pr.done, pr.total)
		return opts.finish()
	})
	return rep, importResult(err)
}

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

// dedupeFile reports clients of the same file that match an earlier one, and leaves them out.
func dedupeFile(f *ClientFile) {
	byEmail, byName := map[string]int{}, map[string]int{}
	var keep []Incoming
	for _, in := range f.Clients {
		e := strings.ToLower(strings.TrimSpace(in.Client.Email))
		n := strings.ToLower(strings.TrimSpace(in.Client.Name)) + "\x00" + strings.ToLower(strings.TrimSpace(in.Client.Company))
		if r, ok := byEmail[e]; ok && e != "" {
			f.Problems = append(f.Problems, RowError{Row: in.Row, Field: "Email", Msg: fmt.Sprintf("same email as row %d; only the first is imported", r)})
			continue
		}
		if r, ok := byName[n]; ok {
			f.Problems = append(f.Problems, RowError{Row: in.Row, Field: "Name", Msg: fmt.Sprintf("same name and company as row %d; only the first is imported", r)})
			continue
		}
		if e != "" {
			byEmail[e] = in.Row
		}
		byName[n] = in.Row
		keep = append(keep, in)
	}
	f.Clients = keep
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
