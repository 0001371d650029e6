package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

const noScore = "not given"

// feedbackPart is the Feedback tab of the client file: requests and answers.
type feedbackPart struct {
	deps
	client   data.Client
	items    []data.Feedback
	list     *widget.List
	ask      *widget.Button
	answer   *widget.Button
	selected int
	item     *container.TabItem

	lastForm *feedbackForm // for tests
}

func newFeedbackPart(d deps) *feedbackPart {
	p := &feedbackPart{deps: d, selected: -1}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			return newCutLabel("Asked 1 Jan 2026 by email · answered: satisfaction 4/5")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.items[i]
			l := o.(*cutLabel)
			text := "Asked " + currentFormats().date(f.Asked)
			if f.Channel != "" {
				text += " by " + f.Channel
			}
			if f.Answered.IsZero() {
				text += " · no answer yet"
			} else {
				text += " · answered " + currentFormats().date(f.Answered) + ": " + f.Scores()
				if f.Comment != "" {
					text += " — " + strings.ReplaceAll(f.Comment, "\n", " ")
				}
			}
			imp := widget.MediumImportance
			if f.Low() {
				imp = widget.DangerImportance
			}
			setCutLabel(l, text, imp)
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.answer.SetText("Record the answer…") }
	p.ask = widget.NewButtonWithIcon("Asked for feedback…", theme.MailSendIcon(), func() {
		p.lastForm = p.askFeedback(p.client, data.Feedback{}, nil)
	})
	p.answer = widget.NewButtonWithIcon("Record an answer…", theme.DocumentCreateIcon(), func() {
		f := data.Feedback{}
		if p.selected >= 0 && p.selected < len(p.items) {
			f = p.items[p.selected]
		}
		p.lastForm = p.answerFeedback(p.client, f, nil)
	})
	p.item = container.NewTabItemWithIcon("Feedback", theme.MailComposeIcon(),
		container.NewBorder(container.NewHBox(p.ask, p.answer), nil, nil, nil, p.list))
	return p
}

func (p *feedbackPart) tab() *container.TabItem { return p.item }

func (p *feedbackPart) show(c data.Client) {
	p.client = c
	p.reload()
}

// changed asks again when the client's feedback changed.
func (p *feedbackPart) changed(n data.Notice) {
	if n.About(data.ChangedFeedback, p.client.ID) {
		p.reload()
	}
}

// reload asks the store for the client's feedback, off the UI thread.
func (p *feedbackPart) reload() {
	id := p.client.ID
	fetch(p.deps, "Loading the feedback", func() ([]data.Feedback, error) {
		if id == 0 {
			return nil, nil
		}
		return p.store.ClientFeedback(p.ctx, id)
	}, func() bool { return p.client.ID != id }, func(items []data.Feedback) {
		p.items = items
		p.selected = -1
		p.list.UnselectAll()
		p.answer.SetText("Record an answer…")
		if id == 0 {
			p.ask.Disable()
			p.answer.Disable()
		} else {
			p.ask.Enable()
			p.answer.Enable()
		}
		p.list.Refresh()
	})
}

// feedbackForm is the request-and-answer form.
type feedbackForm struct {
	asked, answered *dateEntry
	channel         *widget.SelectEntry
	satisfaction    *widget.Select
	recommend       *widget.Select
	comment         *widget.Entry
	ok              *widget.Button
	d               *dialog.CustomDialog
}

