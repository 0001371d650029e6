package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/mail"
)

func TestAskForFeedbackByEmailWritesADraftAndRecordsIt(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c, noMail data.Client
	u, store, a := newRecordingUI(t, now, func(s *data.DB) {
		ctx := context.Background()
		var err error
		c, err = s.CreateClient(ctx, data.Client{Name: "Jörg Müller", Email: "jorg@mueller-bau.example",
			Address: data.Address{Lines: "Hauptstr. 1", Postcode: "50667", City: "Köln", Country: "Germany"}})
		if err != nil {
			t.Fatal(err)
		}
		noMail, _ = s.CreateClient(ctx, data.Client{Name: "Ann Nomail"})
		if err := s.SaveLetterhead(ctx, data.Letterhead{Name: "Anna Berger", Email: "anna@berger.example", Paper: "A4"}); err != nil {
			t.Fatal(err)
		}
	})
	u.showSection(u.sectionIndex("Ask for feedback"))
	s := u.askFb
	if !s.emailFeedbackRequest(c) {
		t.Fatal("the request was not written")
	}
	if len(a.opened) != 1 || a.opened[0].Scheme != "file" || filepath.Ext(a.opened[0].Path) != ".eml" {
		t.Fatalf("opened %v", a.opened)
	}
	raw, err := os.ReadFile(filepath.FromSlash(a.opened[0].Path))
	if err != nil || !strings.Contains(string(raw), "X-Unsent: 1") {
		t.Fatalf("the draft is not marked unsent (%v)", err)
	}
	m, err := mail.Read("draft.eml", strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	// In the client's language, to them, from the letterhead.
	if m.To != "Jörg Müller <jorg@mueller-bau.example>" || m.From != "Anna Berger <anna@berger.example>" ||
		m.Subject != "Wie zufrieden sind Sie mit unserer Zusammenarbeit?" || !strings.HasPrefix(m.Text, "Guten Tag Jörg Müller,") {
		t.Fatalf("draft %+v", m)
	}
	fb, _ := store.ClientFeedback(context.Background(), c.ID)
	if len(fb) != 1 || fb[0].Channel != "email" || fb[0].Asked != data.DateOf(now) {
		t.Fatalf("recorded %+v", fb)
	}
	es, _ := store.Timeline(context.Background(), c.ID)
	if len(es) != 1 || es[0].Kind != data.KindFeedback || !strings.Contains(es[0].Summary, "Asked for feedback") {
		t.Fatalf("timeline %+v", es)
	}
	// A client without an address is asked about, and nothing is recorded.
	if s.emailFeedbackRequest(noMail) {
		t.Fatal("a request without an address was written")
	}
	if !strings.Contains(overlayText(t, u), "no email address") {
		t.Fatal("no word about the missing address")
	}
	if fb, _ := store.ClientFeedback(context.Background(), noMail.ID); len(fb) != 0 {
		t.Fatal("recorded a request that was not written")
	}
}
