package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// timelineTab is the Timeline tab of the client file: the client's correspondence,
// newest first, with the files and emails attached to them. An entry opens to be read
// whole, edited or deleted (with Undo); Amends' own entries say why they stay as they are.
type timelineTab struct {
	deps
	client   data.Client
	items    []data.Item
	round    int // numbers the reads: only the newest is shown
	list     *widget.List
	add      *widget.Button
	attach   *widget.Button
	undoBar  *fyne.Container
	undoText *widget.Label
	deleted  *data.Deleted // what Undo puts back
	view     fyne.CanvasObject
	counted  func(n int) // told how many items the timeline shows

	opened *entryView // the entry open last, for tests
	form   *entryForm // the add or edit form open last, for tests
}

func newTimelineTab(d deps, counted func(int)) *timelineTab {
	t := &timelineTab{deps: d, counted: counted}
	t.list = widget.NewList(func() int { return len(t.items) }, t.createRow, t.updateRow)
	t.list.OnSelected = func(i widget.ListItemID) {
		t.list.Unselect(i)
		if i < len(t.items) {
			t.opened = t.open(t.items[i])
		}
	}
	t.add = widget.NewButtonWithIcon("Add entry", theme.ContentAddIcon(), t.onAdd)
	t.attach = widget.NewButtonWithIcon("Attach file…", theme.FileIcon(), t.onAttach)
	hint := widget.NewLabel("Drop files or emails (.eml) on the window to attach them.")
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	t.undoText = widget.NewLabel("")
	t.undoText.Truncation = fyne.TextTruncateEllipsis
	undo := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), t.onUndo)
	t.undoBar = container.NewBorder(nil, nil, nil, undo, t.undoText)
	t.undoBar.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(t.add, t.attach), nil, hint), t.undoBar)
	t.view = container.NewBorder(top, nil, nil, nil, t.list)
	return t
}

// show shows client c's timeline (c.ID 0: a client not saved yet, nothing to show).
func (t *timelineTab) show(c data.Client) {
	if c.ID != t.client.ID {
		t.deleted = nil
		t.undoBar.Hide()
	}
	t.client = c
	if c.ID == 0 {
		t.add.Disable()
		t.attach.Disable()
	} else {
		t.add.Enable()
		t.attach.Enable()
	}
	t.reload()
}

// reload reads the timeline off the UI thread and shows it.
func (t *timelineTab) reload() {
	t.round++
	round, id := t.round, t.client.ID
	if id == 0 {
		t.fill(nil)
		return
	}
	fetch(t.deps, "Loading the timeline", func() ([]data.Item, error) { return t.store.TimelineItems(t.ctx, id) },
		func() bool { return round != t.round || t.client.ID != id }, t.fill)
}

func (t *timelineTab) fill(items []data.Item) {
	t.items = items
	t.list.Refresh()
	t.counted(len(items))
}

func (t *timelineTab) createRow() fyne.CanvasObject {
	when := widget.NewLabel("23 Nov 2026 14:00")
	kind := widget.NewLabelWithStyle("In person", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := newCutLabel("summary")
	extra := widget.NewLabel("")
	extra.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, container.NewHBox(when, kind), extra, text)
}

func (t *timelineTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(t.items) {
		return
	}
	it := t.items[i]
	row := o.(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Label).SetText(currentFormats().dateTime(it.At()))
	kind, text := left.Objects[1].(*widget.Label), row.Objects[0].(*cutLabel)
	extra := row.Objects[2].(*widget.Label)
	if f, ok := it.File(); ok {
		kind.SetText("File")
		text.SetText(f.Name + " (" + data.FormatSize(f.Size) + ")")
		extra.SetText("")
		return
	}
	e := it.Entry
	kind.SetText(e.Kind.Label())
	line := e.Summary
	if e.FromFile() && e.From != "" {
		line = e.Summary + " — from " + e.From
	} else if e.Body != "" {
		line += " — " + strings.Join(strings.Fields(e.Body), " ")
	}
	text.SetText(line)
	var notes []string
	if n := len(it.Versions); n > 1 {
		notes = append(notes, fmt.Sprintf("%d versions", n))
	}
	if n := len(it.Attachments); n > 0 {
		notes = append(notes, "📎 "+plural(n, "file", "files"))
	}
	if !e.Edited.IsZero() {
		notes = append(notes, "edited")
	}
	extra.SetText(strings.Join(notes, " · "))
}

