package app

import (
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
)

// followUpRow is one row of the Follow-ups list: a heading or a follow-up.
type followUpRow struct {
	heading string
	f       data.FollowUp
	bucket  data.Bucket
	done    bool // in the "done recently" group, with Undo
}

// followUpsScreen lists open follow-ups by when they are due, and the ones done this week.
type followUpsScreen struct {
	deps
	banner  *widget.Label
	list    *widget.List
	rows    []followUpRow
	overdue int
	view    fyne.CanvasObject

	lastDone   *doneDialog       // the open "mark done" dialog, for tests
	calendar   *calendarChoice   // the last "which calendar" question, for tests
	round      int               // numbers the reloads: only the newest is shown
	lastSnooze *widget.PopUpMenu // the open snooze menu, for tests
}

// recentDays is how far back the "done recently" group (where Undo is offered) reaches.
const recentDays = 7

func newFollowUpsScreen(d deps) *followUpsScreen {
	s := &followUpsScreen{deps: d}
	s.banner = widget.NewLabel("")
	s.banner.Importance = widget.DangerImportance
	s.banner.TextStyle.Bold = true
	s.list = widget.NewList(func() int { return len(s.rows) }, s.createRow, s.updateRow)
	s.list.OnSelected = func(i widget.ListItemID) { s.list.Unselect(i) }
	add := widget.NewButtonWithIcon("New reminder…", theme.ContentAddIcon(), func() {
		s.pickClient("New reminder: which client?", s.askReminder)
	})
	add.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon("Export to calendar (.ics)…", theme.CalendarIcon(), s.onExport)
	title := widget.NewLabelWithStyle("Follow-ups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(export, add)), s.banner)
	s.view = container.NewBorder(top, nil, nil, nil, s.list)
	s.reload()
	return s
}

// reload asks the store for the follow-ups again, off the UI thread (0.1 s on 100,000
// clients), and regroups them; the channel closes when they are shown.
func (s *followUpsScreen) reload() <-chan struct{} {
	s.round++
	round := s.round
	ctx, store := s.ctx, s.store
	now := store.Now()
	var rows []followUpRow
	var err error
	return s.run.run(func() {
		var open, done []data.FollowUp
		if open, err = store.OpenFollowUps(ctx); err == nil {
			done, err = store.RecentlyDone(ctx, now.AddDate(0, 0, -recentDays))
		}
		// Grouped here too: tens of thousands of follow-ups took a frame on the UI thread.
		rows = groupFollowUps(open, done, now)
	}, func() {
		if round != s.round {
			return
		}
		if err != nil {
			s.showError("Loading follow-ups", err)
		}
		s.show(rows)
	})
}

// changed asks again when a follow-up changed, or a client (its name shows).
func (s *followUpsScreen) changed(n data.Notice) {
	if n.Has(data.ChangedFollowUps) || n.Has(data.ChangedClient) {
		s.reload()
	}
}

// show puts the grouped rows on the screen with the overdue banner.
func (s *followUpsScreen) show(rows []followUpRow) {
	s.rows = rows
	s.overdue = 0
	for _, r := range s.rows {
		if r.heading == "" && !r.done && r.bucket == data.Overdue {
			s.overdue++
		}
	}
	if s.overdue > 0 {
		s.banner.SetText(fmt.Sprintf("%s overdue: mark them done, or snooze them to a day you can keep.",
			plainCount(s.overdue, "follow-up is", "follow-ups are")))
		s.banner.Show()
	} else {
		s.banner.Hide()
	}
	s.list.Refresh()
}

// groupFollowUps puts headings before each non-empty bucket, then the recently done.
func groupFollowUps(open, done []data.FollowUp, now time.Time) []followUpRow {
	var rows []followUpRow
	byBucket := make([][]data.FollowUp, 4)
	for _, f := range open {
		b := data.BucketOf(f.Due, now)
		byBucket[b] = append(byBucket[b], f)
	}
	for b, fs := range byBucket {
		if len(fs) == 0 {
			continue
		}
		rows = append(rows, followUpRow{heading: fmt.Sprintf("%s (%d)", bucketLabel(data.Bucket(b)), len(fs)), bucket: data.Bucket(b)})
		for _, f := range fs {
			rows = append(rows, followUpRow{f: f, bucket: data.Bucket(b)})
		}
	}
	if len(open) == 0 {
		rows = append(rows, followUpRow{heading: "Nothing due. Add a reminder from a client file or with New reminder."})
	}
	if len(done) > 0 {
		rows = append(rows, followUpRow{heading: fmt.Sprintf("Done in the last %d days (%d)", recentDays, len(done))})
		for _, f := range done {
			rows = append(rows, followUpRow{f: f, done: true})
		}
	}
	return rows
}

// followUpRowView is one list row: a heading, or a follow-up with its buttons.
type followUpRowView struct {
	widget.BaseWidget
	bg                       *canvas.Rectangle
	heading, due             *widget.Label
	text                     *cutLabel
	open, done, snooze, undo *widget.Button
	buttons                  *fyne.Container
	item                     *fyne.Container
	content                  fyne.CanvasObject
	onDone, onSnooze, onUndo func()
	onOpen                   func()
}

// newFollowUpRowView makes a row; stacked puts the due time over the text, for the
// narrow Follow-ups tab of a client's file.
func newFollowUpRowView(stacked bool) *followUpRowView {
	v := &followUpRowView{bg: canvas.NewRectangle(color.Transparent)}
	v.heading = widget.NewLabelWithStyle("Overdue", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.due = widget.NewLabel("Mon 30 Nov 2026 14:00")
	v.text = newCutLabel("Client: what")
	call := func(f *func()) func() {
		return func() {
			if *f != nil {
				(*f)()
			}
		}
	}
	v.open = widget.NewButtonWithIcon("", theme.AccountIcon(), call(&v.onOpen))
	v.done = widget.NewButtonWithIcon("Done…", theme.ConfirmIcon(), call(&v.onDone))
	v.snooze = widget.NewButtonWithIcon("Snooze", theme.HistoryIcon(), call(&v.onSnooze))
	v.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), call(&v.onUndo))
	v.undo.Hide() // shown instead of Done and Snooze once done: the row is never wider
	if stacked {
		v.open.Hide() // the client's own file: no button to open it
	}
	v.buttons = container.NewHBox(v.open, v.done, v.snooze, v.undo)
	if stacked {
		v.item = container.NewBorder(nil, nil, nil, v.buttons, container.NewVBox(v.due, v.text))
	} else {
		v.item = container.NewBorder(nil, nil, v.due, v.buttons, v.text)
	}
	v.content = container.NewStack(v.bg, v.heading, v.item)
	v.ExtendBaseWidget(v)
	return v
}

