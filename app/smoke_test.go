package app

import (
	"errors"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// TestEveryButtonCanBeTapped taps every enabled button on every screen and every tab
// of a client file, on sample data, closing whatever it opens: none may crash. (A file
// dialog sized before it was shown crashed two export buttons once.)
func TestEveryButtonCanBeTapped(t *testing.T) {
	if testing.Short() {
		t.Skip("taps every button: not with -short")
	}
	u, store := newTestUI(t)
	fillDemo(t, store, 40)
	*u.print = printer{lookPath: func(string) (string, error) { return "", errors.New("no lp in tests") },
		command: func(string, ...string) ([]byte, error) { return nil, errors.New("no lp in tests") }}
	tapped := 0
	visit := func(where string, show func()) {
		show()
		for _, b := range buttonsIn(t, u.win.Content()) {
			if !b.Visible() || b.Disabled() {
				continue
			}
			text := b.Text
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: tapping %q crashed: %v", where, text, r)
					}
				}()
				show() // the screen as it was: an earlier tap may have moved on
				test.Tap(b)
				if j := u.running(); j != nil {
					<-j.done
				}
			}()
			tapped++
			closeOverlays(u)
			u.client.discard()
		}
	}
	for i, s := range u.sections {
		visit(s.title, func() { closeOverlays(u); u.showSection(i) })
	}
	clients := u.sectionIndex("Clients")
	u.showSection(clients)
	u.clients.list.Select(3)
	for i, tab := range u.client.tabs.Items {
		visit("client file, "+tab.Text, func() {
			closeOverlays(u)
			u.showSection(clients)
			u.client.tabs.SelectIndex(i)
		})
	}
	// Every step of an interview, for complaints in each state the sample data has.
	u.showSection(u.sectionIndex(sectionInterviews))
	u.interviews.filter.SetSelected(allInterviews)
	for n, k := range u.interviews.complaints {
		if n >= 2 {
			break
		}
		for st := range data.InterviewSteps() {
			visit(fmt.Sprintf("interview %d, step %d", k.ID, st), func() {
				closeOverlays(u)
				u.showInterview(k.ID)
				u.interviews.wizard.goTo(data.Step(st))
			})
		}
	}
	// Every menu item but Quit.
	items := menuActions(u)
	for _, it := range items {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("menu item %q crashed: %v", it.Label, r)
				}
			}()
			closeOverlays(u)
			u.client.discard()
			it.Action()
			if j := u.running(); j != nil {
				<-j.done
			}
		}()
		tapped++
	}
	closeOverlays(u)
	if tapped < 40 {
		t.Errorf("only %d buttons tapped: the walk misses screens", tapped)
	}
	t.Logf("%d buttons tapped", tapped)
}

func closeOverlays(u *UI) {
	for o := u.win.Canvas().Overlays().Top(); o != nil; o = u.win.Canvas().Overlays().Top() {
		u.win.Canvas().Overlays().Remove(o)
	}
}

// buttonsIn lists the buttons in o's tree as shown, in tab contents only the selected one.
func buttonsIn(t *testing.T, o fyne.CanvasObject) []*widget.Button {
	var bs []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Button:
			bs = append(bs, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.AppTabs:
			if v.Selected() != nil {
				walk(v.Selected().Content)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return bs
}

// menuActions are the window's menu items that do something, but Quit, submenus opened.
func menuActions(u *UI) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	var collect func(m *fyne.Menu)
	collect = func(m *fyne.Menu) {
		for _, it := range m.Items {
			if it.ChildMenu != nil {
				collect(it.ChildMenu)
			} else if it.Action != nil && !it.IsQuit && !it.IsSeparator {
				items = append(items, it)
			}
		}
	}
	for _, m := range u.win.MainMenu().Items {
		collect(m)
	}
	return items
}
