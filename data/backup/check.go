package backup

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/amends/amends/data"
)

// Report is what Check found in a database file.
type Report struct {
	Schema      int
	Tables      map[string]int
	Integrity   []string // integrity_check findings; none when sound
	ForeignKeys []string // rows pointing at records that do not exist
	Empty       bool     // the file has no bytes: no database at all
	Journal     string   // why the journal beside the file is another file's ("" when fine)
}

// OK reports whether nothing is wrong.
func (r Report) OK() bool {
	return !r.Empty && r.Journal == "" && len(r.Integrity) == 0 && len(r.ForeignKeys) == 0
}

// Check runs integrity_check and foreign_key_check on the file at path, read-only. A
// journal beside it that belongs to another file is reported, and not read.
func Check(ctx context.Context, path string) (Report, error) {
	var r Report
	fi, err := os.Stat(path)
	if err != nil {
		return r, fmt.Errorf("check %q: %w", path, err)
	}
	if fi.IsDir() {
		return r, fmt.Errorf("check %q: %w: it is a folder", path, data.ErrNotAmends)
	}
	if fi.Size() == 0 {
		r.Empty = true
		return r, nil
	}
	if r.Journal, err = data.JournalProblem(path); err != nil {
		return r, fmt.Errorf("check %q: read the journal beside it: %w", path, err)
	}
	db, err := data.OpenReadOnly(path)
	if err != nil {
		return r, err
	}
	defer db.Close()
	if r.Integrity, err = data.Integrity(ctx, db, "integrity_check"); err != nil {
		return r, fmt.Errorf("check %q: %w", path, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&r.Schema); err != nil {
		return r, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return r, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return r, fmt.Errorf("check %q: %w", path, err)
		}
		r.ForeignKeys = append(r.ForeignKeys, fmt.Sprintf("%s row %v points at a missing %s record", table, rowid, parent))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("check %q: %w", path, err)
	}
	tables, err := data.UserTables(ctx, db)
	if err != nil {
		return r, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	r.Tables = map[string]int{}
	for _, t := range tables {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+data.QuoteIdent(t)).Scan(&n); err != nil {
			r.Integrity = append(r.Integrity, fmt.Sprintf("table %s cannot be read: %v", t, err))
			continue
		}
		r.Tables[t] = n
	}
	return r, nil
}

// Print writes the report as the command line shows it.
func (r Report) Print(w io.Writer, path string) {
	if r.Empty {
		fmt.Fprintf(w, "%s: the file is empty (0 bytes): it holds no Amends data\n", path)
		return
	}
	fmt.Fprintf(w, "%s: schema %d\n", path, r.Schema)
	names := make([]string, 0, len(r.Tables))
	for t := range r.Tables {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		fmt.Fprintf(w, "  %-20s %8d rows\n", t, r.Tables[t])
	}
	if r.Journal != "" {
		fmt.Fprintf(w, "journal: %s-wal belongs to another file (%s); Amends sets it aside, unapplied, when it next opens the file\n", path, r.Journal)
	}
	if len(r.Integrity) == 0 {
		fmt.Fprintln(w, "integrity: ok")
	} else {
		fmt.Fprintf(w, "integrity: damaged (%d problems); restore the newest good backup\n", len(r.Integrity))
		fmt.Fprintln(w, "  details for support:")
		for _, p := range r.Integrity {
			fmt.Fprintln(w, "    "+p)
		}
	}
	if len(r.ForeignKeys) == 0 {
		fmt.Fprintln(w, "references: ok")
	} else {
		fmt.Fprintf(w, "references: %d broken\n", len(r.ForeignKeys))
		for _, p := range r.ForeignKeys {
			fmt.Fprintln(w, "  "+p)
		}
	}
}
