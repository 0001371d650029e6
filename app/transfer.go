package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data/transfer"
)

// safetyState is what the backup, import and erasure dialogs keep between steps
// (and what tests look at).
type safetyState struct {
	backupProblem string           // the last backup failure shown, "" once one worked
	restore       *restoreDialog   // the restore dialog last opened
	preview       *importPreview   // the import preview last shown
	lastReport    *transfer.Report // what the last import did
	reopened      *UI              // the window that took over after a restore
	stopAsk       *stopAsk         // "stop the work?" when the window closes during it
}

// safetyMenuItems are the File menu's backup, import and export items (app/menu.go
// puts them between New client and Quit).
func (u *UI) safetyMenuItems() []*fyne.MenuItem {
	importItem := fyne.NewMenuItem("Import", nil)
	importItem.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Clients from CSV…", func() { u.chooseImport("csv") }),
		fyne.NewMenuItem("Clients from vCard…", func() { u.chooseImport("vcard") }),
		fyne.NewMenuItem("Everything from JSON…", func() { u.chooseImport("json") }),
	)
	exportItem := fyne.NewMenuItem("Export", nil)
	exportItem.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Clients as CSV…", func() { u.chooseExport("csv") }),
		fyne.NewMenuItem("Clients as vCard…", func() { u.chooseExport("vcard") }),
		fyne.NewMenuItem("Everything as JSON…", func() { u.chooseExport("json") }),
	)
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Back up now", func() { u.onBackupNow() }),
		fyne.NewMenuItem("Restore from backup…", u.onRestore),
		fyne.NewMenuItem("Backup settings…", u.onBackupSettings),
		fyne.NewMenuItemSeparator(),
		importItem,
		exportItem,
	}
}

var kindExt = map[string][]string{"csv": {".csv", ".txt"}, "vcard": {".vcf", ".vcard"}, "json": {".json"}}

func (u *UI) chooseImport(kind string) {
	u.guard(func() {
		fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil {
				u.showError("Choosing the file", err)
				return
			}
			if rc == nil {
				return
			}
			rc.Close()
			u.previewImport(kind, rc.URI().Path())
		}, u.win)
		fd.SetFilter(storage.NewExtensionFileFilter(kindExt[kind]))
		fd.Show()
	})
}

// importPreview shows what an import would do before anything is stored. For a CSV
// file it shows where each column goes and lets the user send a column elsewhere, or
// choose the encoding; the preview is worked out again after each change.
type importPreview struct {
	kind     string
	path     string
	content  []byte
	csv      transfer.CSVOptions  // the user's choices of encoding and columns
	file     *transfer.ClientFile // CSV and vCard, as read with csv
	summary  *widget.Label
	details  *widget.Label
	merge    *widget.Check
	encoding *widget.Select   // CSV only
	columns  []*widget.Select // CSV only: where each column goes, by index
	doIt     *widget.Button
	d        *dialog.CustomDialog
}

// notImported is how the preview names "this column goes nowhere".
const notImported = "(not imported)"

// encodingLabel is how the preview names an encoding ("" is found by Amends).
func encodingLabel(enc string) string {
	if enc == transfer.EncodingAuto {
		return "Automatic"
	}
	return enc
}

const importCancelled = "Import cancelled: nothing was changed."

// previewImport reads the file and runs the import without committing, off the UI
// goroutine with progress, then shows what it would do.
func (u *UI) previewImport(kind, path string) *job {
	p := &importPreview{kind: kind, path: path}
	var rep transfer.Report
	return u.startJob(jobSpec{
		title: "Reading " + filepath.Base(path), what: "Reading the file…", cancelled: importCancelled,
		work: func(j *job) error {
			b, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("read %s: %w", path, err)
			}
			p.content = b
			j.say("Checking what the import would do…")
			rep, err = u.runImport(j, p, false, true)
			return err
		},
		finish: func(j *job, err error) {
			if err != nil {
				j.result = u.showImportRefused(path, err)
				return
			}
			u.showPreview(p, rep)
		},
	})
}

