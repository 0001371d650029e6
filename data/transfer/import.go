package transfer

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/data"
)

// ImportOptions tunes an import.
type ImportOptions struct {
	// Merge adds the records of an incoming client that matches an existing one
	// (same email, or same name and company) to the existing client's file; without it
	// such clients, and their records, are skipped and reported.
	Merge bool
	// DryRun does everything but commit: the report is the preview.
	DryRun bool
	// Progress is told the rows of the file handled so far of all of them. A cancelled
	// ctx stops the import between rows and rolls it back: nothing is stored.
	Progress data.Progress
}

// Duplicate is an incoming client that matches one already in the database.
type Duplicate struct {
	Row          int // row or record number in the file (1-based); 0 when not known
	Name         string
	Company      string
	Email        string
	ExistingID   int64
	ExistingName string
	Reason       string // "same email" or "same name and company"
	Merged       bool   // true: records added to the existing client; false: skipped
}

// TableCount says how many rows of one table were imported and skipped.
type TableCount struct {
	Table    string
	Imported int
	Skipped  int
	OfClient bool // the table holds records about clients (it refers to them, maybe through another table)
}

// Report is what an import did (or, for a dry run, would do).
type Report struct {
	SameIDs    bool // the database was empty, so every record kept its ID
	Tables     []TableCount
	Duplicates []Duplicate
	Skipped    []string // one line for each skipped row (or group of rows) and why
	Problems   []RowError
}

// Count is the number of rows imported into table.
func (r *Report) Count(table string) int {
	for _, t := range r.Tables {
		if t.Table == table {
			return t.Imported
		}
	}
	return 0
}

func (r *Report) add(table string, imported, skipped int) {
	for i := range r.Tables {
		if r.Tables[i].Table == table {
			r.Tables[i].Imported += imported
			r.Tables[i].Skipped += skipped
			return
		}
	}
	r.Tables = append(r.Tables, TableCount{Table: table, Imported: imported, Skipped: skipped})
}

// Summary is the report in a few lines for people.
func (r *Report) Summary() string {
	var b strings.Builder
	for _, t := range r.Tables {
		fmt.Fprintf(&b, "%s: %d imported", t.Table, t.Imported)
		if t.Skipped > 0 {
			fmt.Fprintf(&b, ", %d skipped", t.Skipped)
		}
		b.WriteString("\n")
	}
	for _, d := range r.Duplicates {
		what := "skipped"
		if d.Merged {
			what = "merged into the existing client"
		}
		fmt.Fprintf(&b, "%s: %s as %q (#%d), %s\n", d.Name, d.Reason, d.ExistingName, d.ExistingID, what)
	}
	for _, s := range r.Skipped {
		b.WriteString(s + "\n")
	}
	for _, p := range r.Problems {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// RowError is a problem with one row (or record) of an imported file.
type RowError struct {
	Row   int // 1-based; for CSV the line of the record, counting the header as 1
	Field string
	Msg   string
}

func (e RowError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Msg)
	}
	return fmt.Sprintf("row %d, %s: %s", e.Row, e.Field, e.Msg)
}

type document struct {
	Format   string         `json:"format"`
	Version  int            `json:"version"`
	Schema   int            `json:"schema"`
	Exported string         `json:"exported"`
	Client   int64          `json:"client,omitempty"`
	Tables   []documentPart `json:"tables"`
}

// documentPart is one table of an export. Its rows stay JSON text until each is
// imported: decoded all at once into maps they took 25 times the file's size.
type documentPart struct {
	Name    string            `json:"name"`
	Columns []string          `json:"columns"`
	Rows    []json.RawMessage `json:"rows"`
}

// MaxJSONImportSize is the largest export ImportJSON reads (1 GiB): an export of
// 100,000 clients with five years of history is about a tenth of that. Memory use
// is about twice the file's size.
const MaxJSONImportSize = 1 << 30

// decodeRow reads one row of an export.
func decodeRow(raw json.RawMessage) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var row map[string]any
	if err := dec.Decode(&row); err != nil {
		return nil, err
	}
	if row == nil {
		return nil, errors.New("a row must be an object")
	}
	return row, nil
}

// errDryRun rolls back a dry run after its report is complete.
var errDryRun = errors.New("dry run")

// finish ends an import's transaction: a dry run rolls back, a real one commits.
func (o ImportOptions) finish() error {
	if o.DryRun {
		return errDryRun
	}
	return nil
}

