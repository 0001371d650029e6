package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/lock"
)

func amends(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String() + errb.String()
}

func TestDataSafetyCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amends.db")
	p := func(n string) string { return filepath.Join(dir, n) }
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"demo", "--db", db, "--clients", "20"}, 0, "wrote 20"},
		{[]string{"backup", "--db", db, "--out", p("b.db")}, 0, "backed up 20 clients"},
		{[]string{"backup", "--db", db, "--out", p("b.db")}, 1, "exists already"},
		{[]string{"backup", "--db", p("missing.db"), "--out", p("c.db")}, 1, "no such file"},
		{[]string{"backup", "--db", db}, 2, "required"},
		{[]string{"check", "--db", p("b.db")}, 0, "integrity: ok"},
		{[]string{"check", "--db", p("notes.txt")}, 1, "not an Amends database"},
		{[]string{"export", "--db", db, "--out", p("all.json")}, 0, "exported 20 clients"},
		{[]string{"export", "--db", db, "--out", p("all.csv")}, 0, "exported 20 clients"},
		{[]string{"export", "--db", db, "--out", p("all.vcf"), "--vcard-version", "3.0"}, 0, "exported 20 clients"},
		{[]string{"export", "--db", db, "--out", p("all.xlsx")}, 2, "FILE.json"},
		{[]string{"import", "--db", p("new.db"), "--in", p("all.json")}, 0, "clients: 20 imported"},
		{[]string{"import", "--db", p("new.db"), "--in", p("all.json"), "--dry-run"}, 0, "dry run"},
		{[]string{"import", "--db", p("new.db"), "--in", p("notes.txt.json")}, 1, "nothing was imported"},
		{[]string{"import", "--db", p("v.db"), "--in", p("all.vcf")}, 0, "imported"},
		{[]string{"restore", "--db", db, "--from", p("notes.txt")}, 1, "not an Amends database"},
		{[]string{"restore", "--db", db, "--from", p("b.db")}, 0, "restored 20 clients"},
	}
	os.WriteFile(p("notes.txt"), []byte("not a database"), 0o600)
	os.WriteFile(p("notes.txt.json"), []byte(`{"format":"something else"}`), 0o600)
	for _, s := range steps {
		code, out := amends(t, s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("amends %s: exit %d, want %d; output:\n%s", strings.Join(s.args, " "), code, s.code, out)
		}
	}
	a, _ := os.ReadFile(p("all.json"))
	code, _ := amends(t, "export", "--db", p("new.db"), "--out", p("again.json"))
	b, _ := os.ReadFile(p("again.json"))
	strip := func(s []byte) string {
		var keep []string
		for _, l := range strings.Split(string(s), "\n") {
			if !strings.Contains(l, `"exported"`) {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if code != 0 || strip(a) != strip(b) {
		t.Error("export of the imported database differs")
	}
	for _, f := range []string{db, p("b.db"), p("all.json"), p("all.csv")} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v %v", f, fi.Mode(), err)
		}
	}
}