func (u *UI) showPreview(p *importPreview, rep transfer.Report) {
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.details = widget.NewLabel("")
	p.details.Wrapping = fyne.TextWrapWord
	p.merge = widget.NewCheck("Merge them into the clients already here", func(bool) { u.recheckPreview(p) })
	p.doIt = widget.NewButton("Import", func() { u.onImport(p) })
	p.doIt.Importance = widget.HighImportance
	var center fyne.CanvasObject = container.NewVScroll(p.details)
	top := container.NewVBox(p.summary, p.merge)
	if p.kind == "csv" && p.file != nil {
		center = container.NewAppTabs(
			container.NewTabItem("Columns", container.NewVScroll(u.columnsForm(p))),
			container.NewTabItem("Rows left out and clients already here", container.NewVScroll(p.details)))
		var encs []string
		for _, e := range transfer.Encodings() {
			encs = append(encs, encodingLabel(e))
		}
		p.encoding = widget.NewSelect(encs, nil)
		p.encoding.SetSelected(encodingLabel(p.csv.Encoding))
		p.encoding.OnChanged = func(label string) {
			for _, e := range transfer.Encodings() {
				if encodingLabel(e) == label {
					p.csv.Encoding = e
				}
			}
			p.file = nil
			u.recheckPreview(p)
		}
		top.Add(container.NewHBox(widget.NewLabel("Encoding of the file:"), p.encoding))
	}
	u.fillPreview(p, rep)
	cancel := widget.NewButton("Cancel", func() { p.d.Hide() })
	body := container.NewBorder(top, nil, nil, nil, center)
	p.d = dialog.NewCustomWithoutButtons("Import "+p.path, container.NewGridWrap(fyne.NewSize(760, 540), body), u.win)
	p.d.SetButtons([]fyne.CanvasObject{cancel, p.doIt})
	u.safety.preview = p
	p.d.Show()
}

// columnsForm lists each column of the CSV file with a value from it and the field it
// goes to, which the user can change.
func (u *UI) columnsForm(p *importPreview) fyne.CanvasObject {
	options := []string{notImported}
	for _, f := range transfer.Fields() {
		options = append(options, string(f))
	}
	form := container.New(layout.NewFormLayout())
	p.columns = make([]*widget.Select, len(p.file.Columns))
	for i, c := range p.file.Columns {
		idx := c.Index
		sel := widget.NewSelect(options, nil)
		sel.SetSelected(fieldLabel(c.Field))
		sel.OnChanged = func(label string) {
			f, _ := transfer.ParseField(label)
			if label == notImported {
				f = transfer.FieldNone
			}
			if p.csv.Fields == nil {
				p.csv.Fields = map[int]transfer.Field{}
			}
			p.csv.Fields[idx] = f
			p.file = nil
			u.recheckPreview(p)
		}
		p.columns[i] = sel
		head := c.Header
		if c.Sample != "" {
			head += " (" + truncateRunes(oneLine(c.Sample), 30) + ")"
		} else {
			head += " (empty)"
		}
		form.Add(widget.NewLabel(head))
		form.Add(sel)
	}
	return form
}