// importResult is what an import's transaction ended with, for the caller: a dry run
// that rolled back is no error; other errors are classified for the user.
func importResult(err error) error {
	if err != nil && !errors.Is(err, errDryRun) {
		return data.Classify(err)
	}
	return nil
}

// ImportJSON reads an export (format.md) into db in one transaction: all or nothing.
// Into a database without clients every record keeps its ID, so export, import and
// export again give the same file. Into a database with clients, records get new IDs
// and clients already there (same email, or same name and company) are not doubled:
// they are reported, and with opts.Merge their records join the existing client.
func ImportJSON(ctx context.Context, db *data.DB, r io.Reader, opts ImportOptions) (Report, error) {
	doc, err := readDocument(r)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	err = db.Bulk(ctx, func(tx *sql.Tx) error {
		// The triggers Bulk leaves in place (tables later features add) go too, so that
		// importing a row does not make Amends write another (a timeline entry for an
		// alert, say) that the export already holds.
		restore, err := data.DropTriggers(ctx, tx)
		if err != nil {
			return err
		}
		if rep, err = importDocument(ctx, tx, doc, opts); err != nil {
			return err
		}
		if err := data.RestoreTriggers(ctx, tx, restore); err != nil {
			return err
		}
		return opts.finish()
	})
	return rep, importResult(err)
}

func readDocument(r io.Reader) (*document, error) {
	lr := &io.LimitedReader{R: r, N: MaxJSONImportSize + 1}
	doc, err := decodeDocument(lr)
	if lr.N <= 0 {
		return nil, fmt.Errorf("%w: the file is larger than %d MB; is it really an Amends export?", ErrBadFile, MaxJSONImportSize>>20)
	}
	return doc, err
}

func decodeDocument(r io.Reader) (*document, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var doc document
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: it is not an Amends export (JSON): %v", ErrBadFile, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: there is more after the end of the export", ErrBadFile)
	}
	if doc.Format != FormatName {
		return nil, fmt.Errorf("%w: it is not an Amends export (format %q)", ErrBadFile, doc.Format)
	}
	if doc.Version < 1 || doc.Version > FormatVersion {
		return nil, fmt.Errorf("%w: export format version %d; this version of Amends reads version %d", ErrBadFile, doc.Version, FormatVersion)
	}
	if doc.Schema > data.SchemaVersion() {
		return nil, fmt.Errorf("%w: %w (export schema %d, this version knows %d)", ErrBadFile, data.ErrNewerSchema, doc.Schema, data.SchemaVersion())
	}
	if doc.Schema < 1 {
		return nil, fmt.Errorf("%w: the export has no schema version", ErrBadFile)
	}
	seen := map[string]bool{}
	for _, p := range doc.Tables {
		if seen[p.Name] {
			return nil, fmt.Errorf("%w: table %q appears twice", ErrBadFile, p.Name)
		}
		seen[p.Name] = true
	}
	return &doc, nil
}

