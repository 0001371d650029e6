package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/amends/amends/data"
)

func TestLetterCommand(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--clients", "30"}, &out, &errb); code != 0 {
		t.Fatalf("demo: %s", errb.String())
	}
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ks, err := store.ListComplaints(ctx, data.ComplaintFilter{}, 1)
	if err != nil || len(ks) == 0 {
		t.Fatalf("demo has no complaint: %v", err)
	}
	// A letter recorded by the demo would be reprinted; use a complaint without one.
	var complaint int64
	all, _ := store.ListComplaints(ctx, data.ComplaintFilter{}, 100)
	for _, k := range all {
		if _, ok, _ := store.LatestLetter(ctx, k.ClientID, k.ID, "apology"); !ok {
			complaint = k.ID
			break
		}
	}
	if complaint == 0 {
		t.Fatal("every demo complaint has an apology already")
	}
	noAddr, err := store.CreateClient(ctx, data.Client{Name: "Nobody Without Address", Status: data.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	pdfOut := filepath.Join(dir, "apology.pdf")

	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"fresh draft", []string{"letter", "--db", db, "--complaint", id(complaint), "--kind", "apology", "--out", pdfOut}, 0, "a fresh draft, recorded as letter"},
		{"stored text", []string{"letter", "--db", db, "--complaint", id(complaint), "--kind", "apology", "--paper", "letter", "--out", pdfOut}, 0, "the text of letter"},
		{"client kind", []string{"letter", "--db", db, "--client", "1", "--kind", "winback", "--out", filepath.Join(dir, "w.pdf")}, 0, "wrote"},
		{"unknown complaint", []string{"letter", "--db", db, "--complaint", "99999", "--kind", "apology", "--out", pdfOut}, 1, "complaint 99999: not found"},
		{"unknown client", []string{"letter", "--db", db, "--client", "99999", "--kind", "thanks", "--out", pdfOut}, 1, "not found"},
		{"unknown kind", []string{"letter", "--db", db, "--client", "1", "--kind", "poem", "--out", pdfOut}, 2, "unknown letter kind"},
		{"apology needs complaint", []string{"letter", "--db", db, "--client", "1", "--kind", "apology", "--out", pdfOut}, 2, "use --complaint ID"},
		{"both ids", []string{"letter", "--db", db, "--client", "1", "--complaint", "1", "--kind", "thanks", "--out", pdfOut}, 2, "either --complaint ID or --client ID"},
		{"no address", []string{"letter", "--db", db, "--client", id(noAddr.ID), "--kind", "closing", "--out", pdfOut}, 1, "has no postal address"},
		{"bad paper", []string{"letter", "--db", db, "--client", "1", "--kind", "thanks", "--paper", "a5", "--out", pdfOut}, 2, "unknown paper"},
		{"missing out", []string{"letter", "--db", db, "--client", "1", "--kind", "thanks"}, 2, "required"},
		{"no such db", []string{"letter", "--db", filepath.Join(dir, "none.db"), "--client", "1", "--kind", "thanks", "--out", pdfOut}, 1, "no such data file"},
		{"unwritable out", []string{"letter", "--db", db, "--client", "1", "--kind", "thanks", "--out", filepath.Join(dir, "missing", "x.pdf")}, 1, "cannot write in"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tc.code, out.String(), errb.String())
			}
			got := out.String() + errb.String()
			if !strings.Contains(got, tc.out) {
				t.Fatalf("output %q lacks %q", got, tc.out)
			}
			if code != 0 && strings.Count(errb.String(), "\n") != 1 {
				t.Fatalf("error is not one line: %q", errb.String())
			}
		})
	}
	b, err := os.ReadFile(pdfOut)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no PDF: %v", err)
	}
	for _, f := range []string{pdfOut, filepath.Join(dir, "w.pdf")} {
		// A letter holds a client's name, address and story: private, like the exports.
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", f, fi.Mode(), err)
		}
	}
	// The stored letter was reprinted, not recorded again.
	store, _ = data.Open(db)
	defer store.Close()
	k, _ := store.Complaint(ctx, complaint)
	ls, _ := store.ClientLetters(ctx, k.ClientID)
	n := 0
	for _, l := range ls {
		if l.ComplaintID == complaint && l.Kind == "apology" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d apology letters recorded for the complaint, want 1", n)
	}
}

func TestWinBackLettersCommand(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--clients", "300"}, &out, &errb); code != 0 {
		t.Fatalf("demo: %s", errb.String())
	}
	count := func() int {
		store, err := data.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		var n int
		if err := store.SQL().QueryRow(`SELECT count(*) FROM letters WHERE kind = 'winback'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	pdfOut := filepath.Join(dir, "winback.pdf")
	out.Reset()
	errb.Reset()
	if code := run([]string{"winback-letters", "--db", db, "--out", pdfOut}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var n, pages int
	if _, err := fmt.Sscanf(out.String(), "wrote %d win-back letters (%d pages)", &n, &pages); err != nil || n == 0 || pages < n {
		t.Fatalf("said %q (%v)", out.String(), err)
	}
	if got := count(); got != before+n {
		t.Fatalf("%d win-back letters recorded, want %d more than %d", got, n, before)
	}
	if fi, err := os.Stat(pdfOut); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("batch PDF mode %v %v", fi.Mode(), err)
	}
	if b, err := os.ReadFile(pdfOut); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no PDF: %v", err)
	}
	// Without --out it is a usage error; into a missing folder a failure that writes nothing.
	if code := run([]string{"winback-letters", "--db", db}, &out, &errb); code != 2 {
		t.Fatalf("no --out: exit %d", code)
	}
	errb.Reset()
	if code := run([]string{"winback-letters", "--db", db, "--out", filepath.Join(dir, "missing", "x.pdf")}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "cannot write in") {
		t.Fatalf("unwritable: exit %d, %q", code, errb.String())
	}
	if got := count(); got != before+n {
		t.Fatalf("a failed run recorded letters: %d", got)
	}
}

// A letterhead setting that cannot be read does not stop a letter; the command says which.
func TestLetterCommandWarnsOfDamagedLetterhead(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--clients", "30"}, &out, &errb); code != 0 {
		t.Fatalf("demo: %s", errb.String())
	}
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetSetting(context.Background(), "letterhead.signature", "%%% not base64"); err != nil {
		t.Fatal(err)
	}
	store.Close()
	out.Reset()
	errb.Reset()
	code := run([]string{"letter", "--db", db, "--client", "1", "--kind", "winback", "--out", filepath.Join(dir, "w.pdf")}, &out, &errb)
	if code != 0 || !strings.Contains(errb.String(), "warning: the letterhead's signature could not be read") {
		t.Fatalf("exit %d; stdout %q stderr %q", code, out.String(), errb.String())
	}
}

// Without a letterhead the batch is refused, and the command line says where to fill it in.
func TestWinBackLettersWithoutLetterhead(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	var out, errb bytes.Buffer
	code := run([]string{"winback-letters", "--db", db, "--out", filepath.Join(t.TempDir(), "w.pdf")}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "no name or address") || !strings.Contains(errb.String(), "Settings ▸ Letterhead") {
		t.Fatalf("exit %d: %q", code, errb.String())
	}
}
