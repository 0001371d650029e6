package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

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
