package app

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// askFeedbackScreen lists the current clients not asked for feedback in the last N months,
// so the consultant asks regularly, before a client drifts. The list is as it stood when
// the screen was shown: a client asked meanwhile keeps its row (marked asked), so rows
// never move under the pointer, and the highlight stays on the same client, by ID.
type askFeedbackScreen struct {
	deps
	months   *widget.Select
	count    *widget.Label
	list     *widget.List
	total    int
	round    int                // numbers the reloads: only the newest count is shown
	rows     *paged[data.ToAsk] // on 100,000 clients a sorted page takes 0.2-0.6 s
	since    time.Time          // the list is as it stood then
	selected int64              // the client highlighted, 0 for none
	ids      map[int]int64      // row -> client ID of what is shown
	view     fyne.CanvasObject

	lastAsked *feedbackForm // for tests
}

func feedbackMonthChoices() [4]int { return [4]int{3, 6, 12, 24} }

func newAskFeedbackScreen(d deps) *askFeedbackScreen {
	s := &askFeedbackScreen{deps: d, rows: newPaged[data.ToAsk](d, "Listing the clients to ask"), ids: map[int]int64{}}
	var opts []string
	for _, m := range feedbackMonthChoices() {
		opts = append(opts, strconv.Itoa(m)+" months")
	}
	s.months = widget.NewSelect(opts, nil)
	cur, err := d.store.FeedbackMonths(d.ctx)
	if err != nil {
		d.showError("Reading the settings", err)
	}
	s.months.SetSelected(strconv.Itoa(cur) + " months")
	if s.months.Selected == "" {
		s.months.PlaceHolder = strconv.Itoa(cur) + " months"
	}
	s.months.OnChanged = s.onMonths
	s.count = widget.NewLabel("Counting…")
	s.list = widget.NewList(func() int { return s.total }, s.createRow, s.updateRow)
	s.rows.list = s.list
	s.list.OnSelected = func(i widget.ListItemID) {
		if id, ok := s.ids[i]; ok {
			s.selected = id
		}
	}
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
	for i, m := range feedbackMonthChoices() {
		if s.months.SelectedIndex() == i {
			return m
		}
	}
	n, err := s.store.FeedbackMonths(s.ctx)
	if err != nil {
		s.showError("Reading the settings", err)
	}
	return n
}

func (s *askFeedbackScreen) onMonths(string) {
	if err := s.store.SetSetting(s.ctx, data.SettingFeedbackMonths, strconv.Itoa(s.monthsValue())); err != nil {
		s.showError("Saving the setting", err)
	}
	s.reload()
}

// reload lists the clients to ask afresh, as they stand now.
func (s *askFeedbackScreen) reload() <-chan struct{} {
	s.since = s.store.Now()
	return s.ask()
}

// changed asks the store again when feedback or a client changed, keeping the list as
// it stood when it was shown.
func (s *askFeedbackScreen) changed(n data.Notice) {
	if n.Has(data.ChangedFeedback) || n.Has(data.ChangedClient) {
		s.ask()
	}
}

// ask counts the clients to ask again, off the UI thread (half a second on 100,000
// clients), and then shows the list; the channel closes when it is shown.
func (s *askFeedbackScreen) ask() <-chan struct{} {
	s.round++
	round, months, since := s.round, s.monthsValue(), s.since
	ctx, store := s.ctx, s.store
	now := store.Now()
	var n int
	var err error
	return s.run.run(func() { n, err = store.CountToAskSince(ctx, months, now, since) }, func() {
		if round != s.round {
			return
		}
		if err != nil {
			s.showError("Counting the clients to ask", err)
		}
		s.total = n
		s.rows.reset(func(offset, limit int) ([]data.ToAsk, error) {
			return store.ClientsToAskSince(ctx, months, now, since, offset, limit)
		})
		s.ids = map[int]int64{}
		s.count.SetText(plainCount(n, "client to ask", "clients to ask"))
		s.list.UnselectAll()
		s.list.Refresh()
	})
}

func (s *askFeedbackScreen) at(i int) (data.ToAsk, bool) { return s.rows.at(i) }

type askRow struct {
	widget.BaseWidget
	name          *cutLabel
	last          *widget.Label
	open, asked   *widget.Button
	email         *widget.Button
	content       fyne.CanvasObject
	onOpen, onAsk func()
	onEmail       func()
}

func (r *askRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (s *askFeedbackScreen) createRow() fyne.CanvasObject {
	r := &askRow{name: newCutLabel("Client name · Company"), last: widget.NewLabel("last asked 1 Jan 2026")}
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
	r.email = widget.NewButtonWithIcon("Email…", theme.MailComposeIcon(), func() {
		if r.onEmail != nil {
			r.onEmail()
		}
	})
	r.content = container.NewBorder(nil, nil, nil, container.NewHBox(r.last, r.open, r.email, r.asked), r.name)
	r.ExtendBaseWidget(r)
	return r
}

func (s *askFeedbackScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*askRow)
	t, ok := s.at(i)
	if !ok {
		delete(s.ids, i)
		r.name.SetText("")
		r.last.SetText("")
		r.onOpen, r.onAsk, r.onEmail = nil, nil, nil
		return
	}
	s.ids[i] = t.Client.ID
	if t.Client.ID == s.selected {
		s.list.Select(i)
	}
	text := t.Client.Name
	if t.Client.Company != "" {
		text += " · " + t.Client.Company
	}
	r.name.SetText(text + " (" + t.Client.Status.Label() + ")")
	switch {
	case !t.AskedSince.IsZero():
		r.last.SetText("✓ asked " + currentFormats().date(t.AskedSince))
	case t.LastAsked.IsZero():
		r.last.SetText("never asked")
	default:
		r.last.SetText(fmt.Sprintf("last asked %s", currentFormats().date(t.LastAsked)))
	}
	c := t.Client
	r.onOpen = func() { s.showClient(c.ID) }
	r.onAsk = func() {
		s.selected = c.ID
		s.list.Select(i)
		s.lastAsked = s.askFeedback(c, data.Feedback{}, nil)
	}
	r.onEmail = func() {
		s.selected = c.ID
		s.list.Select(i)
		s.emailFeedbackRequest(c)
	}
}

func (u *UI) askFeedbackView() fyne.CanvasObject {
	u.askFb = newAskFeedbackScreen(u.deps)
	return u.askFb.view
}
