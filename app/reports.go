package app

import (
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/transfer"
	"github.com/amends/amends/pdf"
)

// reportsScreen shows retention, losses, complaints and satisfaction as charts and tables.
type reportsScreen struct {
	deps
	body    *fyne.Container
	export  *widget.Button
	refresh *widget.Button
	view    fyne.CanvasObject
	last    data.Report
	round   int // numbers the reloads: only the newest is shown
}

func newReportsScreen(d deps) *reportsScreen {
	s := &reportsScreen{deps: d, body: container.NewVBox(widget.NewLabel("Working out the figures…"))}
	title := widget.NewLabelWithStyle("Reports", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.export = widget.NewButtonWithIcon("Export report as PDF…", theme.DocumentPrintIcon(), s.onExport)
	s.export.Importance = widget.HighImportance
	s.refresh = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), func() { s.reload() })
	top := container.NewBorder(nil, nil, title, container.NewHBox(s.refresh, s.export))
	s.view = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(s.body)))
	s.reload()
	return s
}

// reload recomputes the report off the UI thread (three quarters of a second on
// 100,000 clients) and then redraws everything; the channel closes when it is shown.
func (s *reportsScreen) reload() <-chan struct{} {
	s.round++
	round := s.round
	var (
		r   data.Report
		cur string
		err error
	)
	s.refresh.Disable()
	return s.run.run(func() {
		cur = s.currency()
		r, err = s.store.BuildReport(s.ctx, s.store.Now())
	}, func() {
		if round != s.round {
			return // a newer one is on its way
		}
		s.refresh.Enable()
		if err != nil {
			s.showError("Making the report", err)
			return
		}
		s.show(r, cur)
	})
}

