package documents

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data/mail"
)

func TestDraftReadsBackAsTheEmailWritten(t *testing.T) {
	var buf bytes.Buffer
	d := MailDraft{From: "Anna Berger <anna@berger.example>", To: "jorg@mueller.example", ToName: "Jörg Müller",
		Subject: "Wie zufrieden sind Sie?", Body: "Guten Tag Jörg Müller,\n\nwie läuft es?\n", Date: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	if err := WriteDraft(&buf, d); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.Contains(raw, "X-Unsent: 1\r\n") {
		t.Fatalf("not marked unsent:\n%s", raw)
	}
	m, err := mail.Read("draft.eml", strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != d.Subject || m.To != "Jörg Müller <jorg@mueller.example>" || m.From != d.From ||
		m.Text != "Guten Tag Jörg Müller,\n\nwie läuft es?" || !m.At.Equal(d.Date) {
		t.Fatalf("read back %+v", m)
	}
	if err := WriteDraft(&bytes.Buffer{}, MailDraft{To: "not an address", Subject: "x"}); err == nil {
		t.Fatal("a bad address was written")
	}
	u := MailtoURL(d)
	if got := u.String(); !strings.HasPrefix(got, "mailto:jorg@mueller.example?") || strings.Contains(got, "+") || !strings.Contains(got, "subject=Wie%20zufrieden") {
		t.Fatalf("mailto %s", got)
	}
	if DraftFileName(`How are we doing? / now`) != "How are we doing- - now.eml" {
		t.Fatal(DraftFileName(`How are we doing? / now`))
	}
}
