// Package data is the Amends store: a single SQLite file holding client files,
// their timeline and everything the app records about them. It never imports Fyne.
package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrNewerSchema is returned by Open when the file was written by a newer Amends.
var ErrNewerSchema = errors.New("database was written by a newer version of Amends")

// ErrNotFound is returned when a record asked for by ID does not exist.
var ErrNotFound = errors.New("not found")

// DB is the open store. Now is injectable so tests can fix the clock.
type DB struct {
	sql  *sql.DB
	path string
	Now  func() time.Time
	subs *subscribers // told about every committed write (changes.go)
	id   uint32       // the file's own id (wal.go), stamped into page 1 by every write
	// stray is the journal that belonged to another file and was set aside on open.
	stray *StrayJournal
}

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			return nil, fmt.Errorf("migration %q: name must start with a number and '_'", e.Name())
		}
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %q: %w", e.Name(), err)
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %q: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %q and %q have the same number", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build of Amends writes.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// DSN returns the connection string with the per-connection pragmas Amends needs. The
// write-ahead log is switched on by Open once the file has passed its checks (it is
// kept in the file), not here: switching writes to the file, and a refused file stays
// as it was, byte for byte.
func DSN(path string) string {
	v := url.Values{}
	v.Set("_sync", "FULL")
	v.Set("_fk", "1")
	v.Set("_busy_timeout", "5000")
	v.Set("_txlock", "immediate")
	return "file:" + escapePath(path) + "?" + v.Encode()
}

func escapePath(p string) string {
	// '?' and '#' would end the file name inside a URI; '%' would start an escape.
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(p)
}

// Options change how Open checks a file.
type Options struct {
	// DeferCheck skips the page-by-page quick_check when no migration is pending, for
	// the app to run QuickCheck after its window is up: on a large file the check takes
	// about a second. Before a migration the check always runs first.
	DeferCheck bool
}

// Open creates or opens the database at path, checks it and applies migrations.
// A database from a newer Amends is refused and left untouched.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (_ *DB, err error) {
	if path == "" {
		return nil, errors.New("open store: no file name given")
	}
	var stray *StrayJournal
	defer func() {
		if err != nil && stray != nil {
			// Refused for another reason: still say where the journal went.
			err = fmt.Errorf("%w (a journal of another file that was beside it is kept, not applied, as %s)", err, filepath.Base(stray.Aside))
		}
	}()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open store %q: create folder: %w", path, classify(err))
	}
	// Before SQLite sees the file: a journal of another file beside it would be replayed
	// into it and destroy it.
	if reason, err := strayReason(path); err != nil {
		return nil, fmt.Errorf("open store %q: read the journal beside it: %w", path, classify(err))
	} else if reason != "" {
		if err := checkWritable(path); err != nil {
			return nil, fmt.Errorf("open store %q: %w", path, err)
		}
		aside, err := setAsideStray(path, reason, time.Now())
		if err != nil {
			return nil, fmt.Errorf("open store %q: %w", path, err)
		}
		stray = aside
	}
	// Look before writing: a foreign, damaged, newer or read-only file is refused untouched.
	checked, err := precheck(path, !o.DeferCheck)
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", path, err)
	}
	// Create the file ourselves so it is private to the user from the first byte.
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("open store %q: create file: %w", path, err)
		}
		f.Close()
	}
	sdb, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", path, err)
	}
	d := &DB{sql: sdb, path: path, Now: time.Now, subs: &subscribers{}, stray: stray}
	pending, err := d.migrationPending()
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store %q: %w", path, classify(err))
	}
	if !checked && (!o.DeferCheck || pending) {
		// Reading only: nothing is written to a file before it passed its check.
		if err := d.check(); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open store %q: %w", path, classify(err))
		}
	}
	var mode string
	if err := d.sql.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store %q: switch on the write-ahead log: %w", path, classify(err))
	}
	if !strings.EqualFold(mode, "wal") {
		sdb.Close()
		return nil, fmt.Errorf("open store %q: the write-ahead log could not be switched on (journal mode %s)", path, mode)
	}
	if pending {
		if err := d.migrate(); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("open store %q: %w", path, classify(err))
		}
	}
	if err := d.ownID(); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open store %q: %w", path, classify(err))
	}
	return d, nil
}

