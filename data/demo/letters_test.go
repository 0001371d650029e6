package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/amends/amends/data/letters"
)

// The sample letters are complete: no placeholder left, every apology with all six
// parts (its remedy among them), and none names someone to blame.
func TestSampleLettersAreComplete(t *testing.T) {
	db, _ := fill(t, 7)
	ctx := context.Background()
	rows, err := db.SQL().Query(`SELECT id FROM letters ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	apologies := 0
	for _, id := range ids {
		l, err := db.Letter(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		d := letters.Draft{Subject: l.Subject, Salutation: l.Salutation, Body: l.Body, Closing: l.Closing, Signer: l.Signer}
		text := strings.Join(l.Body, "\n\n")
		// The sample interviews are in English: a letter in another language would
		// quote the client in English inside it.
		if l.Lang != "en" {
			t.Errorf("%s letter %d is in %s, its interview in English:\n%s", l.Kind, id, l.Lang, text)
		}
		if lang, err := db.ClientLetterLang(ctx, l.ClientID); err != nil || lang != "" && lang != l.Lang {
			t.Errorf("letter %d is in %s, the client's letters in %q (%v)", id, l.Lang, lang, err)
		}
		if gap := letters.Gap(d); gap != "" {
			t.Errorf("%s letter %d keeps the placeholder %s:\n%s", l.Kind, id, gap, text)
		}
		if b := letters.Blame(text); len(b) > 0 {
			t.Errorf("%s letter %d blames: %v", l.Kind, id, b[0].Msg)
		}
		if l.Kind != string(letters.Apology) {
			continue
		}
		apologies++
		for _, p := range letters.ApologyParts(d) {
			if !p.OK {
				t.Errorf("apology %d misses %s: %s\n%s", id, p.Part.Label(), p.Note, text)
			}
		}
		if !strings.Contains(text, "To put it right") && !strings.Contains(text, "wiedergutzumachen") &&
			!strings.Contains(text, "réparer") && !strings.Contains(text, "remediarlo") && !strings.Contains(text, "rimediare") &&
			!strings.Contains(text, "goed te maken") {
			t.Errorf("apology %d has no remedy:\n%s", id, text)
		}
	}
	// Every client with a sample interview, open ones too, is spoken and written to in
	// the interview's language.
	crows, err := db.SQL().Query(`SELECT DISTINCT client_id FROM complaints WHERE interview_on <> ''`)
	if err != nil {
		t.Fatal(err)
	}
	var cids []int64
	for crows.Next() {
		var id int64
		if err := crows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		cids = append(cids, id)
	}
	crows.Close()
	for _, id := range cids {
		c, err := db.Client(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		lang, err := db.ClientLetterLang(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if lang == "" {
			lang = letters.LanguageFor(c.Address.Country)
		}
		if lang != "en" {
			t.Errorf("client %d (%s) with an English sample interview is written to in %s", id, c.Address.Country, lang)
		}
	}
	if apologies < 5 {
		t.Fatalf("only %d sample apologies", apologies)
	}
}
