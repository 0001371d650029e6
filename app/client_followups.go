package app

import (
	"image/color"
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
	deps
	client data.Client
	rows   []followUpRow
	list   *widget.List
	add    *widget.Button
	item   *container.TabItem
}

func newClientFollowUpsPart(d deps) *clientFollowUpsPart {
	p := &clientFollowUpsPart{deps: d}
	p.list = widget.NewList(func() int { return len(p.rows) }, func() fyne.CanvasObject { return newFollowUpRowView(true) }, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) { p.list.Unselect(i) }
	p.add = widget.NewButtonWithIcon("Add reminder…", theme.ContentAddIcon(), func() { p.askReminder(p.client) })
	p.item = container.NewTabItemWithIcon("Follow-ups", theme.CalendarIcon(),
		container.NewBorder(container.NewHBox(p.add), nil, nil, nil, p.list))
	return p
}

func (p *clientFollowUpsPart) tab() *container.TabItem { return p.item }

func (p *clientFollowUpsPart) show(c data.Client) {
	p.client = c
	p.reload()
}

// changed asks again when one of the client's follow-ups changed.
func (p *clientFollowUpsPart) changed(n data.Notice) {
	if n.About(data.ChangedFollowUps, p.client.ID) {
		p.reload()
	}
}

// reload asks the store for the client's follow-ups, off the UI thread.
func (p *clientFollowUpsPart) reload() {
	id := p.client.ID
	if id == 0 {
		p.fill(nil)
		return
	}
	fetch(p.deps, "Loading the follow-ups", func() ([]data.FollowUp, error) { return p.store.ClientFollowUps(p.ctx, id) },
		func() bool { return p.client.ID != id }, p.fill)
}

func (p *clientFollowUpsPart) fill(fs []data.FollowUp) {
	p.rows = nil
	if p.client.ID == 0 {
		p.add.Disable()
	} else {
		p.add.Enable()
		now := p.store.Now()
		for _, f := range fs {
			p.rows = append(p.rows, followUpRow{f: f, done: f.Done(), bucket: data.BucketOf(f.Due, now)})
		}
	}
	p.list.Refresh()
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
	v.bg.FillColor = color.Transparent
	if !r.done && r.bucket == data.Overdue {
		v.due.SetText(dueText(f.Due) + " · overdue") // in words, not by colour alone
		v.due.Importance = widget.DangerImportance
		v.bg.FillColor = overdueTint()
	}
	v.due.Refresh()
	v.bg.Refresh()
	v.open.Hide()
	v.done.Hidden, v.snooze.Hidden, v.undo.Hidden = r.done, r.done, !r.done
	v.buttons.Refresh()
	v.onDone = func() { p.askDone(f, func(note string, h float64) { p.markDone(f, note, h) }) }
	v.onSnooze = func() { p.showSnoozeMenu(v.snooze, f, func(t time.Time) { p.snooze(f, t) }) }
	v.onUndo = func() {
		dialog.ShowConfirm("Reopen follow-up", "Mark \""+f.What+"\" as not done? Its note is taken off the timeline.", func(ok bool) {
			if !ok {
				return
			}
			if _, err := p.store.UndoDone(p.ctx, f.ID); err != nil {
				p.showError("Reopening the follow-up", err)
			}
		}, p.win)
	}
}
