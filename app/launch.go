package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

// sampleClients is how many clients the sample data has: enough to try search,
// filters and reports, small enough to be made in a few seconds.
const sampleClients = 300

// launcher runs Amends on its default data files (no --db): it shows the welcome on
// first run and switches the main window between the user's own data and sample data.
type launcher struct {
	app    fyne.App
	places Places
	info   Info
	ui     *UI // the main window now shown; nil before the welcome is answered
}

// Launch starts Amends on its default data files and returns the exit code once the
// user quits: the welcome on first run, otherwise the data the user last worked with.
func Launch(a fyne.App, places Places, info Info, stderr io.Writer) int {
	l := &launcher{app: a, places: places, info: info}
	d := Decide(places, a.Preferences().String(prefDataMode), fileExists)
	if d.Welcome {
		newWelcome(l).win.Show()
	} else {
		store, err := data.Open(d.Path)
		if err != nil {
			ShowStartupError(a, err)
			fmt.Fprintf(stderr, "amends: %v\n", err)
			return 1
		}
		l.show(store, d.Sample)
	}
	a.Run()
	if l.ui != nil {
		l.ui.store.Close()
	}
	return 0
}

// show puts a main window on store in place of the one before, whose store it closes.
func (l *launcher) show(store *data.DB, sample bool) *UI {
	old := l.ui
	if old != nil {
		old.saveWindowState() // the new window opens where the old one was
	}
	info := l.info
	info.Sample = sample
	info.launcher = l
	u := New(l.app, store, info)
	l.ui = u
	mode := modeOwn
	if sample {
		mode = modeSample
	}
	l.app.Preferences().SetString(prefDataMode, mode)
	u.win.Show() // first, so the app still has a window while the old one closes
	if old != nil {
		old.win.Close()
		old.store.Close()
	}
	return u
}

// openOwn switches to the user's own data file, made empty if it is not there yet;
// a new file starts with the letterhead settings.
func (l *launcher) openOwn(parent fyne.Window) bool {
	fresh := !fileExists(l.places.Own)
	store, err := data.Open(l.places.Own)
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s", userMessage("Opening your data", err)), parent)
		return false
	}
	u := l.show(store, false)
	if fresh {
		u.startSetup()
	}
	return true
}

// openSample switches to the sample data file, filling it first if it is new. The work
// runs off the UI thread behind a progress dialog on parent; done, if set, learns
// whether the switch happened.
func (l *launcher) openSample(parent fyne.Window, done func(ok bool)) {
	bar := widget.NewProgressBarInfinite()
	msg := widget.NewLabel(fmt.Sprintf("Making %d sample clients with five years of history…", sampleClients))
	d := dialog.NewCustomWithoutButtons("Sample data", container.NewVBox(msg, bar), parent)
	d.Show()
	go func() {
		store, err := openSampleStore(context.Background(), l.places.Sample)
		fyne.Do(func() {
			d.Hide()
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", userMessage("Making the sample data", err)), parent)
			} else {
				l.show(store, true)
			}
			if done != nil {
				done(err == nil)
			}
		})
	}()
}

// openSampleStore opens the sample data file and fills it if it has no clients yet
// (the fill is one transaction, so a file is either complete or empty).
func openSampleStore(ctx context.Context, path string) (*data.DB, error) {
	store, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	n, err := store.CountClients(ctx, data.ClientFilter{})
	if err == nil && n == 0 {
		err = demo.Fill(ctx, store, demo.Options{Clients: sampleClients, Seed: 1, Now: time.Now()}, demo.Steps()...)
	}
	if err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}
