package transfer

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/amends/amends/data"
)

// The JSON export format; format.md beside this file documents it.
const (
	FormatName    = "amends-export"
	FormatVersion = 1
)

// ErrBadFile is wrapped by import errors caused by the file's content (not by the database).
var ErrBadFile = errors.New("the file cannot be imported")

// ExportOptions tunes an export.
type ExportOptions struct {
	Now time.Time // written as "exported"; zero: time.Now()
	// Progress is told the rows (clients, for CSV and vCard) written so far of the total;
	// a cancelled ctx stops the export between rows.
	Progress data.Progress
}

// Export writes every user table of db to w as JSON (format.md). It reads in one
// transaction, so the export is consistent even while the app is writing.
func Export(ctx context.Context, db *data.DB, w io.Writer, opts ExportOptions) error {
	return export(ctx, db, w, opts, 0)
}

// ExportClient writes one client's full record: their client row and every row in any
// table that refers to them, directly or through another of their rows. It is what
// a client who asks to see their data gets, and it imports like a full export.
func ExportClient(ctx context.Context, db *data.DB, clientID int64, w io.Writer, opts ExportOptions) error {
	if _, err := db.Client(ctx, clientID); err != nil {
		return err
	}
	return export(ctx, db, w, opts, clientID)
}

func export(ctx context.Context, db *data.DB, w io.Writer, opts ExportOptions, clientID int64) error {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer conn.Close()
	// A deferred read transaction: a consistent snapshot that does not block writers (WAL).
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	tables, err := loadTables(ctx, conn)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var owned map[string][]int64
	if clientID != 0 {
		if owned, err = clientRows(ctx, conn, tables, clientID); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	var schema int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&schema); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	total := 0
	for _, t := range tables {
		if clientID != 0 {
			total += len(owned[t.name])
			continue
		}
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+data.QuoteIdent(t.name)).Scan(&n); err != nil {
			return fmt.Errorf("export: count %s: %w", t.name, err)
		}
		total += n
	}
	pr := &counter{ctx: ctx, total: total, report: opts.Progress}
	pr.report.Report(0, total)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"schema\": %d,\n  \"exported\": %q,\n",
		FormatName, FormatVersion, schema, opts.Now.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
	if clientID != 0 {
		fmt.Fprintf(bw, "  \"client\": %d,\n", clientID)
	}
	bw.WriteString("  \"tables\": [")
	// Tables in name order, so the file reads the same whatever the dependency order.
	sorted := append([]*table(nil), tables...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	first := true
	for _, t := range sorted {
		where, args := "", []any(nil)
		if clientID != 0 {
			ids, ok := owned[t.name]
			if !ok {
				continue
			}
			where, args = " WHERE rowid IN ("+placeholders(len(ids))+")", int64s(ids)
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		if err := exportTable(ctx, conn, bw, t, where, args, pr); err != nil {
			return fmt.Errorf("export %s: %w", t.name, err)
		}
	}
	bw.WriteString("\n  ]\n}\n")
	if err := bw.Flush(); err != nil {
		return err
	}
	pr.report.Report(pr.done, total)
	return nil
}

// counter counts rows of long work, reports them and looks at ctx every data.ProgressEvery rows.
type counter struct {
	ctx         context.Context
	done, total int
	report      data.Progress
}

// step counts one row; it fails once ctx is cancelled.
func (c *counter) step() error {
	c.done++
	if c.done%data.ProgressEvery != 0 {
		return nil
	}
	c.report.Report(c.done, c.total)
	return c.ctx.Err()
}

func exportTable(ctx context.Context, conn *sql.Conn, bw *bufio.Writer, t *table, where string, args []any, pr *counter) error {
	names := t.columnNames()
	cols, _ := json.Marshal(names)
	fmt.Fprintf(bw, "\n    {\n      \"name\": %s,\n      \"columns\": %s,\n      \"rows\": [", mustJSON(t.name), cols)
	// typeof and "|| ''" keep SQLite's own types: the driver would otherwise turn text in
	// columns declared DATE or TIMESTAMP into times and write them back differently.
	var sel []string
	for _, n := range names {
		q := data.QuoteIdent(n)
		sel = append(sel, "typeof("+q+")", "CASE WHEN typeof("+q+") = 'text' THEN "+q+" || '' ELSE "+q+" END")
	}
	rows, err := conn.QueryContext(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+data.QuoteIdent(t.name)+where+" ORDER BY "+t.order, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, 2*len(names))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		n++
		bw.WriteString("\n        {")
		for i, name := range names {
			if i > 0 {
				bw.WriteString(", ")
			}
			bw.Write(mustJSON(name))
			bw.WriteString(": ")
			v, err := jsonValue(asString(vals[2*i]), vals[2*i+1])
			if err != nil {
				return fmt.Errorf("column %s: %w", name, err)
			}
			bw.Write(v)
		}
		bw.WriteString("}")
		if err := pr.step(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n      ")
	}
	bw.WriteString("]\n    }")
	return nil
}

// jsonValue encodes one SQLite value: integers and reals as numbers, text as strings,
// NULL as null, blobs as {"base64": "..."}.
func jsonValue(typ string, v any) ([]byte, error) {
	switch typ {
	case "null":
		return []byte("null"), nil
	case "integer":
		switch x := v.(type) {
		case int64:
			return strconv.AppendInt(nil, x, 10), nil
		}
	case "real":
		if x, ok := v.(float64); ok {
			b := strconv.AppendFloat(nil, x, 'g', -1, 64)
			if !bytes.ContainsAny(b, ".eE") {
				b = append(b, ".0"...) // stays a real when read back
			}
			return b, nil
		}
	case "text":
		return mustJSON(asString(v)), nil
	case "blob":
		b, _ := v.([]byte)
		return []byte(`{"base64": "` + base64.StdEncoding.EncodeToString(b) + `"}`), nil
	}
	return nil, fmt.Errorf("unexpected %s value %T", typ, v)
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// mustJSON encodes a string without HTML escaping (the file is for people and programs, not browsers).
func mustJSON(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return bytes.TrimRight(buf.Bytes(), "\n")
}

func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64s(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// clientRows finds the rowids of every row that belongs to a client: the client row, rows
// whose foreign key (or client_id column) points at it, and rows pointing at those, in turn.
func clientRows(ctx context.Context, q data.Querier, tables []*table, clientID int64) (map[string][]int64, error) {
	owned := map[string]map[int64]bool{"clients": {clientID: true}}
	// Repeat until nothing new is found: chains may be several tables deep.
	for changed := true; changed; {
		changed = false
		for _, t := range tables {
			if t.name == "clients" {
				continue
			}
			var conds []string
			var args []any
			for _, fk := range t.fks {
				parents := owned[fk.table]
				if len(parents) == 0 || fk.to == "" {
					continue
				}
				ids := keys(parents)
				conds = append(conds, data.QuoteIdent(fk.from)+" IN (SELECT "+data.QuoteIdent(fk.to)+" FROM "+data.QuoteIdent(fk.table)+" WHERE rowid IN ("+placeholders(len(ids))+"))")
				args = append(args, int64s(ids)...)
			}
			// A client_id column without a declared foreign key still means "this client's".
			if t.has("client_id") && !hasFK(t, "client_id") {
				conds = append(conds, `"client_id" = ?`)
				args = append(args, clientID)
			}
			if len(conds) == 0 {
				continue
			}
			rows, err := q.QueryContext(ctx, "SELECT rowid FROM "+data.QuoteIdent(t.name)+" WHERE "+strings.Join(conds, " OR "), args...)
			if err != nil {
				return nil, fmt.Errorf("find %s rows of client %d: %w", t.name, clientID, err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return nil, err
				}
				if owned[t.name] == nil {
					owned[t.name] = map[int64]bool{}
				}
				if !owned[t.name][id] {
					owned[t.name][id] = true
					changed = true
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	out := map[string][]int64{}
	for t, ids := range owned {
		out[t] = keys(ids)
	}
	return out, nil
}

func hasFK(t *table, col string) bool {
	for _, fk := range t.fks {
		if fk.from == col {
			return true
		}
	}
	return false
}

func keys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
