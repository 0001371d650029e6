package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// rect is a rectangle on the canvas.
type rect struct{ x0, y0, x1, y1 float32 }

func rectOf(pos fyne.Position, size fyne.Size) rect {
	return rect{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
}

func (r rect) intersect(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

func (r rect) empty() bool { return r.x1-r.x0 <= 0.5 || r.y1-r.y0 <= 0.5 }

// laidOut is a widget a person reads or uses, where it is drawn.
type laidOut struct {
	obj     fyne.CanvasObject
	at      rect // where it is, on the canvas
	visible rect // the part of it not clipped by a scroll or the window
	vscroll bool // inside a scroll that moves up and down: may be scrolled to
}

// leaf reports whether o is a widget the walk checks as a whole, rather than its parts.
func leaf(o fyne.CanvasObject) bool {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text != ""
	case *widget.Button, *widget.Select, *widget.SelectEntry, *widget.Check, *widget.RadioGroup,
		*widget.Hyperlink, *widget.Slider, *widget.ProgressBar, *widget.Entry, *chart,
		*dateEntry, *amountEntry, *numberEntry, *multiLineEntry, *fieldEntry, *fieldSelect, *tapLabel:
		return true
	}
	return false
}

// describe names a widget for a failure message.
func describe(o fyne.CanvasObject) string {
	text := ""
	switch v := o.(type) {
	case *widget.Label:
		text = v.Text
	case *widget.Button:
		text = v.Text
	case *widget.Check:
		text = v.Text
	case *widget.Select:
		text = v.Selected
	case *widget.Entry:
		text = v.PlaceHolder
	case *dateEntry:
		text = v.Text
	case *widget.Hyperlink:
		text = v.Text
	}
	if r := []rune(text); len(r) > 40 {
		text = string(r[:40]) + "…"
	}
	name := reflect.TypeOf(o).String()
	if text != "" {
		return fmt.Sprintf("%s %q", name, text)
	}
	return name
}

// layOut lists the leaf widgets under root, drawn at origin, with the part of each that
// the window and the scrolls around it leave in view.
func layOut(t *testing.T, root fyne.CanvasObject, origin fyne.Position, clip rect) []laidOut {
	return layOutPicked(root, origin, clip, leaf)
}

// layOutPicked lists the objects under root that pick chooses, as layOut does.
func layOutPicked(root fyne.CanvasObject, origin fyne.Position, clip rect, pick func(fyne.CanvasObject) bool) []laidOut {
	var out []laidOut
	var walk func(o fyne.CanvasObject, pos fyne.Position, clip rect, vscroll bool)
	walk = func(o fyne.CanvasObject, pos fyne.Position, clip rect, vscroll bool) {
		if o == nil || !o.Visible() {
			return
		}
		at := rectOf(pos, o.Size())
		if pick(o) {
			out = append(out, laidOut{obj: o, at: at, visible: at.intersect(clip), vscroll: vscroll})
			return
		}
		var kids []fyne.CanvasObject
		switch v := o.(type) {
		case *container.Scroll:
			clip = clip.intersect(at)
			vscroll = vscroll || v.Direction != container.ScrollHorizontalOnly && v.Direction != container.ScrollNone
			kids = []fyne.CanvasObject{v.Content}
		case *fyne.Container:
			kids = v.Objects
			if fmt.Sprintf("%T", v.Layout) == "*dialog.dialogLayout" && len(kids) == 5 {
				// Fyne never sizes a dialog's title label (it is drawn all the same).
				kids = kids[:4]
			}
		case *container.AppTabs:
			for _, o := range test.WidgetRenderer(v).Objects() {
				kids = append(kids, o)
			}
		case fyne.Widget:
			kids = test.WidgetRenderer(v).Objects()
		}
		for _, k := range kids {
			walk(k, pos.Add(k.Position()), clip, vscroll)
		}
	}
	walk(root, origin, clip, false)
	return out
}

// layoutProblems lists what is wrong with the widgets of root (the window's content or
// a dialog over it) in a window of size win: a widget outside the window, one not in
// view in a part that does not scroll to it, one squeezed below its minimum size, one
// lying over another.
func layoutProblems(t *testing.T, root fyne.CanvasObject, origin fyne.Position, win fyne.Size) []string {
	var probs []string
	window := rectOf(fyne.Position{}, win)
	objs := layOut(t, root, origin, window)
	for _, o := range objs {
		name := describe(o.obj)
		switch {
		case o.at.x0 < window.x0-0.5 || o.at.x1 > window.x1+0.5 || !o.vscroll && (o.at.y0 < window.y0-0.5 || o.at.y1 > window.y1+0.5):
			probs = append(probs, fmt.Sprintf("%s lies outside the window, at %.0f,%.0f–%.0f,%.0f", name, o.at.x0, o.at.y0, o.at.x1, o.at.y1))
		case o.visible.x1-o.visible.x0 < o.at.x1-o.at.x0-0.5:
			probs = append(probs, fmt.Sprintf("%s is cut at the side: %.0f of its %.0f pixels are in view", name,
				max(0, o.visible.x1-o.visible.x0), o.at.x1-o.at.x0))
		case !o.vscroll && o.visible.y1-o.visible.y0 < o.at.y1-o.at.y0-0.5:
			probs = append(probs, fmt.Sprintf("%s is cut: %.0f of its %.0f pixels high are in view", name,
				max(0, o.visible.y1-o.visible.y0), o.at.y1-o.at.y0))
		}
		min, size := o.obj.MinSize(), o.obj.Size()
		if size.Width < min.Width-1 || size.Height < min.Height-1 {
			probs = append(probs, fmt.Sprintf("%s is squeezed to %.0fx%.0f, it needs %.0fx%.0f", name, size.Width, size.Height, min.Width, min.Height))
		}
	}
	// Two widgets in view over each other: one hides the other.
	for i, a := range objs {
		if a.visible.empty() {
			continue
		}
		for _, b := range objs[i+1:] {
			if b.visible.empty() {
				continue
			}
			if in := a.visible.intersect(b.visible); in.x1-in.x0 > 2 && in.y1-in.y0 > 2 {
				probs = append(probs, fmt.Sprintf("%s lies over %s", describe(a.obj), describe(b.obj)))
			}
		}
	}
	return probs
}

// relayout lays out root again from the top, as the window does before each frame when
// something's minimum size changed (the test driver does not): a label given a longer
// text gets the room it needs.
func relayout(root fyne.CanvasObject) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *fyne.Container:
			if v.Layout != nil {
				v.Layout.Layout(v.Objects, v.Size())
			}
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(v)
			r.Layout(v.Size())
			for _, k := range r.Objects() {
				walk(k)
			}
		}
	}
	for i := 0; i < 3; i++ {
		walk(root)
	}
}

