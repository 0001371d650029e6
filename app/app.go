// Package app is the Amends desktop UI. Screens ask the store for plain values,
// show them, and send plain values back; nothing here touches SQL. The store says what
// each write changed, and every screen that shows it refreshes (UI.onNotice).
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

	launcher *launcher  // set when Amends runs on its default data files (no --db)
	launched bool       // the window comes from Launch, which shows start-up notices itself
	temp     *tempFiles // this run's private folder for temporary PDFs; made by New when nil
	// post hands the answers of work done off the UI thread to the UI thread: fyne.Do in
	// the app. Nil in UI tests: the work then runs at once (see runner).
	post func(func())
	// screens lists the screens' work areas, to bring the window back onto one (nil: the
	// screens are not known, as under the test driver).
	screens func() []screenArea
}

// section is one entry of the navigation: a screen and its badge.
type section struct {
	title string
	icon  fyne.Resource
	build func() fyne.CanvasObject
	badge func() (int, error) // shown next to the title when > 0; nil for none
	// changed, when set, is told the store's notices while the screen is shown. A screen
	// not shown is told once, that anything may have changed, when it is shown again.
	changed func(data.Notice)
	missed  bool
	// refresh, when set, brings a screen whose content depends on the time ("open 3
	// days", overdue) up to date: each time it is shown again, and every hour.
	refresh func()
	view    fyne.CanvasObject
	page    *fyne.Container // view in the window's stack of screens, hidden when another is shown
}

// UI is the main window: the navigation, the screens in it, the menu and the banner.
// It is the shell the screens ask to navigate, guard unsaved changes and show errors;
// screens never reach each other through it.
type UI struct {
	deps
	info Info

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

	clients    *clientsScreen
	client     *clientScreen
	settings   *settingsScreen    // built when first shown
	alerts     *alertsScreen      // built when first shown
	interviews *interviewsScreen  // built when first shown; holds the interview wizard
	followups  *followUpsScreen   // built when first shown
	reports    *reportsScreen     // built when first shown
	lost       *lostScreen        // built when first shown
	askFb      *askFeedbackScreen // built when first shown
	safety     safetyState        // backups, import/export, erasure (app/transfer.go)
	reminders  reminders          // notifications and the tray menu (app/tray.go)

	banner        *fyne.Container  // strip above the screens: sample data, first-run setup
	setupShown    bool             // the banner asks for the letterhead
	fileMenuItems []*fyne.MenuItem // File menu items added before buildMenu
	launcher      *launcher        // nil when started with --db
}

