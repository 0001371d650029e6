package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Bulk runs fn in one transaction with the search and last-contact triggers switched off,
// then rebuilds both in one pass. Loading many rows this way (sample data, imports) is
// several times faster than letting each timeline row re-index its client.
func (d *DB) Bulk(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		triggers, err := DropTriggers(ctx, tx, "clients", "timeline")
		if err != nil {
			return err
		}
		// The search triggers of alerts, interviews and attachments too: one complaint
		// written re-indexed its client's whole row.
		search, err := dropTriggersNamed(ctx, tx, "search\\_%")
		if err != nil {
			return err
		}
		triggers = append(triggers, search...)
		if err := fn(tx); err != nil {
			return err
		}
		if err := rebuildDerived(ctx, tx); err != nil {
			return err
		}
		return RestoreTriggers(ctx, tx, triggers)
	})
	if err != nil {
		return err
	}
	d.Announce(Change{Kind: ChangedAll})
	return nil
}

// DropTriggers removes the triggers on tables (every trigger when none are named) and
// returns their SQL, for RestoreTriggers to put them back in the same transaction.
func DropTriggers(ctx context.Context, tx *sql.Tx, tables ...string) ([]string, error) {
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`
	args := make([]any, len(tables))
	if len(tables) > 0 {
		q += ` AND tbl_name IN (?` + strings.Repeat(`, ?`, len(tables)-1) + `)`
		for i, t := range tables {
			args[i] = t
		}
	}
	return dropTriggers(ctx, tx, q, args)
}

// dropTriggersNamed removes the triggers whose name is LIKE pattern (escape \).
func dropTriggersNamed(ctx context.Context, tx *sql.Tx, pattern string) ([]string, error) {
	return dropTriggers(ctx, tx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\'`, []any{pattern})
}

func dropTriggers(ctx context.Context, tx *sql.Tx, q string, args []any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q+` ORDER BY name`, args...)
	if err != nil {
		return nil, fmt.Errorf("list triggers: %w", err)
	}
	var names, sqls []string
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list triggers: %w", err)
		}
		names, sqls = append(names, n), append(sqls, s)
	}
	rows.Close()
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+QuoteIdent(n)); err != nil {
			return nil, fmt.Errorf("drop trigger %s: %w", n, err)
		}
	}
	return sqls, nil
}

// RestoreTriggers makes again the triggers DropTriggers removed.
func RestoreTriggers(ctx context.Context, tx *sql.Tx, sqls []string) error {
	for _, t := range sqls {
		if _, err := tx.ExecContext(ctx, t); err != nil {
			return fmt.Errorf("restore trigger: %w", err)
		}
	}
	return nil
}

// rebuildDerived recomputes the search index and every client's last contact from the tables.
func rebuildDerived(ctx context.Context, tx *sql.Tx) error {
	steps := []string{
		`DELETE FROM client_search`,
		// search_rows (migration 010) makes each client's row from the tables.
		`INSERT INTO client_search (rowid, name, company, email, notes, timeline, files, alerts, interviews)
		 SELECT * FROM search_rows`,
		// One big insert leaves many small index segments; merging them makes searches ~2x faster.
		`INSERT INTO client_search (client_search) VALUES ('optimize')`,
		`DELETE FROM client_counts`,
		`INSERT INTO client_counts (archived, status, n) SELECT archived, status, count(*) FROM clients GROUP BY archived, status`,
		`UPDATE clients SET last_contact =
		 coalesce((SELECT max(at) FROM timeline t WHERE t.client_id = clients.id), '')`,
		`UPDATE clients SET last_asked =
		 coalesce((SELECT max(asked) FROM feedback f WHERE f.client_id = clients.id), '')`,
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
	}
	return nil
}

// Execer runs a statement: a *sql.Tx, or a StmtCache over one for bulk writes.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// StmtCache prepares each statement once for a transaction. Bulk loads write the same
// few INSERTs hundreds of thousands of times, and preparing them each time cost a
// fifth of the sample-data run.
type StmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// NewStmtCache returns a cache over tx; Close it before the transaction ends.
func NewStmtCache(tx *sql.Tx) *StmtCache {
	return &StmtCache{tx: tx, stmts: map[string]*sql.Stmt{}}
}

// ExecContext runs query with args through its prepared statement.
func (c *StmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, ok := c.stmts[query]
	if !ok {
		var err error
		if st, err = c.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		c.stmts[query] = st
	}
	return st.ExecContext(ctx, args...)
}

// Close releases the prepared statements.
func (c *StmtCache) Close() error {
	var first error
	for _, st := range c.stmts {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.stmts = map[string]*sql.Stmt{}
	return first
}
