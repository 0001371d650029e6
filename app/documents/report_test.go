package documents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/pdf"
)

func TestTablesAndCharts(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r := data.Report{Made: now, Years: []data.YearRetention{
		{Year: 2025, Start: 3, New: 2, Lost: 2, WonBack: 1, End: 4},
		{Year: 2026, Start: 0, New: 1, End: 1},
	}, Survival: data.Survival{From: data.NewDate(2021, 11, 23), Had: 10, Still: 5}}
	tb := RetentionTable(r)
	if got := strings.Join(tb.Rows[0], "|"); got != "2025|3|2|2|1|4|66.7%" {
		t.Errorf("row %q", got)
	}
	if got := strings.Join(tb.Rows[1], "|"); got != "2026 (to date)|0|1|0|0|1|—" {
		t.Errorf("row %q", got)
	}
	if c := RetentionRates(r); len(c.Labels) != 1 || c.Series[0].Values[0] != 66.7 {
		t.Errorf("rates %+v", c)
	}
	if c := NewVsLost(r); c.Series[0].Values[1] != 1 || c.Series[1].Values[0] != 2 {
		t.Errorf("new vs lost %+v", c)
	}
	if s := SurvivalText(r); !strings.Contains(s, "Of the 10 clients you had at the start of 2021 (the table's first “at start”), 5 (50.0%)") || !strings.Contains(s, "about the usual") {
		t.Errorf("survival %q", s)
	}
	if Days(36*time.Hour) != "1.5 days" || Percent(0.5) != "50.0%" {
		t.Error("formats")
	}
}

func TestReportPDF(t *testing.T) {
	db, err := data.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ctx := context.Background()
	if err := demo.Fill(ctx, db, demo.Options{Clients: 300, Seed: 7, Now: now}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res, err := WriteReport(ctx, db, &buf, now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 2 || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("%d pages", res.Pages)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	p := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ") // a sentence may wrap anywhere
	for _, want := range []string{"Client retention report", "Retention by year", "2026 (to date)", "Why clients left",
		"missed deadline", "Average satisfaction by quarter", "Firms typically keep about half",
		"you had at the start of"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// FuzzReportText puts arbitrary reason and root-cause names (both typed by the user)
// into the report PDF: it must render or fail cleanly, never panic.
func FuzzReportText(f *testing.F) {
	for _, s := range []string{"price", "Ελένη; \"quoted\"\n\ttab", "\x00\xff", strings.Repeat("Waytoolongreason", 30), "😀 émoji"} {
		f.Add(s, 3)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, name string, n int) {
		n = n%50 + 1
		if n < 1 {
			n = 1
		}
		r := data.Report{Made: now, Years: []data.YearRetention{{Year: 2026, Start: n, New: 1, Lost: 1, End: n}},
			Losses:         data.PatternsOf([]data.LossFact{{Reason: name, LostOn: data.NewDate(2026, 1, 1), Income: int64(n) * 100}}),
			HaveComplaints: true,
			Complaints:     data.ComplaintStats{Total: n, ByRootCause: []data.Tally{{Key: name, Count: n}}},
			Repeats:        []data.Tally{{Key: name, Count: n}},
		}
		var buf bytes.Buffer
		if _, err := pdfRender(&buf, ReportDoc(r, "EUR", 0)); err == nil && !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("no PDF written")
		}
	})
}

var pdfRender = pdf.RenderDoc

func TestWriteReportWithProgressAndCancel(t *testing.T) {
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var steps []int
	var out bytes.Buffer
	if _, err := WriteReportWith(context.Background(), db, &out, time.Now(), func(d, n int) { steps = append(steps, d*10+n) }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(steps) != "[2 12 22]" || out.Len() == 0 {
		t.Errorf("steps %v (done*10+total), %d bytes", steps, out.Len())
	}
	for _, at := range []int{0, 1} {
		c, cancel := context.WithCancel(context.Background())
		out.Reset()
		_, err := WriteReportWith(c, db, &out, time.Now(), func(d, n int) {
			if d == at {
				cancel()
			}
		})
		cancel()
		if !errors.Is(err, context.Canceled) || out.Len() != 0 {
			t.Errorf("cancelled at step %d: %v, %d bytes written", at, err, out.Len())
		}
	}
}
