package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/lock"
)

// startupWindow explains why the data file could not be opened and, when the file is
// damaged or not an Amends database and a good backup exists, offers to open it.
type startupWindow struct {
	w       fyne.Window
	msg     *widget.Label
	openBtn *widget.Button // "Open newest backup"; nil when there is none to offer
	newest  backup.Info
	started *UI // the main window, once the backup is open
}

// StartupProblemWindow builds the window ShowStartupProblem shows (tests use it directly).
func StartupProblemWindow(a fyne.App, err error, dbPath string, info Info) *startupWindow {
	s := &startupWindow{w: a.NewWindow("Amends could not open your data")}
	text := "Amends could not open its data file, and has not changed it.\n\n" + dbPath + "\n\n"
	if why := startupReason(err); why != "" {
		text += why + "\n\n"
	}
	text += "Details (for support): " + data.Details(err)
	recoverable := errors.Is(err, data.ErrDamaged) || errors.Is(err, data.ErrNotAmends)
	newest, ok := backup.Newest(context.Background(), data.BackupDir(dbPath, ""))
	if ok && recoverable {
		s.newest = newest
		text += "\n\nThe newest good backup:\n" + describeBackup(newest) +
			"\n\n\"Open newest backup\" puts a copy of it in place of the data file. The file that could not be opened is kept beside it, renamed, so nothing is lost."
		s.openBtn = widget.NewButton("Open newest backup", func() { s.onOpenBackup(a, dbPath, info) })
		s.openBtn.Importance = widget.HighImportance
	} else if ok {
		text += "\n\nYour newest backup is " + newest.Path + "."
	}
	s.msg = widget.NewLabel(text)
	s.msg.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(widget.NewButton("Close", s.w.Close))
	if s.openBtn != nil {
		buttons.Add(s.openBtn)
	}
	s.w.SetContent(container.NewBorder(nil, container.NewCenter(buttons), nil, nil, container.NewVScroll(s.msg)))
	s.w.Resize(fyne.NewSize(620, 420))
	return s
}

func startupReason(err error) string {
	if errors.Is(err, lock.ErrLocked) {
		return "Amends is already open with this file. Switch to the Amends window that is open; only one Amends works on a file at a time, so that nothing is lost."
	}
	return data.Explain(err)
}

// ShowStartupProblem shows the window and runs the app until it is closed. It reports
// whether the user went on with a backup (the main window then ran).
func ShowStartupProblem(a fyne.App, err error, dbPath string, info Info) bool {
	s := StartupProblemWindow(a, err, dbPath, info)
	s.w.ShowAndRun()
	return s.started != nil
}

// onOpenBackup sets the unreadable file aside, puts the backup in its place and opens it.
func (s *startupWindow) onOpenBackup(a fyne.App, dbPath string, info Info) {
	aside, err := backup.SetAside(dbPath, time.Now())
	if err != nil {
		dialog.ShowError(fmt.Errorf("the file could not be set aside, so nothing was changed: %w", err), s.w)
		return
	}
	if err := backup.Replace(context.Background(), dbPath, s.newest.Path); err != nil {
		dialog.ShowError(fmt.Errorf("%w; the file that could not be opened is kept as %s", err, aside), s.w)
		return
	}
	store, err := data.Open(dbPath)
	if err != nil {
		dialog.ShowError(fmt.Errorf("the backup could not be opened: %w", err), s.w)
		return
	}
	s.started = New(a, store, info)
	s.started.whenClosed(func() { store.Close() })
	s.started.win.Show()
	s.started.AutoBackup()
	dialog.ShowInformation("Backup opened", "Amends opened the backup of "+currentFormats().dateTime(s.newest.Taken)+
		".\nThe file that could not be opened is kept as\n"+filepath.Base(aside), s.started.win)
	s.w.Close()
}