func (v *followUpRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.content)
}

func (s *followUpsScreen) createRow() fyne.CanvasObject { return newFollowUpRowView(false) }

func (s *followUpsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.rows) {
		return
	}
	v := o.(*followUpRowView)
	r := s.rows[i]
	if r.heading != "" {
		v.heading.SetText(r.heading)
		v.heading.Show()
		v.item.Hide()
		v.bg.FillColor = color.Transparent
		v.bg.Refresh()
		return
	}
	v.heading.Hide()
	v.item.Show()
	f := r.f
	text := f.ClientName + ": " + f.What
	if f.Channel != "" {
		text += " (" + f.Channel + ")"
	}
	if f.Source != data.SourceManual {
		text += " · " + f.Source.Label()
	}
	if r.done {
		text = "✓ " + text
		if f.DoneNote != "" {
			text += " — " + f.DoneNote
		}
	}
	due, imp, tint := dueText(f.Due), widget.MediumImportance, color.Color(color.Transparent)
	if r.done {
		due = dueText(f.DoneAt)
	} else if r.bucket == data.Overdue {
		imp, tint = widget.DangerImportance, overdueTint()
	}
	v.text.SetText(text)
	setLabel(v.due, due, imp)
	if v.bg.FillColor != tint {
		v.bg.FillColor = tint
		v.bg.Refresh()
	}
	// Buttons are redrawn only when the row changes between done and not: each redraw
	// colours their icons again.
	if v.done.Hidden != r.done || v.undo.Hidden == r.done {
		v.done.Hidden, v.snooze.Hidden, v.undo.Hidden = r.done, r.done, !r.done
		v.buttons.Refresh()
	}
	v.onOpen = func() { s.showClient(f.ClientID) }
	v.onDone = func() { s.onMarkDone(f) }
	v.onSnooze = func() { s.lastSnooze = s.showSnoozeMenu(v.snooze, f, func(t time.Time) { s.snooze(f, t) }) }
	v.onUndo = func() { s.undo(f) }
}

// onMarkDone asks for the note and hours, then closes the follow-up.
func (s *followUpsScreen) onMarkDone(f data.FollowUp) {
	s.lastDone = s.askDone(f, func(note string, hours float64) { s.markDone(f, note, hours) })
}

// markDone closes f in the store.
func (d deps) markDone(f data.FollowUp, note string, hours float64) bool {
	if _, err := d.store.MarkDone(d.ctx, f.ID, note, hours); err != nil {
		d.showError("Marking the follow-up done", err)
		return false
	}
	return true
}

