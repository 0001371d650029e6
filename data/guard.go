package data

import (
	"context"
	"fmt"
)

type rowQueryer interface {
	queryer
}

// hasColumn reports whether table exists with column col. Reports read the tables of
// features that may not be in this build (complaints, alerts, remedies) only when they are.
func hasColumn(ctx context.Context, q rowQueryer, table, col string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, table, col).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("inspect table %s: %w", table, err)
	}
	return n > 0, nil
}
