package app

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/transfer"
)

// privacyPart is the client file's "Their data" tab: a client's request to see their
// data, or to be forgotten.
type privacyPart struct {
	deps
	closeFile func() // closes the client file once the client is erased
	client    data.Client
	info      *widget.Label
	export    *widget.Button
	erase     *widget.Button
	content   fyne.CanvasObject
}

func newPrivacyPart(d deps, closeFile func()) *privacyPart {
	p := &privacyPart{deps: d, closeFile: closeFile}
	p.info = widget.NewLabel("")
	p.info.Wrapping = fyne.TextWrapWord
	p.export = widget.NewButtonWithIcon("Export this client's data…", theme.DocumentSaveIcon(), p.onExport)
	p.erase = widget.NewButtonWithIcon("Erase client permanently…", theme.DeleteIcon(), p.onErase)
	p.erase.Importance = widget.DangerImportance
	p.content = container.NewVBox(p.info, container.NewHBox(p.export), widget.NewSeparator(), container.NewHBox(p.erase))
	return p
}

func (p *privacyPart) tab() *container.TabItem {
	return container.NewTabItemWithIcon("Their data", theme.FileIcon(), container.NewVScroll(p.content))
}

func (p *privacyPart) show(c data.Client) {
	p.client = c
	if c.ID == 0 {
		p.info.SetText("Save the client first.")
		p.export.Disable()
		p.erase.Disable()
		return
	}
	p.export.Enable()
	p.erase.Enable()
	var counts map[string]int
	var err error
	p.run.run(func() { counts, err = transfer.ClientRecordCounts(p.ctx, p.store, c.ID) }, func() {
		if p.client.ID != c.ID {
			return
		}
		if err != nil {
			p.info.SetText("Their records cannot be counted: " + err.Error())
			return
		}
		p.info.SetText("Amends holds " + describeCounts(counts) + " about " + c.Name + ".\n\n" +
			"\"Export\" writes all of it to one file you can send them (JSON, readable with any text editor).\n" +
			"\"Erase\" removes all of it for good, if they ask to be forgotten.")
	})
}

// changed counts their records again when anything of theirs changed.
func (p *privacyPart) changed(n data.Notice) {
	if p.client.ID != 0 && n.Touches(p.client.ID) {
		p.show(p.client)
	}
}

// describeCounts says "1 client file, 12 timeline entries, 2 complaints" from row counts.
func describeCounts(counts map[string]int) string {
	names := map[string][2]string{"clients": {"client file", "client files"}, "timeline": {"timeline entry", "timeline entries"},
		"acknowledged_errors": {"acknowledged error", "acknowledged errors"}, "alerts": {"red alert", "red alerts"},
		"attachments": {"attached file", "attached files"}, "commitments": {"promise", "promises"},
		"complaints": {"complaint", "complaints"}, "exit_interviews": {"exit interview", "exit interviews"},
		"feedback": {"feedback answer", "feedback answers"}, "followups": {"follow-up", "follow-ups"},
		"letter_drafts": {"letter draft", "letter drafts"}, "letters": {"letter", "letters"}, "losses": {"loss", "losses"},
		"remedies": {"remedy", "remedies"}, "restatements": {"restatement", "restatements"},
		"client_letter_lang": {"letter language", "letter languages"}}
	var parts []string
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] == "clients" || (keys[j] != "clients" && keys[i] < keys[j]) })
	for _, k := range keys {
		if counts[k] == 0 {
			continue
		}
		if n, ok := names[k]; ok {
			parts = append(parts, plural(counts[k], n[0], n[1]))
		} else {
			parts = append(parts, fmt.Sprintf("%s: %d", strings.ReplaceAll(k, "_", " "), counts[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func (p *privacyPart) onExport() {
	c := p.client
	chooseSaveFile(p.win, "Exporting "+c.Name+"'s data", fileSafe(c.Name)+"-data.json", func(path string) { p.exportTo(c, path) })
}

func (p *privacyPart) exportTo(c data.Client, path string) error {
	err := transfer.WriteFile(path, func(w io.Writer) error {
		return transfer.ExportClient(p.ctx, p.store, c.ID, w, transfer.ExportOptions{Now: time.Now()})
	})
	if err != nil {
		p.showError("Exporting "+c.Name+"'s data", err)
		return err
	}
	dialog.ShowInformation("Exported", c.Name+"'s data is written to\n"+path, p.win)
	return nil
}

func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return "client"
	}
	return s
}

// eraseDialog asks the user to type the client's name before erasing them.
type eraseDialog struct {
	typed *widget.Entry
	erase *widget.Button
	d     *dialog.CustomDialog
}

func (p *privacyPart) onErase() {
	c := p.client
	if c.ID == 0 {
		return
	}
	p.guard(func() {
		counts, err := transfer.ClientRecordCounts(p.ctx, p.store, c.ID)
		if err != nil {
			p.showError("Counting their records", err)
			return
		}
		dir := "the backups folder"
		if s, err := backup.Load(p.ctx, p.store); err == nil {
			dir = s.Dir
		}
		e := &eraseDialog{typed: widget.NewEntry()}
		e.typed.PlaceHolder = c.Name
		msg := widget.NewLabel(fmt.Sprintf("This removes %s and everything Amends holds about them: %s. "+
			"It cannot be undone.\n\nBackups made before now still hold their data (in %s). "+
			"If they asked to be forgotten, delete those backups too, or let them age out.\n\n"+
			"Type the client's name to confirm:", c.Name, describeCounts(counts), dir))
		msg.Wrapping = fyne.TextWrapWord
		e.erase = widget.NewButtonWithIcon("Erase permanently", theme.DeleteIcon(), func() {
			e.d.Hide()
			p.doErase(c)
		})
		e.erase.Importance = widget.DangerImportance
		e.erase.Disable()
		e.typed.OnChanged = func(s string) {
			if transfer.ConfirmsErase(s, c.Name) {
				e.erase.Enable()
			} else {
				e.erase.Disable()
			}
		}
		cancel := widget.NewButton("Cancel", func() { e.d.Hide() })
		e.d = dialog.NewCustomWithoutButtons("Erase "+c.Name+" permanently?",
			container.NewGridWrap(fyne.NewSize(520, 240), container.NewVBox(msg, e.typed)), p.win)
		e.d.SetButtons([]fyne.CanvasObject{cancel, e.erase})
		p.seen.erase = e
		e.d.Show()
		p.win.Canvas().Focus(e.typed)
	})
}

// doErase erases c off the UI thread: rebuilding the file takes a moment on a large one.
func (p *privacyPart) doErase(c data.Client) <-chan struct{} {
	p.erase.Disable()
	var erased transfer.Erased
	var err error
	return p.run.run(func() { erased, err = transfer.EraseClient(p.ctx, p.store, c.ID) }, func() {
		p.erase.Enable()
		switch {
		case errors.Is(err, transfer.ErrFileInUse):
			p.showError("Erasing "+c.Name, fmt.Errorf("another program is reading your data file, so Amends could not remove every trace of them; nothing was erased. Close the other program (a backup or sync tool, say) and erase again: %w", err))
			return
		case err != nil && erased != nil:
			p.closeFile() // their records are gone, only old copies in the file are left
			p.showError("Erasing "+c.Name, err)
			return
		case err != nil:
			p.showError("Erasing "+c.Name, err)
			return
		}
		p.closeFile()
		dialog.ShowInformation("Erased", fmt.Sprintf("%s is erased: %s removed.", c.Name, describeCounts(map[string]int(erased))), p.win)
	})
}
