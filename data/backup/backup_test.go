package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

var ctx = context.Background()

func openStore(t *testing.T, path string, clients int) *data.DB {
	t.Helper()
	db, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for i := 0; i < clients; i++ {
		c, err := db.CreateClient(ctx, data.Client{Name: "Client " + string(rune('A'+i))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddEntry(ctx, data.Entry{ClientID: c.ID, At: time.Date(2026, 3, i+1, 9, 0, 0, 0, time.UTC), Kind: data.KindCall, Summary: "called"}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestNowAndInspect(t *testing.T) {
	dir := t.TempDir()
	db := openStore(t, filepath.Join(dir, "amends.db"), 3)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	p, err := Now(ctx, db, now, "manual")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p) != filepath.Join(dir, "backups") {
		t.Errorf("backup at %s", p)
	}
	for _, f := range []string{p, filepath.Dir(p)} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode %o, want %o", f, fi.Mode().Perm(), want)
		}
	}
	info, err := Inspect(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if info.Clients != 3 || info.Tables["timeline"] != 3 || !info.Taken.Equal(now) ||
		!info.NewestEntry.Equal(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)) || info.Schema != data.SchemaVersion() {
		t.Errorf("info = %+v", info)
	}
	// No leftovers beside it.
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("backup folder holds %v", entries)
	}
}

func TestConfiguredFolder(t *testing.T) {
	dir := t.TempDir()
	db := openStore(t, filepath.Join(dir, "amends.db"), 1)
	other := filepath.Join(t.TempDir(), "synced", "amends")
	if err := Save(ctx, db, other, Policy{Daily: 2, Weekly: 1, Monthly: 0}); err != nil {
		t.Fatal(err)
	}
	s, err := Load(ctx, db)
	if err != nil || s.Dir != other || s.Policy != (Policy{2, 1, 0}) {
		t.Fatalf("settings %+v %v", s, err)
	}
	p, err := Now(ctx, db, time.Now(), "manual")
	if err != nil || filepath.Dir(p) != other {
		t.Fatalf("backup %s %v", p, err)
	}
	var fe *data.FieldError
	if err := Save(ctx, db, "", Policy{}); !errors.As(err, &fe) {
		t.Errorf("keeping none accepted: %v", err)
	}
	if err := Save(ctx, db, "", Policy{Daily: -1, Weekly: 1}); !errors.As(err, &fe) {
		t.Errorf("negative accepted: %v", err)
	}
}

func TestAuto(t *testing.T) {
	dir := t.TempDir()
	db := openStore(t, filepath.Join(dir, "amends.db"), 1)
	day := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	p, err := Auto(ctx, db, day)
	if err != nil || p == "" {
		t.Fatalf("first auto backup: %q %v", p, err)
	}
	if p, err := Auto(ctx, db, day.Add(23*time.Hour)); err != nil || p != "" {
		t.Fatalf("second within a day: %q %v", p, err)
	}
	if p, err := Auto(ctx, db, day.Add(25*time.Hour)); err != nil || p == "" {
		t.Fatalf("after a day: %q %v", p, err)
	}
	// A failed backup is reported: the backups folder is a file.
	if err := Save(ctx, db, filepath.Join(dir, "amends.db"), DefaultPolicy()); err == nil {
		t.Error("Save accepted a file as the backups folder")
	}
	blocked := filepath.Join(dir, "blocked")
	os.WriteFile(blocked, []byte("x"), 0o600)
	db.SetSetting(ctx, data.SettingBackupDir, blocked)
	if p, err := Auto(ctx, db, day.Add(72*time.Hour)); err == nil {
		t.Fatalf("backup into a file succeeded: %q", p)
	}
}

func TestPrunePolicy(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	// One backup a day for 400 days, two on the last day.
	for d := 0; d < 400; d++ {
		at := now.AddDate(0, 0, -d)
		os.WriteFile(filepath.Join(dir, data.BackupName(at, "daily")), nil, 0o600)
	}
	os.WriteFile(filepath.Join(dir, data.BackupName(now.Add(-time.Hour), "manual")), nil, 0o600)
	os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600)
	old := filepath.Join(dir, ".amends-x.db.abc.tmp")
	os.WriteFile(old, nil, 0o600)
	os.Chtimes(old, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	if _, err := Prune(dir, DefaultPolicy(), now); err != nil {
		t.Fatal(err)
	}
	files, _ := List(dir)
	var days []string
	for _, f := range files {
		days = append(days, f.Taken.Format("2006-01-02"))
	}
	got := strings.Join(days, " ")
	// Everything from the last day; 7 days; Sundays of the 4 newest ISO weeks (3 already among the days); the last day of 12 months.
	want := "2026-11-23 2026-11-23 2026-11-22 2026-11-21 2026-11-20 2026-11-19 2026-11-18 2026-11-17 " +
		"2026-11-15 2026-11-08 2026-10-31 2026-09-30 2026-08-31 2026-07-31 2026-06-30 2026-05-31 " +
		"2026-04-30 2026-03-31 2026-02-28 2026-01-31 2025-12-31"
	if got != want {
		t.Errorf("kept\n%s\nwant\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("pruning removed a file that is not a backup")
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale temporary file left")
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	db := openStore(t, path, 2)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	b, err := Now(ctx, db, now, "manual")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateClient(ctx, data.Client{Name: "Added after the backup"}); err != nil {
		t.Fatal(err)
	}
	safety, err := Restore(ctx, db, b, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	db2, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if n, _ := db2.CountClients(ctx, data.ClientFilter{}); n != 2 {
		t.Errorf("after restore %d clients, want 2", n)
	}
	info, err := Inspect(ctx, safety)
	if err != nil || info.Clients != 3 {
		t.Errorf("safety backup %+v %v", info, err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("restored file mode %o", fi.Mode().Perm())
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	db := openStore(t, path, 2)
	good, err := Now(ctx, db, time.Now(), "manual")
	if err != nil {
		t.Fatal(err)
	}
	goodBytes, _ := os.ReadFile(good)
	newer := filepath.Join(dir, "newer.db")
	os.WriteFile(newer, goodBytes, 0o600)
	s, _ := sql.Open("sqlite3", newer)
	s.Exec("PRAGMA user_version = 999")
	s.Close()
	other := filepath.Join(dir, "other.db")
	s, _ = sql.Open("sqlite3", other)
	s.Exec("CREATE TABLE t (x); PRAGMA user_version = 1")
	s.Close()
	cut := filepath.Join(dir, "cut.db")
	os.WriteFile(cut, goodBytes[:len(goodBytes)/2], 0o600)
	text := filepath.Join(dir, "text.db")
	os.WriteFile(text, []byte("hello"), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	for _, c := range []struct {
		file string
		want error
	}{{newer, data.ErrNewerSchema}, {other, data.ErrNotAmends}, {cut, data.ErrDamaged}, {text, data.ErrNotAmends},
		{empty, data.ErrNotAmends}, {dir, data.ErrNotAmends}, {path, nil}} {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			_, err := Restore(ctx, db, c.file, time.Now())
			if err == nil {
				t.Fatal("restore accepted it")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			// The store is still open and whole.
			if n, err := db.CountClients(ctx, data.ClientFilter{}); err != nil || n != 2 {
				t.Errorf("store after refused restore: %d %v", n, err)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	db := openStore(t, path, 2)
	db.Close()
	r, err := Check(ctx, path)
	if err != nil || !r.OK() || r.Tables["clients"] != 2 {
		t.Fatalf("check sound db: %+v %v", r, err)
	}
	// A timeline row whose client is gone (written with foreign keys off).
	s, _ := sql.Open("sqlite3", path)
	if _, err := s.Exec("PRAGMA foreign_keys=OFF; DELETE FROM clients WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r, err = Check(ctx, path)
	if err != nil || r.OK() || len(r.ForeignKeys) != 1 {
		t.Fatalf("check broken references: %+v %v", r, err)
	}
	var sb strings.Builder
	r.Print(&sb, path)
	if !strings.Contains(sb.String(), "references: 1 broken") {
		t.Error(sb.String())
	}
}

func TestSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	os.WriteFile(path, []byte("damaged"), 0o600)
	os.WriteFile(path+"-wal", []byte("w"), 0o600)
	aside, err := SetAside(path, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(aside); string(b) != "damaged" {
		t.Error("set-aside file lost its content")
	}
	if _, err := os.Stat(aside + "-wal"); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("still there")
	}
}

// Files attached to clients are inside the data file: a backup holds them and a
// restore gives back every byte.
func TestBackupAndRestoreKeepAttachments(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	db := openStore(t, path, 2)
	c, err := db.CreateClient(ctx, data.Client{Name: "Bea Backup"})
	if err != nil {
		t.Fatal(err)
	}
	content := make([]byte, 300_000)
	for i := range content {
		content[i] = byte(i * 7)
	}
	e, err := db.AddEmail(ctx, c.ID, data.Email{Subject: "Photos", From: "bea@example.com", MessageID: "p@example.com",
		Files: []data.File{{Name: "site.jpg", Type: "image/jpeg", Content: content}}})
	if err != nil {
		t.Fatal(err)
	}
	copyPath, err := Now(ctx, db, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), "manual")
	if err != nil {
		t.Fatal(err)
	}
	// Remove it, then restore the backup: the email and its file are back, whole.
	if _, err := db.DeleteEntry(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, db, copyPath, time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	back, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	as, err := back.Attachments(ctx, c.ID)
	if err != nil || len(as) != 1 || as[0].EntryID != e.ID {
		t.Fatalf("after restore: %+v (%v)", as, err)
	}
	got, err := back.AttachmentContent(ctx, as[0].ID)
	if err != nil || !bytes.Equal(got.Content, content) {
		t.Fatalf("restored file differs (%v)", err)
	}
}