func importDocument(ctx context.Context, tx *sql.Tx, doc *document, opts ImportOptions) (Report, error) {
	var rep Report
	tables, err := loadTables(ctx, tx)
	if err != nil {
		return rep, err
	}
	parts := map[string]*documentPart{}
	for i := range doc.Tables {
		parts[doc.Tables[i].Name] = &doc.Tables[i]
	}
	known := map[string]*table{}
	for _, t := range tables {
		known[t.name] = t
	}
	for _, p := range doc.Tables {
		t := known[p.Name]
		if t == nil {
			return rep, fmt.Errorf("%w: table %q is not one Amends knows", ErrBadFile, p.Name)
		}
		for _, c := range p.Columns {
			if !t.has(c) {
				return rep, fmt.Errorf("%w: table %s has no column %q", ErrBadFile, p.Name, c)
			}
		}
	}
	var clients int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&clients); err != nil {
		return rep, err
	}
	rep.SameIDs = clients == 0
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return rep, err
	}
	if rep.SameIDs {
		// Restoring into a database without clients: rows its migrations seeded (lists of
		// reasons, say) give way to the file's, so every record keeps its ID.
		for i := len(tables) - 1; i >= 0; i-- {
			t := tables[i]
			if parts[t.name] == nil || t.intPK == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+data.QuoteIdent(t.name)); err != nil {
				return rep, fmt.Errorf("clear %s before the restore: %w", t.name, err)
			}
		}
	}
	ofClient := map[string]bool{"clients": true}
	for _, t := range tables { // dependency order: parents are decided first
		for _, fk := range t.fks {
			if ofClient[fk.table] {
				ofClient[t.name] = true
			}
		}
	}
	for _, t := range tables {
		if parts[t.name] != nil {
			rep.Tables = append(rep.Tables, TableCount{Table: t.name, OfClient: ofClient[t.name]})
		}
	}
	total := 0
	for _, p := range doc.Tables {
		total += len(p.Rows)
	}
	pr := &counter{ctx: ctx, total: total, report: opts.Progress}
	pr.report.Report(0, total)
	im := importer{tx: tx, ctx: ctx, pr: pr, rep: &rep, opts: opts, idMap: map[string]map[int64]int64{}, skipped: map[string]map[int64]bool{}, byName: known,
		matched: map[string]int{}, matchedOn: map[string]string{}, here: map[string]map[int64]bool{}}
	if !rep.SameIDs {
		if im.dups, err = loadDupIndex(ctx, tx); err != nil {
			return rep, err
		}
	}
	for _, t := range tables {
		p := parts[t.name]
		if p == nil {
			continue
		}
		if err := im.table(t, p); err != nil {
			return rep, err
		}
	}
	for _, t := range tables {
		if n := im.matched[t.name]; n > 0 {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s: %d already here (%s), kept as they are", t.name, n, im.matchedOn[t.name]))
		}
	}
	if err := checkForeignKeys(ctx, tx); err != nil {
		return rep, err
	}
	for _, t := range tables {
		if parts[t.name] != nil {
			if err := checkTimes(ctx, tx, t); err != nil {
				return rep, err
			}
		}
	}
	if err := data.VerifyTx(ctx, tx); err != nil {
		return rep, fmt.Errorf("%w: %w", ErrBadFile, err)
	}
	pr.report.Report(total, total)
	return rep, nil
}

type importer struct {
	ctx     context.Context
	pr      *counter
	tx      *sql.Tx
	rep     *Report
	opts    ImportOptions
	idMap   map[string]map[int64]int64 // old ID -> ID in this database, per table
	skipped map[string]map[int64]bool  // old IDs not imported, per table
	byName  map[string]*table
	// rows that matched an existing row on a unique key, per table, and on which columns
	matched   map[string]int
	matchedOn map[string]string
	dups      *dupIndex                 // clients already here
	here      map[string]map[int64]bool // IDs in this database of rows that were here before the import
}

