package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

var lostColumns = []struct {
	title string
	width float32
}{{"Client", 230}, {"Reason", 170}, {"Lost on", 110}, {"Client for", 150}, {"Yearly income lost", 160}, {"Last contact", 120}}

// lostScreen is the Lost clients folder: who left, why, and the patterns across them.
type lostScreen struct {
	deps
	rows     []data.LostClient
	table    *widget.Table
	summary  *widget.Label
	detail   *widget.Label
	open     *widget.Button
	record   *widget.Button
	wonBack  *widget.Button
	winBack  *widget.Button // writes the win-back letter
	selected int
	patterns *fyne.Container
	view     fyne.CanvasObject
	cur      string         // the currency, read with the rows
	round    int            // numbers the reloads: only the newest is shown
	batch    *batchLetters  // the win-back letters for the mailing list last made (app/batch_letters.go)
	mailing  *widget.Button // makes them
}

func newLostScreen(d deps) *lostScreen {
	s := &lostScreen{deps: d, selected: -1}
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(lostColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Agnieszka Wiśniewski")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Col >= 0 {
			l.SetText(lostColumns[id.Col].title)
			l.TextStyle.Bold = true
			l.Refresh()
		}
	}
	for i, c := range lostColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) { s.onSelect(id.Row) }
	s.summary = widget.NewLabel("Loading…")
	s.detail = widget.NewLabel("Select a lost client to see the story.")
	s.detail.Wrapping = fyne.TextWrapWord
	s.open = widget.NewButtonWithIcon("Open client file", theme.AccountIcon(), func() {
		if c, ok := s.current(); ok {
			s.showClient(c.Client.ID)
		}
	})
	s.record = widget.NewButtonWithIcon("Record the reason…", theme.DocumentCreateIcon(), func() {
		if c, ok := s.current(); ok {
			s.seen.lost = s.askLost(c.Client, nil)
		}
	})
	s.winBack = widget.NewButtonWithIcon("Win-back letter…", theme.MailComposeIcon(), func() {
		if c, ok := s.current(); ok {
			s.openLetterEditor(letters.WinBack, c.Client.ID, 0)
		}
	})
	s.wonBack = widget.NewButtonWithIcon("Won back…", theme.ConfirmIcon(), s.onWonBack)
	s.wonBack.Importance = widget.SuccessImportance
	reasons := widget.NewButtonWithIcon("Reasons…", theme.ListIcon(), func() { s.editLossReasons(nil) })
	s.mailing = widget.NewButtonWithIcon("Win-back letters for the mailing list…", theme.MailComposeIcon(), func() { s.onWinBackBatch() })
	// Wraps onto two rows on a 1024-pixel screen instead of widening the window.
	actions := container.New(layout.NewRowWrapLayout(), s.open, s.record, s.winBack, s.wonBack)
	detail := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(s.detail))
	split := container.NewVSplit(s.table, detail)
	split.Offset = 0.68
	s.patterns = container.NewVBox()
	title := widget.NewLabelWithStyle("Lost clients", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Clients", theme.AccountIcon(), split),
		// Scrolls both ways: the charts are wider than a 1024-pixel screen leaves them.
		container.NewTabItemWithIcon("Patterns", theme.GridIcon(), container.NewScroll(container.NewPadded(s.patterns))),
	)
	top := container.NewBorder(nil, nil, title, container.NewHBox(s.mailing, reasons), s.summary)
	s.view = container.NewBorder(top, nil, nil, nil, tabs)
	s.reload()
	return s
}

func (s *lostScreen) current() (data.LostClient, bool) {
	if s.selected < 0 || s.selected >= len(s.rows) {
		return data.LostClient{}, false
	}
	return s.rows[s.selected], true
}

// lostFigures is what the Lost clients screen shows, read off the UI thread: on
// 100,000 clients the list and its patterns take over half a second.
type lostFigures struct {
	rows       []data.LostClient
	facts      []data.LossFact
	complaints []data.ComplaintFact
	cur        string
	year       int
	action     string // what failed, with err
	err        error
}

// fetchLost reads the lost clients and the facts behind the patterns.
func (s *lostScreen) fetchLost() (f lostFigures) {
	ctx, store := s.ctx, s.store
	f.cur, f.year = s.currency(), store.Now().Year()
	if f.rows, f.err = store.LostClients(ctx); f.err != nil {
		f.action = "Loading the lost clients"
		return f
	}
	if f.facts, f.err = store.LossFacts(ctx); f.err != nil {
		f.action = "Loading the losses"
		return f
	}
	if f.complaints, f.err = store.ComplaintFacts(ctx); f.err != nil {
		f.action = "Loading the complaints"
	}
	return f
}

// changed asks again when a client's standing, a loss or a complaint changed (the
// patterns count root causes).
func (s *lostScreen) changed(n data.Notice) {
	if n.Has(data.ChangedLosses) || n.Has(data.ChangedClient) || n.Has(data.ChangedComplaint) {
		s.reload()
	}
}