func fieldLabel(f transfer.Field) string {
	if f == transfer.FieldNone {
		return notImported
	}
	return string(f)
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// recheckPreview works the preview out again after the user changed a choice.
func (u *UI) recheckPreview(p *importPreview) *job {
	p.doIt.Disable()
	merge := p.merge.Checked
	var rep transfer.Report
	return u.startJob(jobSpec{
		title: "Import " + filepath.Base(p.path), what: "Checking what the import would do…", cancelled: importCancelled,
		afterCancel: func() { p.d.Hide() },
		work: func(j *job) error {
			var err error
			rep, err = u.runImport(j, p, merge, true)
			return err
		},
		finish: func(j *job, err error) {
			if err != nil {
				// The choice leaves nothing to import (say, no column of names): say why
				// in the preview, and let the user choose again.
				p.summary.SetText("Nothing can be imported this way: " + userMessage("Reading the file", err))
				p.details.SetText("")
				return
			}
			u.fillPreview(p, rep)
		},
	})
}

// runImport imports p's file (off the UI goroutine): a dry run for the preview, or for real.
func (u *UI) runImport(j *job, p *importPreview, merge, dry bool) (transfer.Report, error) {
	opts := transfer.ImportOptions{Merge: merge, DryRun: dry, Progress: j.progress}
	if p.kind == "json" {
		return transfer.ImportJSON(j.ctx, u.store, bytes.NewReader(p.content), opts)
	}
	if p.file == nil {
		var err error
		if p.kind == "csv" {
			p.file, err = transfer.ReadCSVBytes(p.content, p.csv)
		} else {
			p.file, err = transfer.ReadVCard(bytes.NewReader(p.content))
		}
		if err != nil {
			return transfer.Report{}, err
		}
	}
	return transfer.ImportClients(j.ctx, u.store, p.file, opts)
}

func (u *UI) fillPreview(p *importPreview, rep transfer.Report) {
	var head strings.Builder
	n := rep.Count("clients")
	fmt.Fprintf(&head, "%s will be added.", plural(n, "client", "clients"))
	if p.kind == "json" {
		var parts []string
		for _, t := range rep.Tables {
			if t.Table != "clients" && t.OfClient && t.Imported > 0 {
				parts = append(parts, fmt.Sprintf("%s: %d", t.Table, t.Imported))
			}
		}
		if len(parts) > 0 {
			head.WriteString(" With their records (" + strings.Join(parts, ", ") + ").")
		}
		if rep.SameIDs {
			head.WriteString(" Your data file is empty, so everything keeps its numbers.")
		}
	}
	if p.file != nil && p.file.Note != "" {
		head.WriteString(" (" + p.file.Note + ")")
	}
	if d := len(rep.Duplicates); d > 0 {
		p.merge.Show()
		fmt.Fprintf(&head, "\n%s already here (same name, and the same email or company): they are not added twice.", plural(d, "client is", "clients are"))
		if p.merge.Checked {
			if p.kind == "json" {
				head.WriteString(" Their records will be added to the client already here.")
			} else {
				head.WriteString(" Empty fields of the client already here will be filled in; nothing is overwritten.")
			}
		} else {
			head.WriteString(" They will be skipped.")
		}
	}
	if len(rep.Duplicates) == 0 {
		p.merge.Hide()
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(&head, "\n%s cannot be imported and will be left out (see the list).", plural(len(rep.Problems), "row", "rows"))
	}
	if p.file != nil {
		if left := p.file.Unmapped(); len(left) > 0 {
			fmt.Fprintf(&head, "\nNot imported: %s.", strings.Join(left, ", "))
			if p.kind == "csv" {
				head.WriteString(" Choose a field for a column under Columns to import it.")
			}
		}
	}
	p.summary.SetText(head.String())
	var det strings.Builder
	for _, pr := range rep.Problems {
		det.WriteString(pr.Error() + "\n")
	}
	for _, d := range rep.Duplicates {
		fmt.Fprintf(&det, "%s: %s as %q\n", rowLabel(d), d.Reason, d.ExistingName)
	}
	for _, s := range rep.Skipped {
		det.WriteString(s + "\n")
	}
	p.details.SetText(det.String())
	if n == 0 && !(p.merge.Checked && len(rep.Duplicates) > 0) {
		p.doIt.Disable()
	} else {
		p.doIt.Enable()
	}
}

func rowLabel(d transfer.Duplicate) string {
	if d.Row > 0 {
		return fmt.Sprintf("row %d (%s)", d.Row, d.Name)
	}
	return d.Name
}

// onImport commits the import shown in the preview, off the UI goroutine: all of it or
// nothing (Cancel rolls it back).
func (u *UI) onImport(p *importPreview) *job {
	p.d.Hide()
	merge := p.merge.Checked
	var rep transfer.Report
	return u.startJob(jobSpec{
		title: "Importing " + filepath.Base(p.path), what: "Importing…", cancelled: importCancelled,
		work: func(j *job) error {
			var err error
			rep, err = u.runImport(j, p, merge, false)
			return err
		},
		finish: func(j *job, err error) {
			if err != nil {
				j.result = u.showImportRefused("the file", err)
				return
			}
			u.safety.lastReport = &rep
			j.tell("Import done", "Imported.\n\n"+rep.Summary())
		},
	})
}

func (u *UI) showImportRefused(what string, err error) string {
	msg := fmt.Sprintf("Nothing was imported from %s.\n\n%v", what, err)
	dialog.ShowError(errors.New(msg), u.win)
	return msg
}

func (u *UI) chooseExport(kind string) {
	names := map[string]string{"csv": "amends-clients.csv", "vcard": "amends-clients.vcf", "json": "amends-export.json"}
	chooseSaveFile(u.win, "Choosing the file", names[kind], func(path string) { u.exportTo(kind, path) })
}

// exportTo writes the export to path off the UI goroutine, with progress and Cancel. It
// goes through a temporary file, so a failed or cancelled export leaves no half file.
func (u *UI) exportTo(kind, path string) *job {
	return u.startJob(jobSpec{
		title: "Exporting to " + filepath.Base(path), what: "Reading your data…", cancelled: "Export cancelled: no file was written.",
		work: func(j *job) error {
			opts := transfer.ExportOptions{Now: time.Now(), Progress: func(done, total int) {
				j.say("Writing " + filepath.Base(path) + "…")
				j.progress(done, total)
			}}
			err := transfer.WriteFile(path, func(w io.Writer) error {
				switch kind {
				case "csv":
					return transfer.WriteCSV(j.ctx, u.store, w, opts)
				case "vcard":
					return transfer.WriteVCard(j.ctx, u.store, w, "4.0", opts)
				}
				return transfer.Export(j.ctx, u.store, w, opts)
			})
			if err != nil {
				removeEmpty(path)
			}
			return err
		},
		finish: func(j *job, err error) {
			if err != nil {
				j.fail("Exporting", err)
				return
			}
			j.tell("Exported", "Written to\n"+path)
		},
	})
}

// removeEmpty removes the empty file the save dialog created at path when nothing was
// written into it after all (the export failed or was cancelled).
func removeEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}