// checkWindow checks the main window shown now: the content below, or the dialog on top.
func checkWindow(t *testing.T, u *UI, where string) {
	t.Helper()
	checkCanvas(t, u.win, where)
}

// checkCanvas checks what win shows now: its content, or the dialog on top.
func checkCanvas(t *testing.T, win fyne.Window, where string) {
	t.Helper()
	c := win.Canvas()
	size := c.Size()
	if min := win.Content().MinSize(); min.Width > size.Width+0.5 || min.Height > size.Height+0.5 {
		t.Errorf("%s: the window needs %.0fx%.0f, more than its %.0fx%.0f", where, min.Width, min.Height, size.Width, size.Height)
	}
	root, origin := win.Content(), win.Content().Position()
	if top := c.Overlays().Top(); top != nil {
		root, origin = top, top.Position()
	}
	relayout(win.Content())
	relayout(root)
	probs := layoutProblems(t, root, origin, size)
	sort.Strings(probs)
	for i, p := range probs {
		if i > 0 && p == probs[i-1] {
			continue
		}
		t.Errorf("%s: %s", where, p)
	}
}

// newThemedUI is newTestUI in the theme chosen (Light or Dark), as the app starts with it.
func newThemedUI(t *testing.T, choice string, fill func(*data.DB)) (*UI, *data.DB) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefTheme, choice)
	store, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if fill != nil {
		fill(store)
	}
	u := New(a, store, Info{Version: "test", temp: newTempFiles(filepath.Join(t.TempDir(), "cache"))})
	u.win.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(u.run.stop) // before the store closes: no timer of this test outlives it
	return u, store
}

