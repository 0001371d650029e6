package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/amends/amends/data"
)

// shell is what a screen may ask of the window around it. The main window (UI) is one;
// a test of a single screen gives a fake.
type shell interface {
	// showClient opens a client's file, once unsaved changes are dealt with.
	showClient(id int64)
	// showInterview opens the interview of a complaint, once unsaved changes are dealt with.
	showInterview(complaintID int64)
	// guard runs proceed now, or once the user has dealt with unsaved changes.
	guard(proceed func())
	// showError tells the user that action failed, in words they can act on.
	showError(action string, err error)
}

// deps is what a screen is built with: the store, the one way off the UI thread, the
// window its dialogs open over, and the shell. Screens embed it, so s.store, s.run and
// s.showError read as their own. Nothing in it reaches another screen: screens learn of
// each other's work from the store's notices.
type deps struct {
	store *data.DB
	ctx   context.Context
	run   *runner
	app   fyne.App
	win   fyne.Window
	shell
	jobs  *jobs      // long work with progress and Cancel (app/progress.go)
	print *printer   // the printer command (app/letters.go)
	temp  *tempFiles // the private folder for PDFs handed to the viewer (app/tempfiles.go)
	seen  *seen      // the dialogs last opened, for tests
	// screens lists the screens' work areas, to size a window opened from win to the
	// screen it opens on (nil: not known, as under the test driver).
	screens func() []screenArea
}

// seen keeps the dialogs a screen opened last, for tests to answer them.
type seen struct {
	checkIns *checkInOffer
	lost     *lostDialog
	feedback *feedbackForm
	done     *doneDialog
	conflict *conflictDialog
	erase    *eraseDialog
	print    *printDialog
	exit     *exitDialog
	letter   *letterEditor
}

// currency is the currency money is shown in. Any goroutine: a failure to read it
// gives the default currency, and money is still shown.
func (d deps) currency() string {
	c, _ := d.store.Currency(d.ctx)
	return c
}

// errorDialog shows err as a dialog over win: the one place errors become sentences.
func errorDialog(win fyne.Window, action string, err error) {
	dialog.ShowError(fmt.Errorf("%s", userMessage(action, err)), win)
}
