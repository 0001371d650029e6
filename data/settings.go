package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting keys used across the app.
const (
	SettingCurrency = "currency" // ISO 4217 code shown with money, e.g. "EUR"
)

// Setting returns the stored value for key, or def when none is stored.
func (d *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := d.sql.QueryRowContext(ctx, `SELECT value FROM settings WHERE key=?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("read setting %q: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key.
func (d *DB) SetSetting(ctx context.Context, key, value string) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("save setting %q: %w", key, err)
	}
	return nil
}
