package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Settings that say where backups go and how many are kept.
const (
	SettingBackupDir              = "backup_dir"          // folder for backups; empty: "backups" beside the database
	SettingBackupKeepDaily        = "backup_keep_daily"   // newest backup of each of the last N days (default 7)
	SettingBackupKeepWeekly       = "backup_keep_weekly"  // ... of each of the last N weeks (default 4)
	SettingBackupKeepMonthly      = "backup_keep_monthly" // ... of each of the last N months (default 12)
	backupStampLayout             = "20060102-150405"
	backupPrefix, backupExtension = "amends-", ".db"
)

// BackupDir is the folder backups of the database at dbPath go to: configured, if it is
// set in the settings (relative paths are taken from the database's folder), else
// "backups" beside the database.
func BackupDir(dbPath, configured string) string {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs // the folder is shown to the user: say where it really is
	}
	configured = strings.TrimSpace(configured)
	switch {
	case configured == "":
		return filepath.Join(filepath.Dir(dbPath), "backups")
	case filepath.IsAbs(configured):
		return configured
	default:
		return filepath.Join(filepath.Dir(dbPath), configured)
	}
}

// BackupName is the file name of a backup taken at t; note (e.g. "before-schema-3") tells why.
// Backups are found again, and their dates read, from this name alone.
func BackupName(t time.Time, note string) string {
	n := backupPrefix + t.UTC().Format(backupStampLayout)
	if note != "" {
		n += "-" + note
	}
	return n + backupExtension
}

// ParseBackupName returns the time a backup was taken, from its file name.
func ParseBackupName(name string) (time.Time, bool) {
	if !strings.HasPrefix(name, backupPrefix) || !strings.HasSuffix(name, backupExtension) {
		return time.Time{}, false
	}
	s := strings.TrimPrefix(name, backupPrefix)
	if len(s) < len(backupStampLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(backupStampLayout, s[:len(backupStampLayout)])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// Snapshot writes a consistent copy of the database to out: VACUUM INTO a temporary
// name in out's folder, integrity_check on the copy, fsync, then rename. A reader
// never sees a half-written backup, and a failed or cancelled one leaves nothing behind.
// The copy is private to the user (0600).
func (d *DB) Snapshot(ctx context.Context, out string) error {
	dir := filepath.Dir(out)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("back up to %q: create folder: %w", dir, classify(err))
	}
	tmp, err := tempName(dir, filepath.Base(out))
	if err != nil {
		return fmt.Errorf("back up to %q: %w", dir, classify(err))
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	// The driver interrupts VACUUM INTO when ctx is cancelled; the deferred Remove
	// then takes the partial copy away.
	if _, err := d.sql.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("back up to %q: %w", out, ctx.Err())
		}
		return fmt.Errorf("back up to %q: %w", out, classify(err))
	}
	// The copy is a file of its own: with its own id, a journal of this file left beside
	// it (say, after it is copied over this file) is recognised as not its own.
	if err := stampNewID(tmp); err != nil {
		return fmt.Errorf("back up to %q: %w", out, classify(err))
	}
	if err := IntegrityCheck(ctx, tmp); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("back up to %q: %w", out, ctx.Err())
		}
		return fmt.Errorf("back up to %q: the copy failed its check: %w", out, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("back up to %q: %w", out, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("back up to %q: %w", out, classify(err))
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("back up to %q: %w", out, classify(err))
	}
	ok = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("back up to %q: %w", out, classify(err))
	}
	return nil
}

// stampNewID gives the closed database file at path an id of its own.
func stampNewID(path string) error {
	id, err := newFileID()
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?_journal_mode=DELETE")
	if err != nil {
		return err
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d", id)); err != nil {
		db.Close()
		return fmt.Errorf("give the copy its own id: %w", err)
	}
	return db.Close()
}

// tempName creates an empty private file that VACUUM INTO may write to.
// Its name starts with a dot, so backup listings never mistake it for a backup.
func tempName(dir, base string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	p := filepath.Join(dir, "."+base+"."+hex.EncodeToString(b[:])+".tmp")
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	return p, f.Close()
}

// IntegrityCheck runs PRAGMA integrity_check on the file at path, read-only.
func IntegrityCheck(ctx context.Context, path string) error {
	db, err := OpenReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := Integrity(ctx, db, "integrity_check")
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &Damage{Findings: problems}
	}
	return nil
}

// OpenReadOnly opens path for reading only, without creating it or files beside it.
// Nothing may write to path while it is open.
func OpenReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %q: %w", path, err)
	}
	dsn := "file:" + escapePath(path) + "?mode=ro&_busy_timeout=5000"
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
		// No write-ahead log: the file alone is the database, and reading it as immutable
		// creates no -wal or -shm file beside it (it may sit in someone else's folder).
		dsn += "&immutable=1"
	} else if why, _ := strayReason(path); why != "" {
		// A journal of another file: read the file as it is, never through that journal.
		dsn += "&immutable=1"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %q: %w", path, err)
	}
	return db, nil
}

// Integrity returns what SQLite's check (integrity_check, or the quicker quick_check)
// finds wrong; none means the file is sound.
func Integrity(ctx context.Context, db *sql.DB, check string) ([]string, error) {
	if check != "quick_check" {
		check = "integrity_check"
	}
	rows, err := db.QueryContext(ctx, "PRAGMA "+check)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, classify(err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, classify(err)
	}
	return problems, nil
}

// BackupBeforeMigration is called by Open when a schema migration is pending on a
// database that already holds a schema: the data is copied before anything changes.
func (d *DB) backupBeforeMigration(from, to int) (string, error) {
	var conf string
	// The settings table exists from schema 1 on; without it the default folder is used.
	err := d.sql.QueryRow(`SELECT value FROM settings WHERE key = ?`, SettingBackupDir).Scan(&conf)
	if err != nil && !errors.Is(err, sql.ErrNoRows) && !strings.Contains(err.Error(), "no such table") {
		return "", fmt.Errorf("read backup folder setting: %w", err)
	}
	out := filepath.Join(BackupDir(d.path, conf), BackupName(d.Now(), fmt.Sprintf("before-schema-%d", to)))
	if err := d.Snapshot(context.Background(), out); err != nil {
		return "", fmt.Errorf("back up before updating the database from schema %d to %d (nothing was changed): %w", from, to, err)
	}
	return out, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable. Windows cannot sync folders; rename there is enough.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !isUnsupported(err) {
		return err
	}
	return nil
}

// SyncFile and SyncDir make a copy durable; for sibling packages that move database files.
func SyncFile(path string) error { return syncFile(path) }

// SyncDir makes renames in dir durable.
func SyncDir(dir string) error { return syncDir(dir) }
