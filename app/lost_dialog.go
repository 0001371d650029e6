package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// lostDialog asks why and when a client was lost.
type lostDialog struct {
	deps
	client  data.Client
	reasons []data.LossReason
	day     *dateEntry
	reason  *widget.Select
	story   *widget.Entry
	exit    *widget.Check
	exitBy  *widget.Entry
	mailing *widget.Check
	tenure  *widget.Label
	ok      *widget.Button
	d       *dialog.CustomDialog
	done    func()
}

// askLost shows the "Mark as lost" dialog for c; done runs after the loss is saved.
func (d deps) askLost(c data.Client, done func()) *lostDialog {
	reasons, err := d.store.LossReasons(d.ctx)
	if err != nil {
		d.showError("Loading the reasons", err)
		return nil
	}
	l := &lostDialog{deps: d, client: c, reasons: reasons, done: done}
	var names []string
	for _, r := range reasons {
		names = append(names, r.Name)
	}
	l.day = newDateEntry()
	l.day.set(data.DateOf(d.store.Now().Local()))
	l.reason = widget.NewSelect(names, func(string) { l.update() })
	l.reason.PlaceHolder = "Choose a reason"
	l.story = widget.NewMultiLineEntry()
	l.story.Wrapping = fyne.TextWrapWord
	l.story.SetMinRowsVisible(4)
	l.story.PlaceHolder = "What happened, in your words and theirs"
	l.exitBy = widget.NewEntry()
	l.exitBy.PlaceHolder = "Who holds it (ideally someone the client did not deal with)"
	l.exitBy.Disable()
	l.exit = widget.NewCheck("Exit interview planned", func(on bool) {
		if on {
			l.exitBy.Enable()
		} else {
			l.exitBy.Disable()
		}
	})
	l.mailing = widget.NewCheck("Keep them on the mailing list", nil)
	l.mailing.SetChecked(true)
	l.tenure = widget.NewLabel("")
	l.day.OnChanged = func(*time.Time) { l.update() }
	editReasons := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		d.editLossReasons(func() { l.reloadReasons() })
	})
	form := widget.NewForm(
		widget.NewFormItem("Lost on", l.day),
		widget.NewFormItem("Relationship", l.tenure),
		&widget.FormItem{Text: "Reason", Widget: container.NewBorder(nil, nil, nil, editReasons, l.reason)},
		widget.NewFormItem("Story", l.story),
		widget.NewFormItem("", l.exit),
		widget.NewFormItem("Exit interview by", l.exitBy),
		widget.NewFormItem("", l.mailing),
	)
	l.d = dialog.NewCustomWithoutButtons("Mark "+c.Name+" as lost", form, d.win)
	cancel := widget.NewButton("Cancel", func() { l.d.Hide() })
	l.ok = widget.NewButtonWithIcon("Mark as lost", theme.ConfirmIcon(), l.onOK)
	l.ok.Importance = widget.DangerImportance
	l.d.SetButtons([]fyne.CanvasObject{cancel, l.ok})
	l.d.Resize(dialogSize(d.win, fyne.NewSize(620, 520)))
	l.update()
	l.d.Show()
	return l
}

func (l *lostDialog) reloadReasons() {
	rs, err := l.store.LossReasons(l.ctx)
	if err != nil {
		l.showError("Loading the reasons", err)
		return
	}
	l.reasons = rs
	var names []string
	for _, r := range rs {
		names = append(names, r.Name)
	}
	l.reason.SetOptions(names)
}

// update recomputes the tenure and whether the dialog can be confirmed.
func (l *lostDialog) update() {
	start := l.client.Since
	if start.IsZero() {
		start = data.DateOf(l.client.Created)
	}
	day := l.day.value()
	if day.IsZero() {
		l.tenure.SetText("choose the day they left")
	} else {
		l.tenure.SetText("Client since " + currentFormats().date(start) + ": " + data.TenureBetween(start, day).String())
	}
	if l.ok == nil {
		return
	}
	if day.IsZero() || l.reason.Selected == "" {
		l.ok.Disable()
	} else {
		l.ok.Enable()
	}
}

func (l *lostDialog) onOK() {
	loss := data.Loss{ClientID: l.client.ID, LostOn: l.day.value(), Story: strings.TrimSpace(l.story.Text),
		ExitInterview: l.exit.Checked, ExitBy: strings.TrimSpace(l.exitBy.Text), KeepMailing: l.mailing.Checked}
	for _, r := range l.reasons {
		if r.Name == l.reason.Selected {
			loss.ReasonID = r.ID
		}
	}
	if _, err := l.store.MarkLost(l.ctx, loss); err != nil {
		// The dialog stays open with everything typed.
		l.showError("Marking the client lost", err)
		return
	}
	l.d.Hide()
	if l.done != nil {
		l.done()
	}
}

// editLossReasons lets the user add, rename and remove reasons; changed runs after each edit.
func (d deps) editLossReasons(changed func()) {
	var reasons []data.LossReason
	var selected = -1
	list := widget.NewList(func() int { return len(reasons) }, func() fyne.CanvasObject { return widget.NewLabel("moved to competitor") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(reasons[i].Name) })
	name := widget.NewEntry()
	name.PlaceHolder = "Reason"
	load := func() {
		var err error
		if reasons, err = d.store.LossReasons(d.ctx); err != nil {
			d.showError("Loading the reasons", err)
		}
		selected = -1
		list.UnselectAll()
		list.Refresh()
		if changed != nil {
			changed()
		}
	}
	list.OnSelected = func(i widget.ListItemID) { selected = i; name.SetText(reasons[i].Name) }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() {
		if _, err := d.store.AddLossReason(d.ctx, name.Text); err != nil {
			d.showError("Adding the reason", err)
			return
		}
		name.SetText("")
		load()
	})
	rename := widget.NewButton("Rename", func() {
		if selected < 0 {
			return
		}
		if err := d.store.RenameLossReason(d.ctx, reasons[selected].ID, name.Text); err != nil {
			d.showError("Renaming the reason", err)
			return
		}
		load()
	})
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
		if selected < 0 {
			return
		}
		if err := d.store.DeleteLossReason(d.ctx, reasons[selected].ID); err != nil {
			d.showError("Removing the reason", err)
			return
		}
		name.SetText("")
		load()
	})
	load()
	content := container.NewBorder(nil, container.NewBorder(nil, nil, nil, container.NewHBox(add, rename, remove), name), nil, nil, list)
	dlg := dialog.NewCustom("Reasons clients leave", "Close", content, d.win)
	dlg.Resize(dialogSize(d.win, fyne.NewSize(520, 460)))
	dlg.Show()
}