// New builds the main window on store.
func New(a fyne.App, store *data.DB, info Info) *UI {
	u := &UI{info: info, current: -1, launcher: info.launcher}
	if info.temp == nil {
		info.temp = newTempFiles(defaultTempBase())
	}
	u.deps = deps{store: store, ctx: context.Background(), run: &runner{post: info.post}, app: a,
		shell: u, jobs: &jobs{}, print: &printer{}, seen: &seen{}, temp: info.temp, screens: info.screens}
	u.applyTheme()
	noteLocale(a.Preferences())
	// At start the faces of the theme's font are read while the window system starts
	// (glfw's init, 40 ms, touches no text): each style's first use parses the font and
	// Fyne's 4 MB emoji font, and the first frame needs two, regular and the buttons'
	// bold. Not when a window is up already (another data file opened): its events could
	// measure text meanwhile, and the faces are read by then.
	fontsRead := func() {}
	if len(a.Driver().AllWindows()) == 0 {
		fontsRead = u.run.meanwhile(readFontFaces)
	}
	u.win = a.NewWindow(u.title())
	fontsRead()
	u.client = newClientScreen(u.deps)
	u.clients = newClientsScreen(u.deps, u.onNewClient)
	u.client.onOpened = u.clients.selectID
	u.sections = []*section{
		{title: "Clients", icon: theme.AccountIcon(), build: u.clientsView,
			changed: func(n data.Notice) { u.clients.changed(n); u.client.changed(n) }},
		{title: sectionAlerts, icon: theme.WarningIcon(), build: u.alertsView, badge: u.openAlertCount,
			changed: func(n data.Notice) { u.alerts.changed(n) }, refresh: func() { u.alerts.reload() }},
		{title: sectionInterviews, icon: theme.DocumentCreateIcon(), build: u.interviewsView,
			changed: func(n data.Notice) { u.interviews.changed(n) }},
		{title: "Follow-ups", icon: theme.CalendarIcon(), build: u.followUpsView, badge: u.overdueCount,
			changed: func(n data.Notice) { u.followups.changed(n) }, refresh: func() { u.followups.reload() }},
		{title: "Ask for feedback", icon: theme.MailComposeIcon(), build: u.askFeedbackView,
			changed: func(n data.Notice) { u.askFb.changed(n) }, refresh: func() { u.askFb.reload() }},
		{title: "Lost clients", icon: theme.VisibilityOffIcon(), build: u.lostView,
			changed: func(n data.Notice) { u.lost.changed(n) }},
		{title: "Reports", icon: theme.GridIcon(), build: u.reportsView,
			changed: func(data.Notice) { u.reports.reload() }},
		{title: "Settings", icon: theme.SettingsIcon(), build: u.settingsView,
			changed: func(n data.Notice) { u.settings.changed(n) }},
	}
	u.badges = make([]int, len(u.sections))
	u.content = container.NewStack()
	u.nav = u.newNav()
	// The navigation is as wide as its longest entry: a split gave it a sixth of the
	// window, and "Ask for feedback" was cut at 1024 pixels.
	nav := container.NewBorder(u.alertNavButton(), nil, nil, nil, container.NewStack(u.navWidth(), u.nav))
	u.banner = container.NewVBox()
	u.win.SetContent(container.NewBorder(u.banner, nil, container.NewHBox(nav, widget.NewSeparator()), nil, u.content))
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.onDropped(uris) })
	u.win.SetCloseIntercept(u.onCloseWindow)
	// One subscription for the window: every notice reaches the screens on the UI thread.
	u.whenClosed(store.Subscribe(func(n data.Notice) { u.run.do(func() { u.onNotice(n) }) }))
	u.fileMenuItems = append(u.fileMenuItems, u.logAlertMenuItem())
	u.fileMenuItems = append(u.fileMenuItems, u.safetyMenuItems()...)
	u.nav.Select(0)
	u.startReminders()
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
	u.buildMenu() // last: it takes the File menu items added above
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

// navWidth is an empty object as wide as the widest entry of the navigation, with room
// for a badge of three digits.
func (u *UI) navWidth() fyne.CanvasObject {
	row := u.nav.CreateItem().(*fyne.Container)
	label, badge := row.Objects[0].(*widget.Label), row.Objects[2].(*widget.Label)
	badge.SetText("888")
	var w float32
	for _, s := range u.sections {
		label.SetText(s.title)
		w = fyne.Max(w, row.MinSize().Width)
	}
	return minWidth(w + theme.Padding()*2)
}

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
	if i == u.current && s.view != nil {
		return // already shown: refreshing the whole screen again would only cost a frame
	}
	switch {
	case s.view == nil:
		s.view = s.build()
		s.page = container.NewStack(s.view)
		s.page.Hide()
		u.content.Add(s.page)
	case i != u.current && s.refresh != nil:
		s.refresh() // shown again: what was "today" may be overdue by now
	case i != u.current && s.missed && s.changed != nil:
		s.changed(data.Notice{{Kind: data.ChangedAll}}) // what changed while it was hidden
	}
	s.missed = false
	u.current = i
	u.nav.Select(i)
	// The screens built so far stay in the window, the others hidden: showing one again
	// is not a refresh of everything on it (that took most of a frame, and more).
	for _, o := range u.content.Objects {
		if o != s.page {
			o.Hide()
		}
	}
	s.page.Show()
	u.win.Canvas().Refresh(s.page) // paint it: a container's Show does not ask for that
	u.win.Canvas().Unfocus()       // a field on the screen now hidden must not take what is typed
	u.refreshBadges()
}

