package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

func TestLetterDraftKeptUntilDeleted(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "A", Status: StatusActive})
	if _, ok, err := d.LetterDraftFor(ctx, c.ID, 0, "thanks"); ok || err != nil {
		t.Fatalf("a draft before any was saved: %v %v", ok, err)
	}
	var got []Notice
	d.Subscribe(func(n Notice) { got = append(got, n) })
	draft := LetterDraft{ClientID: c.ID, Kind: "thanks", Lang: "fr", Paper: "A4", Subject: "Merci", Body: "Un\n\nDeux", Signer: "Anna"}
	if err := d.SaveLetterDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	draft.Body = "Un\n\nDeux\n\nTrois"
	if err := d.SaveLetterDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	back, ok, err := d.LetterDraftFor(ctx, c.ID, 0, "thanks")
	if err != nil || !ok || back.Body != draft.Body || back.Lang != "fr" || back.Subject != "Merci" || back.Updated.IsZero() {
		t.Fatalf("draft back = %+v %v %v", back, ok, err)
	}
	if _, ok, _ := d.LetterDraftFor(ctx, c.ID, 0, "apology"); ok {
		t.Fatal("a draft of another kind was found")
	}
	if len(got) != 2 || !got[0].Only(ChangedLetterPrefs) || got[0].Touches(c.ID) {
		t.Fatalf("notices = %v: want one per save, not touching the client's screens", got)
	}
	if err := d.SaveLetterDraft(ctx, LetterDraft{ClientID: c.ID, Kind: "poem"}); err == nil {
		t.Fatal("a draft of an unknown kind was saved")
	}
	if err := d.DeleteLetterDraft(ctx, c.ID, 0, "thanks"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := d.LetterDraftFor(ctx, c.ID, 0, "thanks"); ok {
		t.Fatal("draft still there after deleting it")
	}
}

func TestClientLetterLang(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "A", Status: StatusActive})
	if l, err := d.ClientLetterLang(ctx, c.ID); l != "" || err != nil {
		t.Fatalf("language before any was chosen: %q %v", l, err)
	}
	for _, lang := range []string{"nl", "it"} {
		if err := d.SetClientLetterLang(ctx, c.ID, lang); err != nil {
			t.Fatal(err)
		}
		if l, _ := d.ClientLetterLang(ctx, c.ID); l != lang {
			t.Fatalf("language = %q, want %q", l, lang)
		}
	}
	if err := d.SetClientLetterLang(ctx, c.ID, "pt"); err == nil {
		t.Fatal("an unknown language was remembered")
	}
}

func TestEmailedLetterInTimeline(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "A", Status: StatusActive})
	l, err := d.SaveEmailedLetter(ctx, Letter{ClientID: c.ID, Kind: "apology", Paper: "A4", Lang: "es", Date: NewDate(2026, 12, 1),
		Subject: "Lo que falló", Body: []string{"x"}, DateLine: "Madrid, 1 de diciembre de 2026", DateRight: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.MarkLetterEmailed(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	back, err := d.Letter(ctx, l.ID)
	if err != nil || back.Emailed.IsZero() || back.DateLine != "Madrid, 1 de diciembre de 2026" || !back.DateRight || back.Lang != "es" {
		t.Fatalf("letter back = %+v %v", back, err)
	}
	tl, _ := d.Timeline(ctx, c.ID)
	n := 0
	for _, e := range tl {
		if e.Kind == KindLetter && e.Summary == "Apology letter emailed (draft): Lo que falló" {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d timeline entries say the letter was emailed, want 2: %+v", n, tl)
	}
}

// TestLettersKeptByMigration008 makes a data file as Amends wrote it before migration 008
// and opens it: its letters are kept, and letters in the new languages can be recorded.
func TestLettersKeptByMigration008(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	d := openAtSchema(t, path, 7)
	ctx := context.Background()
	c, err := d.CreateClient(ctx, Client{Name: "Old", Status: StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.sql.Exec(`INSERT INTO letters (client_id, kind, paper, lang, letter_date, subject, body, created)
		VALUES (?, 'thanks', 'A4', 'de', '2025-03-01', 'Danke', '["Absatz"]', '2025-03-01T10:00:00Z')`, c.ID); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ls, err := d.ClientLetters(ctx, c.ID)
	if err != nil || len(ls) != 1 || ls[0].Subject != "Danke" || ls[0].Lang != "de" || ls[0].DateLine != "" || !ls[0].Emailed.IsZero() {
		t.Fatalf("letters after the migration = %+v %v", ls, err)
	}
	if _, err := d.SaveLetter(ctx, Letter{ClientID: c.ID, Kind: "thanks", Paper: "A4", Lang: "it", Date: NewDate(2026, 1, 1),
		Body: []string{"Grazie"}}, false); err != nil {
		t.Fatalf("an Italian letter after the migration: %v", err)
	}
	if err := d.SetClientLetterLang(ctx, c.ID, "it"); err != nil {
		t.Fatal(err)
	}
}

// openAtSchema makes a data file as Amends wrote it at schema version upto: only the
// migrations up to that one are applied.
func openAtSchema(t *testing.T, path string, upto int) *DB {
	t.Helper()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var old []migration
	for _, m := range ms {
		if m.version <= upto {
			old = append(old, m)
		}
	}
	sdb, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	d := &DB{sql: sdb, path: path, Now: time.Now, subs: &subscribers{}}
	if err := d.applyMigrations(old); err != nil {
		t.Fatal(err)
	}
	return d
}