// show draws report r with money in cur.
func (s *reportsScreen) show(r data.Report, cur string) {
	s.last = r
	var parts []fyne.CanvasObject
	heading := func(t string) {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		parts = append(parts, widget.NewSeparator(), l)
	}
	text := func(t string) {
		parts = append(parts, wrapped(widget.NewLabel(t)))
	}

	heading("Retention by year")
	text("Retention rate = (clients at the end of the year − new clients) ÷ clients at the start. " +
		"Clients you let go count as lost here. " + documents.SurvivalText(r))
	parts = append(parts, tableView(documents.RetentionTable(r)))
	parts = append(parts, newFlowGrid(2, 300,
		titled("New and lost clients", chartView(documents.NewVsLost(r), nil)),
		titled("Retention rate", chartView(documents.RetentionRates(r), func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" })),
	))

	heading("Lost clients")
	l := r.Losses
	if l.Total.Count == 0 {
		text("No clients lost yet.")
	} else {
		text(lossesText(l, cur))
		parts = append(parts, newFlowGrid(2, 300,
			titled("By reason", categoryChart(documents.CountChart("Clients lost", l.ByReason))),
			titled("Yearly income lost by year (thousands "+cur+")", chartView(documents.IncomeChart("Income lost", l.ByYear), nil)),
		))
		parts = append(parts, newFlowGrid(2, 300,
			tableView(lossTable("Reason", l.ByReason, cur)),
			tableView(lossTable("Client for", l.ByTenure, cur)),
		))
	}

	heading("Complaints")
	if !r.HaveComplaints {
		text("Complaint figures appear here once complaints are recorded with interviews.")
	} else {
		for _, line := range documents.RepeatLines(r) {
			w := wrapped(widget.NewLabel("⚠ " + line))
			w.Importance = widget.DangerImportance
			w.TextStyle.Bold = true
			parts = append(parts, w)
		}
		var kv []fyne.CanvasObject
		for _, row := range documents.ComplaintRows(r) {
			kv = append(kv, widget.NewLabelWithStyle(row[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel(row[1]))
		}
		left := container.NewVBox(container.New(&tableLayout{cols: 2}, truncated(kv)...))
		var right fyne.CanvasObject = widget.NewLabel("")
		if len(r.Complaints.ByRootCause) > 0 {
			right = titled("Complaints by root cause", categoryChart(documents.CountChart("Complaints", r.Complaints.ByRootCause)))
		}
		parts = append(parts, newFlowGrid(2, 300, left, right))
	}
	if r.HaveAlerts {
		parts = append(parts, newFlowGrid(2, 300,
			titled("Red alerts by year received", chartView(documents.AlertsChart(r), nil)), widget.NewLabel("")))
		heading("Speed and promises")
		text("Median time from a red alert to each stage, and the share reached within the targets in Settings. " +
			documents.PromiseText(r.Promises))
		parts = append(parts, tableView(documents.SpeedTable(r)))
	}
	heading("Satisfaction")
	if len(r.Satisfaction) == 0 {
		text("No feedback answers recorded yet: ask your clients how you are doing (Ask for feedback).")
	} else {
		parts = append(parts, titled("Average satisfaction by quarter", chartView(documents.SatisfactionChart(r), nil)))
	}
	s.body.Objects = parts
	s.body.Refresh()
}

// lossesText says what the loss figures count, and how they relate to the Lost clients list.
func lossesText(l data.LossPatterns, cur string) string {
	f := currentFormats()
	t := fmt.Sprintf("%s recorded, worth %s a year (their yearly income when they left). "+
		"Of these, %s lost now (the Lost clients list, worth %s a year)",
		plainCount(l.Total.Count, "loss", "losses"), f.money(l.Total.Income, cur),
		plainCount(l.Listed.Count, "client is", "clients are"), f.money(l.Listed.Income, cur))
	if l.Returned > 0 {
		t += fmt.Sprintf(", %d won back since", l.Returned)
	}
	if n := l.Elsewhere(); n > 0 {
		t += fmt.Sprintf(", %d archived or given another status since", n)
	}
	return t + ". The patterns count every loss."
}

// lossTable lists tallies with their count and income lost, in the money format of the screen.
func lossTable(first string, ts []data.Tally, cur string) documents.Table {
	t := documents.Table{Header: []string{first, "Clients lost", "Yearly income lost"}}
	for _, x := range ts {
		t.Rows = append(t.Rows, []string{x.Key, strconv.Itoa(x.Count), currentFormats().money(x.Income, cur)})
	}
	return t
}

// titled puts a bold caption over o.
func titled(caption string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(wrapped(widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil, o)
}

// chartView draws a report chart in the app.
func chartView(c documents.Chart, format func(float64) string) *chart {
	kind := barChart
	if c.Line {
		kind = lineChart
	}
	var ss []chartSeries
	for _, s := range c.Series {
		ss = append(ss, chartSeries{name: s.Name, values: s.Values})
	}
	ch := newChart(kind, c.Labels, ss...)
	ch.format = format
	return ch
}

// categoryChart draws counts by category (reasons, root causes) as horizontal bars,
// each category's name in full.
func categoryChart(c documents.Chart) *chart {
	ch := chartView(c, nil)
	ch.kind = hbarChart
	return ch
}

// tableView shows a small table, header in bold, its columns as wide as their text
// (shortened with an ellipsis when the window is too narrow for them all).
func tableView(t documents.Table) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, h := range t.Header {
		cells = append(cells, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, r := range t.Rows {
		for _, c := range r {
			cells = append(cells, widget.NewLabel(c))
		}
	}
	// In a VBox the table keeps its own height when a taller neighbour stretches the row.
	return container.NewVBox(container.New(&tableLayout{cols: len(t.Header)}, truncated(cells)...))
}

// truncated makes labels end in an ellipsis where their column is too narrow.
func truncated(cells []fyne.CanvasObject) []fyne.CanvasObject {
	for _, c := range cells {
		if l, ok := c.(*widget.Label); ok {
			l.Truncation = fyne.TextTruncateEllipsis
		}
	}
	return cells
}

// onExport writes the report as a PDF where the user chooses.
func (s *reportsScreen) onExport() {
	chooseSaveFile(s.win, "Exporting the report", "amends-report.pdf", func(path string) { s.exportTo(path) })
}

// exportTo makes the report PDF off the UI goroutine, with Cancel, and writes it to
// path through a temporary file: a failed or cancelled report leaves no half file.
func (s *reportsScreen) exportTo(path string) *job {
	var res pdf.Result
	return s.startJob(jobSpec{
		title: "Exporting the report", what: "Working out the figures…", cancelled: "Report cancelled: no file was written.",
		work: func(j *job) error {
			err := transfer.WriteFile(path, func(w io.Writer) error {
				var err error
				res, err = documents.WriteReportWith(j.ctx, s.store, w, s.store.Now(), func(done, total int) {
					if done == 1 {
						j.say("Laying out the pages…")
					}
					j.progress(done, total)
				})
				return err
			})
			if err != nil {
				removeEmpty(path)
			}
			return err
		},
		finish: func(j *job, err error) {
			if err != nil {
				j.fail("Exporting the report", err)
				return
			}
			j.tell("Report exported", fmt.Sprintf("The report (%s) is in %s.", plainCount(res.Pages, "page", "pages"), path))
		},
	})
}

func (u *UI) reportsView() fyne.CanvasObject {
	u.reports = newReportsScreen(u.deps)
	return u.reports.view
}