// TestEveryScreenFits1024x700 walks every screen, every tab of a client file, and every
// dialog their buttons and the menu open, at 1024x700 in the light and the dark theme:
// nothing may lie outside the window or under another widget, be squeezed or cut.
func TestEveryScreenFits1024x700(t *testing.T) {
	if testing.Short() {
		t.Skip("opens every screen and dialog twice: not with -short")
	}
	for _, choice := range []string{"Light", "Dark"} {
		t.Run(choice, func(t *testing.T) {
			u, _ := newThemedUI(t, choice, func(s *data.DB) { fillDemo(t, s, 60) })
			u.win.Resize(fyne.NewSize(1024, 700))
			n := walkEverything(t, u, func(where string) { checkWindow(t, u, where) })
			n += walkLetterEditors(t, u, 1024, 700, func(e *letterEditor, win fyne.Window, where string) {
				if size := win.Canvas().Size(); size.Width > 1024 || size.Height > 700-titleBar {
					t.Errorf("%s: the window is %.0fx%.0f, larger than the 1024x700 screen leaves it", where, size.Width, size.Height)
				}
				checkCanvas(t, win, where)
				if e != nil { // the editor itself: every field and Print in view without scrolling
					inView(t, win, where, e.subject, e.body, e.closing, e.signer, e.checkPane, e.savePDF, e.open, e.email, e.printBtn)
				}
			})
			t.Logf("%d screens and dialogs looked at", n)
			if n < 60 {
				t.Errorf("only %d screens and dialogs looked at", n)
			}
		})
	}
}

// busiestClient is the client with the most feedback, alerts, follow-ups and letters.
func busiestClient(t *testing.T, store *data.DB) int64 {
	t.Helper()
	var id int64
	err := store.SQL().QueryRow(`SELECT c.id FROM clients c WHERE c.archived = 0 ORDER BY
		(SELECT count(*) FROM feedback f WHERE f.client_id = c.id) > 0 DESC,
		(SELECT count(*) FROM alerts a WHERE a.client_id = c.id) > 0 DESC,
		(SELECT count(*) FROM followups f WHERE f.client_id = c.id) > 0 DESC,
		(SELECT count(*) FROM letters l WHERE l.client_id = c.id) DESC LIMIT 1`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// walkEverything shows every screen and tab, and opens every dialog their buttons and
// the menu open, calling look for each; it says how many it looked at.
func walkEverything(t *testing.T, u *UI, look func(where string)) int {
	*u.print = printer{lookPath: func(string) (string, error) { return "", errors.New("no lp in tests") },
		command: func(string, ...string) ([]byte, error) { return nil, errors.New("no lp in tests") }}
	looked := 0
	seen := map[string]bool{}
	visit := func(where string, show func()) {
		closeOverlays(u)
		show()
		look(where)
		looked++
		for _, b := range buttonsIn(t, u.win.Content()) {
			name := where + " → " + b.Text
			if b.Text == "" || seen[name] {
				continue // icon-only buttons repeat in every row: "Open client"
			}
			seen[name] = true
			closeOverlays(u)
			u.client.discard()
			show() // as it was: the button before may have moved on
			if !b.Visible() || b.Disabled() {
				continue
			}
			test.Tap(b)
			if j := u.running(); j != nil {
				<-j.done
			}
			if u.win.Canvas().Overlays().Top() != nil {
				look(name)
				looked++
			}
		}
		closeOverlays(u)
		u.client.discard()
	}
	for i, s := range u.sections {
		visit(s.title, func() {
			u.showSection(i)
			switch s.title {
			case sectionInterviews:
				if u.interviews.wizardShown() {
					u.interviews.showList()
				}
			case "Lost clients":
				if len(u.lost.rows) > 0 {
					u.lost.list.Select(0) // the buttons about one lost client
				}
			}
		})
	}
	// A client with something in every tab: alerts, follow-ups, feedback, letters.
	clients := u.sectionIndex("Clients")
	id := busiestClient(t, u.store)
	for i, tab := range u.client.tabs.Items {
		visit("client file, "+tab.Text, func() {
			u.showSection(clients)
			if !u.client.visible() || u.client.current.ID != id {
				u.client.open(id)
			}
			u.client.tabs.SelectIndex(i)
			if p, ok := u.client.parts[max(0, i-2)].(*feedbackPart); ok && i >= 2 && len(p.items) > 0 {
				p.list.Select(0)
			}
		})
	}
	visit("a new client", func() { u.onNewClient() })
	items := menuActions(u)
	for _, it := range items {
		closeOverlays(u)
		it.Action()
		if j := u.running(); j != nil {
			<-j.done
		}
		if u.win.Canvas().Overlays().Top() != nil {
			look("menu " + strings.TrimSuffix(it.Label, "…"))
			looked++
		}
	}
	closeOverlays(u)
	return looked
}

// TestInterviewFitsTheWindow opens every step of an interview at 1024x700: no step may
// make the window wider or taller than the screen, or put anything outside it or cut.
func TestInterviewFitsTheWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("opens every step of an interview: not with -short")
	}
	u, _ := newThemedUI(t, "Light", func(s *data.DB) { fillDemo(t, s, 40) })
	u.win.Resize(fyne.NewSize(1024, 700))
	u.showSection(u.sectionIndex(sectionInterviews))
	if len(u.interviews.complaints) == 0 {
		t.Fatal("no interview in the sample data")
	}
	u.showInterview(u.interviews.complaints[0].ID)
	closeOverlays(u)
	for st := range data.InterviewSteps() {
		u.interviews.wizard.goTo(data.Step(st))
		where := "interview, " + stepLabel(data.Step(st))
		size := u.win.Canvas().Size()
		if min := u.win.Content().MinSize(); min.Width > size.Width+0.5 || min.Height > size.Height+0.5 {
			t.Errorf("%s: the window needs %.0fx%.0f, more than its %.0fx%.0f", where, min.Width, min.Height, size.Width, size.Height)
		}
		relayout(u.win.Content())
		for _, p := range layoutProblems(t, u.win.Content(), fyne.Position{}, size) {
			t.Errorf("%s: %s", where, p)
		}
	}
}

