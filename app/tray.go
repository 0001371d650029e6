package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// Reminders outside the window: an OS notification for each follow-up that falls due
// while Amends runs, and a system-tray menu with today's follow-ups. The tray can keep
// Amends running when its window is closed (a setting of this computer).

// prefKeepInTray keeps Amends in the system tray when the window is closed.
const prefKeepInTray = "tray.keep"

// trayShown is how many of today's follow-ups the tray menu lists by name.
const trayShown = 8

// reminders is what the window keeps for them.
type reminders struct {
	upTo  time.Time  // follow-ups due up to this time have been told
	tray  *fyne.Menu // the tray menu set last; nil where there is no tray
	today []data.FollowUp
	round int
}

// startReminders begins telling from now on, and puts up the tray menu where the
// system has a tray and the setting keeps Amends there. Follow-ups overdue at start are
// told by announceOverdue; notifications come with or without the tray.
func (u *UI) startReminders() {
	u.reminders.upTo = u.store.Now()
	// Fyne starts the tray only if it has a menu when the app starts running: one is set
	// at once, and today's follow-ups replace it when they have been read. A tray costs
	// a hidden window of its own before the first frame (a fifth of a second and 26 MB
	// under software OpenGL), so it is there only for those who keep Amends in it.
	if _, ok := u.app.(desktop.App); ok && u.app.Preferences().Bool(prefKeepInTray) {
		u.setTray(u.trayMenu(nil, errReading))
	}
	u.refreshTray()
}

// errReading stands for today's follow-ups not read yet, in the first tray menu.
var errReading = errors.New("reading")

// remind sends a notification for the follow-ups that have come due since the last
// look, and brings the tray menu up to date. It runs every minute (keepCurrent).
func (u *UI) remind() <-chan struct{} {
	from, to := u.reminders.upTo, u.store.Now()
	if !to.After(from) {
		return u.refreshTray()
	}
	u.reminders.upTo = to
	var due []data.FollowUp
	var err error
	return u.run.run(func() { due, err = u.store.OpenFollowUpsDue(u.ctx, from, to) }, func() {
		if err != nil {
			u.showError("Looking for follow-ups that are due", err)
			return
		}
		u.notifyDue(due)
		u.refreshTray()
	})
}

// notifyDue raises one OS notification per follow-up come due; several at once are
// told in one, so that a morning's list does not stack up on the screen.
func (u *UI) notifyDue(due []data.FollowUp) {
	switch {
	case len(due) == 0:
	case len(due) <= 3:
		for _, f := range due {
			u.app.SendNotification(fyne.NewNotification("Follow-up due: "+f.ClientName, followUpLine(f)))
		}
	default:
		var names []string
		for _, f := range due[:3] {
			names = append(names, f.ClientName)
		}
		u.app.SendNotification(fyne.NewNotification(fmt.Sprintf("%d follow-ups are due", len(due)),
			strings.Join(names, ", ")+fmt.Sprintf(" and %d more. Open Amends ▸ Follow-ups.", len(due)-3)))
	}
}

// followUpLine is a follow-up in one line: what, when, how.
func followUpLine(f data.FollowUp) string {
	s := f.What + " (" + f.Due.Local().Format("15:04")
	if f.Channel != "" {
		s += ", " + f.Channel
	}
	return s + ")"
}

// refreshTray reads today's follow-ups off the UI thread and sets the tray menu, where
// the system has a tray; the channel closes when it is set.
func (u *UI) refreshTray() <-chan struct{} {
	done := make(chan struct{})
	if u.reminders.tray == nil { // no tray on this system, or not kept there
		close(done)
		return done
	}
	u.reminders.round++
	round := u.reminders.round
	now := u.store.Now().Local()
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	var today []data.FollowUp
	var err error
	return u.run.run(func() { today, err = u.store.OpenFollowUpsDue(u.ctx, start, start.AddDate(0, 0, 1)) }, func() {
		if round != u.reminders.round {
			return
		}
		if err != nil {
			today = nil // the menu says it could not look; the window shows the error when it counts
		}
		u.reminders.today = today
		u.setTray(u.trayMenu(today, err))
	})
}

