package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/data/lock"
)

// sampleClients is how many clients the sample data has: enough to try search,
// filters and reports, small enough to be made in a few seconds.
const sampleClients = 300

// checkDelay is how long after the window opens the automatic backup and the full
// integrity check start. Both read the whole file (about 1.5 s of CPU each for 100,000
// clients); started at once they competed with the first frame for the CPU and made
// start-up 2.4 times slower than a hello-world window. A damaged file is still
// reported within seconds.
const checkDelay = 2 * time.Second

// launcher opens the data file, keeps its lock, and on the default data files (no --db)
// shows the welcome on first run and switches between own data and sample data.
type launcher struct {
	app    fyne.App
	places Places
	info   Info
	fixed  bool       // started with --db: no welcome, no sample data
	checks bool       // overdue notice, automatic backup and integrity check after the first frame (off in UI tests)
	ui     *UI        // the main window now shown; nil before the welcome is answered
	lock   *lock.Lock // held on ui's data file
}

// Launch runs the app until the user quits and returns the exit code. With dbPath it
// opens that file; without, the user's default file, the sample data they were
// exploring, or on first run the welcome.
func Launch(a fyne.App, dbPath string, places Places, info Info, stderr io.Writer) int {
	info.post = fyne.Do
	info.screens = systemScreens
	// Temporary letters live in a private folder of this run, removed at exit; what a
	// crashed run left goes now.
	info.temp = newTempFiles(defaultTempBase())
	defer info.temp.remove()
	l := &launcher{app: a, places: places, info: info, fixed: dbPath != "", checks: true}
	d := Decision{Path: dbPath}
	if !l.fixed {
		d = Decide(places, a.Preferences().String(prefDataMode), fileExists)
	}
	if d.Welcome {
		newWelcome(l).win.Show()
	} else {
		store, lk, err := openData(d.Path)
		if err != nil {
			// The window still opens, to tell a user who started us by double-click,
			// and offers the newest good backup when the file is damaged.
			fmt.Fprintf(stderr, "amends: %v\n", err)
			if ShowStartupProblem(a, err, d.Path, info) {
				return 0 // the user went on with the newest backup
			}
			return 1
		}
		l.show(store, lk, d.Sample)
	}
	a.Run()
	l.release()
	return 0
}

// openData locks the file (one Amends per file) and opens it. The page-by-page check
// of a large file waits until the window is up (see checkData).
func openData(path string) (*data.DB, *lock.Lock, error) {
	lk, err := lock.Acquire(path)
	if err != nil {
		return nil, nil, err
	}
	store, err := data.OpenWith(path, data.Options{DeferCheck: true})
	if err != nil {
		lk.Release()
		return nil, nil, err
	}
	return store, lk, nil
}

// show puts a main window on store in place of the one before, whose store and lock it
// gives up.
func (l *launcher) show(store *data.DB, lk *lock.Lock, sample bool) *UI {
	old, oldLock := l.ui, l.lock
	if old != nil {
		old.saveWindowState() // the new window opens where the old one was
	}
	info := l.info
	info.Sample = sample
	info.launched = true
	if !l.fixed {
		info.launcher = l
	}
	u := New(l.app, store, info)
	l.ui, l.lock = u, lk
	if !l.fixed {
		mode := modeOwn
		if sample {
			mode = modeSample
		}
		l.app.Preferences().SetString(prefDataMode, mode)
	}
	u.win.Show() // first, so the app still has a window while the old one closes
	if s := store.StrayJournal(); s != nil {
		showWithDetails(u.win, "Your data file was opened as it is", s.Message(), s.Reason)
	}
	if old != nil {
		old.win.SetCloseIntercept(nil)
		old.win.Close()
		old.store.Close()
	}
	if oldLock != nil {
		oldLock.Release()
	}
	if l.checks {
		// The overdue reminder is a modal dialog: it waits for the badge count, which
		// runs off the UI thread, so the first frame has no dialog and backdrop to draw.
		u.whenBadgesCounted(func() {
			if l.ui == u {
				u.announceOverdue()
			}
		})
		// With the lock held no other Amends backs up or restores this file: what an
		// interrupted one left behind can go, after the first frame (it reads the backup
		// settings and two folders: a tenth of a second on a cold start).
		u.run.after(checkDelay, func() { backup.CleanLeftovers(context.Background(), store, time.Now()) }, func() {
			if l.ui != u {
				return // switched to other data or quit meanwhile
			}
			if !sample {
				u.AutoBackup()
			}
			u.checkData()
		})
	}
	return u
}