// inView fails for each of objs that is not wholly in view in win, scrolled as it is.
func inView(t *testing.T, win fyne.Window, where string, objs ...fyne.CanvasObject) {
	t.Helper()
	wanted := func(o fyne.CanvasObject) bool {
		for _, w := range objs {
			if o == w {
				return true
			}
		}
		return false
	}
	all := layOutPicked(win.Content(), win.Content().Position(), rectOf(fyne.Position{}, win.Canvas().Size()), wanted)
	for _, want := range objs {
		found := false
		for _, o := range all {
			if o.obj != want {
				continue
			}
			found = true
			if o.visible != o.at || o.at.empty() && want.MinSize().Height > 0 {
				t.Errorf("%s: %s is not wholly in view without scrolling: at %.0f,%.0f–%.0f,%.0f, in view %.0f,%.0f–%.0f,%.0f",
					where, describe(want), o.at.x0, o.at.y0, o.at.x1, o.at.y1, o.visible.x0, o.visible.y0, o.visible.x1, o.visible.y1)
			}
		}
		if !found {
			t.Errorf("%s: %s is not shown", where, describe(want))
		}
	}
}

// walkLetterEditors opens the letter editor, a window of its own, for each kind of
// letter on a screen w x h pixels, and each dialog its buttons open, calling look for
// each; it says how many it looked at. The editor is sized to the screen, as the app
// sizes it to the one it opens on.
func walkLetterEditors(t *testing.T, u *UI, w, h int, look func(e *letterEditor, win fyne.Window, where string)) int {
	t.Helper()
	*u.print = printer{lookPath: func(string) (string, error) { return "", errors.New("no lp in tests") },
		command: func(string, ...string) ([]byte, error) { return nil, errors.New("no lp in tests") }}
	defer func(s func() []screenArea) { u.screens = s }(u.screens)
	u.screens = func() []screenArea { return []screenArea{{w: w, h: h, scale: 1}} }
	ks, err := u.store.ListComplaints(u.ctx, data.ComplaintFilter{}, 1)
	if err != nil || len(ks) == 0 {
		t.Fatalf("no complaint in the sample data: %v", err)
	}
	looked := 0
	for _, k := range letters.Kinds() {
		open := func() *letterEditor {
			e := openEditor(u, k, ks[0].ClientID, ks[0].ID)
			if e == nil {
				t.Fatalf("the %s letter editor did not open", k.Label())
			}
			return e
		}
		e := open()
		where := "letter editor, " + k.Label()
		look(e, e.win, where)
		looked++
		var names []string
		for _, b := range buttonsIn(t, e.win.Content()) {
			names = append(names, b.Text)
		}
		e.win.Close()
		for _, name := range names {
			e := open()
			for _, b := range buttonsIn(t, e.win.Content()) {
				if b.Text != name || !b.Visible() || b.Disabled() {
					continue
				}
				test.Tap(b)
				if j := u.running(); j != nil {
					<-j.done
				}
				if e.win.Canvas().Overlays().Top() != nil {
					look(nil, e.win, where+" → "+name)
					looked++
				}
				break
			}
			e.win.Close()
		}
	}
	return looked
}
