package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

const (
	sectionInterviews  = "Interviews"
	allInterviews      = "All"
	notConfirmedFilter = "Not confirmed"
	interviewListLimit = 1000
)

// interviewsScreen lists complaints by outcome and restate state and holds the wizard.
type interviewsScreen struct {
	u          *UI
	filter     *widget.Select
	count      *widget.Label
	list       *widget.List
	complaints []data.Complaint
	listView   fyne.CanvasObject
	view       *fyne.Container // the list, or the wizard when one is open
}

// interviewsView builds the Interviews screen when it is first shown.
func (u *UI) interviewsView() fyne.CanvasObject {
	if u.interviews == nil {
		u.interviews = newInterviewsScreen(u)
	}
	return u.interviews.view
}

func newInterviewsScreen(u *UI) *interviewsScreen {
	s := &interviewsScreen{u: u}
	opts := []string{allInterviews}
	for _, o := range data.Outcomes() {
		opts = append(opts, o.Label())
	}
	opts = append(opts, notConfirmedFilter)
	s.count = widget.NewLabel("")
	s.list = widget.NewList(func() int { return len(s.complaints) }, s.createRow, s.updateRow)
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.Unselect(i)
		if i < len(s.complaints) {
			u.openInterview(s.complaints[i].ID)
		}
	}
	s.filter = widget.NewSelect(opts, func(string) { s.reload() })
	s.filter.SetSelected(data.OutcomeOpen.Label())
	filter := container.NewGridWrap(fyne.NewSize(240, s.filter.MinSize().Height), s.filter)
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Show"), filter), s.count)
	s.listView = container.NewBorder(top, nil, nil, nil, s.list)
	s.view = container.NewStack(s.listView)
	return s
}

func (s *interviewsScreen) reload() {
	if s.list == nil || s.filter == nil {
		return
	}
	var f data.ComplaintFilter
	switch sel := s.filter.Selected; sel {
	case allInterviews:
	case notConfirmedFilter:
		f.Restate = data.RestateNotConfirmed
	default:
		f.Outcome, _ = data.OutcomeFromLabel(sel)
	}
	var err error
	s.complaints, err = s.u.store.ListComplaints(s.u.ctx, f, interviewListLimit)
	if err != nil {
		s.u.showError("Loading the interviews", err)
	}
	if len(s.complaints) == interviewListLimit {
		s.count.SetText(fmt.Sprintf("latest %d", interviewListLimit))
	} else {
		s.count.SetText(plural(len(s.complaints), "interview", "interviews"))
	}
	s.list.Refresh()
}

func (s *interviewsScreen) createRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Client · started", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	gist := widget.NewLabel("gist")
	gist.Truncation = fyne.TextTruncateEllipsis
	restate := widget.NewLabel("Ended as not confirmed")
	outcome := widget.NewLabel("Resolved and retained")
	return container.NewBorder(nil, nil, nil, container.NewHBox(restate, outcome), container.NewVBox(title, gist))
}

func (s *interviewsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.complaints) {
		return
	}
	k := s.complaints[i]
	row := o.(*fyne.Container)
	mid, right := row.Objects[0].(*fyne.Container), row.Objects[1].(*fyne.Container)
	mid.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · complaint %d · started %s", k.ClientName, k.ID, shortDate(k.Created)))
	mid.Objects[1].(*widget.Label).SetText(complaintGist(k))
	restate, outcome := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
	restate.SetText(k.RestateState.Label())
	restate.Importance = restateImportance(k.RestateState)
	restate.Refresh()
	outcome.SetText(k.Outcome.Label())
}

