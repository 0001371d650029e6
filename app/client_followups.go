package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// clientFollowUpsPart is the Follow-ups tab of the client file: the client's follow-ups,
// open ones first, and "Add reminder".
type clientFollowUpsPart struct {
	u      *UI
	client data.Client
	rows   []followUpRow
	list   *widget.List
	add    *widget.Button
	item   *container.TabItem
}

func newClientFollowUpsPart(u *UI) *clientFollowUpsPart {
	p := &clientFollowUpsPart{u: u}
	p.list = widget.NewList(func() int { return len(p.rows) }, func() fyne.CanvasObject { return newFollowUpRowView() }, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) { p.list.Unselect(i) }
	p.add = widget.NewButtonWithIcon("Add reminder…", theme.ContentAddIcon(), func() { u.askReminder(p.client) })
	p.item = container.NewTabItemWithIcon("Follow-ups", theme.CalendarIcon(),
		container.NewBorder(container.NewHBox(p.add), nil, nil, nil, p.list))
	return p
}

func (p *clientFollowUpsPart) tab() *container.TabItem { return p.item }

func (p *clientFollowUpsPart) show(c data.Client) {
	p.client = c
	p.reload()
}

func (p *clientFollowUpsPart) reload() {
	p.rows = nil
	if p.client.ID == 0 {
		p.add.Disable()
	} else {
		p.add.Enable()
		fs, err := p.u.store.ClientFollowUps(p.u.ctx, p.client.ID)
		if err != nil {
			p.u.showError("Loading the follow-ups", err)
		}
		now := p.u.store.Now()
		open := 0
		for _, f := range fs {
			p.rows = append(p.rows, followUpRow{f: f, done: f.Done(), bucket: data.BucketOf(f.Due, now)})
			if !f.Done() {
				open++
			}
		}
		p.item.Text = fmt.Sprintf("Follow-ups (%d)", open)
	}
	if p.client.ID == 0 {
		p.item.Text = "Follow-ups"
	}
	p.list.Refresh()
	if p.u.client != nil && p.u.client.tabs != nil {
		p.u.client.tabs.Refresh()
	}
}

func (p *clientFollowUpsPart) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.rows) {
		return
	}
	v := o.(*followUpRowView)
	r := p.rows[i]
	f := r.f
	v.heading.Hide()
	v.item.Show()
	text := f.What
	if f.Channel != "" {
		text += " (" + f.Channel + ")"
	}
	text = f.Source.Label() + ": " + text
	if r.done {
		text = "✓ " + text
		if f.DoneNote != "" {
			text += " — " + f.DoneNote
		}
	}
	v.text.SetText(text)
	v.due.SetText(dueText(f.Due))
	v.due.Importance = widget.MediumImportance
	v.bg.FillColor = withAlpha(theme.Color(theme.ColorNameBackground), 0)
	if !r.done && r.bucket == data.Overdue {
		v.due.Importance = widget.DangerImportance
		v.bg.FillColor = withAlpha(theme.Color(theme.ColorNameError), 0x30)
	}
	v.due.Refresh()
	v.bg.Refresh()
	v.open.Hide()
	v.done.Hidden, v.snooze.Hidden, v.undo.Hidden = r.done, r.done, !r.done
	v.buttons.Refresh()
	v.onDone = func() { p.u.askDone(f, func(note string, h float64) { p.u.markDone(f, note, h) }) }
	v.onSnooze = func() { p.u.showSnoozeMenu(v.snooze, f, func(t time.Time) { p.u.snooze(f, t) }) }
	v.onUndo = func() {
		dialog.ShowConfirm("Reopen follow-up", "Mark \""+f.What+"\" as not done? Its note is taken off the timeline.", func(ok bool) {
			if !ok {
				return
			}
			if _, err := p.u.store.UndoDone(p.u.ctx, f.ID); err != nil {
				p.u.showError("Reopening the follow-up", err)
				return
			}
			p.u.followUpsChanged()
		}, p.u.win)
	}
}
