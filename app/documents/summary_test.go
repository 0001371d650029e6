package documents

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/pdf"
)

// interviewSample builds an interview in a real store: two rounds, errors, a remedy, a commitment.
func interviewSample(t *testing.T, confirm bool) data.InterviewFile {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	c, _ := db.CreateClient(ctx, data.Client{Name: "Νίκος Παπαδόπουλος", Company: "Ñúñez & Ørsted GmbH"})
	a, _ := db.LogAlert(ctx, data.Alert{ClientID: c.ID, Kind: data.AlertComplaint, Severity: data.SeverityCritical,
		Received: clock.Add(-48 * time.Hour)}, data.AlertOptions{})
	k, _ := db.StartComplaint(ctx, c.ID, a.ID)
	k.How, k.ConductedBy, k.Responsibility = data.HowVideo, "Zoë Łukasz", true
	k.ProcedureChange, k.ClientTold = "A status mail every Friday.", true
	if err := db.SaveInterview(ctx, k); err != nil {
		t.Fatal(err)
	}
	r, _ := db.OpenRound(ctx, k.ID, "So the report was late.")
	db.AnswerRound(ctx, r.ID, data.AnswerPartly, "And the Köln figures were missing.")
	r, _ = db.OpenRound(ctx, k.ID, "So the report was late and the Köln figures were missing.")
	if confirm {
		if _, err := db.AnswerRound(ctx, r.ID, data.AnswerConfirmed, ""); err != nil {
			t.Fatal(err)
		}
	} else if err := db.EndNotConfirmed(ctx, k.ID, "The client ended the call."); err != nil {
		t.Fatal(err)
	}
	db.AddAckError(ctx, k.ID, "The report was two weeks late.")
	db.AddAckError(ctx, k.ID, "  ")
	db.AddRemedy(ctx, data.Remedy{ComplaintID: k.ID, Kind: data.RemedyDiscountPercent, Value: 15, Description: "next invoice", Accepted: true})
	db.AddCommitment(ctx, data.Commitment{ComplaintID: k.ID, What: "Email the Köln figures", Due: clock.Add(26 * time.Hour), Channel: "Email"})
	f, err := db.InterviewFile(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func flat(d pdf.Doc) string {
	var b strings.Builder
	for _, s := range d.Sections {
		b.WriteString(s.Heading + "\n")
		for _, p := range s.Paragraphs {
			b.WriteString(p + "\n")
		}
		for _, r := range s.Rows {
			b.WriteString(r.Key + ": " + r.Value + "\n")
		}
		for _, x := range s.Bullets {
			b.WriteString("• " + x + "\n")
		}
		if s.Table != nil {
			for _, r := range s.Table.Rows {
				b.WriteString(strings.Join(r, " | ") + "\n")
			}
		}
	}
	return b.String()
}

func TestSummaryDocConfirmed(t *testing.T) {
	f := interviewSample(t, true)
	d := SummaryDoc(f, SummaryOptions{Currency: "EUR", Loc: time.UTC})
	s := flat(d)
	for _, want := range []string{
		"Your complaint, as you confirmed it",
		"“The report was late and the Köln figures were missing.”",
		"Confirmed by you: 23 Nov 2026 at 14:",
		"(restatement 2 of 2)",
		"• The report was two weeks late.",
		"We accept responsibility",
		"Discount (percent): next invoice | 15% | — | Yes",
		"Email the Köln figures | Tue 24 Nov 2026, 16:",
		"A status mail every Friday.",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "•") != 1 {
		t.Errorf("empty error printed:\n%s", s)
	}
	if len(d.Signatures) != 2 || !strings.HasPrefix(d.Signatures[0], "Νίκος Παπαδόπουλος") {
		t.Errorf("signatures %q", d.Signatures)
	}
}

func TestSummaryDocNotConfirmedClaimsNoAgreement(t *testing.T) {
	f := interviewSample(t, false)
	s := flat(SummaryDoc(f, SummaryOptions{Loc: time.UTC}))
	if strings.Contains(s, "as you confirmed") || strings.Contains(s, "Köln figures were missing.”") {
		t.Errorf("not-confirmed summary claims an agreed complaint:\n%s", s)
	}
	if !strings.Contains(s, "not confirmed") || !strings.Contains(s, "The client ended the call.") ||
		!strings.Contains(s, "does not state an agreed understanding") {
		t.Errorf("not-confirmed state missing:\n%s", s)
	}
}

func TestWriteSummaryOnePageWithText(t *testing.T) {
	f := interviewSample(t, true)
	var buf bytes.Buffer
	res, err := WriteSummary(&buf, f, SummaryOptions{Paper: pdf.A4, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 1 || len(res.Missing) != 0 || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatalf("pages %d missing %q", res.Pages, res.Missing)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Νίκος Παπαδόπουλος", "Ñúñez & Ørsted GmbH", "Köln figures were missing", "Zoë Łukasz"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("PDF text lacks %q:\n%s", want, out)
		}
	}
}

// FuzzSummaryDoc puts arbitrary user text in every field the summary prints.
func FuzzSummaryDoc(f *testing.F) {
	f.Add("So what I'm hearing is…", "Zoë Ørsted", "Köln\nfigures", "")
	f.Add("\x00\u202e\ufffd", "  ", "%PDF-1.4 )(\\", "\t")
	f.Add(strings.Repeat("long words ", 400), "Дмитрий", "😀 emoji", "العربية")
	f.Fuzz(func(t *testing.T, record, name, errText, what string) {
		file := data.InterviewFile{
			Complaint:   data.Complaint{ID: 1, RestateState: data.RestateConfirmed, ConductedBy: name, Responsibility: true},
			Client:      data.Client{Name: name, Company: what},
			Rounds:      []data.Round{{Number: 1, Text: record, Answer: data.AnswerConfirmed, AnsweredAt: time.Unix(0, 0)}},
			Errors:      []data.AckError{{Text: errText}},
			Remedies:    []data.Remedy{{Kind: data.RemedyOther, Description: what}},
			Commitments: []data.Commitment{{What: errText, Due: time.Unix(0, 0), Channel: name}},
		}
		var buf bytes.Buffer
		if _, err := WriteSummary(&buf, file, SummaryOptions{}); err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
			t.Fatal("not a PDF")
		}
	})
}

func BenchmarkWriteSummary(b *testing.B) {
	file := data.InterviewFile{
		Complaint: data.Complaint{ID: 1, RestateState: data.RestateConfirmed, ConductedBy: "Zoë"},
		Client:    data.Client{Name: "Νίκος Παπαδόπουλος"},
		Rounds:    []data.Round{{Number: 1, Text: "So the report was late.", Answer: data.AnswerConfirmed}},
		Errors:    []data.AckError{{Text: "Late"}},
		Remedies:  []data.Remedy{{Kind: data.RemedyRefund, Value: 25000}},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteSummary(io.Discard, file, SummaryOptions{Currency: "EUR"}); err != nil {
			b.Fatal(err)
		}
	}
}

// A long interview still gives a summary on one sheet, and the consultant's lead-in is
// not quoted as the client's words.
func TestLongInterviewSummaryIsOnePage(t *testing.T) {
	f := interviewSample(t, true)
	long := " The details matter to the client, so they are written out in full sentences here, as a consultant types them during the call."
	for i := range 3 {
		f.Errors = append(f.Errors, data.AckError{Text: fmt.Sprintf("Error %d: the delivery slipped and nobody said so in time.%s", i+1, long)})
		f.Remedies = append(f.Remedies, data.Remedy{Kind: data.RemedyOther, Description: fmt.Sprintf("Remedy %d: a reworked chapter with the regional figures.%s", i+1, long), Accepted: true})
		if i < 2 { // the sheet also holds the boxes "I feel heard" and "The remedy is fair"
			f.Commitments = append(f.Commitments, data.Commitment{What: fmt.Sprintf("Commitment %d: send the reworked chapter", i+1), Due: time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC), Channel: "Email"})
		}
	}
	f.Complaint.ProcedureChange = "Every deliverable has a named owner." + long
	d := SummaryDoc(f, SummaryOptions{Paper: pdf.A4, Currency: "EUR"})
	var buf bytes.Buffer
	res, err := pdf.RenderDoc(&buf, d)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("AMENDS_PDF_SAMPLES"); dir != "" {
		os.WriteFile(filepath.Join(dir, "summary-long.pdf"), buf.Bytes(), 0o644)
	}
	if res.Pages != 1 {
		t.Fatalf("the summary takes %d pages", res.Pages)
	}
	d.OnePage = false
	if res, _ := pdf.RenderDoc(io.Discard, d); res.Pages < 2 {
		t.Fatalf("at the normal size the test summary takes %d page: make it longer", res.Pages)
	}
	if text := flat(SummaryDoc(f, SummaryOptions{})); strings.Contains(text, "“So the report") || !strings.Contains(text, "“The report was late and the Köln figures were missing.”") {
		t.Errorf("the confirmed complaint is quoted with the lead-in:\n%s", text)
	}
}
