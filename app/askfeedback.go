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
	pages  map[int][]data.ToAsk
	view   fyne.CanvasObject
}

var feedbackMonthChoices = []int{3, 6, 12, 24}

func newAskFeedbackScreen(u *UI) *askFeedbackScreen {
	s := &askFeedbackScreen{u: u, pages: map[int][]data.ToAsk{}}
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
	s.count = widget.NewLabel("")
	s.list = widget.NewList(func() int { return s.total }, s.createRow, s.updateRow)
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

func (s *askFeedbackScreen) reload() {
	if s.list == nil {
		return
	}
	s.pages = map[int][]data.ToAsk{}
	var err error
	s.total, err = s.u.store.CountToAsk(s.u.ctx, s.monthsValue(), s.u.store.Now())
	if err != nil {
		s.u.showError("Counting the clients to ask", err)
	}
	s.count.SetText(plainCount(s.total, "client to ask", "clients to ask"))
	s.list.Refresh()
}

func (s *askFeedbackScreen) at(i int) (data.ToAsk, bool) {
	p := i / pageSize
	page, ok := s.pages[p]
	if !ok {
		var err error
		page, err = s.u.store.ClientsToAsk(s.u.ctx, s.monthsValue(), s.u.store.Now(), p*pageSize, pageSize)
		if err != nil {
			return data.ToAsk{}, false
		}
		s.pages[p] = page
	}
	if j := i % pageSize; j < len(page) {
		return page[j], true
	}
	return data.ToAsk{}, false
}

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
	r.onAsk = func() { s.u.askFeedback(c, data.Feedback{}, s.reload) }
}

func (u *UI) askFeedbackView() fyne.CanvasObject {
	u.askFb = newAskFeedbackScreen(u)
	return u.askFb.view
}
