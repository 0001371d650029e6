package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTest opens a fresh store in a temporary folder with a fixed clock.
func openTest(t testing.TB) *DB {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	d.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	t.Cleanup(func() { d.Close() })
	return d
}

func TestOpenMigratesFromEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "new.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var v int
	if err := d.sql.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() || v == 0 {
		t.Fatalf("user_version = %d, want %d", v, SchemaVersion())
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("file mode %o, want 600", perm)
	}
	var mode string
	d.sql.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %q, want wal", mode)
	}
	// Reopening applies nothing and keeps data.
	if _, err := d.CreateClient(context.Background(), Client{Name: "Zoë Ørsted"}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	n, _ := d2.CountClients(context.Background(), ClientFilter{})
	if n != 1 {
		t.Fatalf("after reopen %d clients, want 1", n)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.sql.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "update Amends") {
		t.Errorf("message %q does not tell the user what to do", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("refused file was changed")
	}
}

func TestOpenRefusesForeignAndGarbage(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	os.WriteFile(garbage, []byte(strings.Repeat("this is not a database\n", 200)), 0o600)
	if _, err := Open(garbage); err == nil || !strings.Contains(err.Error(), "not an Amends database") {
		t.Errorf("garbage file: err = %v", err)
	}
	foreign := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite3", foreign)
	db.Exec("CREATE TABLE x (a)")
	db.Close()
	if _, err := Open(foreign); err == nil || !strings.Contains(err.Error(), "another program") {
		t.Errorf("foreign db: err = %v", err)
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	// Every pooled connection must enforce them, so try on several at once.
	for i := 0; i < 4; i++ {
		_, err := d.AddEntry(ctx, Entry{ClientID: 999, At: d.Now(), Kind: KindNote, Summary: "orphan"})
		if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
			t.Fatalf("orphan entry accepted: %v", err)
		}
	}
	c, _ := d.CreateClient(ctx, Client{Name: "A"})
	if _, err := d.AddEntry(ctx, Entry{ClientID: c.ID, At: d.Now(), Kind: KindNote, Summary: "ok"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.sql.Exec("DELETE FROM clients WHERE id=?", c.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	d.sql.QueryRow("SELECT count(*) FROM timeline").Scan(&n)
	if n != 0 {
		t.Errorf("timeline rows left after client deleted: %d", n)
	}
}