// release closes the data file at the end.
func (l *launcher) release() {
	if l.ui != nil {
		l.ui.store.Close()
	}
	if l.lock != nil {
		l.lock.Release()
	}
}

// checkData runs SQLite's integrity check off the UI thread and tells the user if the
// file is damaged.
func (u *UI) checkData() {
	store := u.store
	var err error
	u.run.run(func() { err = store.QuickCheck(context.Background()) }, func() {
		if !errors.Is(err, data.ErrDamaged) && !errors.Is(err, data.ErrNotAmends) {
			return // sound, or closed meanwhile (the user switched files or quit)
		}
		msg := "Amends found damage in your data file while checking it.\n\n"
		if why := data.Explain(err); why != "" {
			msg += why + "\n\n"
		}
		msg += "Keep working only if you must: restore your newest backup with File ▸ Restore from backup…."
		showWithDetails(u.win, "Your data file is damaged", msg, data.Details(err))
	})
}

// openOwn switches to the user's own data file, made empty if it is not there yet;
// a new file starts with the letterhead settings.
func (l *launcher) openOwn(parent fyne.Window) bool {
	fresh := !fileExists(l.places.Own)
	store, lk, err := openData(l.places.Own)
	if err != nil {
		msg := "Amends could not open your data file " + l.places.Own + ".\n\n"
		if why := startupReason(err); why != "" {
			msg += why + "\n\n"
		}
		dialog.ShowError(fmt.Errorf("%sDetails: %w", msg, err), parent)
		return false
	}
	u := l.show(store, lk, false)
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
	var store *data.DB
	var lk *lock.Lock
	var err error
	run := &runner{post: l.info.post}
	run.start(func() { store, lk, err = openSampleStore(context.Background(), l.places.Sample) }, func() {
		d.Hide()
		if err != nil {
			errorDialog(parent, "Making the sample data", err)
		} else {
			l.show(store, lk, true)
		}
		if done != nil {
			done(err == nil)
		}
	})
}

// openSampleStore opens the sample data file and fills it if it has no clients yet
// (the fill is one transaction, so a file is either complete or empty).
func openSampleStore(ctx context.Context, path string) (*data.DB, *lock.Lock, error) {
	store, lk, err := openData(path)
	if err != nil {
		return nil, nil, err
	}
	n, err := store.CountClients(ctx, data.ClientFilter{})
	if err == nil && n == 0 {
		err = demo.Fill(ctx, store, demo.Options{Clients: sampleClients, Seed: 1, Now: time.Now()}, demo.Steps()...)
	}
	if err != nil {
		store.Close()
		lk.Release()
		return nil, nil, err
	}
	return store, lk, nil
}

// showWithDetails shows a message in plain words, with the technical detail (SQLite's
// own findings, say) folded away under "Details" for support.
func showWithDetails(win fyne.Window, title, msg, details string) {
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(text)
	if details != "" {
		d := widget.NewLabel(details)
		d.Wrapping = fyne.TextWrapWord
		body.Add(widget.NewAccordion(widget.NewAccordionItem("Details", d)))
	}
	dialog.NewCustom(title, "OK", container.NewGridWrap(fyne.NewSize(540, 260), container.NewVScroll(body)), win).Show()
}
