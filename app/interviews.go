package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

const (
	sectionInterviews  = "Interviews"
	allInterviews      = "All"
	notConfirmedFilter = "Not confirmed"
	interviewListLimit = 1000
)

// interviewsScreen lists complaints by outcome and restate state and holds the wizard.
type interviewsScreen struct {
	deps
	wizard     *interviewScreen // built when the first interview is opened
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
		u.interviews = newInterviewsScreen(u.deps)
	}
	return u.interviews.view
}

func newInterviewsScreen(d deps) *interviewsScreen {
	s := &interviewsScreen{deps: d}
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
			s.showInterview(s.complaints[i].ID)
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

// reload asks the store for the interviews listed, off the UI thread.
func (s *interviewsScreen) reload() <-chan struct{} {
	done := make(chan struct{})
	if s.list == nil || s.filter == nil {
		close(done)
		return done // still being built
	}
	var f data.ComplaintFilter
	switch sel := s.filter.Selected; sel {
	case allInterviews:
	case notConfirmedFilter:
		f.Restate = data.RestateNotConfirmed
	default:
		f.Outcome, _ = data.OutcomeFromLabel(sel)
	}
	sel := s.filter.Selected
	return fetch(s.deps, "Loading the interviews", func() ([]data.Complaint, error) {
		return s.store.ListComplaints(s.ctx, f, interviewListLimit)
	}, func() bool { return sel != s.filter.Selected }, func(ks []data.Complaint) {
		s.complaints = ks
		if len(s.complaints) == interviewListLimit {
			s.count.SetText(fmt.Sprintf("latest %d", interviewListLimit))
		} else {
			s.count.SetText(plural(len(s.complaints), "interview", "interviews"))
		}
		s.list.Refresh()
	})
}

// changed asks again when a complaint or a client's name changed, and tells the
// interview open in the wizard.
func (s *interviewsScreen) changed(n data.Notice) {
	if n.Has(data.ChangedComplaint) || n.Has(data.ChangedClient) {
		s.reload()
	}
	if s.wizard != nil && s.wizardShown() {
		s.wizard.changed(n)
	}
}

// wizardShown reports whether an interview is open rather than the list.
func (s *interviewsScreen) wizardShown() bool {
	return s.wizard != nil && len(s.view.Objects) == 1 && s.view.Objects[0] == s.wizard.view
}

// flush writes what is typed in the interview now (before leaving it).
func (s *interviewsScreen) flush() {
	if s.wizard != nil {
		s.wizard.flush()
	}
}

// open shows the wizard on complaint id.
func (s *interviewsScreen) open(id int64) {
	if s.wizard == nil {
		s.wizard = newInterviewScreen(s.deps, s.showList)
	}
	s.wizard.open(id, func(err error) {
		if err != nil {
			s.showError("Opening the interview", err)
			return
		}
		s.view.Objects = []fyne.CanvasObject{s.wizard.view}
		s.view.Refresh()
	})
}

func (s *interviewsScreen) createRow() fyne.CanvasObject {
	title := newCutLabelWithStyle("Client · started", fyne.TextStyle{Bold: true})
	gist := newCutLabel("gist")
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
	mid.Objects[0].(*cutLabel).SetText(fmt.Sprintf("%s · complaint %d · started %s", k.ClientName, k.ID, shortDate(k.Created)))
	mid.Objects[1].(*cutLabel).SetText(complaintGist(k))
	restate, outcome := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
	setLabel(restate, k.RestateState.Label(), restateImportance(k.RestateState))
	setLabel(outcome, k.Outcome.Label(), widget.MediumImportance)
}

// complaintGist is one line saying what the complaint is about.
func complaintGist(k data.Complaint) string {
	switch {
	case k.Record != "":
		return oneLine(letters.StripLeadIn("", k.Record)) // what the client said, not "So what I'm hearing is"
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

// onStartInterview opens a new complaint for a client without an alert.
func (d deps) onStartInterview(clientID int64) {
	k, err := d.store.StartComplaint(d.ctx, clientID, 0)
	if err != nil {
		d.showError("Starting the interview", err)
		return
	}
	d.showInterview(k.ID)
}

// complaintsPart is the client file's "Alerts & complaints" tab.
type complaintsPart struct {
	deps
	client     data.Client
	item       *container.TabItem
	logAlert   *widget.Button
	start      *widget.Button
	alertsBox  *fyne.Container
	complaints *fyne.Container
	promises   *widget.Label // the share of promises to this client kept on time
}

func newComplaintsPart(d deps) *complaintsPart {
	p := &complaintsPart{deps: d, alertsBox: container.NewVBox(), complaints: container.NewVBox(), promises: widget.NewLabel("")}
	p.promises.Wrapping = fyne.TextWrapWord
	p.logAlert = widget.NewButtonWithIcon("Log red alert", theme.WarningIcon(), func() { p.onLogAlert(p.client.ID) })
	p.logAlert.Importance = widget.DangerImportance
	p.start = widget.NewButtonWithIcon("Start interview", theme.DocumentCreateIcon(), func() { p.onStartInterview(p.client.ID) })
	body := container.NewVBox(
		container.NewHBox(p.logAlert, p.start),
		widget.NewLabelWithStyle("Red alerts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.alertsBox,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Complaints", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.complaints,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Promises", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.promises,
	)
	p.item = container.NewTabItemWithIcon("Alerts", theme.WarningIcon(), container.NewVScroll(body))
	return p
}

func (p *complaintsPart) tab() *container.TabItem { return p.item }

func (p *complaintsPart) show(c data.Client) {
	p.client = c
	p.reload()
}

// changed asks again when one of the client's alerts or complaints changed.
func (p *complaintsPart) changed(n data.Notice) {
	if n.About(data.ChangedAlerts, p.client.ID) || n.About(data.ChangedComplaint, p.client.ID) ||
		n.About(data.ChangedFollowUps, p.client.ID) {
		p.reload()
	}
}

// reload asks the store for the client's alerts and complaints, off the UI thread.
func (p *complaintsPart) reload() {
	id := p.client.ID
	if id == 0 {
		p.fill(nil, nil)
		return
	}
	var alerts []data.Alert
	var ks []data.Complaint
	var kept data.PromiseTally
	var aerr, kerr, perr error
	p.run.run(func() {
		alerts, aerr = p.store.ClientAlerts(p.ctx, id)
		ks, kerr = p.store.ListComplaints(p.ctx, data.ComplaintFilter{ClientID: id}, 200)
		kept, perr = p.store.PromiseTally(p.ctx, id, p.store.Now())
	}, func() {
		if p.client.ID != id {
			return // another client's file was opened meanwhile
		}
		if aerr != nil {
			p.showError("Loading the client's alerts", aerr)
		}
		if kerr != nil {
			p.showError("Loading the client's complaints", kerr)
		}
		if perr != nil {
			p.showError("Counting the promises kept", perr)
		}
		p.promises.SetText(documents.PromiseText(kept))
		p.promises.Importance = widget.MediumImportance
		if kept.Overdue > 0 {
			p.promises.Importance = widget.DangerImportance
		}
		p.promises.Refresh()
		p.fill(alerts, ks)
	})
}

func (p *complaintsPart) fill(alerts []data.Alert, ks []data.Complaint) {
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
	for _, a := range alerts {
		a := a
		sev := widget.NewLabelWithStyle(a.Severity.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		sev.Importance = severityImportance(a.Severity)
		text := a.Kind.Label() + " · received " + currentFormats().day(a.Received)
		if a.Open() {
			text += " · open " + ageText(p.store.Now().Sub(a.Received))
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
		btns.Add(widget.NewButton(label, func() { p.onInterviewForAlert(a) }))
		if a.Open() {
			btns.Add(widget.NewButton("Resolve…", func() { p.onResolveAlert(a) }))
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
			container.NewHBox(state, widget.NewButton("Open", func() { p.showInterview(k.ID) })), lbl))
	}
	if len(ks) == 0 {
		p.complaints.Add(hint("No complaints."))
	}
	p.alertsBox.Refresh()
	p.complaints.Refresh()
}
