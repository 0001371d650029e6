package documents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/data/letters"
)

func wantAll(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("letter lacks %q:\n%s", p, text)
		}
	}
}

func wantNone(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(text, p) {
			t.Errorf("letter should not contain %q:\n%s", p, text)
		}
	}
}

var today = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// complaintFixture stores a client in Germany with a complaint taken through the
// whole interview; confirm says whether the restatement is confirmed.
func complaintFixture(t testing.TB, confirm bool) (*data.DB, data.Client, data.Complaint) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return today }
	c, err := db.CreateClient(ctx, data.Client{Name: "Jörg Müller", Company: "Müller & Söhne GmbH", Status: data.StatusActive,
		Address:    data.Address{Lines: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "Germany"},
		Salutation: "Sehr geehrter Herr Müller", Since: data.NewDate(2020, 5, 1)})
	if err != nil {
		t.Fatal(err)
	}
	k, err := db.StartComplaint(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.OpenRound(ctx, k.ID, "So what I'm hearing is that the invoice billed four workshop days you did not have.")
	if err != nil {
		t.Fatal(err)
	}
	if confirm {
		_, err = db.AnswerRound(ctx, r.ID, data.AnswerConfirmed, "")
	} else {
		if _, err = db.AnswerRound(ctx, r.ID, data.AnswerNotRight, "It is about nobody answering."); err == nil {
			err = db.EndNotConfirmed(ctx, k.ID, "The client ended the call.")
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	k.Account = "You billed us for twelve days. We had eight."
	k.Responsibility, k.Regret = true, "Es tut mir leid."
	k.RootCauseText, k.ProcedureChange = "Rechnungen wurden nach Plan erstellt.", "Rechnungen entstehen aus der Anwesenheitsliste."
	if err := db.SaveInterview(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAckError(ctx, k.ID, "Wir haben vier Tage zu viel berechnet."); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddRemedy(ctx, data.Remedy{ComplaintID: k.ID, Kind: data.RemedyCredit, Value: 360000,
		Description: "vier Workshoptage", Due: data.NewDate(2026, 12, 1), Accepted: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddCommitment(ctx, data.Commitment{ComplaintID: k.ID, What: "die korrigierte Rechnung schicken",
		Due: time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC), Channel: "E-Mail"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveLetterhead(ctx, data.Letterhead{Name: "Anna Berger", Address: "Lindenallee 2\n80331 München",
		Phone: "+49 89 123456", Paper: "A4", Place: "München"}); err != nil {
		t.Fatal(err)
	}
	k, err = db.Complaint(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	return db, c, k
}

func TestGatherDraftRecordRender(t *testing.T) {
	db, c, k := complaintFixture(t, true)
	ctx := context.Background()
	in, src, err := Gather(ctx, db, letters.Apology, 0, k.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	if in.Lang != "de" || src.Client.ID != c.ID || src.ComplaintID != k.ID || src.NotConfirmed {
		t.Fatalf("gathered lang %q client %d complaint %d notConfirmed %v", in.Lang, src.Client.ID, src.ComplaintID, src.NotConfirmed)
	}
	tmpl, err := Template(ctx, db, letters.Apology, in.Lang)
	if err != nil {
		t.Fatal(err)
	}
	d, err := letters.Write(in, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	wantAll(t, d.Text(), "Sehr geehrter Herr Müller,", "Ich war dafür verantwortlich", "– Wir haben vier Tage zu viel berechnet.",
		"– Eine Gutschrift über 3.600,00\u00a0EUR (vier Workshoptage) bis zum 1. Dezember 2026.",
		"– Bis Dienstag, 24. November 2026, 15:00 Uhr werde ich die korrigierte Rechnung per E-Mail schicken.",
		"wenden Sie sich bitte direkt an mich, telefonisch unter +49 89 123456.")
	if w := letters.Check(letters.Apology, d, letters.CheckOptions{NotConfirmed: src.NotConfirmed}); len(w) != 0 {
		t.Errorf("warnings: %v", w)
	}
	l, err := letters.Record(letters.Apology, in.Lang, "A4", today, d, src)
	if err != nil {
		t.Fatal(err)
	}
	// Germany is the sender's country too: no country line.
	if strings.Join(l.Recipient, "|") != "Jörg Müller|Müller & Söhne GmbH|Hauptstraße 5|10115 Berlin|GERMANY" {
		t.Errorf("recipient %q", l.Recipient)
	}
	var b bytes.Buffer
	res, err := RenderLetter(&b, l, src.Letterhead)
	if err != nil || res.Pages < 1 || len(res.Missing) != 0 || !bytes.HasPrefix(b.Bytes(), []byte("%PDF")) {
		t.Fatalf("render: %v %+v", err, res)
	}
	if got := letters.FileName(l, c.Name); got != "2026-11-23 Apology - Jörg Müller.pdf" {
		t.Errorf("file name %q", got)
	}
}

func TestGatherNotConfirmed(t *testing.T) {
	db, _, k := complaintFixture(t, false)
	in, src, err := Gather(context.Background(), db, letters.Apology, 0, k.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	if !src.NotConfirmed || in.Complaint.Confirmed {
		t.Fatal("not-confirmed complaint gathered as confirmed")
	}
	d, err := letters.Write(in, "")
	if err != nil {
		t.Fatal(err)
	}
	wantNone(t, d.Text(), "bestätigt", "four workshop days you did not have")
	wantAll(t, d.Text(), "„You billed us for twelve days. We had eight.“")
}

func TestGatherErrors(t *testing.T) {
	db, c, k := complaintFixture(t, true)
	ctx := context.Background()
	if _, _, err := Gather(ctx, db, letters.Apology, c.ID, 0, today); err == nil || !strings.Contains(err.Error(), "written from a complaint") {
		t.Errorf("apology without complaint: %v", err)
	}
	if _, _, err := Gather(ctx, db, letters.Apology, 0, k.ID+100, today); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown complaint: %v", err)
	}
	if _, _, err := Gather(ctx, db, letters.Thanks, c.ID+100, 0, today); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown client: %v", err)
	}
	if _, _, err := Gather(ctx, db, "poem", c.ID, 0, today); err == nil {
		t.Error("unknown kind accepted")
	}
	// Follow-up without a complaint ID takes the newest complaint.
	in, src, err := Gather(ctx, db, letters.FollowUp, c.ID, 0, today)
	if err != nil || in.Complaint == nil || src.ComplaintID != k.ID {
		t.Errorf("follow-up: %v %+v", err, src)
	}
	noAddr, _ := db.CreateClient(ctx, data.Client{Name: "Nobody", Status: data.StatusActive})
	in, src, err = Gather(ctx, db, letters.Closing, noAddr.ID, 0, today)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := letters.Write(in, "")
	if _, err := letters.Record(letters.Closing, in.Lang, "A4", today, d, src); !errors.Is(err, letters.ErrNoAddress) {
		t.Errorf("no address: %v", err)
	}
}

// BenchmarkLetter drafts and renders one apology to PDF.
func BenchmarkLetter(b *testing.B) {
	in := letters.Sample(letters.Apology, "en")
	src := letters.Source{Client: data.Client{ID: 1, Name: "Zoë Ørsted", Address: data.Address{Lines: "Nørregade 1", Postcode: "1165", City: "København", Country: "Denmark"}},
		Letterhead: data.Letterhead{Name: "Anna Berger", Business: "Berger Consulting", Address: "Lindenallee 2\n80331 München", Paper: "A4", Place: "München"}}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		d, err := letters.Write(in, "")
		if err != nil {
			b.Fatal(err)
		}
		l, err := letters.Record(letters.Apology, "en", "A4", today, d, src)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := RenderLetter(&buf, l, src.Letterhead); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB/letter")
}

// BenchmarkBatch1000 drafts and renders 1,000 letters of every kind in turn.
func BenchmarkBatch1000(b *testing.B) {
	src := letters.Source{Client: data.Client{ID: 1, Name: "Zoë Ørsted", Address: data.Address{Lines: "Nørregade 1", Postcode: "1165", City: "København", Country: "Denmark"}},
		Letterhead: data.Letterhead{Name: "Anna Berger", Address: "Lindenallee 2\n80331 München", Paper: "A4"}}
	var inputs []letters.Input
	for _, k := range letters.Kinds() {
		for _, lang := range letters.Languages() {
			inputs = append(inputs, letters.Sample(k, lang))
		}
	}
	b.ReportAllocs()
	total := 0
	for b.Loop() {
		total = 0
		for i := range 1000 {
			in := inputs[i%len(inputs)]
			d, err := letters.Write(in, "")
			if err != nil {
				b.Fatal(err)
			}
			l, err := letters.Record(in.Kind, in.Lang, []string{"A4", "Letter"}[i%2], today, d, src)
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := RenderLetter(&buf, l, src.Letterhead); err != nil {
				b.Fatal(err)
			}
			total += buf.Len()
		}
	}
	b.ReportMetric(float64(total)/1000/1024, "KB/letter")
}

// Every apology of the sample data prints on one page, on A4 and on US Letter, whether
// the consultant writes as "I" or "we": none of them is long.
func TestSampleApologiesFitOnePage(t *testing.T) {
	ctx := context.Background()
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Fill(ctx, db, demo.Options{Clients: 300, Seed: 1, Now: today}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
	ks, err := db.ListComplaints(ctx, data.ComplaintFilter{}, 1000)
	if err != nil || len(ks) < 10 {
		t.Fatalf("%d sample complaints: %v", len(ks), err)
	}
	most := 0
	for _, k := range ks {
		for _, paper := range []string{"A4", "Letter"} {
			for _, we := range []bool{false, true} {
				in, src, err := Gather(ctx, db, letters.Apology, 0, k.ID, today)
				if err != nil {
					t.Fatal(err)
				}
				in.We = we
				d, err := letters.Write(in, "")
				if err != nil {
					t.Fatal(err)
				}
				l, err := letters.Record(letters.Apology, in.Lang, paper, today, d, src)
				if errors.Is(err, letters.ErrNoAddress) {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				words := len(strings.Fields(d.Text()))
				most = max(most, words)
				res, err := RenderLetter(io.Discard, l, src.Letterhead)
				if err != nil {
					t.Fatal(err)
				}
				if res.Pages != 1 {
					t.Errorf("the apology of complaint %d (%s, %d words, %s, we=%v) takes %d pages", k.ID, in.Lang, words, paper, we, res.Pages)
				}
			}
		}
	}
	t.Logf("%d sample apologies, the longest %d words", len(ks), most)
}

// TestWriteLetterSamples writes every kind of letter in every language on both papers
// (and one in the email layout) to $AMENDS_PDF_SAMPLES, to look at.
func TestWriteLetterSamples(t *testing.T) {
	dir := os.Getenv("AMENDS_PDF_SAMPLES")
	if dir == "" {
		t.Skip("set AMENDS_PDF_SAMPLES to a directory to write sample letters")
	}
	country := map[string]string{"en": "United Kingdom", "de": "Germany", "fr": "France", "es": "España", "it": "Italia", "nl": "Nederland"}
	lh := data.Letterhead{Name: "Anna Berger", Business: "Berger Consulting", Address: "Lindenallee 2\n80331 München",
		Phone: "+49 89 1234 5678", Email: "anna@berger-consulting.example", Website: "berger-consulting.example", Place: "München"}
	for _, lang := range letters.Languages() {
		for _, k := range letters.Kinds() {
			for _, paper := range []string{"A4", "Letter"} {
				in := letters.Sample(k, lang)
				lh.Paper = paper
				src := letters.Source{Client: data.Client{ID: 1, Name: in.Client.Name, Company: in.Client.Company, Email: "zoe@oersted.example",
					Address: data.Address{Lines: "Nørregade 1", Postcode: "1165", City: "København", Country: country[lang]}}, Letterhead: lh}
				d, err := letters.Write(in, "")
				if err != nil {
					t.Fatal(err)
				}
				l, err := letters.Record(k, lang, paper, today, d, src)
				if err != nil {
					t.Fatal(err)
				}
				f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%s-%s.pdf", k, lang, paper)))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := RenderLetter(f, l, lh); err != nil {
					t.Fatal(err)
				}
				f.Close()
				if k == letters.Apology && paper == "A4" {
					f, _ := os.Create(filepath.Join(dir, fmt.Sprintf("email-%s.pdf", lang)))
					if _, err := RenderEmailLetter(f, l, lh); err != nil {
						t.Fatal(err)
					}
					f.Close()
				}
			}
		}
	}
}
