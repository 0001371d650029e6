package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// Whatever a file holds, reading it gives an email or an error, never a panic, and the
// text it gives is valid UTF-8 (the timeline and the search index store it).
func FuzzRead(f *testing.F) {
	for _, n := range []string{"report.eml", "html-only.eml"} {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Subject: =?ISO-8859-1?Q?caf=E9?=\r\n\r\nbody"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read("x.eml", bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, s := range []string{m.Subject, m.From, m.To, m.Text} {
			if !utf8.ValidString(s) {
				t.Fatalf("not UTF-8: %q", s)
			}
		}
	})
}