// reload asks the store for the lost clients and the patterns again, off the UI thread;
// the channel closes when they are shown.
func (s *lostScreen) reload() <-chan struct{} {
	s.round++
	round := s.round
	var f lostFigures
	var selected int64
	if c, ok := s.current(); ok {
		selected = c.Client.ID
	}
	return s.run.run(func() { f = s.fetchLost() }, func() {
		if round != s.round {
			return // a newer reload is on its way
		}
		if f.err != nil {
			s.showError(f.action, f.err)
		}
		s.rows, s.cur = f.rows, f.cur
		var income int64
		for _, r := range f.rows {
			income += r.Loss.IncomeLost
		}
		s.summary.SetText(fmt.Sprintf("%s, worth %s a year", plainCount(len(f.rows), "lost client", "lost clients"),
			data.FormatMoney(income, f.cur)))
		// The highlight stays on the same client, wherever the new rows put them.
		s.selected = -1
		s.table.UnselectAll()
		for i, r := range s.rows {
			if r.Client.ID == selected {
				s.selected = i
				s.table.Select(widget.TableCellID{Row: i, Col: 0})
			}
		}
		s.table.Refresh()
		s.showDetail()
		s.showPatterns(f)
	})
}

func (s *lostScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.rows) {
		l.SetText("")
		return
	}
	r := s.rows[id.Row]
	var text string
	switch id.Col {
	case 0:
		text = r.Client.Name
	case 1:
		text = r.Loss.Reason
	case 2:
		text = r.Loss.LostOn.Format("2 Jan 2006")
	case 3:
		text = tenureText(r)
	case 4:
		text = data.FormatMoney(r.Loss.IncomeLost, s.cur)
	case 5:
		text = shortDate(r.Client.LastContact)
	}
	l.SetText(text)
	l.Importance = widget.MediumImportance
	if id.Col == 1 && r.Loss.ID == 0 {
		l.Importance = widget.WarningImportance
	}
	l.Refresh()
}

func tenureText(r data.LostClient) string {
	start := r.Client.Since
	if start.IsZero() {
		start = data.DateOf(r.Client.Created)
	}
	return data.TenureBetween(start, r.Loss.LostOn).String()
}

func (s *lostScreen) onSelect(row int) {
	s.selected = row
	s.showDetail()
}

func (s *lostScreen) showDetail() {
	r, ok := s.current()
	if !ok {
		s.detail.SetText("Select a lost client to see the story, open the file with the full correspondence, or mark them won back.")
		s.open.Disable()
		s.record.Hide()
		s.winBack.Disable()
		s.wonBack.Disable()
		return
	}
	s.open.Enable()
	s.winBack.Enable()
	s.wonBack.Enable()
	var b strings.Builder
	fmt.Fprintf(&b, "%s", r.Client.Name)
	if r.Client.Company != "" {
		fmt.Fprintf(&b, " · %s", r.Client.Company)
	}
	fmt.Fprintf(&b, "\nLost on %s after %s: %s.", r.Loss.LostOn.Format("2 January 2006"), tenureText(r), r.Loss.Reason)
	if r.Loss.Story != "" {
		fmt.Fprintf(&b, "\n\n%s", r.Loss.Story)
	}
	if r.Loss.ExitInterview {
		fmt.Fprintf(&b, "\n\nExit interview planned%s.", byWhom(r.Loss.ExitBy))
	}
	if r.Loss.KeepMailing {
		b.WriteString("\nStays on the mailing list.")
	}
	if r.Loss.ID == 0 {
		b.WriteString("\n\nThe reason was not recorded when the status was changed.")
		s.record.Show()
	} else {
		s.record.Hide()
	}
	s.detail.SetText(b.String())
}

func byWhom(s string) string {
	if s == "" {
		return ""
	}
	return " (by " + s + ")"
}

// onWonBack asks for the day the client came back and records it.
func (s *lostScreen) onWonBack() {
	r, ok := s.current()
	if !ok {
		return
	}
	day := newDateEntry()
	day.set(data.DateOf(s.store.Now().Local()))
	dialog.ShowForm("Won back "+r.Client.Name, "Won back", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Came back on", day)}, func(ok bool) {
			if ok {
				s.markWonBack(r.Client.ID, day.value())
			}
		}, s.win)
}

func (s *lostScreen) markWonBack(id int64, on data.Date) {
	if err := s.store.MarkWonBack(s.ctx, id, on); err != nil {
		s.showError("Marking the client won back", err)
	}
}

// showPatterns tallies the losses by reason, tenure and year, and flags root causes of
// complaints that keep coming back.
func (s *lostScreen) showPatterns(f lostFigures) {
	p := data.PatternsOf(f.facts)
	cur, cf := f.cur, f.complaints
	var parts []fyne.CanvasObject
	if len(cf) > 0 {
		year := f.year
		reps := data.RepeatedRootCauses(cf, year, data.RepeatThreshold)
		if len(reps) == 0 {
			parts = append(parts, widget.NewLabel(fmt.Sprintf("No root cause of complaints came up %d times or more in %d.", data.RepeatThreshold, year)))
		}
		for _, line := range documents.RepeatLines(data.Report{Repeats: reps}) {
			w := widget.NewLabel("⚠ " + line)
			w.Importance = widget.DangerImportance
			w.TextStyle.Bold = true
			parts = append(parts, w)
		}
	}
	parts = append(parts,
		container.NewGridWithColumns(2,
			titled("By reason", chartView(documents.CountChart("Clients lost", p.ByReason), nil)),
			titled("By year: yearly income lost (thousands "+cur+")", chartView(documents.IncomeChart("Income lost", p.ByYear), nil))),
		container.NewGridWithColumns(2,
			tableView(documents.LossTable("Reason", p.ByReason, cur)),
			tableView(documents.LossTable("Client for", p.ByTenure, cur))),
		tableView(documents.LossTable("Year", p.ByYear, cur)),
	)
	s.patterns.Objects = parts
	s.patterns.Refresh()
}

func (u *UI) lostView() fyne.CanvasObject {
	u.lost = newLostScreen(u.deps)
	return u.lost.view
}