// Every command that writes to the data file takes the single-writer lock: while the app
// (or another command) holds it, each stops with a message and changes nothing.
func TestWritingCommandsTakeTheLock(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amends.db")
	p := func(n string) string { return filepath.Join(dir, n) }
	if code, out := amends(t, "demo", "--db", db, "--clients", "10"); code != 0 {
		t.Fatal(out)
	}
	if code, out := amends(t, "backup", "--db", db, "--out", p("b.db")); code != 0 {
		t.Fatal(out)
	}
	if code, out := amends(t, "export", "--db", db, "--out", p("all.csv")); code != 0 {
		t.Fatal(out)
	}
	l, err := lock.Acquire(db)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(db)
	for _, args := range [][]string{
		{"demo", "--db", db, "--clients", "5"},
		{"import", "--db", db, "--in", p("all.csv")},
		{"restore", "--db", db, "--from", p("b.db")},
		{"erase", "--db", db, "--client", "1", "--confirm", "x"},
		{"letter", "--db", db, "--client", "1", "--kind", "winback", "--out", p("l.pdf")},
		{"winback-letters", "--db", db, "--out", p("w.pdf")},
	} {
		code, out := amends(t, args...)
		if code != 1 || !strings.Contains(out, "already open") {
			t.Errorf("amends %s while locked: exit %d\n%s", args[0], code, out)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused command changed the file")
	}
	for _, f := range []string{"l.pdf", "w.pdf"} {
		if _, err := os.Stat(p(f)); err == nil {
			t.Errorf("%s written while the file was locked", f)
		}
	}
	l.Release()
	// Reading commands do not need it: the app may be open meanwhile.
	if code, out := amends(t, "check", "--db", db); code != 0 {
		t.Error(out)
	}
}

func TestEraseCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amends.db")
	if code, out := amends(t, "demo", "--db", db, "--clients", "10"); code != 0 {
		t.Fatal(out)
	}
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	c, err := store.Client(context.Background(), 3)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"erase", "--db", db, "--client", "3"}, 2, "--confirm"},
		{[]string{"erase", "--db", db, "--client", "3", "--confirm", "Someone Else"}, 1, "nothing was erased"},
		{[]string{"erase", "--db", db, "--client", "999", "--confirm", "x"}, 1, "no client 999"},
		{[]string{"erase", "--db", db, "--client", "3", "--confirm", c.Name}, 0, "erased " + c.Name},
		{[]string{"erase", "--db", db, "--client", "3", "--confirm", c.Name}, 1, "no client 3"},
	} {
		code, out := amends(t, s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("amends %s: exit %d, want %d; output:\n%s", strings.Join(s.args, " "), code, s.code, out)
		}
	}
	b, _ := os.ReadFile(db)
	if bytes.Contains(b, []byte(c.Name)) {
		t.Errorf("%q is still in the file", c.Name)
	}
}

// A zero-byte file is no database: check says it is empty and fails.
func TestCheckEmptyFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(f, nil, 0o600)
	code, out := amends(t, "check", "--db", f)
	if code != 1 || !strings.Contains(out, "empty") || strings.Contains(out, "integrity: ok") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// Leftover temporary copies of interrupted backups and restores go at the next start.
func TestLeftoverCopiesCleaned(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amends.db")
	if code, out := amends(t, "demo", "--db", db, "--clients", "3"); code != 0 {
		t.Fatal(out)
	}
	restoreTmp := filepath.Join(dir, ".amends.db.restore.tmp")
	backupTmp := filepath.Join(dir, "backups", ".amends-20260101-000000-daily.db.a1b2c3.tmp")
	freshTmp := filepath.Join(dir, "backups", ".amends-20260101-000001-daily.db.d4e5f6.tmp")
	os.MkdirAll(filepath.Dir(backupTmp), 0o700)
	for _, f := range []string{restoreTmp, backupTmp, freshTmp} {
		os.WriteFile(f, []byte("partial"), 0o600)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(backupTmp, old, old)
	if code, out := amends(t, "demo", "--db", db, "--clients", "1"); code != 0 {
		t.Fatal(out)
	}
	for _, f := range []string{restoreTmp, backupTmp} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s is still there", f)
		}
	}
	if _, err := os.Stat(freshTmp); err != nil {
		t.Errorf("a copy another Amends may be writing right now was removed: %v", err)
	}
}

