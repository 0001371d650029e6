package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// newTestUI builds the main window on a fresh store with the headless test driver.
func newTestUI(t *testing.T) (*UI, *data.DB) {
	return newTestUIWith(t, Info{Version: "test"}, nil)
}

// newTestUIWith builds the window with info on a new store that fill (if set) fills first.
func newTestUIWith(t *testing.T, info Info, fill func(*data.DB)) (*UI, *data.DB) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if fill != nil {
		fill(store)
	}
	if info.temp == nil {
		info.temp = newTempFiles(filepath.Join(t.TempDir(), "cache"))
	}
	u := New(a, store, info)
	u.win.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(u.run.stop) // before the store closes: no timer of this test outlives it
	return u, store
}

func mustCreate(t *testing.T, s *data.DB, c data.Client) data.Client {
	t.Helper()
	c, err := s.CreateClient(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// shortcut sends Ctrl/Cmd+key to the window as a user would press it.
// shortcut presses Ctrl/Cmd+key as the real app receives it: through the menu item that
// carries the shortcut (a focused text field would swallow a canvas shortcut).
func shortcut(t *testing.T, u *UI, key fyne.KeyName) {
	t.Helper()
	pressMenuShortcut(t, u, &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

// pressMenuShortcut runs the menu item that carries sc, as GLFW does for a key press.
func pressMenuShortcut(t *testing.T, u *UI, sc fyne.Shortcut) {
	t.Helper()
	want := sc.ShortcutName()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == want {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item has the shortcut %s", want)
}

func TestCreateClientByTyping(t *testing.T) {
	u, store := newTestUI(t)
	shortcut(t, u, fyne.KeyN)
	if !u.client.visible() || u.client.heading.Text != "New client" {
		t.Fatalf("Ctrl+N did not open a new client file (heading %q)", u.client.heading.Text)
	}
	c := u.client
	test.Type(c.name, "Zoë Ørsted")
	test.Type(c.company, "Ørsted Design ApS")
	test.Type(c.email, "zoe@orsted.dk")
	test.Type(c.phone, "+45 33 12 34 56")
	test.Type(c.city, "København")
	test.Type(c.income, "12,500.50")
	c.status.SetSelected(data.StatusAtRisk.Label())
	if c.save.Disabled() {
		t.Fatal("Save disabled for a valid client")
	}
	test.Tap(c.save)

	got, err := store.ListClients(context.Background(), data.ClientFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d clients saved, want 1", len(got))
	}
	g := got[0]
	if g.Name != "Zoë Ørsted" || g.Email != "zoe@orsted.dk" || g.YearlyIncome != 1250050 || g.Status != data.StatusAtRisk || g.Address.City != "København" {
		t.Fatalf("saved %+v", g)
	}
	if c.heading.Text != "Zoë Ørsted" || c.dirty() {
		t.Fatalf("after save: heading %q dirty %v", c.heading.Text, c.dirty())
	}
	if u.clients.total != 1 {
		t.Fatalf("list shows %d clients", u.clients.total)
	}
	// Ctrl+S saves an edit.
	test.Type(c.notes, "prefers calls")
	shortcut(t, u, fyne.KeyS)
	if g, _ := store.Client(context.Background(), g.ID); g.Notes != "prefers calls" {
		t.Fatalf("Ctrl+S did not save: notes %q", g.Notes)
	}
}

func TestEmptyNameBlocksSave(t *testing.T) {
	u, store := newTestUI(t)
	u.onNewClient()
	c := u.client
	test.Type(c.company, "Nameless Ltd")
	if !c.save.Disabled() {
		t.Fatal("Save enabled without a name")
	}
	if c.name.Validate() == nil {
		t.Fatal("name field shows no error")
	}
	if c.onSave() {
		t.Fatal("onSave succeeded without a name")
	}
	if n, _ := store.CountClients(context.Background(), data.ClientFilter{}); n != 0 {
		t.Fatalf("%d clients saved", n)
	}
	if c.company.Text != "Nameless Ltd" {
		t.Fatal("typed text lost")
	}
	// A bad email is refused too, with the reason next to the field.
	test.Type(c.name, "Ann")
	test.Type(c.email, "ann@")
	if !c.save.Disabled() || c.email.Validate() == nil {
		t.Fatal("bad email accepted")
	}
}

func TestSearchNarrowsList(t *testing.T) {
	u, store := newTestUI(t)
	for _, n := range []string{"Jörg Müller", "Anna Schmidt", "Дмитрий Иванов", "Jorge Núñez"} {
		mustCreate(t, store, data.Client{Name: n})
	}
	u.clients.reload()
	if u.clients.total != 4 {
		t.Fatalf("list shows %d, want 4", u.clients.total)
	}
	test.Type(u.clients.search, "jor")
	if u.clients.total != 2 {
		t.Fatalf("'jor' shows %d, want 2", u.clients.total)
	}
	test.Type(u.clients.search, "g m")
	if u.clients.total != 1 {
		t.Fatalf("'jorg m' shows %d, want 1", u.clients.total)
	}
	if c, _ := u.clients.at(0); c.Name != "Jörg Müller" {
		t.Fatalf("first row %q", c.Name)
	}
	u.clients.search.SetText("дми")
	if u.clients.total != 1 {
		t.Fatalf("Cyrillic prefix shows %d", u.clients.total)
	}
	u.clients.search.SetText("")
	u.clients.status.SetSelected(data.StatusLost.Label())
	if u.clients.total != 0 {
		t.Fatalf("lost filter shows %d", u.clients.total)
	}
}

func TestUnsavedChangesAskBeforeLeaving(t *testing.T) {
	u, store := newTestUI(t)
	a := mustCreate(t, store, data.Client{Name: "Alpha"})
	b := mustCreate(t, store, data.Client{Name: "Bravo"})
	u.clients.reload()
	u.client.open(a.ID)
	test.Type(u.client.notes, "unsaved words")
	u.showClient(b.ID)
	if u.client.current.ID != a.ID {
		t.Fatal("switched client without asking")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no unsaved-changes dialog")
	}
	// "Keep editing" leaves everything as typed.
	tapButton(t, top, "Keep editing")
	if u.client.notes.Text != "unsaved words" || u.client.current.ID != a.ID {
		t.Fatal("typed text lost after Keep editing")
	}
	u.showClient(b.ID)
	tapButton(t, u.win.Canvas().Overlays().Top(), "Save")
	if got, _ := store.Client(context.Background(), a.ID); got.Notes != "unsaved words" {
		t.Fatalf("Save in the dialog did not save: %q", got.Notes)
	}
	if u.client.current.ID != b.ID {
		t.Fatal("did not go on to the next client after saving")
	}
}

func TestFailedSaveKeepsTyping(t *testing.T) {
	u, store := newTestUI(t)
	u.onNewClient()
	test.Type(u.client.name, "Chen Wei")
	test.Type(u.client.notes, "long notes typed before the disk failed")
	store.Close() // every write now fails
	if u.client.onSave() {
		t.Fatal("save reported success on a closed store")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no error dialog")
	}
	if u.client.name.Text != "Chen Wei" || u.client.notes.Text != "long notes typed before the disk failed" {
		t.Fatal("typed text lost")
	}
}

func TestTimelineAddEntry(t *testing.T) {
	u, store := newTestUI(t)
	c := mustCreate(t, store, data.Client{Name: "Łukasz Nowak"})
	u.clients.reload()
	u.client.open(c.ID)
	f := newEntryForm(store.Now())
	f.kind.SetSelected(data.KindMeeting.Label())
	test.Type(f.summary, "Review of the delayed report")
	e, err := f.entry(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddEntry(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if items := u.client.timeline.items; len(items) != 1 || items[0].Entry.Kind != data.KindMeeting {
		t.Fatalf("timeline %+v", items)
	}
	f2 := newEntryForm(store.Now())
	if _, err := f2.entry(c.ID); err == nil {
		t.Fatal("entry without summary accepted")
	}
}

// tapButton taps the button labelled text somewhere inside o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	if b := findButton(t, o, text); b != nil {
		test.Tap(b)
		return
	}
	t.Fatalf("no button %q", text)
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(t, c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		r := test.TempWidgetRenderer(t, v)
		for _, c := range r.Objects() {
			if b := findButton(t, c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestSettingsCurrency(t *testing.T) {
	u, store := newTestUI(t)
	u.onNewClient() // the client form is built, naming EUR; the change must reach it
	u.client.discard()
	u.showSection(u.sectionIndex("Settings"))
	s := u.settings
	s.currency.SetText("eur0")
	if s.currency.Validate() == nil {
		t.Fatal("bad currency accepted")
	}
	s.currency.SetText("GBP")
	s.onSave()
	if got, _ := store.Setting(context.Background(), data.SettingCurrency, ""); got != "GBP" {
		t.Fatalf("currency %q", got)
	}
	u.showSection(u.sectionIndex("Clients")) // the client form learns of it when shown again
	if h := u.client.form.Items[10].HintText; h != "What they pay you a year, in GBP" {
		t.Fatalf("client form hint %q", h)
	}
}

func TestSettingsRootCauses(t *testing.T) {
	u, store := newTestUI(t)
	u.showSection(u.sectionIndex("Settings"))
	s := u.settings
	if !strings.HasPrefix(s.causes.Text, data.DefaultRootCauses()[0]+"\n") {
		t.Fatalf("shown %q, want the default categories", s.causes.Text)
	}
	s.causes.SetText("   ")
	if s.causes.Validate() == nil {
		t.Fatal("an empty list is accepted")
	}
	s.causes.SetText("Billing or invoicing\n\nbilling or invoicing\nScope creep ")
	s.onSave()
	got, err := store.RootCauses(context.Background())
	if err != nil || strings.Join(got, "|") != "Billing or invoicing|Scope creep" {
		t.Fatalf("stored %q %v", got, err)
	}
	if s.causes.Text != "Billing or invoicing\nScope creep" || s.status.Text != "Saved." {
		t.Fatalf("shown %q, status %q", s.causes.Text, s.status.Text)
	}
}

// partOf is the tab of the client file of type T.
func partOf[T clientPart](t *testing.T, u *UI) T {
	t.Helper()
	for _, p := range u.client.parts {
		if v, ok := p.(T); ok {
			return v
		}
	}
	var zero T
	t.Fatalf("the client file has no %T tab", zero)
	return zero
}
