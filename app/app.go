// Package app is the Amends desktop UI. Screens ask the store for plain values,
// show them, and send plain values back; nothing here touches SQL.
package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// Info is what the UI shows about the build.
type Info struct {
	Version string
	Sample  bool // the data file holds sample data: say so in the title bar

	launcher *launcher // set when Amends runs on its default data files (no --db)
	launched bool      // the window comes from Launch, which shows start-up notices itself
	// post hands the answers of work done off the UI thread (lists, search, badges) to
	// the UI thread: fyne.Do in the app. Nil in UI tests: the work then runs at once.
	post func(func())
}

// section is one entry of the navigation: a screen and its badge.
type section struct {
	title string
	icon  fyne.Resource
	build func() fyne.CanvasObject
	badge func() (int, error) // shown next to the title when > 0; nil for none
	// refresh, when set, brings a screen whose content depends on the time ("open 3
	// days", overdue) up to date: each time it is shown again, and every hour.
	refresh func()
	view    fyne.CanvasObject
}

// UI is the main window and the screens in it.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store *data.DB
	info  Info
	ctx   context.Context

	sections []*section
	current  int
	nav      *widget.List
	content  *fyne.Container
	badges   []int
	// badgeRound numbers the badge counts asked for, so that a slow count never
	// overwrites a newer one; afterBadges wait for the newest.
	badgeRound  int
	afterBadges []func()
	badgeFailed bool     // the last count failed and the user was told
	closers     []func() // run when the window has closed

	clients  *clientsScreen
	client   *clientScreen
	settings *settingsScreen
	safety   safetyState // backups, import/export, erasure (app/transfer.go)

	alerts          *alertsScreen
	interviews      *interviewsScreen
	interview       *interviewScreen
	complaintsPart  *complaintsPart
	followups       *followUpsScreen     // built when first shown
	clientFollowUps *clientFollowUpsPart // the Follow-ups tab of the client file
	reports         *reportsScreen       // built when first shown
	lost            *lostScreen          // built when first shown
	askFb           *askFeedbackScreen   // built when first shown
	lastCheckIns    *checkInOffer        // the open check-in question, for tests
	lastLost        *lostDialog          // the open "why lost" question, for tests

	lettersPart *lettersPart
	lp          lpRunner // the printer command; tests replace it

	banner        *fyne.Container  // strip above the screens: sample data, first-run setup
	fileMenuItems []*fyne.MenuItem // features add File menu items here before buildMenu
	launcher      *launcher        // nil when started with --db
}

// New builds the main window on store.
func New(a fyne.App, store *data.DB, info Info) *UI {
	u := &UI{app: a, store: store, info: info, ctx: context.Background(), current: -1, launcher: info.launcher}
	u.applyTheme()
	u.win = a.NewWindow(u.title())
	u.client = newClientScreen(u)
	u.clients = newClientsScreen(u)
	u.complaintsPart = newComplaintsPart(u)
	u.client.addPart(u.complaintsPart)
	u.clientFollowUps = newClientFollowUpsPart(u)
	u.client.addPart(u.clientFollowUps)
	u.client.addPart(newFeedbackPart(u))
	u.client.addPart(newKeepCutPart(u))
	u.lettersPart = newLettersPart(u)
	u.client.addPart(u.lettersPart)
	u.sections = []*section{
		{title: "Clients", icon: theme.AccountIcon(), build: u.clientsView},
		{title: sectionAlerts, icon: theme.WarningIcon(), build: u.alertsView, badge: u.openAlertCount,
			refresh: func() { u.alerts.reload() }},
		{title: sectionInterviews, icon: theme.DocumentCreateIcon(), build: u.interviewsView},
		{title: "Follow-ups", icon: theme.CalendarIcon(), build: u.followUpsView, badge: u.overdueCount,
			refresh: func() { u.followups.reload() }},
		{title: "Ask for feedback", icon: theme.MailComposeIcon(), build: u.askFeedbackView,
			refresh: func() { u.askFb.reload() }},
		{title: "Lost clients", icon: theme.VisibilityOffIcon(), build: u.lostView},
		{title: "Reports", icon: theme.GridIcon(), build: u.reportsView},
		{title: "Settings", icon: theme.SettingsIcon(), build: func() fyne.CanvasObject {
			u.settings = newSettingsScreen(u)
			return u.settings.view
		}},
	}
	u.badges = make([]int, len(u.sections))
	u.content = container.NewStack()
	u.nav = u.newNav()
	split := container.NewHSplit(container.NewBorder(u.alertNavButton(), nil, nil, nil, u.nav), u.content)
	split.Offset = 0.16
	u.banner = container.NewVBox()
	u.win.SetContent(container.NewBorder(u.banner, nil, nil, nil, split))
	u.win.Resize(fyne.NewSize(1200, 760))
	u.win.SetCloseIntercept(func() {
		u.guard(func() {
			u.stopJobThen(func() {
				u.saveWindowState()
				u.win.Close()
			})
		})
	})
	u.client.addPart(newPrivacyPart(u))
	u.fileMenuItems = append(u.fileMenuItems, u.logAlertMenuItem())
	u.fileMenuItems = append(u.fileMenuItems, u.safetyMenuItems()...)
	u.nav.Select(0)
	if !info.launched {
		u.announceOverdue() // Launch shows it after the first frame instead
	}
	u.win.SetOnClosed(func() {
		for _, f := range u.closers {
			f()
		}
	})
	if info.post != nil {
		u.keepCurrent() // the running app, not UI tests
	}
	u.restoreWindowState()
	if info.Sample {
		u.showSampleBanner()
	}
	u.buildMenu() // last: it takes the File menu items features added above
	return u
}