// A backup copied over the data file while the old journal stays beside it: every
// command reads the file's own clients and says in one sentence what it set aside.
func TestStrayJournalOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amends.db")
	p := func(n string) string { return filepath.Join(dir, n) }
	if code, out := amends(t, "demo", "--db", db, "--clients", "30"); code != 0 {
		t.Fatal(out)
	}
	if code, out := amends(t, "backup", "--db", db, "--out", p("b.db")); code != 0 {
		t.Fatal(out)
	}
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := store.CreateClient(context.Background(), data.Client{Name: "Later client"}); err != nil {
			t.Fatal(err)
		}
	}
	wal, _ := os.ReadFile(db + "-wal")
	store.Close()
	b, _ := os.ReadFile(p("b.db"))
	os.WriteFile(db, b, 0o600)
	os.WriteFile(db+"-wal", wal, 0o600)

	code, out := amends(t, "check", "--db", db)
	if code != 1 || !strings.Contains(out, "belongs to another file") || strings.Contains(out, "Tree ") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, b) {
		t.Error("check changed the file")
	}
	code, out = amends(t, "export", "--db", db, "--out", p("all.json"))
	if code != 0 || !strings.Contains(out, "exported 30 clients") || !strings.Contains(out, "did not apply") {
		t.Errorf("export: exit %d\n%s", code, out)
	}
	if code, out := amends(t, "check", "--db", db); code != 0 {
		t.Errorf("check after: %s", out)
	}
}

// The 300-client sample file goes out as CSV and as vCard and comes back whole.
func TestSampleRoundTripKeepsEveryClient(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amends.db")
	p := func(n string) string { return filepath.Join(dir, n) }
	if code, out := amends(t, "demo", "--db", db, "--clients", "300"); code != 0 {
		t.Fatal(out)
	}
	for _, f := range []string{"all.csv", "all.vcf"} {
		if code, out := amends(t, "export", "--db", db, "--out", p(f)); code != 0 || !strings.Contains(out, "exported 300 clients") {
			t.Fatal(out)
		}
		code, out := amends(t, "import", "--db", p(f+".db"), "--in", p(f))
		if code != 0 || !strings.Contains(out, "clients: 300 imported") {
			t.Errorf("%s: exit %d\n%s", f, code, out)
		}
		// Into the file they came from: every one is already there, none is added.
		code, out = amends(t, "import", "--db", db, "--in", p(f), "--dry-run")
		if code != 0 || !strings.Contains(out, "clients: 0 imported, 300 skipped") || !strings.Contains(out, "--merge") {
			t.Errorf("%s into its source: exit %d\n%s", f, code, out)
		}
	}
}

// The command line says where each column went, and the user can send one elsewhere.
func TestImportPrintsTheColumnMapping(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "google.csv")
	os.WriteFile(in, []byte("First Name,Last Name,E-mail 1 - Value,Labels,Nickname\nAda,Lovelace,ada@example.com,* myContacts,Countess\n"), 0o600)
	code, out := amends(t, "import", "--db", filepath.Join(dir, "a.db"), "--in", in, "--dry-run")
	for _, want := range []string{`"First Name"`, "-> First name", `"E-mail 1 - Value"`, "-> Email", `"Nickname"`, "(not imported)", `not imported`, `"Nickname" (1 with a value)`, "clients: 1 imported"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out = amends(t, "import", "--db", filepath.Join(dir, "a.db"), "--in", in, "--column", "Nickname=Salutation", "--column", "Labels=none")
	if code != 0 || !strings.Contains(out, "-> Salutation") || !strings.Contains(out, `"Labels" (1 with a value)`) || strings.Contains(out, `"Nickname" (1`) {
		t.Errorf("with --column: exit %d\n%s", code, out)
	}
	store, _ := data.Open(filepath.Join(dir, "a.db"))
	defer store.Close()
	c, err := store.Client(context.Background(), 1)
	if err != nil || c.Salutation != "Countess" || c.Name != "Ada Lovelace" {
		t.Errorf("imported %+v %v", c, err)
	}
	code, out = amends(t, "import", "--db", filepath.Join(dir, "a.db"), "--in", in, "--column", "Nope=Email")
	if code != 1 || !strings.Contains(out, `no column "Nope"`) {
		t.Errorf("unknown column: exit %d\n%s", code, out)
	}
}
