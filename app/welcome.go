package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// welcomeText says what Amends does, in two sentences, on first run.
const welcomeText = "Amends helps you keep a client after something has gone wrong: you log the complaint " +
	"at once, hear the client out, and send a proper apology with a remedy and promises it reminds you of. " +
	"Everything stays on this computer, in one file that only your account can read."

// welcome is the first-run window: what Amends is, and a choice between starting with
// one's own clients and exploring sample data.
type welcome struct {
	l      *launcher
	win    fyne.Window
	own    *widget.Button
	sample *widget.Button
}

func newWelcome(l *launcher) *welcome {
	w := &welcome{l: l, win: l.app.NewWindow("Welcome to Amends")}
	icon := canvas.NewImageFromResource(l.app.Icon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	title := widget.NewLabelWithStyle("Welcome to Amends", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabel(welcomeText)
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter

	w.own = widget.NewButtonWithIcon("Start with my own clients", theme.AccountIcon(), w.onOwn)
	w.own.Importance = widget.HighImportance
	w.sample = widget.NewButtonWithIcon("Explore with sample data", theme.SearchIcon(), w.onSample)
	note := widget.NewLabel("Sample data goes into a separate file; you can leave it with one click.")
	note.Importance = widget.LowImportance
	note.Alignment = fyne.TextAlignCenter
	note.Wrapping = fyne.TextWrapWord

	buttons := container.NewCenter(container.NewHBox(w.own, w.sample))
	w.win.SetContent(container.NewPadded(container.NewVBox(
		container.NewCenter(icon), title, text, layoutSpacer(), buttons, note)))
	w.win.Resize(fyne.NewSize(620, 0))
	w.win.CenterOnScreen()
	return w
}

// layoutSpacer is a small fixed gap.
func layoutSpacer() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, theme.Padding()*2))
	return r
}

// onOwn opens (creates) the user's own data file and starts with the letterhead settings.
func (w *welcome) onOwn() {
	if w.l.openOwn(w.win) {
		w.win.Close()
	}
}

// onSample makes the sample data off the UI thread and opens it; if that fails the
// welcome stays, with the error shown, and the user can choose again.
func (w *welcome) onSample() {
	w.own.Disable()
	w.sample.Disable()
	w.l.openSample(w.win, func(ok bool) {
		if ok {
			w.win.Close()
			return
		}
		w.own.Enable()
		w.sample.Enable()
	})
}