func (u *UI) setTray(m *fyne.Menu) {
	desk, ok := u.app.(desktop.App)
	if !ok {
		return
	}
	if u.reminders.tray == nil {
		desk.SetSystemTrayIcon(u.app.Icon())
	}
	u.reminders.tray = m
	desk.SetSystemTrayMenu(m)
}

// trayMenu is the tray's menu: today's follow-ups (each opens its client), Log red
// alert, Open Amends and Quit.
func (u *UI) trayMenu(today []data.FollowUp, err error) *fyne.Menu {
	var items []*fyne.MenuItem
	head := fyne.NewMenuItem("", nil)
	head.Disabled = true
	switch {
	case errors.Is(err, errReading):
		head.Label = "Looking at today's follow-ups…"
	case err != nil:
		head.Label = "Today's follow-ups could not be read"
	case len(today) == 0:
		head.Label = "Nothing due today"
	default:
		head.Label = "Today: " + plural(len(today), "follow-up", "follow-ups")
	}
	items = append(items, head)
	for i, f := range today {
		if i == trayShown {
			more := fyne.NewMenuItem(fmt.Sprintf("… %d more: show Follow-ups", len(today)-trayShown), func() {
				u.showWindow()
				u.guard(func() { u.showSection(u.sectionIndex("Follow-ups")) })
			})
			items = append(items, more)
			break
		}
		label := f.Due.Local().Format("15:04") + "  " + f.ClientName + ": " + f.What
		if f.Due.Before(u.store.Now()) {
			label = "⚠ " + label
		}
		items = append(items, fyne.NewMenuItem(label, func() {
			u.showWindow()
			u.showClient(f.ClientID)
		}))
	}
	alert := fyne.NewMenuItem("Log red alert…", func() {
		u.showWindow()
		u.onLogAlert(u.openClientID())
	})
	alert.Icon = theme.WarningIcon()
	open := fyne.NewMenuItem("Open Amends", u.showWindow)
	quit := fyne.NewMenuItem("Quit Amends", func() {
		u.showWindow() // unsaved changes are asked about in the window
		u.onQuit()
	})
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), alert, open, fyne.NewMenuItemSeparator(), quit)
	return fyne.NewMenu("Amends", items...)
}

// showWindow brings the window back from the tray.
func (u *UI) showWindow() {
	u.win.Show()
	u.win.RequestFocus()
}

// keepInTray reports whether closing the window leaves Amends in the tray.
func (u *UI) keepInTray() bool {
	return u.reminders.tray != nil && u.app.Preferences().Bool(prefKeepInTray)
}

// onCloseWindow closes the window once unsaved changes and running work are dealt with:
// into the tray when the setting says so, else Amends quits (the tray alone would keep
// it running).
func (u *UI) onCloseWindow() {
	if u.keepInTray() {
		u.saveWindowState()
		u.win.Hide()
		return
	}
	u.guard(func() {
		u.stopJobThen(func() {
			u.saveWindowState()
			u.win.Close()
			if u.reminders.tray != nil {
				u.quit()
			}
		})
	})
}

// trayFormItem is the Settings row that keeps Amends in the tray.
func (u *UI) trayFormItem() *widget.FormItem {
	check := widget.NewCheck("Keep Amends in the system tray when its window is closed", func(on bool) {
		u.app.Preferences().SetBool(prefKeepInTray, on)
	})
	check.SetChecked(u.app.Preferences().Bool(prefKeepInTray))
	hint := "From the next start: today's follow-ups in the tray; quit from its menu. Reminders come either way"
	if _, ok := u.app.(desktop.App); !ok {
		check.Disable()
		hint = "This system has no tray"
	}
	return &widget.FormItem{Text: "Tray", Widget: check, HintText: hint}
}
