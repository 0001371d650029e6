package documents

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
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

// TestFeedbackRequestIsInTheClientsLanguage: the request is written in the language of
// the client's last letter, or else of their country, as letters are.
func TestFeedbackRequestIsInTheClientsLanguage(t *testing.T) {
	ctx := context.Background()
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.CreateClient(ctx, data.Client{Name: "Camille Durand", Email: "camille@durand.example", Status: data.StatusActive,
		Address: data.Address{Lines: "1 rue de la Paix", Postcode: "75002", City: "Paris", Country: "France"}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	d, err := FeedbackRequest(ctx, db, c.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if d.Subject != "Comment se passe notre collaboration ?" || !strings.Contains(d.Body, "répondez simplement") {
		t.Errorf("a client in France is asked in French, got %q:\n%s", d.Subject, d.Body)
	}
	if err := db.SetClientLetterLang(ctx, c.ID, "nl"); err != nil {
		t.Fatal(err)
	}
	if d, err = FeedbackRequest(ctx, db, c.ID, now); err != nil || d.Subject != "Hoe bevalt onze samenwerking?" {
		t.Errorf("a client written to in Dutch is asked in Dutch, got %q (%v)", d.Subject, err)
	}
}
