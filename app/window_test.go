package app

import (
	"testing"

	"github.com/amends/amends/data"
)

// TestEveryScreenFits1024x700 keeps the smallest supported screen usable: no screen may
// need a wider or taller window, or Save and the tabs would end up off-screen.
func TestEveryScreenFits1024x700(t *testing.T) {
	u, store := newTestUI(t)
	c := mustCreate(t, store, data.Client{Name: "Agnieszka Kowalska", Status: data.StatusActive})
	u.clients.reload()
	u.client.open(c.ID)
	for i, s := range u.sections {
		u.showSection(i)
		if min := u.win.Content().MinSize(); min.Width > 1024-16 || min.Height > 700-40 {
			t.Errorf("%s needs %.0fx%.0f, more than a 1024x700 screen gives", s.title, min.Width, min.Height)
		}
	}
	for i, tab := range u.client.tabs.Items {
		u.showSection(u.sectionIndex("Clients"))
		u.client.tabs.SelectIndex(i)
		if min := u.win.Content().MinSize(); min.Width > 1024-16 {
			t.Errorf("client file tab %q needs %.0f pixels wide", tab.Text, min.Width)
		}
	}
}
