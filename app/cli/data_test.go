package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
