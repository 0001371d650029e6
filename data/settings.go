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

// DefaultCurrency is the currency until the user sets one in Settings.
const DefaultCurrency = "EUR"

// Currency is the currency code money is shown in (Settings), DefaultCurrency when none
// is set. On error it still returns DefaultCurrency, so a caller may show money anyway.
func (d *DB) Currency(ctx context.Context) (string, error) {
	c, err := d.Setting(ctx, SettingCurrency, DefaultCurrency)
	if c == "" {
		c = DefaultCurrency
	}
	return c, err
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
