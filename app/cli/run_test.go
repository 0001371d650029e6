package cli

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// run is the command line as main runs it, for the tests: its exit code. A command line
// that would start the window fails the test that gave it.
func run(args []string, stdout, stderr io.Writer) int {
	code, gui, _ := Run(args, stdout, stderr, "test")
	if gui {
		fmt.Fprintf(stderr, "amends: %q would start the window\n", args)
		return -1
	}
	return code
}

func TestCommandLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"--help"}, 0, "Usage:"},
		{[]string{"version"}, 0, "amends "},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"--nope"}, 2, "flag provided but not defined"},
		{[]string{"demo"}, 2, "--db FILE is required"},
		{[]string{"demo", "--db", db, "--clients", "x"}, 2, "invalid value"},
		{[]string{"demo", "--db", db, "--clients", "25", "--seed", "3"}, 0, "wrote 25 sample clients"},
		{[]string{"demo", "--db", filepath.Join(t.TempDir(), "no", "\x00bad"), "--clients", "1"}, 1, "amends demo:"},
		{[]string{"interview-summary", "--db", db}, 2, "--complaint ID"},
		{[]string{"interview-summary", "--db", db, "--complaint", "1", "--out", filepath.Join(t.TempDir(), "s.pdf")}, 0, "wrote the summary of complaint 1"},
		{[]string{"interview-summary", "--db", db, "--complaint", "9999", "--out", filepath.Join(t.TempDir(), "s.pdf")}, 1, "not found"},
		{[]string{"interview-summary", "--db", filepath.Join(t.TempDir(), "missing.db"), "--complaint", "1", "--out", "x.pdf"}, 1, "no such file"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.code, errb.String())
			}
			if all := out.String() + errb.String(); !strings.Contains(all, tc.out) {
				t.Fatalf("output %q does not contain %q", all, tc.out)
			}
		})
	}
}

// Without a subcommand the window starts, on --db FILE when one is given.
func TestRunStartsTheWindow(t *testing.T) {
	for _, tc := range []struct {
		args []string
		db   string
	}{
		{nil, ""},
		{[]string{"--db", "x.db"}, "x.db"},
		{[]string{"-db=y.db"}, "y.db"},
	} {
		var out, errb bytes.Buffer
		code, gui, db := Run(tc.args, &out, &errb, "test")
		if code != 0 || !gui || db != tc.db || out.Len()+errb.Len() != 0 {
			t.Errorf("%q: code %d, gui %v, db %q, output %q", tc.args, code, gui, db, out.String()+errb.String())
		}
	}
	var out bytes.Buffer
	if code, gui, _ := Run([]string{"version"}, &out, io.Discard, "1.2.3"); code != 0 || gui || !strings.HasPrefix(out.String(), "amends 1.2.3 (schema ") {
		t.Errorf("version: code %d, gui %v, %q", code, gui, out.String())
	}
}
