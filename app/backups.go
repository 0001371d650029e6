package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
)

// AutoBackup backs up the store in the background when the newest backup is a day old.
// A failure is shown to the user: a backup that silently stopped working is worse than none.
func (u *UI) AutoBackup() {
	store := u.store
	var err error
	u.run.run(func() { _, err = backup.Auto(u.ctx, store, time.Now()) }, func() {
		if err != nil {
			u.showBackupFailed("The automatic backup", err)
		}
	})
}

func (u *UI) showBackupFailed(what string, err error) {
	msg := what + " did not work, so your latest changes are not in a backup yet. Your data itself is unchanged.\n\n"
	if why := data.Explain(err); why != "" {
		msg += why + "\n\n"
	}
	msg += "Check the backups folder (File ▸ Backup settings…) and try File ▸ Back up now.\n\nDetails: " + err.Error()
	u.safety.backupProblem = msg
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Backup failed", "OK", container.NewGridWrap(fyne.NewSize(520, 200), l), u.win)
	d.Show()
}

// onBackupNow takes a backup off the UI thread (a large file takes seconds) and says
// where it went. Cancel interrupts the copy: no backup is made, older ones are kept.
// The job's done channel closes when the result is shown.
func (u *UI) onBackupNow() <-chan struct{} {
	store := u.store
	var p string
	return u.startJob(jobSpec{
		title: "Backing up", what: "Copying and checking your data…",
		cancelled: "Backup cancelled: no backup was made. Your older backups are kept.",
		work: func(j *job) error {
			var err error
			p, err = backup.Now(j.ctx, store, time.Now(), "manual")
			return err
		},
		finish: func(j *job, err error) {
			if err != nil && p == "" {
				j.result = "failed"
				u.showBackupFailed("The backup", err)
				return
			}
			msg := "Your data is backed up to\n" + p
			if err != nil {
				msg += "\n\nRemoving old backups did not work: " + err.Error()
			}
			u.safety.backupProblem = ""
			j.tell("Backed up", msg)
		},
	}).done
}

// describeBackup says what a backup holds, in words.
func describeBackup(info backup.Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Backup of %s\n", currentFormats().weekdayDateTime(info.Taken))
	fmt.Fprintf(&b, "%s", plural(info.Clients, "client", "clients"))
	if n := info.Tables["timeline"]; n > 0 {
		fmt.Fprintf(&b, ", %s", plural(n, "timeline entry", "timeline entries"))
	}
	if !info.NewestEntry.IsZero() {
		fmt.Fprintf(&b, "\nNewest timeline entry: %s", currentFormats().day(info.NewestEntry))
	}
	var others []string
	for t, n := range info.Tables {
		if t != "clients" && t != "timeline" && t != "settings" && n > 0 {
			others = append(others, fmt.Sprintf("%s: %d", t, n))
		}
	}
	if len(others) > 0 {
		sort.Strings(others)
		fmt.Fprintf(&b, "\nAlso: %s", strings.Join(others, ", "))
	}
	fmt.Fprintf(&b, "\nFile: %s (%d KB)", info.Path, (info.Size+1023)/1024)
	return b.String()
}

// restoreDialog lists the backups and restores the one chosen.
type restoreDialog struct {
	deps
	restoreFrom func(path string) // puts the chosen backup in place
	files       []backup.File
	list        *widget.List
	details     *widget.Label
	restore     *widget.Button
	chosen      string
	d           dialog.Dialog
}

func (u *UI) onRestore() {
	u.guard(func() {
		s, err := backup.Load(u.ctx, u.store)
		if err != nil {
			u.showError("Finding your backups", err)
			return
		}
		files, err := backup.List(s.Dir)
		if err != nil {
			u.showError("Finding your backups", err)
			return
		}
		u.safety.restore = newRestoreDialog(u.deps, files, s.Dir, func(path string) { u.restoreFrom(path) })
		u.safety.restore.d.Show()
	})
}

func newRestoreDialog(d deps, files []backup.File, dir string, restore func(path string)) *restoreDialog {
	r := &restoreDialog{deps: d, files: files, restoreFrom: restore}
	r.details = widget.NewLabel("Choose a backup to see what it holds.")
	r.details.Wrapping = fyne.TextWrapWord
	r.list = widget.NewList(func() int { return len(r.files) },
		func() fyne.CanvasObject { return widget.NewLabel("Mon 2 Jan 2006, 15:04 — before-restore") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := r.files[i]
			note := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f.Path), data.BackupName(f.Taken, "")[:len("amends-20060102-150405")]), ".db")
			o.(*widget.Label).SetText(currentFormats().weekdayDateTime(f.Taken) + " " + strings.ReplaceAll(strings.TrimPrefix(note, "-"), "-", " "))
		})
	r.list.OnSelected = func(i widget.ListItemID) { r.choose(r.files[i].Path) }
	r.restore = widget.NewButton("Restore", r.onRestore)
	r.restore.Importance = widget.DangerImportance
	r.restore.Disable()
	other := widget.NewButton("Choose another file…", func() {
		fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			rc.Close()
			r.list.UnselectAll()
			r.choose(rc.URI().Path())
		}, d.win)
		fd.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
		fd.Show()
	})
	empty := fyne.CanvasObject(r.list)
	if len(files) == 0 {
		empty = widget.NewLabel("There are no backups in " + dir + " yet.")
	}
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), r.details), nil, nil, empty)
	cancel := widget.NewButton("Cancel", func() { r.d.Hide() })
	cd := dialog.NewCustomWithoutButtons("Restore from backup", container.NewGridWrap(fyne.NewSize(560, 380), body), d.win)
	cd.SetButtons([]fyne.CanvasObject{cancel, other, r.restore})
	r.d = cd
	return r
}