func (im *importer) table(t *table, p *documentPart) error {
	cols := t.columnNames()
	remap := !im.rep.SameIDs && t.intPK != ""
	imported, skipped := 0, 0
	for i, raw := range p.Rows {
		if err := im.pr.step(); err != nil {
			return err
		}
		rowNo := i + 1
		row, err := decodeRow(raw)
		if err != nil {
			return fmt.Errorf("%w: %s row %d: %v", ErrBadFile, t.name, rowNo, err)
		}
		vals := map[string]any{}
		for k, raw := range row {
			if !t.has(k) {
				return fmt.Errorf("%w: %s row %d: no column %q", ErrBadFile, t.name, rowNo, k)
			}
			v, err := sqlValue(raw)
			if err != nil {
				return fmt.Errorf("%w: %s row %d, %s: %v", ErrBadFile, t.name, rowNo, k, err)
			}
			vals[k] = v
		}
		var oldID int64
		if t.intPK != "" {
			id, ok := vals[t.intPK].(int64)
			if !ok {
				return fmt.Errorf("%w: %s row %d has no whole-number %s", ErrBadFile, t.name, rowNo, t.intPK)
			}
			oldID = id
		}
		// Rows of skipped parents are skipped with them; references are translated.
		skip := ""
		for _, fk := range t.fks {
			v, ok := vals[fk.from].(int64)
			parent := im.byName[fk.table]
			if !ok || parent == nil || parent.intPK == "" || fk.to != parent.intPK {
				continue
			}
			if im.skipped[fk.table][v] {
				skip = fmt.Sprintf("belongs to a skipped %s record (%d)", fk.table, v)
				break
			}
			if m := im.idMap[fk.table]; m != nil {
				if nv, ok := m[v]; ok {
					vals[fk.from] = nv
				} else if !im.rep.SameIDs {
					return fmt.Errorf("%w: %s row %d: %s %d refers to a %s record that is not in the file", ErrBadFile, t.name, rowNo, fk.from, v, fk.table)
				}
			}
		}
		if skip == "" && t.name == "clients" && !im.rep.SameIDs {
			if d, found := im.dups.find(str(vals["name"]), str(vals["company"]), str(vals["email"])); found {
				d.Row = rowNo
				d.Merged = im.opts.Merge
				im.rep.Duplicates = append(im.rep.Duplicates, d)
				if d.Merged {
					im.mapID(t.name, oldID, d.ExistingID)
					im.markHere(t.name, d.ExistingID)
				} else {
					im.skip(t.name, oldID)
				}
				skipped++
				continue
			}
		}
		if skip != "" {
			im.rep.Skipped = append(im.rep.Skipped, fmt.Sprintf("%s row %d: %s", t.name, rowNo, skip))
			im.skip(t.name, oldID)
			skipped++
			continue
		}
		if remap && t.name != "clients" {
			// A record the database already has (same unique key): use it, do not double it.
			if id, on, ok, err := im.existing(t, vals); err != nil {
				return err
			} else if ok {
				im.mapID(t.name, oldID, id)
				im.markHere(t.name, id)
				im.matched[t.name]++
				im.matchedOn[t.name] = "same " + on
				skipped++
				continue
			}
			// A record of a client merged into one already here may be here already, from
			// an earlier import of the same file: merging again adds nothing twice.
			if t.intPK != "" && im.ofHere(t, vals) {
				if id, ok, err := im.identical(t, vals); err != nil {
					return err
				} else if ok {
					im.mapID(t.name, oldID, id)
					im.markHere(t.name, id)
					im.matched[t.name]++
					im.matchedOn[t.name] = "the same record of a merged client"
					skipped++
					continue
				}
			}
		}
		var names []string
		var args []any
		for _, c := range cols {
			v, ok := vals[c]
			if !ok || (remap && c == t.intPK) {
				continue
			}
			names = append(names, data.QuoteIdent(c))
			args = append(args, v)
		}
		verb := "INSERT"
		if t.intPK == "" {
			// Tables keyed by name (settings): a restore brings the file's value, an
			// import into a database in use keeps what is there.
			if im.rep.SameIDs {
				verb = "INSERT OR REPLACE"
			} else {
				verb = "INSERT OR IGNORE"
			}
		}
		q := verb + " INTO " + data.QuoteIdent(t.name) + " (" + strings.Join(names, ", ") + ") VALUES (" + placeholders(len(names)) + ")"
		if len(names) == 0 {
			q = verb + " INTO " + data.QuoteIdent(t.name) + " DEFAULT VALUES"
		}
		res, err := im.tx.ExecContext(im.ctx, q, args...)
		if err != nil {
			if c := data.Classify(err); errors.Is(c, data.ErrDiskFull) || errors.Is(c, data.ErrReadOnly) {
				return c
			}
			return fmt.Errorf("%w: %s row %d: %v", ErrBadFile, t.name, rowNo, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			im.rep.Skipped = append(im.rep.Skipped, fmt.Sprintf("%s row %d: already set in this database, kept as it was", t.name, rowNo))
			skipped++
			continue
		}
		if t.intPK != "" {
			newID, err := res.LastInsertId()
			if err != nil {
				return err
			}
			im.mapID(t.name, oldID, newID)
		}
		imported++
	}
	im.rep.add(t.name, imported, skipped)
	return nil
}

// existing finds a row of t that has the same values as vals on one of t's unique keys.
func (im *importer) existing(t *table, vals map[string]any) (int64, string, bool, error) {
	for _, key := range t.uniques {
		var conds []string
		var args []any
		for _, c := range key {
			v, ok := vals[c]
			if !ok || v == nil {
				conds = nil
				break
			}
			conds = append(conds, data.QuoteIdent(c)+" = ?")
			args = append(args, v)
		}
		if conds == nil {
			continue
		}
		var id int64
		err := im.tx.QueryRowContext(im.ctx, "SELECT "+data.QuoteIdent(t.intPK)+" FROM "+data.QuoteIdent(t.name)+" WHERE "+strings.Join(conds, " AND ")+" LIMIT 1", args...).Scan(&id)
		if err == nil {
			return id, strings.Join(key, " and "), true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, "", false, fmt.Errorf("look for %s already here: %w", t.name, err)
		}
	}
	return 0, "", false, nil
}

func (im *importer) markHere(table string, id int64) {
	if im.here[table] == nil {
		im.here[table] = map[int64]bool{}
	}
	im.here[table][id] = true
}

// ofHere reports whether a row (its references already translated) belongs to a record
// that was in the database before the import.
func (im *importer) ofHere(t *table, vals map[string]any) bool {
	for _, fk := range t.fks {
		if v, ok := vals[fk.from].(int64); ok && im.here[fk.table][v] {
			return true
		}
	}
	return false
}

// identical finds a row of t with the same values as vals in every column but its ID.
func (im *importer) identical(t *table, vals map[string]any) (int64, bool, error) {
	var conds []string
	var args []any
	for _, c := range t.columns {
		if _, ok := vals[c.name]; !ok || c.name == t.intPK {
			continue // a column the file leaves out has its default: compare what it has
		}
		conds = append(conds, data.QuoteIdent(c.name)+" IS ?")
		args = append(args, vals[c.name])
	}
	var id int64
	err := im.tx.QueryRowContext(im.ctx, "SELECT "+data.QuoteIdent(t.intPK)+" FROM "+data.QuoteIdent(t.name)+" WHERE "+strings.Join(conds, " AND ")+" LIMIT 1", args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look for %s already here: %w", t.name, err)
	}
	return id, true, nil
}

func (im *importer) mapID(table string, oldID, newID int64) {
	if im.idMap[table] == nil {
		im.idMap[table] = map[int64]int64{}
	}
	im.idMap[table][oldID] = newID
}

func (im *importer) skip(table string, oldID int64) {
	if im.skipped[table] == nil {
		im.skipped[table] = map[int64]bool{}
	}
	im.skipped[table][oldID] = true
}

// sqlValue turns a decoded JSON value into what SQLite stores.
func sqlValue(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		return x, nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s is out of range", x)
		}
		return f, nil
	case map[string]any:
		if s, ok := x["base64"].(string); ok && len(x) == 1 {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return nil, fmt.Errorf("bad base64: %v", err)
			}
			return b, nil
		}
		return nil, errors.New(`an object must be {"base64": "..."}`)
	case bool:
		return nil, errors.New("true/false is not a value Amends stores; use 1 or 0")
	}
	return nil, fmt.Errorf("a %T is not a value Amends stores", v)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// checkForeignKeys fails the import if any row points at a record that does not exist.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("%w: a %s record (row id %v) points at a %s record that is not there", ErrBadFile, table, rowid, parent)
	}
	return rows.Err()
}

