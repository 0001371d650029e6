package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// afterOutcome follows up a complaint's new outcome: resolved and retained offers the
// check-ins; lost asks why, with the reason preselected when the root cause names one.
func (d deps) afterOutcome(c data.Client, complaintID int64, before, now data.Outcome, rootCause string) {
	if now == before {
		return
	}
	switch now {
	case data.OutcomeRetained:
		d.seen.checkIns = d.offerCheckIns(c, complaintID, d.store.Now())
	case data.OutcomeLost:
		if l := d.askLost(c, nil); l != nil {
			for _, r := range l.reasons {
				if strings.EqualFold(r.Name, strings.TrimSpace(rootCause)) {
					l.reason.SetSelected(r.Name)
				}
			}
			d.seen.lost = l
		}
	}
}

// offerCheckIns is called when a client's complaint is resolved: it offers to check in
// after a week and after three months (data.DefaultCheckIns()), as follow-ups. The
// complaint screens call it once the outcome is set; complaintID may be 0.
func (d deps) offerCheckIns(c data.Client, complaintID int64, resolvedAt time.Time) *checkInOffer {
	periods := data.DefaultCheckIns()
	checks := make([]*widget.Check, len(periods))
	var items []fyne.CanvasObject
	for i, p := range periods {
		due := data.CheckInTime(p.After(resolvedAt))
		checks[i] = widget.NewCheck(fmt.Sprintf("after %s (%s)", p.Label(), currentFormats().weekdayDateTime(due)), nil)
		checks[i].SetChecked(true)
		items = append(items, checks[i])
	}
	msg := widget.NewLabel(fmt.Sprintf("The complaint of %s is resolved. Check in later to make sure it stays that way?", c.Name))
	msg.Wrapping = fyne.TextWrapWord
	o := &checkInOffer{checks: checks}
	o.d = dialog.NewCustomWithoutButtons("Check in later", container.NewVBox(append([]fyne.CanvasObject{msg}, items...)...), d.win)
	o.ok = widget.NewButton("Add follow-ups", func() {
		o.d.Hide()
		var chosen []data.Period
		for i, ch := range checks {
			if ch.Checked {
				chosen = append(chosen, periods[i])
			}
		}
		if len(chosen) == 0 {
			return
		}
		if _, err := d.store.ScheduleCheckIns(d.ctx, c.ID, complaintID, resolvedAt, chosen); err != nil {
			d.showError("Adding the check-ins", err)
		}
	})
	o.ok.Importance = widget.HighImportance
	o.d.SetButtons([]fyne.CanvasObject{widget.NewButton("No thanks", func() { o.d.Hide() }), o.ok})
	o.d.Resize(fyne.NewSize(520, 260))
	o.d.Show()
	return o
}

// checkInOffer is the open "check in later" question.
type checkInOffer struct {
	checks []*widget.Check
	ok     *widget.Button
	d      *dialog.CustomDialog
}
