package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// askFeedbackScreen lists the current clients not asked for feedback in the last N months,
// so the consultant asks regularly, before a client drifts.
type askFeedbackScreen struct {
	u      *UI
	months *widget.Select
	count  *widget.Label
	list   *widget.List
	total  int
	round  int                // numbers the reloads: only the newest count is shown
	rows   *paged[data.ToAsk] // on 100,000 clients a sorted page takes 0.2-0.6 s
	view   fyne.CanvasObject
}

var feedbackMonthChoices = []int{3, 6, 12, 24}

func newAskFeedbackScreen(u *UI) *askFeedbackScreen {
	s := &askFeedbackScreen{u: u, rows: newPaged[data.ToAsk](u, "Listing the clients to ask")}
	var opts []string
	for _, m := range feedbackMonthChoices {
		opts = append(opts, strconv.Itoa(m)+" months")
	}
	s.months = widget.NewSelect(opts, nil)
	cur, err := u.store.FeedbackMonths(u.ctx)
	if err != nil {
		u.showError("Reading the settings", err)
	}
	s.months.SetSelected(strconv.Itoa(cur) + " months")
	if s.months.Selected == "" {
		s.months.PlaceHolder = strconv.Itoa(cur) + " months"
	}
	s.months.OnChanged = s.onMonths
	s.count = widget.NewLabel("Counting…")
	s.list = widget.NewList(func() int { return s.total }, s.createRow, s.updateRow)
	s.rows.list = s.list
	s.list.OnSelected = func(i widget.ListItemID) { s.list.Unselect(i) }
	title := widget.NewLabelWithStyle("Ask for feedback", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	hint := widget.NewLabel("Clients you have not asked how you are doing. Ask them before they drift away; record the answer in their file.")
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, title,
		container.NewHBox(widget.NewLabel("Ask every"), s.months, s.count)), hint)
	s.view = container.NewBorder(top, nil, nil, nil, s.list)
	s.reload()
	return s
}

func (s *askFeedbackScreen) monthsValue() int {
	for i, m := range feedbackMonthChoices {
		if s.months.SelectedIndex() == i {
			return m
		}
	}
	n, _ := s.u.store.FeedbackMonths(s.u.ctx)
	return n
}

func (s *askFeedbackScreen) onMonths(string) {
	if err := s.u.store.SetSetting(s.u.ctx, data.SettingFeedbackMonths, strconv.Itoa(s.monthsValue())); err != nil {
		s.u.showError("Saving the setting", err)
	}
	s.reload()
}

// reload counts the clients to ask again, off the UI thread (half a second on 100,000
// clients), and then shows the list; the channel closes when it is shown.
func (s *askFeedbackScreen) reload() <-chan struct{} {
	s.round++
	round, months := s.round, s.monthsValue()
	ctx, store := s.u.ctx, s.u.store
	now := store.Now()
	var n int
	var err error
	return s.u.background(func() { n, err = store.CountToAsk(ctx, months, now) }, func() {
		if round != s.round {
			return
		}
		if err != nil {
			s.u.showError("Counting the clients to ask", err)
		}
		s.total = n
		s.rows.reset(func(offset, limit int) ([]data.ToAsk, error) {
			return store.ClientsToAsk(ctx, months, now, offset, limit)
		})
		s.count.SetText(plainCount(n, "client to ask", "clients to ask"))
		s.list.Refresh()
	})
}

func (s *askFeedbackScreen) at(i int) (data.ToAsk, bool) { return s.rows.at(i) }

type askRow struct {
	widget.BaseWidget
	name, last    *widget.Label
	open, asked   *widget.Button
	content       fyne.CanvasObject
	onOpen, onAsk func()
}

func (r *askRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (s *askFeedbackScreen) createRow() fyne.CanvasObject {
	r := &askRow{name: widget.NewLabel("Client name · Company"), last: widget.NewLabel("last asked 1 Jan 2026")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.open = widget.NewButtonWithIcon("", theme.AccountIcon(), func() {
		if r.onOpen != nil {
			r.onOpen()
		}
	})
	r.asked = widget.NewButtonWithIcon("Asked…", theme.MailSendIcon(), func() {
		if r.onAsk != nil {
			r.onAsk()
		}
	})
	r.content = container.NewBorder(nil, nil, nil, container.NewHBox(r.last, r.open, r.asked), r.name)
	r.ExtendBaseWidget(r)
	return r
}

func (s *askFeedbackScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*askRow)
	t, ok := s.at(i)
	if !ok {
		r.name.SetText("")
		r.last.SetText("")
		r.onOpen, r.onAsk = nil, nil
		return
	}
	text := t.Client.Name
	if t.Client.Company != "" {
		text += " · " + t.Client.Company
	}
	r.name.SetText(text + " (" + t.Client.Status.Label() + ")")
	if t.LastAsked.IsZero() {
		r.last.SetText("never asked")
	} else {
		r.last.SetText(fmt.Sprintf("last asked %s", t.LastAsked.Format("2 Jan 2006")))
	}
	c := t.Client
	r.onOpen = func() { s.u.showClient(c.ID) }
	r.onAsk = func() { s.u.askFeedback(c, data.Feedback{}, func() { s.reload() }) }
}

func (u *UI) askFeedbackView() fyne.CanvasObject {
	u.askFb = newAskFeedbackScreen(u)
	return u.askFb.view
}