// snooze moves f to until.
func (d deps) snooze(f data.FollowUp, until time.Time) bool {
	if _, err := d.store.Snooze(d.ctx, f.ID, until); err != nil {
		d.showError("Snoozing the follow-up", err)
		return false
	}
	return true
}

func (s *followUpsScreen) undo(f data.FollowUp) {
	if _, err := s.store.UndoDone(s.ctx, f.ID); err != nil {
		s.showError("Reopening the follow-up", err)
	}
}

// Calendars differ: Google Calendar, Outlook and phones show only events; Apple
// Reminders, Thunderbird and Outlook tasks take to-dos. The choice is remembered.
const (
	prefCalendarKind = "calendarKind"
	calendarEvents   = "Events: Google Calendar, Outlook calendar, Apple Calendar, phones"
	calendarTodos    = "To-dos: Apple Reminders, Thunderbird, Outlook tasks"
)

// calendarChoice is the question asked before the follow-ups are exported.
type calendarChoice struct {
	kind *widget.RadioGroup
	next *widget.Button
	d    *dialog.CustomDialog
}

// onExport asks which kind of calendar the follow-ups go to, then where to save the
// .ics file it can import.
func (s *followUpsScreen) onExport() {
	c := &calendarChoice{}
	c.kind = widget.NewRadioGroup([]string{calendarEvents, calendarTodos}, nil)
	c.kind.Required = true
	c.kind.SetSelected(s.app.Preferences().StringWithFallback(prefCalendarKind, calendarEvents))
	intro := widget.NewLabel("Which calendar will you import the follow-ups into?")
	cancel := widget.NewButton("Cancel", func() { c.d.Hide() })
	c.next = widget.NewButton("Choose file…", func() {
		c.d.Hide()
		s.app.Preferences().SetString(prefCalendarKind, c.kind.Selected)
		s.chooseCalendarFile(c.kind.Selected == calendarEvents)
	})
	c.next.Importance = widget.HighImportance
	c.d = dialog.NewCustomWithoutButtons("Export to calendar", container.NewVBox(intro, c.kind), s.win)
	c.d.SetButtons([]fyne.CanvasObject{cancel, c.next})
	s.calendar = c
	c.d.Show()
}

// chooseCalendarFile saves the open follow-ups as an .ics file of events or to-dos.
func (s *followUpsScreen) chooseCalendarFile(asEvents bool) {
	chooseSaveFile(s.win, "Exporting to the calendar", "amends-follow-ups.ics", func(path string) {
		var n int
		err := atomicfile.Write(path, 0o600, func(w io.Writer) (err error) {
			n, err = s.exportTo(w, asEvents)
			return err
		})
		if err != nil {
			removeEmpty(path)
			s.showError("Exporting to the calendar", err)
			return
		}
		what := "to-dos"
		if asEvents {
			what = "events"
		}
		dialog.ShowInformation("Exported", fmt.Sprintf("%s written to %s.\nImport the file in your calendar; "+
			"exporting again later updates the same %s instead of adding copies.",
			plainCount(n, "follow-up", "follow-ups"), filepath.Base(path), what), s.win)
	})
}

func (s *followUpsScreen) exportTo(w io.Writer, asEvents bool) (int, error) {
	return s.store.ExportFollowUps(s.ctx, w, asEvents)
}

// overdueCount is the navigation badge: open follow-ups past their due time.
func (u *UI) overdueCount() (int, error) {
	n, err := u.store.CountOverdue(u.ctx, u.store.Now())
	if err != nil {
		return 0, fmt.Errorf("count the overdue follow-ups: %w", err)
	}
	return n, nil
}

// announceOverdue tells the user at start how many follow-ups are overdue: a desktop
// notification, and a dialog that takes them to the list.
func (u *UI) announceOverdue() {
	// The navigation badge was counted when the first screen was shown: no second query.
	n := u.badges[u.sectionIndex("Follow-ups")]
	if n == 0 {
		return
	}
	msg := plainCount(n, "follow-up is", "follow-ups are") + " overdue."
	u.app.SendNotification(fyne.NewNotification("Amends", msg))
	d := dialog.NewConfirm("Overdue follow-ups", msg+"\nPromises kept on time are what win clients back.", func(ok bool) {
		if ok {
			u.guard(func() { u.showSection(u.sectionIndex("Follow-ups")) })
		}
	}, u.win)
	d.SetConfirmText("Show them")
	d.SetDismissText("Later")
	d.Show()
}

func (u *UI) followUpsView() fyne.CanvasObject {
	if u.followups == nil {
		u.followups = newFollowUpsScreen(u.deps)
	}
	return u.followups.view
}
