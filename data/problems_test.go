package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// amendsFile makes a closed Amends database with a few clients and returns its path.
func amendsFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "amends.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 40; i++ {
		c, err := d.CreateClient(ctx, Client{Name: "Client " + strings.Repeat("x", i), Notes: strings.Repeat("notes ", 50)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.AddEntry(ctx, Entry{ClientID: c.ID, At: time.Now(), Kind: KindNote, Summary: "hello", Body: strings.Repeat("body ", 100)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenBadFiles(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, dir string) string // returns the path to open
		want error
	}{
		{"text file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "notes.txt")
			os.WriteFile(p, []byte(strings.Repeat("Dear client, this is not a database.\n", 200)), 0o600)
			return p
		}, ErrNotAmends},
		{"short garbage", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "x.db")
			os.WriteFile(p, []byte("SQLite format"), 0o600)
			return p
		}, ErrNotAmends},
		{"another program's database", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "other.db")
			db, err := sql.Open("sqlite3", p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO recipes (title) VALUES ('soup')"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			return p
		}, ErrNotAmends},
		{"truncated database", func(t *testing.T, dir string) string {
			p := amendsFile(t, dir)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/2], 0o600)
			return p
		}, ErrDamaged},
		{"truncated inside the header", func(t *testing.T, dir string) string {
			p := amendsFile(t, dir)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:60], 0o600)
			return p
		}, ErrNotAmends},
		{"corrupted pages", func(t *testing.T, dir string) string {
			p := amendsFile(t, dir)
			b, _ := os.ReadFile(p)
			for i := 4096 + 100; i < len(b) && i < 4096*6; i += 7 {
				b[i] ^= 0x5a
			}
			os.WriteFile(p, b, 0o600)
			return p
		}, ErrDamaged},
		{"read-only file", func(t *testing.T, dir string) string {
			p := amendsFile(t, dir)
			os.Chmod(p, 0o400)
			return p
		}, ErrReadOnly},
		{"read-only folder", func(t *testing.T, dir string) string {
			p := amendsFile(t, filepath.Join(dir, "sub"))
			os.Chmod(filepath.Dir(p), 0o500)
			t.Cleanup(func() { os.Chmod(filepath.Dir(p), 0o700) })
			return p
		}, ErrReadOnly},
		{"newer schema", func(t *testing.T, dir string) string {
			p := amendsFile(t, dir)
			db, _ := sql.Open("sqlite3", p)
			db.Exec("PRAGMA user_version = 9999")
			db.Close()
			return p
		}, ErrNewerSchema},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := tc.make(t, dir)
			before, _ := os.ReadFile(p)
			entriesBefore, _ := os.ReadDir(filepath.Dir(p))
			d, err := Open(p)
			if err == nil {
				d.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, tc.want) && !(tc.want == ErrNotAmends && errors.Is(err, ErrDamaged)) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if Explain(err) == "" {
				t.Errorf("no explanation for %v", err)
			}
			after, _ := os.ReadFile(p)
			if !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
			entriesAfter, _ := os.ReadDir(filepath.Dir(p))
			if len(entriesAfter) != len(entriesBefore) {
				t.Errorf("files beside it changed: %v -> %v", entriesBefore, entriesAfter)
			}
		})
	}
}

// A full disk is simulated with a page limit on the connection: the write fails with
// ErrDiskFull, the user gets a sentence, and what was there is intact.
func TestDiskFullWrite(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, err := d.CreateClient(ctx, Client{Name: "Before the disk filled"})
	if err != nil {
		t.Fatal(err)
	}
	d.sql.SetMaxOpenConns(1)
	var pages int
	d.sql.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := d.sql.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+1)); err != nil {
		t.Fatal(err)
	}
	_, err = d.AddEntry(ctx, Entry{ClientID: c.ID, At: time.Now(), Kind: KindNote, Summary: "big", Body: strings.Repeat("x", 1<<20)})
	if err == nil {
		t.Fatal("write succeeded on a full disk")
	}
	if !errors.Is(Classify(err), ErrDiskFull) {
		t.Fatalf("err = %v, want disk full", err)
	}
	if !strings.Contains(Explain(err), "disk is full") {
		t.Errorf("explanation %q", Explain(err))
	}
	es, err := d.Timeline(ctx, c.ID)
	if err != nil || len(es) != 0 {
		t.Fatalf("timeline after failed write: %v %v", es, err)
	}
	if got, err := d.Client(ctx, c.ID); err != nil || got.Name != c.Name {
		t.Fatalf("client after failed write: %v %v", got, err)
	}
}

// Before a schema migration on a database that has data, Open copies it to the backups folder.
func TestBackupBeforeMigration(t *testing.T) {
	dir := t.TempDir()
	p := amendsFile(t, dir)
	d, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	next := ms[len(ms)-1].version + 1
	ms = append(ms, migration{version: next, name: "test", sql: "CREATE TABLE later_feature (id INTEGER PRIMARY KEY)"})
	if err := d.applyMigrations(ms); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "backups", "amends-*-before-schema-"+strconv.Itoa(next)+".db"))
	if len(files) != 1 {
		t.Fatalf("backups: %v", files)
	}
	fi, _ := os.Stat(files[0])
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o", fi.Mode().Perm())
	}
	if err := IntegrityCheck(context.Background(), files[0]); err != nil {
		t.Fatal(err)
	}
	b, _ := OpenReadOnly(files[0])
	defer b.Close()
	var n, v int
	b.QueryRow("SELECT count(*) FROM clients").Scan(&n)
	b.QueryRow("PRAGMA user_version").Scan(&v)
	if n != 40 || v != next-1 {
		t.Errorf("backup has %d clients at schema %d", n, v)
	}
	// A second open at the same version backs nothing up.
	if err := d.applyMigrations(ms); err != nil {
		t.Fatal(err)
	}
	files, _ = filepath.Glob(filepath.Join(dir, "backups", "*.db"))
	if len(files) != 1 {
		t.Errorf("backups after no-op migrate: %v", files)
	}
}

// The app opens with DeferCheck and runs QuickCheck once its window is up: damage the
// header read cannot see must still be reported then.
func TestDeferredCheckFindsDamage(t *testing.T) {
	p := amendsFile(t, t.TempDir())
	b, _ := os.ReadFile(p)
	for i := 4096*3 + 100; i < len(b) && i < 4096*6; i += 7 {
		b[i] ^= 0x5a
	}
	os.WriteFile(p, b, 0o600)
	if _, err := Open(p); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open: %v, want ErrDamaged", err)
	}
	d, err := OpenWith(p, Options{DeferCheck: true})
	if err != nil {
		// The schema pages may be among the damaged ones: then it is refused at once, also fine.
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("OpenWith: %v", err)
		}
		return
	}
	defer d.Close()
	if err := d.QuickCheck(context.Background()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("QuickCheck: %v, want ErrDamaged", err)
	}
}

func TestDeferredCheckOnHealthyFile(t *testing.T) {
	p := amendsFile(t, t.TempDir())
	d, err := OpenWith(p, Options{DeferCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.QuickCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}
