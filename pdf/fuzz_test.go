package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// FuzzLetter feeds arbitrary text into the fields a user types. Rendering
// may refuse (an address too long for the window) but must never panic, and
// whatever it returns without error must be a complete PDF.
func FuzzLetter(f *testing.F) {
	f.Add("Ihre Beschwerde", "Sehr geehrte Frau Zoë,", "Łukasz und Ørsted\n\nΠαπαδόπουλος, Дмитрий", "Ñúñez GmbH\nHauptstraße 5\n80331 München")
	f.Add("漢字 😀", "\x00\r\n\t", strings.Repeat("Wort ", 600), "\uFFFD\u202E\u0301")
	f.Add("", "", "", "a")
	f.Add(strings.Repeat("x", 400), "Dear", strings.Repeat("y", 3000), strings.Repeat("z", 300))
	f.Add("\xff\xfe invalid utf8", "Hi,", "{nb} (paren) \\backslash", "Name\n\n\nStreet")
	f.Fuzz(func(t *testing.T, subject, salutation, body, recipient string) {
		l := Letter{
			Sender:    Letterhead{Name: "Zoë", Address: []string{"Straße 1", "10117 Berlin"}},
			Recipient: strings.Split(recipient, "\n"),
			DateLine:  "Berlin, 23. November 2026", DateRight: true,
			Date:       time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
			Subject:    subject,
			Salutation: salutation,
			Body:       strings.Split(body, "\n\n"),
			Closing:    "Regards",
			SignerName: "Zoë",
		}
		var buf bytes.Buffer
		res, err := Render(&buf, l)
		if err != nil {
			if strings.Contains(err.Error(), "internal layout error") {
				t.Fatalf("panic inside the layout: %v", err)
			}
			return
		}
		out := buf.Bytes()
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(out), []byte("%%EOF")) {
			t.Fatalf("incomplete PDF (%d bytes)", len(out))
		}
		if res.Pages < 1 {
			t.Fatalf("Pages = %d", res.Pages)
		}
	})
}
