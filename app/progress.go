package app

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// job is a piece of long work (import, export, backup, restore, report, batch letters)
// running off the UI goroutine, so the window never freezes. A dialog shows a progress
// bar ("N of M" once the work knows its total, moving stripes until then), a line
// saying what it is doing and a Cancel button that cancels the work's context.
type job struct {
	deps
	spec   jobSpec
	ctx    context.Context
	cancel context.CancelFunc
	d      *dialog.CustomDialog
	bar    *widget.ProgressBar
	spin   *widget.ProgressBarInfinite
	line   *widget.Label
	stop   *widget.Button // Cancel
	done   chan struct{}  // closed once the outcome is shown
	// err is what the work returned and result the text of the dialog shown at the
	// end; tests read both after <-done.
	err    error
	result string

	mu        sync.Mutex // guards the fields below: the worker writes them, the UI reads them
	what      string
	n, of     int
	fixed     bool // past the point of no return: Cancel is off
	scheduled bool // a redraw is on its way to the UI goroutine
}

// jobSpec says what a job does and what the user is told.
type jobSpec struct {
	title     string // of the dialog: "Exporting"
	what      string // the first line: "Reading your clients…"
	cancelled string // told after Cancel: "Export cancelled: no file was written."
	// work runs off the UI goroutine; it reports through j.say and j.progress and
	// must stop soon after j.ctx is cancelled.
	work func(j *job) error
	// finish runs on the UI goroutine with work's result, unless the work was cancelled
	// (then the cancelled text is shown instead). It shows the outcome with j.tell or j.fail.
	finish func(j *job, err error)
	// afterCancel, when set, runs on the UI goroutine after the cancelled text is shown.
	afterCancel func()
}

// startJob shows the progress dialog and starts the work. Wait for <-j.done to see
// the outcome (tests do).
func (d deps) startJob(s jobSpec) *job {
	ctx, cancel := context.WithCancel(d.ctx)
	j := &job{deps: d, spec: s, ctx: ctx, cancel: cancel, done: make(chan struct{}), what: s.what}
	j.bar = widget.NewProgressBar()
	j.bar.TextFormatter = func() string {
		j.mu.Lock()
		defer j.mu.Unlock()
		return fmt.Sprintf("%d of %d", j.n, j.of)
	}
	j.bar.Hide()
	j.spin = widget.NewProgressBarInfinite()
	j.line = widget.NewLabel(s.what)
	j.line.Wrapping = fyne.TextWrapWord
	j.stop = widget.NewButton("Cancel", j.onCancel)
	body := container.NewVBox(j.line, container.NewStack(j.bar, j.spin))
	j.d = dialog.NewCustomWithoutButtons(s.title, container.NewGridWrap(fyne.NewSize(420, 100), body), d.win)
	j.d.SetButtons([]fyne.CanvasObject{j.stop})
	d.jobs.last = j
	j.d.Show()
	var err error
	// Always on a goroutine of its own, even in UI tests: a test presses Cancel half-way.
	d.run.start(func() {
		if h := j.jobs.hold; h != nil {
			h(j, -1, 0) // tests: the work is about to start
		}
		err = j.spec.work(j)
	}, func() {
		j.err = err
		defer close(j.done)
		defer j.cancel()
		j.spin.Stop()
		j.d.Hide()
		// Cancelled work that finished anyway (Cancel came too late) reports what it did.
		if err != nil && j.ctx.Err() != nil {
			j.tell("Cancelled", j.spec.cancelled)
			if j.spec.afterCancel != nil {
				j.spec.afterCancel()
			}
			return
		}
		j.spec.finish(j, err)
	})
	return j
}

// onCancel asks the work to stop; the dialog stays until it has.
func (j *job) onCancel() {
	j.mu.Lock()
	fixed := j.fixed
	j.mu.Unlock()
	if fixed {
		return
	}
	j.cancel()
	j.stop.Disable()
	j.line.SetText("Cancelling…")
}