// entryView is an opened timeline item: read whole, with its files and versions.
type entryView struct {
	d        *dialog.CustomDialog
	body     *widget.Label
	versions *widget.Select
	reason   *widget.Label // why it cannot be edited; hidden when it can
	edit     *widget.Button
	del      *widget.Button
	files    []*attachmentRow
}

// attachmentRow is one file shown in an opened entry.
type attachmentRow struct {
	a                  data.Attachment
	open, save, remove *widget.Button
}

// open shows a timeline item whole in a dialog.
func (t *timelineTab) open(it data.Item) *entryView {
	v := &entryView{}
	var title string
	var parts []fyne.CanvasObject
	label := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		return l
	}
	if f, ok := it.File(); ok {
		title = "File " + f.Name
		parts = append(parts, label(fmt.Sprintf("Attached %s · %s", currentFormats().dateTime(f.Added), data.FormatSize(f.Size))))
	} else {
		e := it.Entry
		title = e.Kind.Label() + " · " + currentFormats().weekdayDateTime(e.At)
		var head []string
		for _, h := range [][2]string{{"From", e.From}, {"To", e.To}, {"Cc", e.Cc}} {
			if h[1] != "" {
				head = append(head, h[0]+": "+h[1])
			}
		}
		if !e.Edited.IsZero() {
			head = append(head, "Edited "+currentFormats().dateTime(e.Edited))
		}
		if len(head) > 0 {
			parts = append(parts, label(strings.Join(head, "\n")))
		}
		summary := label(e.Summary)
		summary.TextStyle.Bold = true
		parts = append(parts, summary)
		v.body = label(e.Body)
		if len(it.Versions) > 1 {
			var opts []string
			for i, ver := range it.Versions {
				o := currentFormats().dateTime(ver.At)
				if i == 0 {
					o += " (newest)"
				}
				opts = append(opts, o)
			}
			v.versions = widget.NewSelect(opts, func(string) {
				if i := v.versions.SelectedIndex(); i >= 0 {
					v.body.SetText(it.Versions[i].Body)
				}
			})
			v.versions.SetSelectedIndex(0)
			parts = append(parts, container.NewBorder(nil, nil,
				widget.NewLabel(fmt.Sprintf("Saved %d times; version", len(it.Versions))), nil, v.versions))
		}
		parts = append(parts, v.body)
		if why := e.ReadOnly(); why != "" {
			v.reason = label(why)
			v.reason.Importance = widget.LowImportance
		}
	}
	if len(it.Attachments) > 0 {
		parts = append(parts, widget.NewSeparator())
		for _, a := range it.Attachments {
			r := t.attachmentRow(v, a)
			v.files = append(v.files, r)
			name := widget.NewLabel(a.Name + " (" + data.FormatSize(a.Size) + ")")
			name.Truncation = fyne.TextTruncateEllipsis
			parts = append(parts, container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()),
				container.NewHBox(r.open, r.save, r.remove), name))
		}
	}
	content := container.NewVScroll(container.NewVBox(parts...))
	var bottom fyne.CanvasObject
	if v.reason != nil {
		bottom = v.reason
	}
	v.d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, bottom, nil, nil, content), t.win)
	closeBtn := widget.NewButton("Close", func() { v.d.Hide() })
	buttons := []fyne.CanvasObject{closeBtn}
	if e := it.Entry; e.ID != 0 {
		if e.Deletable() {
			v.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
				v.d.Hide()
				t.deleteEntry(e)
			})
			buttons = append(buttons, v.del)
		}
		if e.ReadOnly() == "" {
			v.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() {
				v.d.Hide()
				t.onEdit(e)
			})
			v.edit.Importance = widget.HighImportance
			buttons = append(buttons, v.edit)
		}
	}
	v.d.SetButtons(buttons)
	v.d.Resize(dialogSize(t.win, fyne.NewSize(640, 520)))
	v.d.Show()
	return v
}