func (u *UI) title() string {
	if u.info.Sample {
		return "Amends — SAMPLE DATA"
	}
	return "Amends — " + u.store.Path()
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (u *UI) ShowAndRun() { u.win.ShowAndRun() }

func (u *UI) newNav() *widget.List {
	l := widget.NewList(
		func() int { return len(u.sections) },
		func() fyne.CanvasObject {
			badge := widget.NewLabel("")
			badge.Importance = widget.DangerImportance
			badge.TextStyle.Bold = true
			return container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), badge, widget.NewLabel("Clients"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := u.sections[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(s.title)
			c.Objects[1].(*widget.Icon).SetResource(s.icon)
			b := c.Objects[2].(*widget.Label)
			if i < len(u.badges) && u.badges[i] > 0 {
				b.SetText(fmt.Sprint(u.badges[i]))
			} else {
				b.SetText("")
			}
		})
	l.OnSelected = func(i widget.ListItemID) {
		if i == u.current {
			return
		}
		prev := u.current
		if prev < 0 {
			u.showSection(i)
			return
		}
		// Leaving a screen with unsaved changes asks first; staying re-selects it.
		l.Select(prev)
		u.guard(func() { u.showSection(i) })
	}
	return l
}

func (u *UI) showSection(i int) {
	s := u.sections[i]
	if s.view == nil {
		s.view = s.build()
	} else if s.refresh != nil && i != u.current {
		s.refresh() // shown again: what was "today" may be overdue by now
	}
	u.current = i
	u.nav.Select(i)
	u.content.Objects = []fyne.CanvasObject{s.view}
	u.content.Refresh()
	u.refreshBadges()
}

// sectionIndex finds a section by title, or -1.
func (u *UI) sectionIndex(title string) int {
	for i, s := range u.sections {
		if s.title == title {
			return i
		}
	}
	return -1
}

// refreshBadges recounts the navigation badges (open alerts, overdue follow-ups, ...).
// In the running app the counting (about 15 ms on 100,000 clients) happens off the UI
// thread, so that a click on the navigation or Save never waits for it; the returned
// channel closes once the new counts are shown. Only the newest count is shown.
func (u *UI) refreshBadges() <-chan struct{} {
	u.badgeRound++
	round := u.badgeRound
	n := make([]int, len(u.sections))
	var err error
	return u.background(func() {
		for i, s := range u.sections {
			if s.badge != nil {
				var e error
				if n[i], e = s.badge(); e != nil && err == nil {
					err = e
				}
			}
		}
	}, func() {
		if round != u.badgeRound {
			return // a newer count is on its way
		}
		u.badges = n
		u.nav.Refresh()
		// A count that fails says so once, not on every click, until counting works again.
		if err != nil && !u.badgeFailed {
			u.showError("Counting what needs your attention", err)
		}
		u.badgeFailed = err != nil
		for _, f := range u.afterBadges {
			f()
		}
		u.afterBadges = nil
	})
}

// background runs work off the UI thread, then apply on it. In UI tests both run at
// once, one after the other, so that a test sees the result straight away.
// The channel closes once apply has run.
func (u *UI) background(work, apply func()) <-chan struct{} {
	done := make(chan struct{})
	if u.info.post == nil {
		work()
		apply()
		close(done)
		return done
	}
	go func() {
		work()
		u.info.post(func() {
			defer close(done)
			apply()
		})
	}()
	return done
}

// whenBadgesCounted runs f on the UI thread once the badges being counted are shown.
func (u *UI) whenBadgesCounted(f func()) {
	u.afterBadges = append(u.afterBadges, f)
}

// guard runs proceed now, or after the user has decided what to do with unsaved changes.
func (u *UI) guard(proceed func()) {
	if u.interview != nil {
		u.interview.flush() // the interview saves as typed: write what is pending before leaving
	}
	if !u.client.dirty() {
		proceed()
		return
	}
	var d *dialog.CustomDialog
	msg := widget.NewLabel(fmt.Sprintf("You have unsaved changes to %q.\nSave them before you go on?", u.client.displayName()))
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		d.Hide()
		if u.client.onSave() {
			proceed()
		}
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton("Discard changes", func() {
		d.Hide()
		u.client.discard()
		proceed()
	})
	keep := widget.NewButton("Keep editing", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Unsaved changes", msg, u.win)
	d.SetButtons([]fyne.CanvasObject{keep, discard, save})
	d.Show()
}

// showError tells the user that action failed, in words they can act on.
func (u *UI) showError(action string, err error) {
	dialog.ShowError(fmt.Errorf("%s", userMessage(action, err)), u.win)
}

// onNewClient opens an empty client file, after unsaved changes are dealt with.
func (u *UI) onNewClient() {
	u.guard(func() {
		u.showSection(u.sectionIndex("Clients"))
		u.clients.list.UnselectAll()
		u.client.load(data.Client{Status: data.StatusActive})
		u.win.Canvas().Focus(u.client.name)
	})
}

func (u *UI) onFocusSearch() {
	u.showSection(u.sectionIndex("Clients"))
	u.win.Canvas().Focus(u.clients.search)
}

// openClientGuarded opens another client once unsaved changes to the open one are dealt with.
func (u *UI) openClientGuarded(id int64) {
	u.guard(func() {
		u.openClient(id)
		u.clients.selectID(id)
	})
}

// openClient shows the client file for id.
func (u *UI) openClient(id int64) {
	c, err := u.store.Client(u.ctx, id)
	if err != nil {
		u.showError("Opening the client", err)
		return
	}
	u.client.load(c)
}

func (u *UI) clientsView() fyne.CanvasObject {
	split := container.NewHSplit(u.clients.view, u.client.view)
	split.Offset = 0.38
	return split
}

// keepCurrent recounts the badges every minute while the window is open (a follow-up
// falls due while the app sits open all day) and, when the hour turns, refreshes the
// screen shown if what it says depends on the time.
func (u *UI) keepCurrent() {
	t := time.NewTicker(time.Minute)
	stop := make(chan struct{})
	u.whenClosed(func() { close(stop) })
	hour := time.Now().Truncate(time.Hour)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				turned := now.Truncate(time.Hour) != hour
				hour = now.Truncate(time.Hour)
				fyne.Do(func() { u.tick(turned) })
			}
		}
	}()
}

// tick is one minute of keepCurrent, on the UI thread.
func (u *UI) tick(hourTurned bool) {
	u.refreshBadges()
	if hourTurned && u.current >= 0 {
		if s := u.sections[u.current]; s.refresh != nil && s.view != nil {
			s.refresh()
		}
	}
}

// whenClosed runs f when the window has closed.
func (u *UI) whenClosed(f func()) {
	u.closers = append(u.closers, f)
}
