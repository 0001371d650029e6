package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// lostColumns are the columns of the Lost clients list: a title, a share of the width,
// and how rows compare on it (for sorting).
var lostColumns = []struct {
	title  string
	weight float32
	less   func(a, b data.LostClient) bool
}{
	{"Client", 2.6, func(a, b data.LostClient) bool { return collate(a.Client.Name, b.Client.Name) }},
	{"Reason", 2, func(a, b data.LostClient) bool { return collate(a.Loss.Reason, b.Loss.Reason) }},
	{"Lost on", 1.5, func(a, b data.LostClient) bool { return a.Loss.LostOn.Before(b.Loss.LostOn.Time) }},
	{"Client for", 2, func(a, b data.LostClient) bool { return tenureDays(a) < tenureDays(b) }},
	{"Income lost", 1.9, func(a, b data.LostClient) bool { return a.Loss.IncomeLost < b.Loss.IncomeLost }},
	{"Last contact", 1.6, func(a, b data.LostClient) bool { return a.Client.LastContact.Before(b.Client.LastContact) }},
}

// collate orders names as a person would: case and accents aside.
func collate(a, b string) bool {
	fa, fb := strings.ToLower(a), strings.ToLower(b)
	if fa != fb {
		return fa < fb
	}
	return a < b
}

// lostScreen is the Lost clients folder: who left, why, and the patterns across them.
type lostScreen struct {
	deps
	rows     []data.LostClient // in the order shown
	list     *widget.List
	headers  []*tapLabel // a click sorts by the column
	sortCol  int         // the column rows are sorted by
	sortDesc bool
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
	s := &lostScreen{deps: d, selected: -1, sortCol: 2, sortDesc: true}
	cols := &columnsLayout{}
	for _, c := range lostColumns {
		cols.weights = append(cols.weights, c.weight)
	}
	// A list of rows rather than a table: a click selects the whole row, and the columns
	// share the width, so that none is off to the right in a narrow window.
	s.list = widget.NewList(func() int { return len(s.rows) }, func() fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for range lostColumns {
			cells = append(cells, newCutLabel(""))
		}
		return container.New(cols, cells...)
	}, s.updateRow)
	s.list.OnSelected = func(i widget.ListItemID) { s.onSelect(i) }
	s.list.OnUnselected = func(widget.ListItemID) { s.onSelect(-1) }
	var heads []fyne.CanvasObject
	for i := range lostColumns {
		h := newTapLabel(func() { s.sortBy(i) })
		h.TextStyle.Bold = true
		s.headers = append(s.headers, h)
		heads = append(heads, h)
	}
	s.showHeaders()
	table := container.NewBorder(container.NewVBox(container.New(cols, heads...), widget.NewSeparator()), nil, nil, nil, s.list)
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
	actions := container.New(&wrapLayout{}, s.open, s.record, s.winBack, s.wonBack)
	detail := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(s.detail))
	split := container.NewVSplit(table, detail)
	split.Offset = 0.68
	s.patterns = container.NewVBox()
	title := widget.NewLabelWithStyle("Lost clients", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Clients", theme.AccountIcon(), split),
		// Scrolls down only: the charts and tables fit the width they are given.
		container.NewTabItemWithIcon("Patterns", theme.GridIcon(), container.NewVScroll(container.NewPadded(s.patterns))),
	)
	s.summary.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(s.mailing, reasons)), s.summary)
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
		s.summary.SetText(fmt.Sprintf("%s lost now, worth %s a year (their yearly income when they left). "+
			"Clients won back or archived are not listed; Patterns counts every loss.",
			plainCount(len(f.rows), "client", "clients"), currentFormats().money(income, f.cur)))
		s.sortRows()
		s.selectClient(selected)
		s.showDetail()
		s.showPatterns(f)
	})
}

// updateRow shows row i: the client, why and when they left, for how long they were a
// client, the income lost and the last contact.
func (s *lostScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	cells := o.(*fyne.Container).Objects
	if i >= len(s.rows) {
		return
	}
	r := s.rows[i]
	f := currentFormats()
	for col, text := range []string{r.Client.Name, r.Loss.Reason, f.date(r.Loss.LostOn), tenureText(r),
		f.money(r.Loss.IncomeLost, s.cur), shortDate(r.Client.LastContact)} {
		imp := widget.MediumImportance
		if col == 1 && r.Loss.ID == 0 {
			imp = widget.WarningImportance // "not recorded" says it in words too
		}
		setCutLabel(cells[col].(*cutLabel), text, imp)
	}
}

// sortBy sorts the rows by column col; the same column again turns the order round.
func (s *lostScreen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	selected := int64(0)
	if c, ok := s.current(); ok {
		selected = c.Client.ID
	}
	s.showHeaders()
	s.sortRows()
	s.selectClient(selected)
}

// sortRows puts the rows in the order chosen; equal rows keep the store's order.
func (s *lostScreen) sortRows() {
	less := lostColumns[s.sortCol].less
	sort.SliceStable(s.rows, func(i, j int) bool {
		if s.sortDesc {
			return less(s.rows[j], s.rows[i])
		}
		return less(s.rows[i], s.rows[j])
	})
	s.list.Refresh()
}

// showHeaders marks the column the rows are sorted by, and which way.
func (s *lostScreen) showHeaders() {
	for i, b := range s.headers {
		text := lostColumns[i].title
		if i == s.sortCol {
			if s.sortDesc {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		b.SetText(text)
	}
}

// selectClient highlights the row of client id (0: none), wherever the rows put it.
func (s *lostScreen) selectClient(id int64) {
	s.selected = -1
	for i, r := range s.rows {
		if r.Client.ID == id && id != 0 {
			s.selected = i
			s.list.Select(i)
			return
		}
	}
	s.list.UnselectAll()
}

// tenureDays is how long they were a client, in days, for sorting.
func tenureDays(r data.LostClient) int {
	start := r.Client.Since
	if start.IsZero() {
		start = data.DateOf(r.Client.Created)
	}
	return int(r.Loss.LostOn.Sub(start.Time).Hours() / 24)
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
	fmt.Fprintf(&b, "\nLost on %s after %s: %s.", currentFormats().date(r.Loss.LostOn), tenureText(r), r.Loss.Reason)
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
			parts = append(parts, wrapped(widget.NewLabel(fmt.Sprintf("No root cause of complaints came up %d times or more in %d.", data.RepeatThreshold, year))))
		}
		for _, line := range documents.RepeatLines(data.Report{Repeats: reps}) {
			w := wrapped(widget.NewLabel("⚠ " + line))
			w.Importance = widget.DangerImportance
			w.TextStyle.Bold = true
			parts = append(parts, w)
		}
	}
	if p.Total.Count > 0 {
		parts = append(parts, wrapped(widget.NewLabel(lossesText(p, cur))))
	}
	parts = append(parts,
		newFlowGrid(2, 300,
			titled("By reason", categoryChart(documents.CountChart("Clients lost", p.ByReason))),
			titled("By year: yearly income lost (thousands "+cur+")", chartView(documents.IncomeChart("Income lost", p.ByYear), nil))),
		newFlowGrid(2, 300,
			tableView(lossTable("Reason", p.ByReason, cur)),
			tableView(lossTable("Client for", p.ByTenure, cur))),
		tableView(lossTable("Year", p.ByYear, cur)),
	)
	s.patterns.Objects = parts
	s.patterns.Refresh()
}

func (u *UI) lostView() fyne.CanvasObject {
	u.lost = newLostScreen(u.deps)
	return u.lost.view
}