func (t *timelineTab) attachmentRow(v *entryView, a data.Attachment) *attachmentRow {
	r := &attachmentRow{a: a}
	r.open = widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), func() { t.openAttachment(a) })
	r.save = widget.NewButtonWithIcon("Save as…", theme.DocumentSaveIcon(), func() { t.saveAttachment(a) })
	r.remove = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
		v.d.Hide()
		t.removeAttachment(a)
	})
	return r
}

// openAttachment writes the file to a private folder and hands it to the OS viewer.
func (t *timelineTab) openAttachment(a data.Attachment) {
	var path string
	var err error
	t.run.run(func() {
		var full data.Attachment
		if full, err = t.store.AttachmentContent(t.ctx, a.ID); err == nil {
			path, err = writeViewCopy(full)
		}
	}, func() {
		if err == nil {
			err = t.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
		}
		if err != nil {
			t.showError("Opening "+a.Name, err)
		}
	})
}

// writeViewCopy puts a copy of an attachment where the viewer can read it: a folder of
// the user's own (0700), one subfolder per file, so that two files of the same name
// never overwrite each other.
func writeViewCopy(a data.Attachment) (string, error) {
	dir := filepath.Join(os.TempDir(), "amends-files", fmt.Sprint(a.ID))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("make folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, a.Name)
	if err := os.WriteFile(path, a.Content, 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

func (t *timelineTab) saveAttachment(a data.Attachment) {
	chooseSaveFile(t.win, "Saving "+a.Name, a.Name, func(path string) {
		full, err := t.store.AttachmentContent(t.ctx, a.ID)
		if err == nil {
			err = os.WriteFile(path, full.Content, 0o600)
		}
		if err != nil {
			removeEmpty(path)
			t.showError("Saving "+a.Name, err)
		}
	})
}

func (t *timelineTab) removeAttachment(a data.Attachment) {
	del, err := t.store.RemoveAttachment(t.ctx, a.ID)
	if err != nil {
		t.showError("Removing "+a.Name, err)
		return
	}
	t.offerUndo(del, "Removed "+a.Name+".")
}

func (t *timelineTab) deleteEntry(e data.Entry) {
	del, err := t.store.DeleteEntry(t.ctx, e.ID)
	if err != nil {
		t.showError("Deleting the entry", err)
		return
	}
	t.offerUndo(del, fmt.Sprintf("Deleted %s “%s”.", strings.ToLower(e.Kind.Label()), e.Summary))
}

// offerUndo keeps what was deleted and shows Undo until the next deletion or another client.
func (t *timelineTab) offerUndo(del data.Deleted, what string) {
	t.deleted = &del
	t.undoText.SetText(what)
	t.undoBar.Show()
}

func (t *timelineTab) onUndo() {
	if t.deleted == nil {
		return
	}
	if err := t.store.RestoreDeleted(t.ctx, *t.deleted); err != nil {
		t.showError("Undoing", err)
		return
	}
	t.deleted = nil
	t.undoBar.Hide()
}

// onAdd asks for a call, email, meeting or note and adds it to the timeline.
func (t *timelineTab) onAdd() {
	if t.client.ID == 0 {
		return
	}
	f := newEntryForm(t.store.Now())
	t.form = f
	t.showForm("Add to the timeline of "+t.client.Name, "Add", f, func(e data.Entry) error {
		_, err := t.store.AddEntry(t.ctx, e)
		return err
	})
}

// onEdit changes one of the user's own entries.
func (t *timelineTab) onEdit(e data.Entry) {
	f := newEntryForm(e.At)
	f.kind.SetSelected(e.Kind.Label())
	f.summary.SetText(e.Summary)
	f.body.SetText(e.Body)
	t.form = f
	t.showForm("Edit the "+strings.ToLower(e.Kind.Label())+" of "+currentFormats().day(e.At), "Save", f, func(edited data.Entry) error {
		edited.ID = e.ID
		_, err := t.store.EditEntry(t.ctx, edited)
		return err
	})
}

// showForm shows an entry form; save is called with what was typed. A failed save shows
// the error and opens the form again as typed.
func (t *timelineTab) showForm(title, confirm string, f *entryForm, save func(data.Entry) error) {
	d := dialog.NewForm(title, confirm, "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		e, err := f.entry(t.client.ID)
		if err == nil {
			err = save(e)
		}
		if err != nil {
			t.showError("Saving the entry", err)
			t.showForm(title, confirm, f, save)
		}
	}, t.win)
	f.dialog = d
	d.Resize(dialogSize(t.win, fyne.NewSize(560, 420)))
	d.Show()
}

// onAttach asks for a file and attaches it (an email file becomes an email entry).
func (t *timelineTab) onAttach() {
	if t.client.ID == 0 {
		return
	}
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			t.showError("Choosing the file", err)
			return
		}
		if rc == nil {
			return
		}
		uri := rc.URI()
		rc.Close()
		t.addFiles([]fyne.URI{uri})
	}, t.win)
	fd.Show()
	fd.Resize(dialogSize(t.win, fyne.NewSize(800, 560))) // after Show: before it, Fyne 2.8's file dialog crashes
}

