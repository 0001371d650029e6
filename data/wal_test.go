package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addClients adds n clients named prefix-1… in n transactions, as the app does.
func addClients(t *testing.T, d *DB, prefix string, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		if _, err := d.CreateClient(context.Background(), Client{Name: fmt.Sprintf("%s %d", prefix, i), Email: fmt.Sprintf("%s%d@example.com", prefix, i)}); err != nil {
			t.Fatal(err)
		}
	}
}

func clientNames(t *testing.T, d *DB) []string {
	t.Helper()
	rows, err := d.sql.Query("SELECT name FROM clients ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// strayScene makes the case from the field: a backup (30 clients) copied over amends.db
// while the journal of the file in use (50 clients, some not yet in the file) stays beside
// it. It returns the path, the backup's bytes and the stray journal's bytes.
func strayScene(t *testing.T) (string, []byte, []byte) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	live, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addClients(t, live, "Own", 30)
	bak := filepath.Join(dir, "backup.db")
	if err := live.Snapshot(context.Background(), bak); err != nil {
		t.Fatal(err)
	}
	addClients(t, live, "Later", 20)
	// While the app has the file open, the last transactions are only in the journal.
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no journal while the file is open: %v", err)
	}
	live.Close()
	b, err := os.ReadFile(bak)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, b, wal
}

