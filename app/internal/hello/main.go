// Command hello is the smallest Fyne window, built like Amends (same tags and flags):
// the yardstick for Amends' start-up time and memory in `make bench`.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("app.amends.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello, world"))
	w.Resize(fyne.NewSize(1200, 760)) // Amends' default window size
	w.ShowAndRun()
}