// say sets the line saying what the work is doing. Any goroutine.
func (j *job) say(what string) {
	j.mu.Lock()
	j.what = what
	j.mu.Unlock()
	j.redraw()
}

// progress is a data.Progress: done of total, total 0 while unknown. Any goroutine.
func (j *job) progress(done, total int) {
	j.mu.Lock()
	j.n, j.of = done, total
	j.mu.Unlock()
	j.redraw()
	if h := j.jobs.hold; h != nil {
		h(j, done, total)
	}
}

// noCancel turns Cancel off: the work has passed its point of no return. Any goroutine.
func (j *job) noCancel() {
	j.mu.Lock()
	j.fixed = true
	j.mu.Unlock()
	j.redraw()
}

// redraw brings the dialog up to date on the UI goroutine; reports that come faster
// than the window draws are folded into one.
func (j *job) redraw() {
	j.mu.Lock()
	if j.scheduled {
		j.mu.Unlock()
		return
	}
	j.scheduled = true
	j.mu.Unlock()
	j.run.do(func() {
		j.mu.Lock()
		j.scheduled = false
		what, n, of, fixed := j.what, j.n, j.of, j.fixed
		j.mu.Unlock()
		if j.ctx.Err() == nil {
			j.line.SetText(what)
		}
		if fixed {
			j.stop.Disable()
		}
		if of > 0 {
			j.spin.Hide()
			j.spin.Stop()
			j.bar.Max = float64(of)
			j.bar.SetValue(float64(min(n, of)))
			j.bar.Show()
		} else {
			j.bar.Hide()
			j.spin.Show()
		}
	})
}

// tell shows the outcome in a dialog over the window. UI goroutine.
func (j *job) tell(title, msg string) {
	j.result = msg
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	dialog.ShowCustom(title, "OK", container.NewGridWrap(fyne.NewSize(480, 150), container.NewVScroll(l)), j.win)
}

// fail shows an error the work ended with: never swallowed. UI goroutine.
func (j *job) fail(action string, err error) {
	j.result = userMessage(action, err)
	j.showError(action, err)
}

// stopAsk is the question asked when the window closes during long work.
type stopAsk struct{ keep, stop *widget.Button }

// running is the long work still under way, or nil.
func (u *UI) running() *job {
	j := u.jobs.last
	if j == nil {
		return nil
	}
	select {
	case <-j.done:
		return nil
	default:
		return j
	}
}

// stopJobThen runs then at once when no long work is under way. Otherwise it asks
// whether to stop the work; once the work has stopped (a cancelled import changes
// nothing, a cancelled export leaves no file), then runs. Work past its point of no
// return (a restore putting the backup in place) is finished first.
func (u *UI) stopJobThen(then func()) {
	j := u.running()
	if j == nil {
		then()
		return
	}
	afterStop := func() { u.run.start(func() { <-j.done }, then) }
	j.mu.Lock()
	fixed := j.fixed
	j.mu.Unlock()
	if fixed {
		afterStop()
		return
	}
	msg := widget.NewLabel(j.spec.title + " is still under way.\nStop it now? " + j.spec.cancelled)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	keep := widget.NewButton("Keep it running", func() { d.Hide() })
	stop := widget.NewButton("Stop and close", func() {
		d.Hide()
		j.onCancel()
		afterStop()
	})
	stop.Importance = widget.DangerImportance
	d = dialog.NewCustomWithoutButtons("Still working", container.NewGridWrap(fyne.NewSize(420, 90), msg), u.win)
	d.SetButtons([]fyne.CanvasObject{keep, stop})
	u.safety.stopAsk = &stopAsk{keep: keep, stop: stop}
	d.Show()
}

// jobs is the long work of a window: the job last started, and a test hook.
type jobs struct {
	last *job
	// hold, when set (tests), is called by a job's worker at each progress report:
	// a test blocks there to press Cancel half-way.
	hold func(j *job, done, total int)
}
