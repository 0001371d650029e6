package documents

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// mailingFixture stores lost clients: three on the mailing list (one without a postal
// address) and one who did not want more mail, plus an active client.
func mailingFixture(t testing.TB) *data.DB {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.SaveLetterhead(ctx, data.Letterhead{Name: "Maria Berger", Business: "Berger Beratung",
		Address: "Friedrichstraße 12\n10117 Berlin", Place: "Berlin", Paper: "A4"}); err != nil {
		t.Fatal(err)
	}
	reasons, err := db.LossReasons(ctx)
	if err != nil || len(reasons) == 0 {
		t.Fatal(reasons, err)
	}
	for _, c := range []struct {
		name, lines, postcode, city, country string
		keep                                 bool
	}{
		{"Zoë Ørsted", "Nørregade 4", "1165", "København", "Denmark", true},
		{"Łukasz Wiśniewski", "ul. Długa 7", "00-238", "Warszawa", "Poland", true},
		{"Jörg Müller", "Hauptstraße 5", "80331", "München", "Germany", true},
		{"No Address", "", "", "", "", true},
		{"Not On The List", "Ringstraße 1", "1010", "Wien", "Austria", false},
	} {
		cl, err := db.CreateClient(ctx, data.Client{Name: c.name, Status: data.StatusActive, Since: data.DateOf(today.AddDate(-5, 0, 0)),
			Address: data.Address{Lines: c.lines, Postcode: c.postcode, City: c.city, Country: c.country}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.MarkLost(ctx, data.Loss{ClientID: cl.ID, LostOn: data.DateOf(time.Now().AddDate(0, -2, 0)),
			ReasonID: reasons[0].ID, KeepMailing: c.keep}); err != nil {
			t.Fatal(err)
		}
	}
	mustCreateActive := data.Client{Name: "Still With Us", Address: data.Address{Lines: "Weg 1", City: "Bonn"}}
	if _, err := db.CreateClient(ctx, mustCreateActive); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestWinBackBatch(t *testing.T) {
	db := mailingFixture(t)
	ctx := context.Background()
	var reports [][2]int
	b, err := WinBackBatch(ctx, db, today, func(d, n int) { reports = append(reports, [2]int{d, n}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Letters) != 3 || len(b.Skipped) != 1 || !strings.Contains(b.Skipped[0], "No Address") {
		t.Fatalf("letters to %v, skipped %v", b.Names, b.Skipped)
	}
	if last := reports[len(reports)-1]; last != [2]int{4, 4} || reports[0] != [2]int{0, 4} {
		t.Errorf("progress %v", reports)
	}
	// The same text the single-letter editor drafts for each client, except that a
	// letter printed unread leaves out the [gap] the editor asks the writer to fill.
	for _, l := range b.Letters {
		in, src, err := Gather(ctx, db, letters.WinBack, l.ClientID, 0, today)
		if err != nil {
			t.Fatal(err)
		}
		tmpl, _ := Template(ctx, db, letters.WinBack, in.Lang)
		d, _ := letters.Write(in, tmpl)
		in.Batch = true
		db2, _ := letters.Write(in, tmpl)
		single, err := letters.Record(letters.WinBack, in.Lang, src.Letterhead.Paper, today, db2, src)
		if err != nil {
			t.Fatal(err)
		}
		if single.Text() != l.Text() || strings.Join(single.Recipient, "|") != strings.Join(l.Recipient, "|") {
			t.Errorf("batch letter to %d differs from the single draft:\n%s\n---\n%s", l.ClientID, l.Text(), single.Text())
		}
		if strings.Contains(l.Text(), "[") || len(d.Body) != len(db2.Body)+1 || !strings.HasPrefix(d.Body[2], "[") {
			t.Errorf("batch letter to %d: a gap left in, or more than the gap left out:\n%s", l.ClientID, l.Text())
		}
	}
	if n := countLetters(t, db); n != 0 {
		t.Fatalf("drafting recorded %d letters", n)
	}

	var pdfBytes bytes.Buffer
	reports = nil
	res, err := RenderBatch(ctx, &pdfBytes, b, func(d, n int) { reports = append(reports, [2]int{d, n}) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 3 || reports[len(reports)-1] != [2]int{3, 3} {
		t.Errorf("%d pages, progress %v", res.Pages, reports)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
	} else {
		f := filepath.Join(t.TempDir(), "batch.pdf")
		if err := os.WriteFile(f, pdfBytes.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", f).Output()
		if err != nil || !strings.Contains(string(info), "Pages:") {
			t.Fatalf("pdfinfo: %v", err)
		}
		// Each letter starts on its own page, in the folder's order; every letter here
		// fits on one page.
		for page, name := range b.Names {
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(page+1), "-l", strconv.Itoa(page+1), f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), name) {
				t.Errorf("page %d lacks %q:\n%s", page+1, name, out)
			}
		}
		if res.Pages != 3 {
			t.Errorf("%d pages for three short letters", res.Pages)
		}
	}

	saved, err := db.SaveLetters(ctx, b.Letters, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := countLetters(t, db); n != 3 || saved[2].ID == 0 || saved[0].Printed.IsZero() {
		t.Errorf("%d letters recorded: %+v", n, saved)
	}
	tl, err := db.Timeline(ctx, saved[0].ClientID)
	if err != nil || !strings.Contains(tl[0].Summary, "Win-back letter") {
		t.Errorf("timeline %+v %v", tl, err)
	}
}

func TestWinBackBatchCancelled(t *testing.T) {
	db := mailingFixture(t)
	c, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := WinBackBatch(c, db, today, func(d, n int) {
		if d == 1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	b, err := WinBackBatch(context.Background(), db, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, cancel = context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	if _, err := RenderBatch(c, &out, b, func(d, n int) {
		if d == 1 {
			cancel()
		}
	}); !errors.Is(err, context.Canceled) || out.Len() != 0 {
		t.Fatalf("render: %v, %d bytes", err, out.Len())
	}
	if n := countLetters(t, db); n != 0 {
		t.Errorf("%d letters recorded", n)
	}
}

func countLetters(t testing.TB, db *data.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM letters").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A batch is refused without a letterhead; a user's template with its own gap to fill
// leaves those letters out, named.
func TestWinBackBatchRefusesGapsAndNoLetterhead(t *testing.T) {
	db := mailingFixture(t)
	ctx := context.Background()
	tmpl, err := Template(ctx, db, letters.WinBack, "en")
	if err != nil {
		t.Fatal(err)
	}
	custom := strings.Replace(tmpl, "you every success.", "you every success. [Add a personal line.]", 1)
	if err := db.SetSetting(ctx, letters.TemplateSetting(letters.WinBack, "en"), custom); err != nil {
		t.Fatal(err)
	}
	b, err := WinBackBatch(ctx, db, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	var gaps int
	for _, s := range b.Skipped {
		if strings.Contains(s, "[Add a personal line.]") {
			gaps++
		}
	}
	for _, l := range b.Letters {
		if strings.Contains(l.Text(), "[") {
			t.Errorf("a gap was printed: %s", l.Text())
		}
	}
	if gaps == 0 || len(b.Letters)+len(b.Skipped) != 4 {
		t.Fatalf("letters %v, skipped %v", b.Names, b.Skipped)
	}

	if err := db.SaveLetterhead(ctx, data.Letterhead{Paper: "A4"}); err != nil {
		t.Fatal(err)
	}
	if _, err := WinBackBatch(ctx, db, today, nil); !errors.Is(err, ErrNoLetterhead) {
		t.Fatalf("without a letterhead: %v", err)
	}
}

// A letterhead setting that cannot be read leaves that part out of the letters, which
// still go out, and the damage comes back for the user to be told.
func TestLettersGoOnWithDamagedLetterhead(t *testing.T) {
	db := mailingFixture(t)
	ctx := context.Background()
	if err := db.SetSetting(ctx, "letterhead.logo", "not base64!"); err != nil {
		t.Fatal(err)
	}
	b, err := WinBackBatch(ctx, db, today, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Letters) == 0 || b.Letterhead.Name != "Maria Berger" || b.Letterhead.Logo != nil ||
		b.LetterheadDamage == nil || strings.Join(b.LetterheadDamage.Fields, ",") != "logo" {
		t.Fatalf("batch of %d letters, letterhead %+v, damage %v", len(b.Letters), b.Letterhead, b.LetterheadDamage)
	}
	lost, err := MailingList(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	_, src, err := Gather(ctx, db, letters.WinBack, lost[0].Client.ID, 0, today)
	if err != nil || src.LetterheadDamage == nil || src.Letterhead.Name != "Maria Berger" {
		t.Fatalf("gather: %v, damage %v, letterhead %+v", err, src.LetterheadDamage, src.Letterhead)
	}
}
