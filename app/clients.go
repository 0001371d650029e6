package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
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

// clientsScreen is the searchable, filterable list of client files. It asks the store
// again when a client changes, and keeps the highlight on the client whose file is
// open, by ID, wherever the client moves to.
type clientsScreen struct {
	deps
	search *widget.Entry
	status *widget.Select
	sortBy *widget.Select
	list   *widget.List
	count  *widget.Label
	view   fyne.CanvasObject

	filter    data.ClientFilter
	query     string
	round     int  // numbers the reloads: answers to older ones are dropped
	searching bool // the list shows search results, not pages
	total     int
	rows      *paged[data.Client]  // browsing: the pages of the filtered list
	results   []data.Client        // searching: ranked matches
	places    map[int64]data.Place // searching: where each match is, when not in what the row shows
	tall      map[int]bool         // rows made two lines high to show where the match is
	ids       map[int]int64        // row -> client ID of what is shown
	selected  int64                // the client whose file is open, 0 for none
}

func newClientsScreen(d deps, onNew func()) *clientsScreen {
	s := &clientsScreen{deps: d, rows: newPaged[data.Client](d, "Loading your clients"), ids: map[int]int64{}}
	s.search = widget.NewEntry()
	s.search.PlaceHolder = "Search names, emails, notes, files, alerts, interviews… (Ctrl+F)"
	s.search.OnChanged = func(q string) { s.query = q; s.reload() }
	opts := []string{allStatuses}
	for _, st := range data.Statuses() {
		opts = append(opts, st.Label())
	}
	opts = append(opts, archivedOnly)
	s.status = widget.NewSelect(opts, func(string) { s.onFilter() })
	s.status.SetSelected(allStatuses)
	s.sortBy = widget.NewSelect([]string{sortName, sortContact}, func(string) { s.onFilter() })
	s.sortBy.SetSelected(sortName)
	s.count = widget.NewLabel("")
	s.list = widget.NewList(s.length, s.createRow, s.updateRow)
	s.rows.list = s.list
	s.list.OnSelected = s.onSelected
	newBtn := widget.NewButtonWithIcon("New client", theme.ContentAddIcon(), onNew)
	newBtn.Importance = widget.HighImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, newBtn, s.search),
		container.NewBorder(nil, nil, nil, s.count, container.NewGridWithColumns(2, s.status, s.sortBy)),
	)
	s.view = container.NewBorder(top, nil, nil, nil, s.list)
	// The first answer (about a millisecond) is waited for: the first frame shows the list.
	s.show(s.fetch(s.query, s.filter), s.filter)
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

// reload drops what is cached and asks the store again, off the UI thread: a search
// for a word in thousands of timelines takes up to 20 ms on 100,000 clients, longer
// than a frame. What is shown stays until the answer comes; an answer to an older
// query is dropped.
// The channel closes when the answer is shown (or dropped).
func (s *clientsScreen) reload() <-chan struct{} {
	s.round++
	round, q, f := s.round, s.query, s.filter
	var res listing
	return s.run.run(func() { res = s.fetch(q, f) }, func() {
		if round == s.round {
			s.show(res, f)
		}
	})
}

// listing is one answer from the store for the list: ranked matches when searching,
// else how many clients the filter has (their pages load as they scroll into view).
type listing struct {
	searching bool
	results   []data.Client
	places    map[int64]data.Place
	total     int
	err       error
}

// fetch asks the store; it runs off the UI thread.
func (s *clientsScreen) fetch(q string, f data.ClientFilter) listing {
	ctx, store := s.ctx, s.store
	if data.MatchExpr(q) != "" {
		r, err := store.SearchClients(ctx, q, f, searchLimit)
		var places map[int64]data.Place
		if err == nil && len(r) > 0 {
			ids := make([]int64, len(r))
			for i, c := range r {
				ids[i] = c.ID
			}
			places, err = store.SearchPlaces(ctx, q, ids)
		}
		return listing{searching: true, results: r, places: places, total: len(r), err: err}
	}
	n, err := store.CountClients(ctx, f)
	return listing{total: n, err: err}
}

// show puts an answer from fetch for filter f on the screen.
func (s *clientsScreen) show(l listing, f data.ClientFilter) {
	s.rows.reset(newKeyedPages(s.ctx, s.store, f).load)
	s.ids = map[int]int64{}
	s.results, s.searching, s.total, s.places = l.results, l.searching, l.total, l.places
	s.fitRows()
	switch {
	case l.err != nil:
		s.total, s.results = 0, nil
		s.count.SetText("")
		s.showError("Searching your clients", l.err)
	case !l.searching:
		s.count.SetText(plural(s.total, "client", "clients"))
	case s.total == searchLimit:
		s.count.SetText(fmt.Sprintf("best %d matches", s.total))
	default:
		s.count.SetText(plural(s.total, "match", "matches"))
	}
	s.list.UnselectAll()
	s.list.Refresh()
	s.selectID(s.selected)
}