func TestStrayJournalIsSetAsideNotReplayed(t *testing.T) {
	path, _, wal := strayScene(t)
	if why, err := JournalProblem(path); err != nil || why == "" {
		t.Fatalf("the stray journal is not recognised: %q %v", why, err)
	}
	d, err := Open(path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	names := clientNames(t, d)
	if len(names) != 30 || names[0] != "Own 1" || names[29] != "Own 30" {
		t.Fatalf("the file's own clients are not what is there: %d %v", len(names), names)
	}
	s := d.StrayJournal()
	if s == nil {
		t.Fatal("Open did not say it set a journal aside")
	}
	if !strings.Contains(s.Message(), "did not apply") || !strings.Contains(s.Message(), filepath.Base(s.Aside)) {
		t.Errorf("message %q", s.Message())
	}
	kept, err := os.ReadFile(s.Aside)
	if err != nil || !bytes.Equal(kept, wal) {
		t.Errorf("the stray journal is not kept as it was at %s: %v", s.Aside, err)
	}
	// Writes go on, and the file stays sound once closed and opened again.
	addClients(t, d, "After", 2)
	d.Close()
	d, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.StrayJournal() != nil {
		t.Error("the file's own journal was taken for a stray one")
	}
	if n := len(clientNames(t, d)); n != 32 {
		t.Errorf("%d clients after reopening, want 32", n)
	}
	if err := d.QuickCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

// The file's own journal (a crash before the last checkpoint) is applied, not set aside.
func TestOwnJournalIsApplied(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addClients(t, d, "Own", 5)
	// A crash: copy the file and its journal as they are while open.
	main, _ := os.ReadFile(path)
	wal, _ := os.ReadFile(path + "-wal")
	d.Close()
	crashed := filepath.Join(dir, "crashed.db")
	os.WriteFile(crashed, main, 0o600)
	os.WriteFile(crashed+"-wal", wal, 0o600)
	if why, _ := JournalProblem(crashed); why != "" {
		t.Fatalf("own journal judged stray: %s", why)
	}
	c, err := Open(crashed)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.StrayJournal() != nil {
		t.Error("own journal set aside")
	}
	if n := len(clientNames(t, c)); n != 5 {
		t.Errorf("%d clients, want the 5 of the journal", n)
	}
}

// Every message that says the file was not changed is true: a refused file beside a
// stray journal keeps every byte, and a read-only check reads it as it is.
func TestRefusedWithStrayJournalIsUnchanged(t *testing.T) {
	path, _, _ := strayScene(t)
	// Make the file one of a newer Amends, which Open refuses with "has not changed it".
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, _ := os.ReadFile(path)
	b[60], b[61], b[62], b[63] = 0, 0, 0, 99 // user_version
	os.WriteFile(path, b, 0o600)
	before, _ := os.ReadFile(path)
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := ro.QueryRow("SELECT count(*) FROM clients").Scan(&n); err != nil || n != 30 {
		t.Errorf("read-only look through the stray journal: %d clients, %v", n, err)
	}
	ro.Close()
	_, err = Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(Explain(err), "has not changed it") || !strings.Contains(err.Error(), "kept, not applied") {
		t.Fatalf("explanation %q", Explain(err))
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the message says the file was not changed, but its bytes differ")
	}
}

// A damaged file is reported in one sentence; SQLite's own lines are the details.
func TestDamageMessageIsOneSentence(t *testing.T) {
	err := error(&Damage{Findings: []string{"Tree 48 page 77 cell 2: Rowid 30 out of order", "row 3 missing from index x"}})
	if !errors.Is(err, ErrDamaged) {
		t.Fatal("Damage is not ErrDamaged")
	}
	if strings.Contains(err.Error(), "Tree 48") {
		t.Errorf("message shows SQLite's lines: %q", err)
	}
	if d := Details(err); !strings.Contains(d, "Tree 48 page 77") || !strings.Contains(d, "row 3 missing") {
		t.Errorf("details %q", d)
	}
}

// Backups are files of their own: a copy gets another id than the file it was taken from.
func TestSnapshotHasItsOwnID(t *testing.T) {
	d := openTest(t)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := d.Snapshot(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	h, ok, err := readFileHeader(out)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if h.appID == 0 || h.appID == d.id {
		t.Errorf("copy id %08x, file id %08x", h.appID, d.id)
	}
}

// Any bytes beside a file as its journal: the check never panics, and a journal it takes
// for another file's is never replayed into the file.
func FuzzJournalCheck(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "amends.db")
	d, err := Open(path)
	if err != nil {
		f.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		d.CreateClient(context.Background(), Client{Name: fmt.Sprintf("Fuzz %d", i)})
	}
	wal, _ := os.ReadFile(path + "-wal")
	d.Close()
	f.Add(wal)
	f.Add(wal[:walHeaderSize])
	if len(wal) > walHeaderSize+walFrameHeader+10 {
		cut := append([]byte(nil), wal[:walHeaderSize+walFrameHeader+10]...)
		f.Add(cut)
		flipped := append([]byte(nil), wal...)
		flipped[walHeaderSize+walFrameHeader+appIDOffset] ^= 0xff
		f.Add(flipped)
	}
	f.Add([]byte{0x37, 0x7f, 0x06, 0x82})
	main, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		p := filepath.Join(t.TempDir(), "x.db")
		os.WriteFile(p, main, 0o600)
		os.WriteFile(p+"-wal", in, 0o600)
		info, ok, err := readWAL(p + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		if ok && info.commits == 0 {
			t.Fatal("a journal without commits taken for one to replay")
		}
		if _, err := strayReason(p); err != nil {
			t.Fatal(err)
		}
	})
}

// A damaged file is refused before anything is written to it: not even the switch to
// the write-ahead log, so "it has not been changed" holds byte for byte.
func TestDamagedFileIsRefusedUnchanged(t *testing.T) {
	d := openTest(t)
	addClients(t, d, "Client", 200)
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := d.Snapshot(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if b[18] != 1 {
		t.Fatalf("the copy is in journal mode %d; the test needs one Open would switch", b[18])
	}
	// Scribble over a page in the middle, as a disk fault would.
	h := headerOf(b)
	for i := 3 * h.pageSize; i < 3*h.pageSize+200; i++ {
		b[i] = 0x5a
	}
	os.WriteFile(path, b, 0o600)
	_, err := Open(path)
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "Tree ") || strings.Contains(err.Error(), "page ") {
		t.Errorf("the message shows SQLite's lines: %v", err)
	}
	if d := Details(err); !strings.Contains(d, "page") && !strings.Contains(d, "malformed") {
		t.Errorf("the details lack SQLite's findings: %q", Details(err))
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, b) {
		t.Error("the refused damaged file was changed")
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("%s left beside the refused file", side)
		}
	}
}
