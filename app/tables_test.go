package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// Every tab of a client file is a button in view, the same eight for every client, the
// open one filled, and the tabs that hold things say how many.
func TestClientFileTabs(t *testing.T) {
	u, store := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	ctx := context.Background()
	busy := mustCreate(t, store, data.Client{Name: "Bartholomew Featherstonehaugh-Worthington", Company: "Featherstonehaugh & Partners"})
	if _, err := store.LogAlert(ctx, data.Alert{ClientID: busy.ID, Kind: data.AlertComplaint, Received: store.Now(),
		Severity: data.SeveritySerious, Note: "late"}, data.AlertOptions{}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 12; i++ {
		if _, err := store.AddEntry(ctx, data.Entry{ClientID: busy.ID, Kind: data.KindNote, At: store.Now(), Summary: "note"}); err != nil {
			t.Fatal(err)
		}
	}
	quiet := mustCreate(t, store, data.Client{Name: "Al"})

	var sets []string
	for _, c := range []data.Client{busy, quiet} {
		u.showClient(c.ID)
		tabs := u.client.tabs
		var titles []string
		for i, b := range tabs.buttons {
			titles = append(titles, tabs.Items[i].Text)
			if !b.Visible() {
				t.Errorf("%s: the %q tab is hidden", c.Name, b.Text)
			}
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
			if pos.X < 0 || pos.X+b.Size().Width > 1024 || pos.Y < 0 || pos.Y+b.Size().Height > 700 {
				t.Errorf("%s: the %q tab is out of the window, at %v", c.Name, b.Text, pos)
			}
		}
		sets = append(sets, strings.Join(titles, ", "))
		for i := range tabs.Items {
			test.Tap(tabs.buttons[i])
			for j, b := range tabs.buttons {
				if filled := b.Importance == widget.HighImportance; filled != (j == i) {
					t.Errorf("%s: with tab %d open, tab %q filled: %v", c.Name, i, b.Text, filled)
				}
			}
			if tabs.Selected() != tabs.Items[i] {
				t.Errorf("%s: tapping %q shows %q", c.Name, tabs.buttons[i].Text, tabs.Selected().Text)
			}
		}
	}
	if len(tabs0(sets)) != 1 || strings.Count(sets[0], ",") != 7 {
		t.Errorf("the tabs differ from client to client: %q", sets)
	}
	u.showClient(busy.ID)
	if got := u.client.tabs.label(1); got != "Timeline (13)" { // twelve notes and the alert
		t.Errorf("timeline tab %q", got)
	}
	if got := u.client.tabs.label(2); got != "Alerts (1)" {
		t.Errorf("alerts tab %q", got)
	}
	u.showClient(quiet.ID)
	if got := u.client.tabs.label(2); got != "Alerts" {
		t.Errorf("the quiet client's alerts tab %q", got)
	}
}

// tabs0 is the distinct strings of ss.
func tabs0(ss []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// The Lost clients columns sort, each way, and a click selects the whole row, which stays
// selected on the same client when the order changes.
func TestLostClientsSortAndSelectRows(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		income int64
		on     data.Date
	}{{"Chloé Martin", 900000, data.NewDate(2025, 3, 1)}, {"anna Berg", 2500000, data.NewDate(2026, 6, 1)}, {"Bea Ruiz", 100000, data.NewDate(2024, 1, 9)}} {
		cl := mustCreate(t, store, data.Client{Name: c.name, YearlyIncome: c.income, Since: data.NewDate(2020, 1, 1)})
		if _, err := store.MarkLost(ctx, data.Loss{ClientID: cl.ID, LostOn: c.on, ReasonID: 1, IncomeLost: c.income}); err != nil {
			t.Fatal(err)
		}
	}
	u.showSection(u.sectionIndex("Lost clients"))
	s := u.lost
	names := func() string {
		var n []string
		for _, r := range s.rows {
			n = append(n, r.Client.Name)
		}
		return strings.Join(n, ", ")
	}
	if got := names(); got != "anna Berg, Chloé Martin, Bea Ruiz" {
		t.Fatalf("at first, most recently lost first: %s", got)
	}
	if !strings.Contains(s.headers[2].Text, "▼") {
		t.Errorf("the Lost on header does not say it sorts: %q", s.headers[2].Text)
	}
	test.Tap(s.headers[0])
	if got := names(); got != "anna Berg, Bea Ruiz, Chloé Martin" {
		t.Errorf("by client: %s", got)
	}
	test.Tap(s.headers[0])
	if got := names(); got != "Chloé Martin, Bea Ruiz, anna Berg" {
		t.Errorf("by client, the other way: %s", got)
	}
	test.Tap(s.headers[4])
	if got := names(); got != "Bea Ruiz, Chloé Martin, anna Berg" {
		t.Errorf("by income lost: %s", got)
	}
	// A click on a row selects the row: the client it shows.
	s.list.Select(2)
	if c, ok := s.current(); !ok || c.Client.Name != "anna Berg" || !s.wonBack.Visible() || s.wonBack.Disabled() {
		t.Fatalf("selected %+v", c.Client)
	}
	test.Tap(s.headers[1]) // by reason: all the same, so the order stays
	test.Tap(s.headers[0])
	if c, ok := s.current(); !ok || c.Client.Name != "anna Berg" || s.selected != 0 {
		t.Errorf("after sorting the selection is on %q (row %d)", c.Client.Name, s.selected)
	}
}

// A chart's category names are never cut: each is drawn whole, on more lines if need be.
func TestChartLabelsAreWhole(t *testing.T) {
	test.NewTempApp(t)
	labels := []string{"Misunderstood requirements", "communication", "Staff or subcontractor", "Billing or invoicing", "x"}
	ch := newChart(hbarChart, labels, chartSeries{name: "Complaints", values: []float64{7, 5, 3, 2, 1}})
	w := test.NewWindow(ch)
	defer w.Close()
	for _, width := range []float32{220, 320, 600} {
		w.Resize(fyne.NewSize(width, 400))
		ch.Resize(fyne.NewSize(width, ch.MinSize().Height))
		var texts []string
		for _, o := range test.WidgetRenderer(ch).Objects() {
			if t, ok := o.(*canvas.Text); ok {
				texts = append(texts, t.Text)
			}
		}
		all := strings.Join(texts, " ")
		for _, l := range labels {
			for _, word := range strings.Fields(l) {
				if !strings.Contains(all, word) {
					t.Errorf("at %.0f pixels %q is not drawn whole: %q", width, l, texts)
				}
			}
		}
		if strings.Contains(all, "…") {
			t.Errorf("at %.0f pixels a label is shortened: %q", width, texts)
		}
	}
	// The bars of a chart by year keep every year they label whole too.
	bars := newChart(barChart, []string{"2022", "2023", "2024", "2025", "2026 (to date)"}, chartSeries{name: "New", values: []float64{1, 2, 3, 4, 5}})
	bars.Resize(fyne.NewSize(260, 220))
	for _, o := range test.WidgetRenderer(bars).Objects() {
		if t2, ok := o.(*canvas.Text); ok && strings.Contains(t2.Text, "…") {
			t.Errorf("a year's label is cut: %q", t2.Text)
		}
	}
}
