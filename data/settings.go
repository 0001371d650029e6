package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
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
	err := d.tx(ctx, func(tx *sql.Tx) error { return putSetting(ctx, tx, key, value) })
	if err != nil {
		return fmt.Errorf("save setting %q: %w", key, err)
	}
	d.Announce(Change{Kind: ChangedSettings, Key: key})
	return nil
}

func putSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// SaveSettingsEdit saves the settings a form changed: base holds the values the form was
// loaded with, edited the values as they are now, by key. Only keys whose value differs
// between them are written; a key changed in the store meanwhile to another value than
// the form's gives a *Conflict (its Current holds the stored values of the form's keys)
// and nothing is written.
func (d *DB) SaveSettingsEdit(ctx context.Context, base, edited map[string]string) error {
	wrote, err := d.saveSettings(ctx, base, edited)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	changes := make([]Change, len(wrote))
	for i, k := range wrote {
		changes[i] = Change{Kind: ChangedSettings, Key: k}
	}
	d.Announce(changes...)
	return nil
}

// saveSettings writes, in one transaction, the keys of edited whose value the form
// changed from base, and returns the keys written.
func (d *DB) saveSettings(ctx context.Context, base, edited map[string]string) ([]string, error) {
	keys := make([]string, 0, len(edited))
	for k := range edited {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var wrote []string
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		wrote, err = saveSettingsTx(ctx, tx, keys, base, edited)
		return err
	})
	return wrote, err
}

// saveSettingsTx writes the keys whose value the form changed, after comparing them with
// the store, and returns the keys written.
func saveSettingsTx(ctx context.Context, tx *sql.Tx, keys []string, base, edited map[string]string) ([]string, error) {
	current := map[string]string{}
	var b, e, c fields
	for _, k := range keys {
		var v string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key=?`, k).Scan(&v)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v = base[k] // never set (the form showed its default): nobody changed it meanwhile
		case err != nil:
			return nil, fmt.Errorf("read setting %q: %w", k, err)
		}
		current[k] = v
		b.add(k, base[k])
		e.add(k, edited[k])
		c.add(k, v)
	}
	write, conflicts, err := merge(b, e, c)
	if err != nil {
		return nil, err
	}
	if len(conflicts) > 0 {
		return nil, &Conflict[map[string]string]{Fields: conflicts, Current: current}
	}
	var wrote []string
	for _, i := range write {
		if err := putSetting(ctx, tx, keys[i], edited[keys[i]]); err != nil {
			return nil, fmt.Errorf("save setting %q: %w", keys[i], err)
		}
		wrote = append(wrote, keys[i])
	}
	return wrote, nil
}