// complaintGist is one line saying what the complaint is about.
func complaintGist(k data.Complaint) string {
	switch {
	case k.Record != "":
		return oneLine(k.Record)
	case k.RestateState == data.RestateNotConfirmed:
		return "Not confirmed: " + oneLine(k.RestateReason)
	case k.Account != "":
		return "Client's account: " + oneLine(k.Account)
	}
	return "Nothing recorded yet"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func restateImportance(s data.RestateState) widget.Importance {
	switch s {
	case data.RestateConfirmed:
		return widget.SuccessImportance
	case data.RestateNotConfirmed:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// showList leaves the wizard for the list.
func (s *interviewsScreen) showList() {
	s.reload()
	s.view.Objects = []fyne.CanvasObject{s.listView}
	s.view.Refresh()
}

// openInterview shows the wizard for complaint id in the Interviews section.
func (u *UI) openInterview(id int64) {
	u.guard(func() {
		u.showSection(u.sectionIndex(sectionInterviews))
		if u.interview == nil {
			u.interview = newInterviewScreen(u)
		}
		if err := u.interview.open(id); err != nil {
			u.showError("Opening the interview", err)
			return
		}
		u.interviews.view.Objects = []fyne.CanvasObject{u.interview.view}
		u.interviews.view.Refresh()
	})
}

// onStartInterview opens a new complaint for a client without an alert.
func (u *UI) onStartInterview(clientID int64) {
	k, err := u.store.StartComplaint(u.ctx, clientID, 0)
	if err != nil {
		u.showError("Starting the interview", err)
		return
	}
	u.refreshAlertViews()
	u.openInterview(k.ID)
}

// complaintsPart is the client file's "Alerts & complaints" tab.
type complaintsPart struct {
	u          *UI
	client     data.Client
	item       *container.TabItem
	logAlert   *widget.Button
	start      *widget.Button
	alertsBox  *fyne.Container
	complaints *fyne.Container
}

func newComplaintsPart(u *UI) *complaintsPart {
	p := &complaintsPart{u: u, alertsBox: container.NewVBox(), complaints: container.NewVBox()}
	p.logAlert = widget.NewButtonWithIcon("Log red alert", theme.WarningIcon(), func() { u.onLogAlert(p.client.ID) })
	p.logAlert.Importance = widget.DangerImportance
	p.start = widget.NewButtonWithIcon("Start interview", theme.DocumentCreateIcon(), func() { u.onStartInterview(p.client.ID) })
	body := container.NewVBox(
		container.NewHBox(p.logAlert, p.start),
		widget.NewLabelWithStyle("Red alerts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.alertsBox,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Complaints", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.complaints,
	)
	p.item = container.NewTabItemWithIcon("Alerts & complaints", theme.WarningIcon(), container.NewVScroll(body))
	return p
}

func (p *complaintsPart) tab() *container.TabItem { return p.item }

func (p *complaintsPart) show(c data.Client) {
	p.client = c
	p.reload()
}

func (p *complaintsPart) reload() {
	p.alertsBox.RemoveAll()
	p.complaints.RemoveAll()
	if p.client.ID == 0 {
		p.logAlert.Disable()
		p.start.Disable()
		p.alertsBox.Add(hint("Save the client first."))
		p.alertsBox.Refresh()
		p.complaints.Refresh()
		return
	}
	p.logAlert.Enable()
	p.start.Enable()
	alerts, err := p.u.store.ClientAlerts(p.u.ctx, p.client.ID)
	if err != nil {
		p.u.showError("Loading the client's alerts", err)
	}
	ks, err := p.u.store.ListComplaints(p.u.ctx, data.ComplaintFilter{ClientID: p.client.ID}, 200)
	if err != nil {
		p.u.showError("Loading the client's complaints", err)
	}
	open := 0
	for _, a := range alerts {
		a := a
		sev := widget.NewLabelWithStyle(a.Severity.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		sev.Importance = severityImportance(a.Severity)
		text := a.Kind.Label() + " · received " + a.Received.Local().Format("2 Jan 2006")
		if a.Open() {
			open++
			text += " · open " + ageText(p.u.store.Now().Sub(a.Received))
		} else {
			text += " · resolved after " + ageText(a.TimeToResolution())
		}
		if a.Note != "" {
			text += " · " + oneLine(a.Note)
		}
		lbl := widget.NewLabel(text)
		lbl.Truncation = fyne.TextTruncateEllipsis
		btns := container.NewHBox()
		label := "Start interview"
		if a.ComplaintID != 0 {
			label = "Open interview"
		}
		btns.Add(widget.NewButton(label, func() { p.u.onInterviewForAlert(a) }))
		if a.Open() {
			btns.Add(widget.NewButton("Resolve…", func() { p.u.onResolveAlert(a) }))
		}
		p.alertsBox.Add(container.NewBorder(nil, nil, sev, btns, lbl))
	}
	if len(alerts) == 0 {
		p.alertsBox.Add(hint("No red alerts."))
	}
	for _, k := range ks {
		k := k
		lbl := widget.NewLabel(fmt.Sprintf("Complaint %d · %s · %s", k.ID, shortDate(k.Created), complaintGist(k)))
		lbl.Truncation = fyne.TextTruncateEllipsis
		state := widget.NewLabel(k.RestateState.Label() + " · " + k.Outcome.Label())
		state.Importance = restateImportance(k.RestateState)
		p.complaints.Add(container.NewBorder(nil, nil, nil,
			container.NewHBox(state, widget.NewButton("Open", func() { p.u.openInterview(k.ID) })), lbl))
	}
	if len(ks) == 0 {
		p.complaints.Add(hint("No complaints."))
	}
	p.item.Text = "Alerts & complaints"
	if open > 0 {
		p.item.Text += fmt.Sprintf(" (%d open)", open)
	}
	p.alertsBox.Refresh()
	p.complaints.Refresh()
}