func scoreOptions(from, to int) []string {
	out := []string{noScore}
	for i := from; i <= to; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

func scoreOf(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return data.NoScore
}

func scoreText(n int) string {
	if n == data.NoScore {
		return noScore
	}
	return strconv.Itoa(n)
}

// askFeedback records that feedback was asked for (with or without the answer yet).
func (d deps) askFeedback(c data.Client, f data.Feedback, done func()) *feedbackForm {
	return d.feedbackDialog("Asked "+c.Name+" for feedback", c, f, false, done)
}

// answerFeedback records the answer to a request (or a new request answered at once).
func (d deps) answerFeedback(c data.Client, f data.Feedback, done func()) *feedbackForm {
	return d.feedbackDialog("Feedback from "+c.Name, c, f, true, done)
}

func (d deps) feedbackDialog(title string, c data.Client, f data.Feedback, withAnswer bool, done func()) *feedbackForm {
	today := data.DateOf(d.store.Now().Local())
	if f.ID == 0 {
		f = data.Feedback{ClientID: c.ID, Asked: today, Satisfaction: data.NoScore, Recommend: data.NoScore, Channel: "email"}
	}
	ff := &feedbackForm{asked: newDateEntry(), answered: newDateEntry(), channel: widget.NewSelectEntry([]string{"email", "call", "survey", "meeting"}),
		satisfaction: widget.NewSelect(scoreOptions(1, 5), nil), recommend: widget.NewSelect(scoreOptions(0, 10), nil),
		comment: widget.NewMultiLineEntry()}
	ff.asked.set(f.Asked)
	ff.channel.SetText(f.Channel)
	ff.satisfaction.SetSelected(scoreText(f.Satisfaction))
	ff.recommend.SetSelected(scoreText(f.Recommend))
	ff.comment.SetText(f.Comment)
	ff.comment.Wrapping = fyne.TextWrapWord
	ff.comment.SetMinRowsVisible(3)
	if f.Answered.IsZero() && withAnswer {
		f.Answered = today
	}
	ff.answered.set(f.Answered)
	items := []*widget.FormItem{widget.NewFormItem("Asked on", ff.asked), widget.NewFormItem("How", ff.channel)}
	if withAnswer {
		items = append(items,
			widget.NewFormItem("Answered on", ff.answered),
			&widget.FormItem{Text: "Satisfaction", Widget: ff.satisfaction, HintText: "1 very unhappy … 5 very happy"},
			&widget.FormItem{Text: "Would recommend", Widget: ff.recommend, HintText: "0 not at all … 10 certainly"},
			widget.NewFormItem("Comment", ff.comment))
	}
	ff.d = dialog.NewCustomWithoutButtons(title, widget.NewForm(items...), d.win)
	cancel := widget.NewButton("Cancel", func() { ff.d.Hide() })
	ff.ok = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		f.Asked = ff.asked.value()
		f.Channel = strings.TrimSpace(ff.channel.Text)
		if withAnswer {
			f.Answered = ff.answered.value()
			f.Satisfaction = scoreOf(ff.satisfaction.Selected)
			f.Recommend = scoreOf(ff.recommend.Selected)
			f.Comment = strings.TrimSpace(ff.comment.Text)
		}
		saved, err := d.store.SaveFeedback(d.ctx, f)
		if err != nil {
			d.showError("Saving the feedback", err)
			return
		}
		ff.d.Hide()
		if done != nil {
			done()
		}
		if saved.Low() {
			d.offerAlert(saved)
		}
	})
	ff.ok.Importance = widget.HighImportance
	ff.d.SetButtons([]fyne.CanvasObject{cancel, ff.ok})
	size := fyne.NewSize(540, 420)
	if !withAnswer {
		size.Height = 220 // the day and how: no room left empty
	}
	ff.d.Resize(dialogSize(d.win, size))
	ff.d.Show()
	return ff
}

// offerAlert asks whether a low score should raise a red alert.
func (d deps) offerAlert(f data.Feedback) {
	dialog.ShowConfirm("Low score", fmt.Sprintf("This is a low score (%s).\nRaise a red alert and mark the client at risk, "+
		"so you call them before they drift away?", f.Scores()), func(ok bool) {
		if !ok {
			return
		}
		if err := d.store.RaiseLowScore(d.ctx, f); err != nil {
			d.showError("Raising the alert", err)
		}
	}, d.win)
}