// changed asks the store again when a client was added, changed or removed: its name,
// status or last contact may move it in the list.
func (s *clientsScreen) changed(n data.Notice) {
	if n.Has(data.ChangedClient) {
		s.reload()
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (s *clientsScreen) length() int { return s.total }

// at returns the client shown in row i; while browsing, false until its page is here.
func (s *clientsScreen) at(i int) (data.Client, bool) {
	if s.searching {
		if i < len(s.results) {
			return s.results[i], true
		}
		return data.Client{}, false
	}
	return s.rows.at(i)
}

func (s *clientsScreen) createRow() fyne.CanvasObject {
	name := newCutLabel("Client name")
	where := newCutLabel("")
	where.SizeName = theme.SizeNameCaptionText
	where.Hide()
	status := widget.NewLabel("Won back")
	last := widget.NewLabel("2026-01-01")
	return container.NewBorder(nil, nil, nil, container.NewHBox(status, last), container.NewVBox(name, where))
}

// fitRows makes the rows of search results whose match is not in the name two lines
// high, for the line that says where it is; the others, and every row when browsing,
// are one line.
func (s *clientsScreen) fitRows() {
	if s.tall == nil {
		s.tall = map[int]bool{}
	}
	row := s.createRow()
	one := row.MinSize().Height
	where := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*cutLabel)
	where.SetText("where")
	where.Show()
	two := row.MinSize().Height
	for i := range s.tall {
		s.list.SetItemHeight(i, one)
		delete(s.tall, i)
	}
	if !s.searching {
		return
	}
	for i, c := range s.results {
		if _, ok := s.places[c.ID]; ok {
			s.list.SetItemHeight(i, two)
			s.tall[i] = true
		}
	}
}

// placeText says where a match is: the part of the file, its day and the words around it.
func placeText(p data.Place) string {
	t := p.Part
	if !p.At.IsZero() {
		t += ", " + currentFormats().day(p.At)
	}
	if p.Snippet != "" {
		t += ": " + strings.Join(strings.Fields(p.Snippet), " ")
	}
	return t
}

func (s *clientsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	c, ok := s.at(i)
	row := o.(*fyne.Container)
	left := row.Objects[0].(*fyne.Container)
	name, where := left.Objects[0].(*cutLabel), left.Objects[1].(*cutLabel)
	right := row.Objects[1].(*fyne.Container)
	status, last := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
	if !ok {
		delete(s.ids, i)
		name.SetText("")
		where.Hide()
		status.SetText("")
		last.SetText("")
		return
	}
	if p, ok := s.places[c.ID]; ok && s.searching {
		where.SetText(placeText(p))
		where.Show()
	} else {
		where.Hide()
	}
	s.ids[i] = c.ID
	if c.ID == s.selected {
		s.list.Select(i) // the open client's row, drawn after a reload moved it
	}
	text := c.Name
	if c.Company != "" {
		text += " · " + c.Company
	}
	name.SetText(text)
	setLabel(status, c.Status.Label(), statusImportance(c.Status))
	setLabel(last, shortDate(c.LastContact), widget.MediumImportance)
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
	return currentFormats().day(t)
}

func (s *clientsScreen) onSelected(i widget.ListItemID) {
	c, ok := s.at(i)
	if !ok || c.ID == s.selected {
		return
	}
	// The row is highlighted once the file is open (selectID); until the user has dealt
	// with unsaved changes, the open client's row stays highlighted.
	s.selectID(s.selected)
	s.showClient(c.ID)
}

// selectID highlights the row of client id (0: none) now, if it is drawn, or when it is.
func (s *clientsScreen) selectID(id int64) {
	s.selected = id
	for row, rid := range s.ids {
		if rid == id && id != 0 {
			s.list.Select(row)
			return
		}
	}
	s.list.UnselectAll()
}

// keyedPages reads the pages of one listing by key: the first page at once, any other
// through the key of its first client. The keys of every page are read in one pass over
// the list's index (a few tens of milliseconds on 100,000 clients, off the UI thread)
// when the first page below the top is asked for; OFFSET would read every row above a
// page deep down the list, each time.
type keyedPages struct {
	ctx   context.Context
	store *data.DB
	f     data.ClientFilter
	once  sync.Once
	keys  []data.PageKey
	err   error
}

func newKeyedPages(ctx context.Context, store *data.DB, f data.ClientFilter) *keyedPages {
	return &keyedPages{ctx: ctx, store: store, f: f}
}

// load reads the page at offset; it runs off the UI thread, several at once.
func (k *keyedPages) load(offset, limit int) ([]data.Client, error) {
	if offset == 0 {
		return k.store.ListClients(k.ctx, k.f, 0, limit)
	}
	k.once.Do(func() { k.keys, k.err = k.store.ClientPageKeys(k.ctx, k.f, limit) })
	if k.err != nil {
		return nil, k.err
	}
	n := offset / limit
	if n >= len(k.keys) {
		return nil, nil // the list is shorter now than when it was counted
	}
	return k.store.ListClientsFrom(k.ctx, k.f, k.keys[n], limit)
}
