package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Querier is what *sql.DB, *sql.Tx and *sql.Conn have in common for reading.
type Querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// UserTables lists the tables that hold the user's data, by name: every ordinary table
// in the main schema, found by introspection so that tables later migrations add are
// included without changes here. SQLite's own tables, virtual tables (the search
// index) and their shadow tables are left out: they are derived from the others.
func UserTables(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_list
		WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

// QuoteIdent quotes a table or column name for SQL.
func QuoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
