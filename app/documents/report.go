package documents

// The retention report: the retention, loss, complaint and satisfaction figures of the
// store as tables and charts, the same ones the Reports screen draws and the PDF prints.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/pdf"
)

// Table is a header and rows of text.
type Table struct {
	Header []string
	Rows   [][]string
}

// Series is one named row of chart values.
type Series struct {
	Name   string
	Values []float64
}

// Chart is a bar or line chart's data.
type Chart struct {
	Line   bool
	Labels []string
	Series []Series
	Unit   string
}

// Percent shows a share as "66.7%".
func Percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', 1, 64) + "%"
}

// Days shows a duration in days with one decimal ("3.5 days").
func Days(d time.Duration) string {
	v := d.Hours() / 24
	if v == 1 {
		return "1 day"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + " days"
}

func yearLabel(y int, now time.Time) string {
	if y == now.Year() {
		return strconv.Itoa(y) + " (to date)"
	}
	return strconv.Itoa(y)
}

// RetentionTable lists each year's clients at the start, new, lost, won back, at the end and the rate.
func RetentionTable(r data.Report) Table {
	t := Table{Header: []string{"Year", "At start", "New", "Lost", "Won back", "At end", "Retention"}}
	for _, y := range r.Years {
		rate := "—"
		if v, ok := y.Rate(); ok {
			rate = Percent(v)
		}
		t.Rows = append(t.Rows, []string{yearLabel(y.Year, r.Made), strconv.Itoa(y.Start), strconv.Itoa(y.New),
			strconv.Itoa(y.Lost), strconv.Itoa(y.WonBack), strconv.Itoa(y.End), rate})
	}
	return t
}

// NewVsLost is the side-by-side bars of new and lost clients per year.
func NewVsLost(r data.Report) Chart {
	c := Chart{Series: []Series{{Name: "New"}, {Name: "Lost"}}}
	for _, y := range r.Years {
		c.Labels = append(c.Labels, strconv.Itoa(y.Year))
		c.Series[0].Values = append(c.Series[0].Values, float64(y.New))
		c.Series[1].Values = append(c.Series[1].Values, float64(y.Lost))
	}
	return c
}

// RetentionRates is the line of the yearly retention rate in percent.
func RetentionRates(r data.Report) Chart {
	c := Chart{Line: true, Series: []Series{{Name: "Retention rate (%)"}}, Unit: "%"}
	for _, y := range r.Years {
		if v, ok := y.Rate(); ok {
			c.Labels = append(c.Labels, strconv.Itoa(y.Year))
			c.Series[0].Values = append(c.Series[0].Values, math.Round(v*1000)/10)
		}
	}
	return c
}

// SurvivalText compares how many of the clients at the start of the table's first year
// are still clients with the classic finding that firms lose about half their customers
// in five years. The screen and the PDF say the same, in the table's years.
func SurvivalText(r data.Report) string {
	s := r.Survival
	if s.Had == 0 {
		return "At the start of the table you had no clients on file, so there is nothing to compare yet."
	}
	share := s.Share()
	verdict := "about the usual"
	switch {
	case share >= 0.6:
		verdict = "better than the usual"
	case share < 0.4:
		verdict = "worse than the usual"
	}
	had := fmt.Sprintf("%d clients", s.Had)
	if s.Had == 1 {
		had = "1 client"
	}
	return fmt.Sprintf("Of the %s you had at the start of %d (the table's first “at start”), %d (%s) are still with you. "+
		"Firms typically keep about half their customers over five years, so this is %s.",
		had, s.From.Year(), s.Still, Percent(share), verdict)
}

// LossTable lists tallies with their count and income lost.
func LossTable(first string, ts []data.Tally, currency string) Table {
	t := Table{Header: []string{first, "Clients lost", "Yearly income lost"}}
	for _, x := range ts {
		t.Rows = append(t.Rows, []string{x.Key, strconv.Itoa(x.Count), data.FormatMoney(x.Income, currency)})
	}
	return t
}

// CountChart draws tallies as one bar series of counts.
func CountChart(name string, ts []data.Tally) Chart {
	c := Chart{Series: []Series{{Name: name}}}
	for _, x := range ts {
		c.Labels = append(c.Labels, x.Key)
		c.Series[0].Values = append(c.Series[0].Values, float64(x.Count))
	}
	return c
}

// IncomeChart draws tallies' income lost in thousands.
func IncomeChart(name string, ts []data.Tally) Chart {
	c := Chart{Series: []Series{{Name: name}}}
	for _, x := range ts {
		c.Labels = append(c.Labels, x.Key)
		c.Series[0].Values = append(c.Series[0].Values, math.Round(float64(x.Income)/100_000*10)/10)
	}
	return c
}

// RepeatLines are the flags for root causes that keep coming back this year.
func RepeatLines(r data.Report) []string {
	var out []string
	for _, t := range r.Repeats {
		out = append(out, fmt.Sprintf("“%s” %d times this year: fix it at the source.", t.Key, t.Count))
	}
	return out
}

// ComplaintRows are the headline complaint figures.
func ComplaintRows(r data.Report) [][2]string {
	c := r.Complaints
	median := "—"
	if c.Resolved > 0 {
		median = Days(c.MedianResolution)
	}
	return [][2]string{
		{"Complaints", strconv.Itoa(c.Total)},
		{"Resolved", fmt.Sprintf("%d (%s)", c.Resolved, Percent(c.ResolvedShare()))},
		{"Resolved and retained", fmt.Sprintf("%d (%s of those resolved)", c.Retained, Percent(c.RetainedShare()))},
		{"Median time to resolution", median},
	}
}

// Span shows a time taken in hours under two days ("5.5 hours"), else in days.
func Span(d time.Duration) string {
	if d < 48*time.Hour {
		h := math.Round(d.Hours()*10) / 10
		if h == 1 {
			return "1 hour"
		}
		return strconv.FormatFloat(h, 'f', -1, 64) + " hours"
	}
	return Days(d)
}

// SpeedTable is the speed clock of the report's alerts: per stage its target, how many
// alerts reached it, the share of those within the target, the median time taken, and
// how many have not reached it past the target.
func SpeedTable(r data.Report) Table {
	s := r.Speed
	t := Table{Header: []string{"Stage", "Target", "Reached", "Within target", "Median time", "Overdue now"}}
	for _, st := range data.Stages() {
		median, share := "—", "—"
		if s.Reached[st] > 0 {
			median, share = Span(s.Median[st]), Percent(s.OnTimeShare(st))
		}
		days := "working days"
		if s.Targets[st] == 1 {
			days = "working day"
		}
		t.Rows = append(t.Rows, []string{st.Label(), fmt.Sprintf("%d %s", s.Targets[st], days), strconv.Itoa(s.Reached[st]),
			share, median, strconv.Itoa(s.Overdue[st])})
	}
	return t
}

// PromiseText says how many promises were kept on time, of those due.
func PromiseText(t data.PromiseTally) string {
	if t.Total() == 0 {
		return "No promises made yet."
	}
	if t.Due() == 0 {
		return fmt.Sprintf("%d promises made, none due yet.", t.Total())
	}
	return fmt.Sprintf("Promises kept on time: %s (%d of the %d due; %d kept late, %d overdue; %d not yet due).",
		Percent(t.OnTimeShare()), t.OnTime, t.Due(), t.Late, t.Overdue, t.Open)
}

// AlertsChart is red alerts open vs resolved by the year received.
func AlertsChart(r data.Report) Chart {
	c := Chart{Series: []Series{{Name: "Open"}, {Name: "Resolved"}}}
	for _, a := range r.Alerts {
		c.Labels = append(c.Labels, strconv.Itoa(a.Year))
		c.Series[0].Values = append(c.Series[0].Values, float64(a.Open))
		c.Series[1].Values = append(c.Series[1].Values, float64(a.Resolved))
	}
	return c
}

// SatisfactionChart is the average satisfaction (1–5) and would-recommend (0–10, halved
// to share the scale) by quarter.
func SatisfactionChart(r data.Report) Chart {
	c := Chart{Line: true, Series: []Series{{Name: "Satisfaction (1–5)"}, {Name: "Would recommend (0–10) ÷ 2"}}}
	for _, s := range r.Satisfaction {
		c.Labels = append(c.Labels, s.Period)
		c.Series[0].Values = append(c.Series[0].Values, math.Round(s.Satisfaction*100)/100)
		c.Series[1].Values = append(c.Series[1].Values, math.Round(s.Recommend*50)/100)
	}
	return c
}

func pdfTable(t Table) *pdf.Table { return &pdf.Table{Header: t.Header, Rows: t.Rows} }

func pdfChart(c Chart) *pdf.Chart {
	out := &pdf.Chart{Kind: pdf.BarChart, Labels: c.Labels, Unit: c.Unit}
	if c.Line {
		out.Kind = pdf.LineChart
	}
	for _, s := range c.Series {
		out.Series = append(out.Series, pdf.Series{Name: s.Name, Values: s.Values})
	}
	return out
}

// ReportDoc lays the report out as a PDF document.
func ReportDoc(r data.Report, currency string, paper pdf.Paper) pdf.Doc {
	d := pdf.Doc{Paper: paper, Title: "Client retention report", Date: r.Made,
		Subtitle: "Made by Amends on " + r.Made.Local().Format("2 January 2006")}
	d.Sections = append(d.Sections,
		pdf.Section{Heading: "Retention by year", Paragraphs: []string{
			"Retention rate = (clients at the end of the year − new clients) ÷ clients at the start. " + SurvivalText(r)},
			Table: pdfTable(RetentionTable(r))},
		pdf.Section{Heading: "New and lost clients", Chart: pdfChart(NewVsLost(r))},
	)
	if rates := RetentionRates(r); len(rates.Labels) > 0 {
		d.Sections = append(d.Sections, pdf.Section{Heading: "Retention rate", Chart: pdfChart(rates)})
	}
	l := r.Losses
	if l.Total.Count > 0 {
		d.Sections = append(d.Sections,
			pdf.Section{Heading: "Why clients left", Paragraphs: []string{fmt.Sprintf("%d clients lost, worth %s a year.",
				l.Total.Count, data.FormatMoney(l.Total.Income, currency))},
				Table: pdfTable(LossTable("Reason", l.ByReason, currency)), Chart: pdfChart(CountChart("Clients lost", l.ByReason))},
			pdf.Section{Heading: "Lost clients by length of relationship", Table: pdfTable(LossTable("Client for", l.ByTenure, currency))},
			pdf.Section{Heading: "Lost clients by year", Table: pdfTable(LossTable("Year", l.ByYear, currency)),
				Chart: pdfChart(IncomeChart("Yearly income lost (thousands "+currency+")", l.ByYear))},
		)
	}
	if r.HaveComplaints {
		s := pdf.Section{Heading: "Complaints", Bullets: RepeatLines(r)}
		for _, row := range ComplaintRows(r) {
			s.Rows = append(s.Rows, pdf.KV{Key: row[0], Value: row[1]})
		}
		if len(r.Complaints.ByRootCause) > 0 {
			s.Chart = pdfChart(CountChart("Complaints by root cause", r.Complaints.ByRootCause))
		}
		d.Sections = append(d.Sections, s)
	}
	if r.HaveAlerts {
		d.Sections = append(d.Sections, pdf.Section{Heading: "Red alerts, open and resolved", Chart: pdfChart(AlertsChart(r))},
			pdf.Section{Heading: "Speed: from the red alert to each stage", Paragraphs: []string{
				"Median time from the alert to each stage, and the share reached within the target set in Settings. " +
					PromiseText(r.Promises)}, Table: pdfTable(SpeedTable(r))})
	}
	if len(r.Satisfaction) > 0 {
		d.Sections = append(d.Sections, pdf.Section{Heading: "Average satisfaction by quarter", Chart: pdfChart(SatisfactionChart(r))})
	}
	return d
}

// WriteReport builds the report from the store as of now and writes it as a PDF.
func WriteReport(ctx context.Context, db *data.DB, w io.Writer, now time.Time) (pdf.Result, error) {
	return WriteReportWith(ctx, db, w, now, nil)
}

// WriteReportWith is WriteReport telling progress its steps (the figures, the layout, done: 0, 1 and
// 2 of 2). A cancelled ctx stops it between steps (and the figures' queries inside);
// nothing is written to w then.
func WriteReportWith(ctx context.Context, db *data.DB, w io.Writer, now time.Time, progress data.Progress) (pdf.Result, error) {
	progress.Report(0, 2)
	r, err := db.BuildReport(ctx, now)
	if err != nil {
		if ctx.Err() != nil {
			return pdf.Result{}, fmt.Errorf("build report: %w", ctx.Err())
		}
		return pdf.Result{}, fmt.Errorf("build report: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return pdf.Result{}, err
	}
	progress.Report(1, 2)
	currency, err := db.Currency(ctx)
	if err != nil {
		return pdf.Result{}, err
	}
	paper := pdf.A4
	if p, err := db.Setting(ctx, SettingPaper, "A4"); err == nil {
		if pp, err := pdf.ParsePaper(p); err == nil {
			paper = pp
		}
	}
	var buf bytes.Buffer
	res, err := pdf.RenderDoc(&buf, ReportDoc(r, currency, paper))
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return pdf.Result{}, err
	}
	if _, err := buf.WriteTo(w); err != nil {
		return pdf.Result{}, fmt.Errorf("write report: %w", err)
	}
	progress.Report(2, 2)
	return res, nil
}
