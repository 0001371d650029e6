package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amends/amends/data/ics"
)

func TestExportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	icsOut := filepath.Join(dir, "f.ics")
	pdfOut := filepath.Join(dir, "r.pdf")
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"demo", "--db", db, "--clients", "150"}, 0, "wrote 150"},
		{[]string{"ics", "--db", db}, 2, "--out FILE are required"},
		{[]string{"ics", "--db", filepath.Join(dir, "missing.db"), "--out", icsOut}, 1, "amends ics:"},
		{[]string{"ics", "--db", db, "--out", icsOut}, 0, "open follow-ups to"},
		{[]string{"report", "--out", pdfOut}, 2, "are required"},
		{[]string{"report", "--db", db, "--out", filepath.Join(dir, "no", "such", "dir", "r.pdf")}, 1, "amends report:"},
		{[]string{"report", "--db", db, "--out", pdfOut}, 0, "wrote the report"},
	}
	for _, tc := range cases {
		var out, errb bytes.Buffer
		if code := run(tc.args, &out, &errb); code != tc.code {
			t.Fatalf("%v: exit %d, want %d; stderr %s", tc.args, code, tc.code, errb.String())
		}
		if all := out.String() + errb.String(); !strings.Contains(all, tc.out) {
			t.Fatalf("%v: output %q lacks %q", tc.args, all, tc.out)
		}
	}
	f, err := os.Open(icsOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ics.Parse(f)
	if err != nil || len(cal.Components) == 0 || cal.Components[0].Name != "VTODO" {
		t.Fatalf("calendar %v %+v", err, cal)
	}
	b, err := os.ReadFile(pdfOut)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("report %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("exporting from a missing file created it")
	}
}
