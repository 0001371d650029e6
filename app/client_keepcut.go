package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// keepCutPart is the Keep or cut tab of the client file: what the client brings against
// what keeping them costs, the trend and a plain recommendation. Nothing is automatic:
// "Let go" and "Mark as lost" ask first.
type keepCutPart struct {
	deps
	client  data.Client
	verdict *widget.Label
	reasons *widget.Label
	figures *widget.Label
	rate    *widget.Label
	trend   *chart
	setRate *widget.Button
	letGo   *widget.Button
	lost    *widget.Button
	item    *container.TabItem
	result  data.KeepOrCut

	lastLost *lostDialog // for tests
}

func newKeepCutPart(d deps) *keepCutPart {
	p := &keepCutPart{deps: d}
	p.verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.verdict.SizeName = theme.SizeNameSubHeadingText
	p.verdict.Wrapping = fyne.TextWrapWord
	p.reasons = widget.NewLabel("")
	p.reasons.Wrapping = fyne.TextWrapWord
	p.figures = widget.NewLabel("")
	p.figures.Wrapping = fyne.TextWrapWord
	p.rate = widget.NewLabel("")
	p.rate.Wrapping = fyne.TextWrapWord
	p.trend = newChart(barChart, nil)
	p.trend.minH = 180
	p.setRate = widget.NewButtonWithIcon("Hourly rate…", theme.SettingsIcon(), p.onSetRate)
	p.lost = widget.NewButtonWithIcon("Mark as lost…", theme.VisibilityOffIcon(), func() {
		p.lastLost = p.askLost(p.client, nil)
	})
	p.letGo = widget.NewButtonWithIcon("Let go…", theme.LogoutIcon(), p.onLetGo)
	p.letGo.Importance = widget.DangerImportance
	actions := container.New(&wrapLayout{}, p.setRate, p.lost, p.letGo)
	body := container.NewVBox(p.verdict, p.reasons, widget.NewSeparator(), p.figures, p.rate,
		wrapped(widget.NewLabelWithStyle("Cost of keeping them, month by month", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), p.trend)
	p.item = container.NewTabItemWithIcon("Keep or cut", theme.QuestionIcon(),
		container.NewBorder(nil, actions, nil, nil, container.NewVScroll(container.NewPadded(body))))
	return p
}

func (p *keepCutPart) tab() *container.TabItem { return p.item }

func (p *keepCutPart) show(c data.Client) {
	p.client = c
	p.reload()
}

func (p *keepCutPart) reload() {
	if p.client.ID == 0 {
		p.verdict.SetText("Save the client first.")
		p.reasons.SetText("")
		p.figures.SetText("")
		p.rate.SetText("")
		p.trend.set(nil)
		p.letGo.Disable()
		p.lost.Disable()
		return
	}
	id := p.client.ID
	var in data.KeepOrCutInput
	var err error
	p.run.run(func() { in, err = p.store.KeepOrCutInputFor(p.ctx, id, p.store.Now()) }, func() {
		if p.client.ID != id {
			return
		}
		if err != nil {
			p.showError("Working out keep or cut", err)
			return
		}
		p.fill(in)
	})
}

// changed works it out again when what it weighs changed: the client's income or
// status, their follow-ups (hours), complaints (hours, concessions) or the hourly rate.
func (p *keepCutPart) changed(n data.Notice) {
	id := p.client.ID
	if n.About(data.ChangedFollowUps, id) || n.About(data.ChangedComplaint, id) || n.Setting(data.SettingHourlyRate) {
		p.reload()
	}
}

func (p *keepCutPart) fill(in data.KeepOrCutInput) {
	money := func(v int64) string { return currentFormats().money(v, in.Currency) }
	in.Money = money
	k := data.DecideKeepOrCut(in)
	p.result = k
	p.verdict.SetText("Recommendation: " + verdictLabel(k.Verdict))
	p.reasons.SetText("• " + strings.Join(k.Reasons, "\n• "))
	hours := strings.TrimSuffix(data.FormatHours(k.Hours), " h") + " hours"
	if k.Hours == 1 {
		hours = "1 hour"
	}
	p.figures.SetText(fmt.Sprintf("Value: %s yearly income + %s from referrals = %s a year\n"+
		"Cost in the last 12 months: %s × rate = %s, concessions %s, total %s",
		money(in.YearlyIncome), money(in.ReferralIncome), money(k.Value),
		hours, money(k.HoursCost), money(k.Concessions), money(k.Cost)))
	if in.HourlyRate == 0 {
		p.rate.SetText("Your hourly rate is not set yet.")
	} else {
		p.rate.SetText("Your hourly rate: " + money(in.HourlyRate))
	}
	var labels []string
	var values []float64
	for i, m := range in.Months {
		t, _ := time.Parse("2006-01", m.Month)
		labels = append(labels, t.Format("Jan 06"))
		values = append(values, float64(k.Trend[i])/100)
	}
	p.trend.set(labels, chartSeries{name: "Cost (" + in.Currency + ")", values: values})
	closed := p.client.Status == data.StatusLost || p.client.Status == data.StatusLetGo
	if closed {
		p.letGo.Disable()
		p.lost.Disable()
	} else {
		p.letGo.Enable()
		p.lost.Enable()
	}
}

// onSetRate asks for the consultant's hourly rate (a setting shared by all clients).
func (p *keepCutPart) onSetRate() {
	e := newAmountEntry()
	cur, err := p.store.HourlyRate(p.ctx)
	if err != nil {
		p.showError("Reading your hourly rate", err)
		return
	}
	e.setCents(cur)
	dialog.ShowForm("Your hourly rate", "Save", "Cancel", []*widget.FormItem{
		{Text: "Hourly rate", Widget: e, HintText: "What an hour of your time is worth to you"},
	}, func(ok bool) {
		if !ok {
			return
		}
		v, err := data.ParseMoney(e.Text)
		if err == nil {
			err = p.store.SetHourlyRate(p.ctx, v)
		}
		if err != nil {
			p.showError("Saving the hourly rate", err)
		}
	}, p.win)
}

// onLetGo asks for confirmation, with the reasons, before setting the status "let go".
func (p *keepCutPart) onLetGo() {
	c := p.client
	why := widget.NewMultiLineEntry()
	why.Wrapping = fyne.TextWrapWord
	why.SetMinRowsVisible(4)
	why.SetText(strings.Join(p.result.Reasons, "\n"))
	msg := widget.NewLabel(fmt.Sprintf("Let %s go? The status becomes \"Let go\" and your reasons go to the timeline.\n"+
		"Write them a polite closing letter so the door stays open.", c.Name))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Let the client go", "Let go", "Cancel", container.NewBorder(msg, nil, nil, nil, why), func(ok bool) {
		if !ok {
			return
		}
		if err := p.store.LetGo(p.ctx, c.ID, why.Text); err != nil {
			p.showError("Letting the client go", err)
			return
		}
		dialog.ShowConfirm("Closing letter", "Write "+c.Name+" a polite closing letter now?", func(write bool) {
			if write {
				p.openLetterEditor(letters.Closing, c.ID, 0)
			}
		}, p.win)
	}, p.win)
	d.Resize(dialogSize(p.win, fyne.NewSize(560, 360)))
	d.Show()
}
