package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// chooseSaveFile asks on parent where to save a file suggested as name (the chooser shows
// files with the same extension) and calls save with the path chosen; nothing if the user
// cancels. The chooser leaves an empty file at the path: save writes it whole or removes it.
// A failure of the chooser itself is shown as what failed while doing action.
func chooseSaveFile(parent fyne.Window, action, name string, save func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s", userMessage(action, err)), parent)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		save(path)
	}, parent)
	d.SetFileName(name)
	if ext := filepath.Ext(name); ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	d.Show()
	d.Resize(dialogSize(parent, fyne.NewSize(800, 560))) // after Show: before it, Fyne 2.8's file dialog crashes
}