// timeColumn tells the columns that hold a time or a date by Amends' naming habit
// (created, updated, at, due, received, *_at, *_on, *_since, *_changed, last_contact).
func timeColumn(name string) bool {
	switch name {
	case "created", "updated", "at", "due", "received", "last_contact":
		return true
	}
	for _, suf := range []string{"_at", "_on", "_since", "_changed"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// checkTimes refuses times and dates the app could not read back, in any table, so an
// edited export cannot store "yesterday" where a date belongs.
func checkTimes(ctx context.Context, tx *sql.Tx, t *table) error {
	for _, c := range t.columns {
		if !timeColumn(c.name) {
			continue
		}
		q := data.QuoteIdent(c.name)
		rows, err := tx.QueryContext(ctx, "SELECT rowid, typeof("+q+"), CAST("+q+" AS TEXT) FROM "+data.QuoteIdent(t.name)+
			" WHERE "+q+" IS NOT NULL AND "+q+" <> ''")
		if err != nil {
			return fmt.Errorf("check %s.%s: %w", t.name, c.name, err)
		}
		for rows.Next() {
			var id int64
			var typ, v string
			if err := rows.Scan(&id, &typ, &v); err != nil {
				rows.Close()
				return err
			}
			if typ != "text" || !validTime(v) {
				rows.Close()
				return fmt.Errorf("%w: %s record %d, %s: %q is not a date or time Amends writes (like 2026-11-23 or 2026-11-23T10:00:00.000Z)", ErrBadFile, t.name, id, c.name, v)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func validTime(s string) bool {
	if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return true
	}
	_, err := time.Parse(data.DateLayout, s)
	return err == nil
}