// onNotice hands what the store changed to the screen shown (the others catch up when
// they are shown again), recounts the badges and follows the letterhead.
func (u *UI) onNotice(n data.Notice) {
	if n.Only(data.ChangedLetterPrefs) {
		return // a letter draft saved as typed: only the letter editor shows it
	}
	for i, s := range u.sections {
		if s.view == nil || s.changed == nil {
			continue
		}
		if i == u.current {
			s.changed(n)
		} else {
			s.missed = true
		}
	}
	if n.Has(data.ChangedLetterhead) && u.setupShown {
		u.letterheadChanged()
	}
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
// The counting (about 15 ms on 100,000 clients) happens off the UI thread, so that a
// click on the navigation or Save never waits for it; the returned channel closes once
// the new counts are shown. Only the newest count is shown.
func (u *UI) refreshBadges() <-chan struct{} {
	u.badgeRound++
	round := u.badgeRound
	n := make([]int, len(u.sections))
	var err error
	return u.run.run(func() {
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

// whenBadgesCounted runs f on the UI thread once the badges being counted are shown.
func (u *UI) whenBadgesCounted(f func()) {
	u.afterBadges = append(u.afterBadges, f)
}

// guard runs proceed now, or after the user has decided what to do with unsaved changes.
func (u *UI) guard(proceed func()) {
	if u.interviews != nil {
		u.interviews.flush() // the interview saves as typed: write what is pending before leaving
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
func (u *UI) showError(action string, err error) { errorDialog(u.win, action, err) }

// onNewClient opens an empty client file, after unsaved changes are dealt with.
func (u *UI) onNewClient() {
	u.guard(func() {
		u.showSection(u.sectionIndex("Clients"))
		u.clients.selectID(0)
		u.client.load(data.Client{Status: data.StatusActive})
		u.win.Canvas().Focus(u.client.name)
	})
}

func (u *UI) onFocusSearch() {
	u.showSection(u.sectionIndex("Clients"))
	u.win.Canvas().Focus(u.clients.search)
}

// showClient opens a client's file in the Clients section, after unsaved changes are
// dealt with.
func (u *UI) showClient(id int64) {
	u.guard(func() {
		u.showSection(u.sectionIndex("Clients"))
		u.client.open(id)
	})
}

// showInterview shows the interview of complaint id in the Interviews section.
func (u *UI) showInterview(id int64) {
	u.guard(func() {
		u.showSection(u.sectionIndex(sectionInterviews))
		u.interviews.open(id)
	})
}

// onDropped attaches files dropped on the window to the client whose file is shown.
func (u *UI) onDropped(uris []fyne.URI) {
	if u.current != u.sectionIndex("Clients") {
		u.client.dropFiles(nil) // says to open a client first
		return
	}
	u.client.dropFiles(uris)
}

func (u *UI) clientsView() fyne.CanvasObject {
	split := container.NewHSplit(u.clients.view, u.client.view)
	split.Offset = 0.36 // the file's tabs fit on two rows at 1024 pixels
	return split
}

// keepCurrent recounts the badges every minute while the window is open (a follow-up
// falls due while the app sits open all day) and, when the hour turns, refreshes the
// screen shown if what it says depends on the time.
func (u *UI) keepCurrent() {
	hour := time.Now().Truncate(time.Hour)
	u.whenClosed(u.run.every(time.Minute, func(now time.Time) {
		turned := now.Truncate(time.Hour) != hour
		hour = now.Truncate(time.Hour)
		u.tick(turned)
	}))
}

// tick is one minute of keepCurrent, on the UI thread.
func (u *UI) tick(hourTurned bool) {
	u.refreshBadges()
	u.remind()
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