// addFiles attaches files to the client shown, off the UI thread: emails (.eml) become
// email entries with their attachments, other files are kept as they are. What could
// not be added is listed with the reason; the rest is added.
func (t *timelineTab) addFiles(uris []fyne.URI) {
	id := t.client.ID
	var rep dropReport
	t.run.run(func() { rep = addDropped(t.deps, id, uris) }, func() {
		if len(rep.problems) > 0 {
			text := widget.NewLabel(strings.Join(rep.problems, "\n\n"))
			text.Wrapping = fyne.TextWrapWord
			title := "Some files were not added"
			if rep.added == 0 {
				title = "Nothing was added"
			}
			d := dialog.NewCustom(title, "OK", container.NewVScroll(text), t.win)
			d.Resize(dialogSize(t.win, fyne.NewSize(560, 320)))
			d.Show()
		}
	})
}

// entryForm holds the fields of "Add entry" and "Edit".
type entryForm struct {
	kind    *widget.Select
	date    *dateEntry
	clock   *widget.Entry
	summary *widget.Entry
	body    *widget.Entry
	dialog  dialog.Dialog
}

func newEntryForm(at time.Time) *entryForm {
	var kinds []string
	for _, k := range data.ManualKinds() {
		kinds = append(kinds, k.Label())
	}
	f := &entryForm{kind: widget.NewSelect(kinds, nil), date: newDateEntry(), clock: widget.NewEntry(),
		summary: widget.NewEntry(), body: widget.NewMultiLineEntry()}
	f.kind.SetSelected(data.KindCall.Label())
	f.date.set(data.DateOf(at.Local()))
	f.clock.SetText(at.Local().Format("15:04"))
	f.clock.Validator = func(v string) error {
		if _, err := time.Parse("15:04", strings.TrimSpace(v)); err != nil {
			return errors.New("a time like 14:30")
		}
		return nil
	}
	f.summary.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("say in a few words what happened")
		}
		return nil
	}
	f.summary.PlaceHolder = "e.g. Called about the delayed report"
	f.body.SetMinRowsVisible(4)
	f.body.Wrapping = fyne.TextWrapWord
	return f
}

func (f *entryForm) items() []*widget.FormItem {
	sum := widget.NewFormItem("Summary", f.summary)
	sum.Required = true
	return []*widget.FormItem{widget.NewFormItem("Kind", f.kind), widget.NewFormItem("Date", f.date),
		widget.NewFormItem("Time", f.clock), sum, widget.NewFormItem("Details", f.body)}
}

func (f *entryForm) entry(clientID int64) (data.Entry, error) {
	kind, ok := data.KindFromLabel(f.kind.Selected)
	if !ok {
		return data.Entry{}, &data.FieldError{Field: "kind", Msg: "choose what kind of contact it was"}
	}
	if strings.TrimSpace(f.summary.Text) == "" {
		return data.Entry{}, &data.FieldError{Field: "summary", Msg: "say in a few words what happened"}
	}
	day := f.date.value()
	if day.IsZero() {
		return data.Entry{}, &data.FieldError{Field: "date", Msg: "choose the day it happened"}
	}
	clock, err := time.Parse("15:04", strings.TrimSpace(f.clock.Text))
	if err != nil {
		return data.Entry{}, &data.FieldError{Field: "time", Msg: "a time like 14:30"}
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, time.Local)
	return data.Entry{ClientID: clientID, At: at, Kind: kind, Summary: strings.TrimSpace(f.summary.Text), Body: f.body.Text}, nil
}
