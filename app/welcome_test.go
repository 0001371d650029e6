package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

func newTestLauncher(t *testing.T) (*launcher, fyne.App) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	l := &launcher{app: a, places: PlacesIn(t.TempDir()), info: Info{Version: "test"}}
	t.Cleanup(l.release)
	return l, a
}

func sectionTitle(u *UI) string { return u.sections[u.current].title }

func TestWelcomeStartWithOwnClientsOpensLetterheadSettings(t *testing.T) {
	l, a := newTestLauncher(t)
	w := newWelcome(l)
	test.Tap(w.own)
	u := l.ui
	if u == nil {
		t.Fatal("no main window after choosing own clients")
	}
	if u.store.Path() != l.places.Own || !fileExists(l.places.Own) {
		t.Fatalf("opened %q, want the new own data file %q", u.store.Path(), l.places.Own)
	}
	if got := u.win.Title(); got != "Amends — "+l.places.Own {
		t.Fatalf("title %q", got)
	}
	if sectionTitle(u) != "Settings" || len(u.banner.Objects) != 1 {
		t.Fatalf("after the welcome: screen %q, banner %d; want Settings with the setup strip", sectionTitle(u), len(u.banner.Objects))
	}
	if got := a.Preferences().String(prefDataMode); got != modeOwn {
		t.Fatalf("data mode %q", got)
	}
	u.onSkipSetup()
	if sectionTitle(u) != "Clients" || len(u.banner.Objects) != 0 {
		t.Fatalf("after skip: screen %q, banner %d", sectionTitle(u), len(u.banner.Objects))
	}
	// The next start opens the same file without a welcome.
	if d := Decide(l.places, a.Preferences().String(prefDataMode), fileExists); d != (Decision{Path: l.places.Own}) {
		t.Fatalf("next start: %+v", d)
	}
}

// waitSample runs openSample and waits for it: it works in a goroutine and ends with fyne.Do.
func waitSample(t *testing.T, l *launcher, parent fyne.Window) {
	t.Helper()
	done := make(chan bool, 1)
	l.openSample(parent, func(ok bool) { done <- ok })
	select {
	case ok := <-done:
		if !ok {
			t.Fatal("making the sample data failed")
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("sample data not made within 2 minutes")
	}
}

func TestSampleDataIsMarkedAndLeftWithOneClick(t *testing.T) {
	l, a := newTestLauncher(t)
	w := newWelcome(l)
	waitSample(t, l, w.win)
	u := l.ui
	if u.store.Path() != l.places.Sample || fileExists(l.places.Own) {
		t.Fatalf("sample data opened from %q; own file made: %v", u.store.Path(), fileExists(l.places.Own))
	}
	if got := u.win.Title(); got != "Amends — SAMPLE DATA" {
		t.Fatalf("title %q", got)
	}
	n, err := u.store.CountClients(context.Background(), data.ClientFilter{})
	if err != nil || n != sampleClients {
		t.Fatalf("sample clients %d (%v), want %d", n, err, sampleClients)
	}
	if len(u.banner.Objects) != 1 {
		t.Fatal("no sample data strip")
	}
	if got := a.Preferences().String(prefDataMode); got != modeSample {
		t.Fatalf("data mode %q", got)
	}
	if d := Decide(l.places, modeSample, fileExists); !d.Sample {
		t.Fatalf("next start would not reopen the sample data: %+v", d)
	}
	leave := findButton(t, u.banner, "Leave sample data")
	if leave == nil {
		t.Fatal("no Leave sample data button")
	}
	test.Tap(leave)
	own := l.ui
	if own == u || own.store.Path() != l.places.Own || own.info.Sample {
		t.Fatalf("after leaving: %q sample=%v", own.store.Path(), own.info.Sample)
	}
	if _, err := u.store.Client(context.Background(), 1); err == nil {
		t.Fatal("the sample store is still open after leaving it")
	}
	if sectionTitle(own) != "Settings" || own.win.Title() == "Amends — SAMPLE DATA" {
		t.Fatalf("own data starts on %q titled %q", sectionTitle(own), own.win.Title())
	}
	if got := a.Preferences().String(prefDataMode); got != modeOwn {
		t.Fatalf("data mode %q after leaving", got)
	}
	// Exploring again reuses the sample file as it was.
	waitSample(t, l, own.win)
	if l.ui.store.Path() != l.places.Sample {
		t.Fatal("Explore sample data did not open the sample file")
	}
}

func TestThemeChoiceAppliesAndIsRemembered(t *testing.T) {
	u, _ := newTestUI(t)
	item := u.themeFormItem()
	radio := item.Widget.(*widget.RadioGroup)
	if radio.Selected != "System" {
		t.Fatalf("default theme %q", radio.Selected)
	}
	radio.SetSelected("Dark")
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	if got := u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); got != dark {
		t.Fatalf("background %v, want the dark one %v", got, dark)
	}
	if got := u.app.Preferences().String(prefTheme); got != "Dark" {
		t.Fatalf("theme preference %q", got)
	}
	radio.SetSelected("Light")
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	if got := u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != light {
		t.Fatalf("background %v, want the light one %v", got, light)
	}
	// A new window (next start) applies the choice itself.
	u.app.Settings().SetTheme(theme.DefaultTheme())
	u.applyTheme()
	if _, ok := u.app.Settings().Theme().(amendsTheme); !ok {
		t.Fatal("remembered theme not applied")
	}
}

