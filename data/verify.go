package data

import (
	"context"
	"database/sql"
	"fmt"
)

// VerifyTx reads every client and timeline entry inside tx the way the app reads them,
// so an import that stored text the app cannot read (a malformed date) fails before
// it commits instead of breaking the client list afterwards.
func VerifyTx(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+clientCols("")+` FROM clients ORDER BY id`)
	if err != nil {
		return fmt.Errorf("verify clients: %w", err)
	}
	for rows.Next() {
		var id int64
		c, err := scanClient(rows)
		id = c.ID
		if err != nil {
			rows.Close()
			return fmt.Errorf("client %d: %w", id, err)
		}
		if err := c.Validate(); err != nil {
			rows.Close()
			return fmt.Errorf("client %d (%s): %w", id, c.Name, err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify clients: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, at, kind, created FROM timeline ORDER BY id`)
	if err != nil {
		return fmt.Errorf("verify timeline: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at, kind, created string
		if err := rows.Scan(&id, &at, &kind, &created); err != nil {
			return fmt.Errorf("timeline entry %d: %w", id, err)
		}
		t, err := parseTime(at)
		if err == nil && t.IsZero() {
			err = fmt.Errorf("no date")
		}
		if err != nil {
			return fmt.Errorf("timeline entry %d: %w", id, err)
		}
		if _, err := parseTime(created); err != nil {
			return fmt.Errorf("timeline entry %d: %w", id, err)
		}
	}
	return rows.Err()
}
