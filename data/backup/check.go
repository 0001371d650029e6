package backup

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/amends/amends/data"
)

// Report is what Check found in a database file.
type Report struct {
	Schema      int
	Tables      map[string]int
	Integrity   []string // integrity_check findings; none when sound
	ForeignKeys []string // rows pointing at records that do not exist
}

// OK reports whether nothing is wrong.
func (r Report) OK() bool { return len(r.Integrity) == 0 && len(r.ForeignKeys) == 0 }

// Check runs integrity_check and foreign_key_check on the file at path, read-only.
func Check(ctx context.Context, path string) (Report, error) {
	var r Report
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
	fmt.Fprintf(w, "%s: schema %d\n", path, r.Schema)
	names := make([]string, 0, len(r.Tables))
	for t := range r.Tables {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		fmt.Fprintf(w, "  %-20s %8d rows\n", t, r.Tables[t])
	}
	if len(r.Integrity) == 0 {
		fmt.Fprintln(w, "integrity: ok")
	} else {
		fmt.Fprintf(w, "integrity: %d problem(s)\n", len(r.Integrity))
		for _, p := range r.Integrity {
			fmt.Fprintln(w, "  "+p)
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