func TestWindowSizeAndScreenRemembered(t *testing.T) {
	u, store := newTestUI(t)
	u.showSection(u.sectionIndex("Settings"))
	u.win.Resize(fyne.NewSize(1024, 700))
	u.saveWindowState()
	again := New(u.app, store, Info{Version: "test"})
	if sectionTitle(again) != "Settings" {
		t.Fatalf("reopened on %q", sectionTitle(again))
	}
	if got := again.win.Canvas().Size(); got != fyne.NewSize(1024, 700) {
		t.Fatalf("reopened at %v", got)
	}
}

func TestMenus(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	u := New(a, store, Info{Version: "9.9"})
	labels := func(m *fyne.Menu) (out []string) {
		for _, it := range m.Items {
			if !it.IsSeparator {
				out = append(out, it.Label)
			}
		}
		return out
	}
	menu := u.win.MainMenu()
	if menu == nil || len(menu.Items) != 2 {
		t.Fatalf("menu %+v", menu)
	}
	file := strings.Join(labels(menu.Items[0]), ",")
	if !strings.HasPrefix(file, "New client,Save client,Find client,") || !strings.HasSuffix(file, ",Export,Quit") ||
		!strings.Contains(file, ",Back up now,Restore from backup…,") {
		t.Fatalf("File menu %v", file)
	}
	// Features add their File items before the menu is built.
	u.fileMenuItems = append(u.fileMenuItems, fyne.NewMenuItem("Back up…", func() {}))
	u.buildMenu()
	if got := strings.Join(labels(u.win.MainMenu().Items[0]), ","); !strings.HasSuffix(got, ",Export,Back up…,Quit") {
		t.Fatalf("File menu with a feature's item %v", got)
	}
	if got := labels(u.win.MainMenu().Items[1]); len(got) != 1 || got[0] != "About Amends" {
		t.Fatalf("Help menu without a launcher %v", got)
	}
	u.win.MainMenu().Items[0].Items[0].Action()
	if !u.client.visible() {
		t.Fatal("File > New client did not open an empty client file")
	}
	test.Type(u.client.name, "Saved From The Menu")
	u.win.MainMenu().Items[0].Items[1].Action() // Save client, Ctrl+S
	if got, err := store.ListClients(context.Background(), data.ClientFilter{}, 0, 5); err != nil || len(got) != 1 || got[0].Name != "Saved From The Menu" {
		t.Fatalf("File > Save client saved %+v (%v)", got, err)
	}
	u.onAbout()
	if len(u.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("About shows no dialog")
	}
}