// ownID reads the file's id, giving a file that has none (new, or from before ids) its
// own. The first id goes straight into the file, not only the journal: a journal whose
// page 1 has an id the file lacks is taken for another file's.
func (d *DB) ownID() error {
	var id int64
	if err := d.sql.QueryRow("PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("read the file id: %w", err)
	}
	if id != 0 {
		d.id = uint32(id)
		return nil
	}
	nid, err := newFileID()
	if err != nil {
		return err
	}
	if _, err := d.sql.Exec(fmt.Sprintf("PRAGMA application_id = %d", nid)); err != nil {
		return fmt.Errorf("give the file its id: %w", err)
	}
	if _, err := d.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("give the file its id: %w", err)
	}
	d.id = nid
	return nil
}

// StrayJournal is the journal of another file that Open found beside this one and set
// aside (nil when there was none): the caller tells the user.
func (d *DB) StrayJournal() *StrayJournal { return d.stray }

// migrationPending reports whether the file's schema is older than this build's.
func (d *DB) migrationPending() (bool, error) {
	var have int
	if err := d.sql.QueryRow("PRAGMA user_version").Scan(&have); err != nil {
		return false, err
	}
	return have < SchemaVersion(), nil
}

// QuickCheck runs SQLite's quick_check: for the app, which opens with DeferCheck and
// checks once its window is up.
func (d *DB) QuickCheck(ctx context.Context) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("check %q: %w", d.path, err)
	}
	return nil
}

// check refuses files that are not healthy SQLite databases before anything is written.
func (d *DB) check() error {
	problems, err := Integrity(context.Background(), d.sql, "quick_check")
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
			return classify(err)
		}
		if errors.Is(err, ErrNotAmends) || errors.Is(err, ErrDamaged) {
			return err
		}
		return fmt.Errorf("check database: %w", err)
	}
	if len(problems) > 0 {
		return &Damage{Findings: problems}
	}
	return nil
}

func (d *DB) migrate() error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	return d.applyMigrations(ms)
}

// applyMigrations brings the schema up to the last of ms; a database that already has
// a schema is backed up first.
func (d *DB) applyMigrations(ms []migration) error {
	var have int
	if err := d.sql.QueryRow("PRAGMA user_version").Scan(&have); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	latest := ms[len(ms)-1].version
	if have > latest {
		return fmt.Errorf("%w (file schema %d, this version knows %d): update Amends to open it", ErrNewerSchema, have, latest)
	}
	if have == latest {
		return nil
	}
	if have == 0 {
		if err := d.refuseForeign(); err != nil {
			return err
		}
	} else if _, err := d.backupBeforeMigration(have, latest); err != nil {
		return err
	}
	return d.tx(context.Background(), func(tx *sql.Tx) error {
		for _, m := range ms {
			if m.version <= have {
				continue
			}
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("apply migration %s: %w", m.name, err)
			}
		}
		// PRAGMA takes no bound parameters; the value is an int we control.
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", latest)); err != nil {
			return fmt.Errorf("set schema version: %w", err)
		}
		return nil
	})
}

// refuseForeign stops us from adding our tables to some other program's database.
func (d *DB) refuseForeign() error {
	var n int
	if err := d.sql.QueryRow("SELECT count(*) FROM sqlite_master WHERE type='table'").Scan(&n); err != nil {
		return fmt.Errorf("inspect database: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("%w: it is a database of another program", ErrNotAmends)
	}
	return nil
}

// Close closes the store.
func (d *DB) Close() error { return d.sql.Close() }

// Path is the file the store was opened from.
func (d *DB) Path() string { return d.path }

// SQL exposes the connection pool to sibling packages (backup, demo) that need raw access.
func (d *DB) SQL() *sql.DB { return d.sql }

// tx runs fn in one transaction: committed if fn returns nil, rolled back otherwise.
func (d *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	// Every commit carries page 1 with the file's id into the journal (wal.go).
	if d.id != 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", d.id)); err != nil {
			tx.Rollback()
			return fmt.Errorf("begin transaction: %w", err)
		}
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Tx runs fn in one write transaction, for sibling packages (import, sample data). As
// the store cannot tell what fn wrote, the subscribers are told that anything may have
// changed.
func (d *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := d.tx(ctx, fn); err != nil {
		return err
	}
	d.Announce(Change{Kind: ChangedAll})
	return nil
}

func (d *DB) now() time.Time { return d.Now().UTC().Truncate(time.Millisecond) }

// execOne runs a statement that must touch a row, in its own transaction; what names
// the action in the error.
func (d *DB) execOne(ctx context.Context, what, q string, args ...any) error {
	if err := d.tx(ctx, func(tx *sql.Tx) error { return execOneTx(ctx, tx, q, args...) }); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// execOneTx runs a statement in tx that must touch a row: ErrNotFound when it touched none.
func execOneTx(ctx context.Context, tx *sql.Tx, q string, args ...any) error {
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