// choose checks the file and shows what it holds; only a sound backup can be restored.
func (r *restoreDialog) choose(path string) {
	r.chosen = ""
	r.restore.Disable()
	info, err := backup.Inspect(r.ctx, path)
	if err != nil {
		why := data.Explain(err)
		if why == "" {
			why = err.Error()
		}
		r.details.SetText("This file cannot be restored.\n" + why + "\n" + path)
		return
	}
	r.chosen = path
	r.details.SetText(describeBackup(info) + "\n\nRestoring replaces all your current data with this backup. Your current data is backed up first.")
	r.restore.Enable()
}

func (r *restoreDialog) onRestore() {
	if r.chosen == "" {
		return
	}
	r.d.Hide()
	r.restoreFrom(r.chosen)
}

// restoreFrom backs up the current data, puts the backup in its place and reloads the
// window, off the UI goroutine. Cancel works until the backup is put in place.
func (u *UI) restoreFrom(path string) *job {
	dbPath := u.store.Path()
	store := u.store
	var safety string
	return u.startJob(jobSpec{
		title: "Restoring", what: backup.StageCheck + "…", cancelled: "Restore cancelled: nothing was changed.",
		work: func(j *job) error {
			var err error
			safety, err = backup.RestoreWith(j.ctx, store, path, time.Now(), func(stage string) {
				if stage == backup.StageReplace {
					j.noCancel()
				}
				j.say(stage + "…")
			})
			return err
		},
		finish: func(j *job, err error) {
			if err != nil && safety == "" {
				j.fail("Restoring the backup", err)
				return
			}
			store, openErr := data.Open(dbPath)
			if openErr != nil {
				// The old file is gone from its place but kept as the safety backup: say where.
				j.fail("Opening the restored data", fmt.Errorf("%w; your data before the restore is in %s", openErr, safety))
				return
			}
			nu := u.reopen(store)
			u.safety.reopened = nu
			msg := "The backup is restored.\n\nYour data as it was before is kept in\n" + safety
			if err != nil {
				msg = "Restoring did not work: " + err.Error() + "\n\nYour data as it was before is kept in\n" + safety
			}
			j.result = msg
			dialog.ShowInformation("Restored", msg, nu.win)
		},
	})
}

// reopen builds a fresh window on store and closes this one: every screen then shows the
// new data, including the screens other features add in New.
func (u *UI) reopen(store *data.DB) *UI {
	u.saveWindowState() // the new window opens where this one is
	nu := New(u.app, store, u.info)
	nu.whenClosed(func() { store.Close() })
	if u.launcher != nil {
		u.launcher.ui = nu // Leave sample data and Quit now work on the new window
	}
	nu.win.Show()
	u.win.SetCloseIntercept(nil)
	u.win.Close()
	return nu
}

// backupSettings edits where backups go and how many are kept.
type backupSettings struct {
	folder                 *widget.Entry
	daily, weekly, monthly *widget.Entry
	form                   *widget.Form
}

func (u *UI) onBackupSettings() {
	s, err := backup.Load(u.ctx, u.store)
	if err != nil {
		u.showError("Reading the backup settings", err)
		return
	}
	b := &backupSettings{folder: widget.NewEntry()}
	b.folder.SetText(s.Config)
	b.folder.PlaceHolder = data.BackupDir(u.store.Path(), "")
	count := func(n int) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(strconv.Itoa(n))
		e.Validator = func(v string) error {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 0 {
				return errors.New("a whole number, 0 or more")
			}
			return nil
		}
		return e
	}
	b.daily, b.weekly, b.monthly = count(s.Policy.Daily), count(s.Policy.Weekly), count(s.Policy.Monthly)
	browse := widget.NewButton("Choose…", func() {
		dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				b.folder.SetText(l.Path())
			}
		}, u.win).Show()
	})
	items := []*widget.FormItem{
		{Text: "Backups folder", Widget: container.NewBorder(nil, nil, nil, browse, b.folder),
			HintText: "Empty: beside your data file. A synced folder keeps copies away"},
		{Text: "Keep daily", Widget: b.daily, HintText: "The newest backup of each of the last N days"},
		{Text: "Keep weekly", Widget: b.weekly, HintText: "… of each of the last N weeks"},
		{Text: "Keep monthly", Widget: b.monthly, HintText: "… of each of the last N months"},
	}
	dialog.ShowForm("Backup settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		atoi := func(e *widget.Entry) int { n, _ := strconv.Atoi(strings.TrimSpace(e.Text)); return n }
		p := backup.Policy{Daily: atoi(b.daily), Weekly: atoi(b.weekly), Monthly: atoi(b.monthly)}
		if err := backup.Save(u.ctx, u.store, b.folder.Text, p); err != nil {
			u.showError("Saving the backup settings", err)
		}
	}, u.win)
}
