// Package transfer moves client data in and out of Amends: the complete JSON export and
// import (format.md), CSV and vCard for clients, one client's record, and erasure.
// Tables are found by introspection, so tables that later migrations add are carried
// without changes here.
package transfer

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/amends/amends/data"
)

// column is one column of a table, as PRAGMA table_info describes it.
type column struct {
	name    string
	typ     string
	pk      int // position in the primary key, 0 when not part of it
	notNull bool
}

// foreignKey is one column pointing at another table.
type foreignKey struct {
	from, table, to string
}

// table is what transfer knows about one user table.
type table struct {
	name    string
	columns []column
	fks     []foreignKey
	intPK   string     // the INTEGER PRIMARY KEY column (an alias of rowid), "" if none
	order   string     // ORDER BY clause: the primary key, else rowid
	uniques [][]string // column sets of UNIQUE constraints and indexes (not the primary key)
}

func (t *table) has(col string) bool {
	for _, c := range t.columns {
		if c.name == col {
			return true
		}
	}
	return false
}

func (t *table) columnNames() []string {
	out := make([]string, len(t.columns))
	for i, c := range t.columns {
		out[i] = c.name
	}
	return out
}

// loadTables describes every user table, in dependency order: a table comes after the
// tables its foreign keys point at (so rows can be inserted in this order).
func loadTables(ctx context.Context, q data.Querier) ([]*table, error) {
	names, err := data.UserTables(ctx, q)
	if err != nil {
		return nil, err
	}
	byName := map[string]*table{}
	var all []*table
	for _, n := range names {
		t := &table{name: n}
		rows, err := q.QueryContext(ctx, `SELECT name, type, pk, "notnull" FROM pragma_table_info(?) ORDER BY cid`, n)
		if err != nil {
			return nil, fmt.Errorf("describe table %s: %w", n, err)
		}
		for rows.Next() {
			var c column
			if err := rows.Scan(&c.name, &c.typ, &c.pk, &c.notNull); err != nil {
				rows.Close()
				return nil, fmt.Errorf("describe table %s: %w", n, err)
			}
			t.columns = append(t.columns, c)
		}
		rows.Close()
		var pks []column
		for _, c := range t.columns {
			if c.pk > 0 {
				pks = append(pks, c)
			}
		}
		sort.Slice(pks, func(i, j int) bool { return pks[i].pk < pks[j].pk })
		if len(pks) == 1 && strings.EqualFold(pks[0].typ, "INTEGER") {
			t.intPK = pks[0].name
		}
		if len(pks) == 0 {
			t.order = "rowid"
		} else {
			var parts []string
			for _, c := range pks {
				parts = append(parts, data.QuoteIdent(c.name))
			}
			t.order = strings.Join(parts, ", ")
		}
		rows, err = q.QueryContext(ctx, `SELECT "from", "table", coalesce("to", '') FROM pragma_foreign_key_list(?) ORDER BY id, seq`, n)
		if err != nil {
			return nil, fmt.Errorf("describe table %s: %w", n, err)
		}
		for rows.Next() {
			var fk foreignKey
			if err := rows.Scan(&fk.from, &fk.table, &fk.to); err != nil {
				rows.Close()
				return nil, fmt.Errorf("describe table %s: %w", n, err)
			}
			t.fks = append(t.fks, fk)
		}
		rows.Close()
		if t.uniques, err = uniqueKeys(ctx, q, n); err != nil {
			return nil, err
		}
		byName[n] = t
		all = append(all, t)
	}
	for _, t := range all {
		for i, fk := range t.fks {
			if fk.to == "" { // REFERENCES parent with no column: the parent's primary key
				if p := byName[fk.table]; p != nil {
					t.fks[i].to = p.intPK
				}
			}
		}
	}
	return dependencyOrder(all, byName), nil
}

// dependencyOrder sorts tables so parents come first; ties and cycles keep name order.
func dependencyOrder(all []*table, byName map[string]*table) []*table {
	var out []*table
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(t *table)
	visit = func(t *table) {
		if state[t.name] != 0 {
			return
		}
		state[t.name] = 1
		for _, fk := range t.fks {
			if p := byName[fk.table]; p != nil && p != t {
				visit(p)
			}
		}
		state[t.name] = 2
		out = append(out, t)
	}
	for _, t := range all {
		visit(t)
	}
	return out
}

// uniqueKeys lists the column sets a table's UNIQUE constraints and unique indexes cover
// (partial indexes and expressions left out): an imported row that matches an existing
// row on one of them is the same record.
func uniqueKeys(ctx context.Context, q data.Querier, tableName string) ([][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin <> 'pk' AND partial = 0 ORDER BY name`, tableName)
	if err != nil {
		return nil, fmt.Errorf("describe table %s: %w", tableName, err)
	}
	var idx []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		idx = append(idx, n)
	}
	rows.Close()
	var out [][]string
	for _, ix := range idx {
		rows, err := q.QueryContext(ctx, `SELECT coalesce(name, '') FROM pragma_index_info(?) ORDER BY seqno`, ix)
		if err != nil {
			return nil, fmt.Errorf("describe index %s: %w", ix, err)
		}
		var cols []string
		ok := true
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return nil, err
			}
			if c == "" {
				ok = false // an expression
			}
			cols = append(cols, c)
		}
		rows.Close()
		if ok && len(cols) > 0 {
			out = append(out, cols)
		}
	}
	return out, nil
}
