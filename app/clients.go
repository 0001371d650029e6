package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

const (
	pageSize     = 100
	searchLimit  = 100
	allStatuses  = "All statuses"
	archivedOnly = "Archived"
	sortName     = "By name"
	sortContact  = "By last contact"
)

// clientsScreen is the searchable, filterable list of client files.
type clientsScreen struct {
	u      *UI
	search *widget.Entry
	status *widget.Select
	sortBy *widget.Select
	list   *widget.List
	count  *widget.Label
	view   fyne.CanvasObject

	filter  data.ClientFilter
	query   string
	total   int
	pages   map[int][]data.Client // browsing: loaded pages by page number
	results []data.Client         // searching: ranked matches
	ids     map[int]int64         // row -> client ID of what is shown
}

func newClientsScreen(u *UI) *clientsScreen {
	s := &clientsScreen{u: u, pages: map[int][]data.Client{}, ids: map[int]int64{}}
	s.search = widget.NewEntry()
	s.search.PlaceHolder = "Search name, company, email, notes, timeline… (Ctrl+F)"
	s.search.OnChanged = func(q string) { s.query = q; s.reload() }
	opts := []string{allStatuses}
	for _, st := range data.Statuses {
		opts = append(opts, st.Label())
	}
	opts = append(opts, archivedOnly)
	s.status = widget.NewSelect(opts, func(string) { s.onFilter() })
	s.status.SetSelected(allStatuses)
	s.sortBy = widget.NewSelect([]string{sortName, sortContact}, func(string) { s.onFilter() })
	s.sortBy.SetSelected(sortName)
	s.count = widget.NewLabel("")
	s.list = widget.NewList(s.length, s.createRow, s.updateRow)
	s.list.OnSelected = s.onSelected
	newBtn := widget.NewButtonWithIcon("New client", theme.ContentAddIcon(), u.onNewClient)
	newBtn.Importance = widget.HighImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, newBtn, s.search),
		container.NewBorder(nil, nil, nil, s.count, container.NewGridWithColumns(2, s.status, s.sortBy)),
	)
	s.view = container.NewBorder(top, nil, nil, nil, s.list)
	s.reload()
	return s
}

func (s *clientsScreen) onFilter() {
	if s.status == nil || s.sortBy == nil || s.list == nil {
		return // still being built
	}
	f := data.ClientFilter{}
	switch sel := s.status.Selected; sel {
	case allStatuses:
	case archivedOnly:
		f.Archived = true
	default:
		f.Status, _ = data.StatusFromLabel(sel)
	}
	if s.sortBy.Selected == sortContact {
		f.Sort = data.SortByLastContact
	}
	s.filter = f
	s.reload()
}

// reload drops what is cached and asks the store again.
func (s *clientsScreen) reload() {
	if s.list == nil {
		return
	}
	s.pages = map[int][]data.Client{}
	s.results = nil
	s.ids = map[int]int64{}
	var err error
	if data.MatchExpr(s.query) != "" {
		s.results, err = s.u.store.SearchClients(s.u.ctx, s.query, s.filter, searchLimit)
		s.total = len(s.results)
		switch {
		case s.total == searchLimit:
			s.count.SetText(fmt.Sprintf("best %d matches", s.total))
		default:
			s.count.SetText(plural(s.total, "match", "matches"))
		}
	} else {
		s.total, err = s.u.store.CountClients(s.u.ctx, s.filter)
		s.count.SetText(plural(s.total, "client", "clients"))
	}
	if err != nil {
		s.total = 0
		s.u.showError("Searching your clients", err)
	}
	s.list.UnselectAll()
	s.list.Refresh()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (s *clientsScreen) length() int { return s.total }

// at returns the client shown in row i, loading its page when browsing.
func (s *clientsScreen) at(i int) (data.Client, bool) {
	if s.results != nil || data.MatchExpr(s.query) != "" {
		if i < len(s.results) {
			return s.results[i], true
		}
		return data.Client{}, false
	}
	p := i / pageSize
	page, ok := s.pages[p]
	if !ok {
		var err error
		page, err = s.u.store.ListClients(s.u.ctx, s.filter, p*pageSize, pageSize)
		if err != nil {
			return data.Client{}, false
		}
		s.pages[p] = page
	}
	if j := i % pageSize; j < len(page) {
		return page[j], true
	}
	return data.Client{}, false
}

func (s *clientsScreen) createRow() fyne.CanvasObject {
	name := widget.NewLabel("Client name")
	name.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel("Won back")
	last := widget.NewLabel("2026-01-01")
	return container.NewBorder(nil, nil, nil, container.NewHBox(status, last), name)
}

func (s *clientsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	c, ok := s.at(i)
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	right := row.Objects[1].(*fyne.Container)
	status, last := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
	if !ok {
		name.SetText("")
		status.SetText("")
		last.SetText("")
		return
	}
	s.ids[i] = c.ID
	text := c.Name
	if c.Company != "" {
		text += " · " + c.Company
	}
	name.SetText(text)
	status.SetText(c.Status.Label())
	status.Importance = statusImportance(c.Status)
	status.Refresh()
	last.SetText(shortDate(c.LastContact))
}

func statusImportance(s data.Status) widget.Importance {
	switch s {
	case data.StatusAtRisk:
		return widget.WarningImportance
	case data.StatusLost, data.StatusLetGo:
		return widget.LowImportance
	case data.StatusWonBack:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// shortDate shows a day in the local time zone, or "—" when unset.
func shortDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2 Jan 2006")
}

func (s *clientsScreen) onSelected(i widget.ListItemID) {
	c, ok := s.at(i)
	if !ok {
		return
	}
	if s.u.client.current.ID == c.ID {
		return
	}
	s.list.UnselectAll()
	s.u.openClientGuarded(c.ID)
}

// selectID highlights the row showing id, if it is loaded.
func (s *clientsScreen) selectID(id int64) {
	for row, rid := range s.ids {
		if rid == id {
			s.list.Select(row)
			return
		}
	}
}
