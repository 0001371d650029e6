package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// printer runs the printing commands CUPS (Linux, macOS) provides: lpstat lists the
// printers, lp prints. Tests replace both functions.
type printer struct {
	lookPath func(string) (string, error)
	command  func(name string, args ...string) ([]byte, error)
}

func (p *printer) exec(name string, args ...string) ([]byte, error) {
	if p.command != nil {
		return p.command(name, args...)
	}
	return exec.Command(name, args...).CombinedOutput()
}

// available reports whether there is a printer command (lp).
func (p *printer) available() bool {
	look := exec.LookPath
	if p.lookPath != nil {
		look = p.lookPath
	}
	_, err := look("lp")
	return err == nil
}

// destinations lists the printers CUPS or the system knows, and the default one ("" when
// none is set). It may take a while: it runs off the UI thread.
func (p *printer) destinations() (names []string, def string, err error) {
	out, err := p.exec("lpstat", "-e")
	if err != nil {
		return nil, "", fmt.Errorf("list the printers (lpstat): %s (%w)", strings.TrimSpace(string(out)), err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	if out, err := p.exec("lpstat", "-d"); err == nil {
		if _, d, ok := strings.Cut(strings.TrimSpace(string(out)), "destination: "); ok {
			def = strings.TrimSpace(d)
		}
	}
	return names, def, nil
}

// send prints the PDF at path on dest (the default printer when ""), copies times, on
// paper ("A4" or "Letter"), as a job named title.
func (p *printer) send(path, dest string, copies int, paper, title string) ([]byte, error) {
	// cupsd 2.4.2 (Debian 12) crashes on a document name with a space in it ("Apology -
	// Zoë.pdf"): the file goes to lp under a plain name; the job keeps its real title.
	if plain := plainName(filepath.Base(path)); plain != filepath.Base(path) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		copyPath := filepath.Join(filepath.Dir(path), plain)
		if err := os.WriteFile(copyPath, b, 0o600); err != nil {
			return nil, fmt.Errorf("write %s: %w", copyPath, err)
		}
		defer os.Remove(copyPath)
		path = copyPath
	}
	args := []string{"-n", strconv.Itoa(max(copies, 1)), "-o", "media=" + paper}
	if dest != "" {
		args = append([]string{"-d", dest}, args...)
	}
	if title != "" {
		args = append(args, "-t", title)
	}
	return p.exec("lp", append(args, "--", path)...)
}

// plainName replaces every character of a file name but ASCII letters, digits, '.', '-'
// and '_' by '_'.
func plainName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, name)
}

// printJob is a document to print from the Print… dialog.
type printJob struct {
	title string // the job's name in the printer queue
	paper string // "A4" or "Letter", as laid out now
	// render lays the document out on paper and returns the PDF's path.
	render func(paper string) (string, error)
	// printed is told, on the UI goroutine, that the printer took the job.
	printed func(paper string, reply string)
	// savePDF, when set, is offered when printing cannot be done.
	savePDF func()
}

// printDialog is the Print… dialog: printer, copies and paper.
type printDialog struct {
	deps
	job      printJob
	dlg      *dialog.CustomDialog
	printers *widget.Select
	copies   *widget.Entry
	paper    *widget.Select
	status   *widget.Label
	printBtn *widget.Button
	failed   *dialog.CustomDialog // the dialog that offers the fallbacks
}

const defaultPrinterLabel = "Default printer"

// showPrint opens the Print… dialog over win for job. Without a printer command it offers
// the PDF viewer (which prints on every system) and saving the PDF straight away.
func (d deps) showPrint(win fyne.Window, job printJob) *printDialog {
	p := &printDialog{deps: d, job: job}
	p.win = win
	d.seen.print = p
	if !d.print.available() {
		p.offerFallbacks("There is no printer command (lp) on this computer. Open the letter in your PDF viewer and print it from there, or save the PDF.")
		return p
	}
	p.printers = widget.NewSelect(nil, nil)
	p.printers.PlaceHolder = "Looking for printers…"
	p.copies = widget.NewEntry()
	p.copies.SetText("1")
	p.copies.Validator = validCopies
	p.paper = widget.NewSelect([]string{"A4", "Letter"}, nil)
	p.paper.SetSelected(job.paper)
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.printBtn = widget.NewButton("Print", p.onPrint)
	p.printBtn.Importance = widget.HighImportance
	p.printBtn.Disable()
	cancel := widget.NewButton("Cancel", func() { p.dlg.Hide() })
	form := widget.NewForm(
		widget.NewFormItem("Printer", p.printers),
		widget.NewFormItem("Copies", p.copies),
		widget.NewFormItem("Paper", p.paper),
	)
	p.dlg = dialog.NewCustomWithoutButtons("Print", container.NewVBox(form, p.status), win)
	p.dlg.SetButtons([]fyne.CanvasObject{cancel, p.printBtn})
	p.dlg.Resize(fyne.NewSize(440, 260))
	p.dlg.Show()
	var names []string
	var def string
	var err error
	p.run.run(func() { names, def, err = d.print.destinations() }, func() { p.listed(names, def, err) })
	return p
}

func validCopies(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 99 {
		return errors.New("enter a number of copies from 1 to 99")
	}
	return nil
}

// listed shows the printers found; without any, printing goes to the system default.
func (p *printDialog) listed(names []string, def string, err error) {
	opts := append([]string{}, names...)
	if len(opts) == 0 {
		opts = []string{defaultPrinterLabel}
		if err != nil {
			p.status.SetText("The printers could not be listed; Amends tries the system's default printer.")
		} else {
			p.status.SetText("No printer is set up on this computer: printing will most likely fail. Open the letter in your PDF viewer instead, or save the PDF.")
		}
	}
	p.printers.SetOptions(opts)
	p.printers.PlaceHolder = ""
	switch {
	case def != "" && contains(opts, def):
		p.printers.SetSelected(def)
	default:
		p.printers.SetSelected(opts[0])
	}
	p.printBtn.Enable()
}

// onPrint lays the document out on the paper chosen and sends it to the printer.
func (p *printDialog) onPrint() {
	if err := validCopies(p.copies.Text); err != nil {
		p.status.SetText(err.Error())
		return
	}
	copies, _ := strconv.Atoi(strings.TrimSpace(p.copies.Text))
	paper, dest := p.paper.Selected, p.printers.Selected
	if dest == defaultPrinterLabel {
		dest = ""
	}
	path, err := p.job.render(paper)
	if err != nil {
		p.dlg.Hide()
		p.offerFallbacks(userMessage("Laying out the letter", err))
		return
	}
	p.printBtn.Disable()
	p.status.SetText("Sending to the printer…")
	var out []byte
	p.run.run(func() { out, err = p.deps.print.send(path, dest, copies, paper, p.job.title) }, func() {
		p.printBtn.Enable()
		reply := strings.TrimSpace(string(out))
		if err != nil {
			p.dlg.Hide()
			msg := "The printer command failed"
			if reply != "" {
				msg += ": " + reply
			}
			if !strings.HasSuffix(msg, ".") {
				msg += "."
			}
			p.offerFallbacks(msg)
			return
		}
		p.dlg.Hide()
		if p.job.printed != nil {
			p.job.printed(paper, reply)
		}
	})
}

// offerFallbacks says why printing did not work and offers the PDF viewer and saving
// the PDF instead.
func (p *printDialog) offerFallbacks(why string) {
	msg := widget.NewLabel(why)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	open := widget.NewButton("Open in viewer", func() {
		d.Hide()
		p.openInViewer()
	})
	open.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{widget.NewButton("Cancel", func() { d.Hide() })}
	if p.job.savePDF != nil {
		buttons = append(buttons, widget.NewButton("Save PDF instead", func() { d.Hide(); p.job.savePDF() }))
	}
	buttons = append(buttons, open)
	d = dialog.NewCustomWithoutButtons("Printing did not work", msg, p.win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
	p.failed = d
}

// openInViewer opens the PDF in the system's viewer, from which it can be printed.
func (p *printDialog) openInViewer() {
	paper := p.job.paper
	if p.paper != nil {
		paper = p.paper.Selected
	}
	path, err := p.job.render(paper)
	if err == nil {
		err = p.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
	}
	if err != nil {
		errorDialog(p.win, "Opening the letter in the PDF viewer", err)
		return
	}
	if p.job.printed != nil {
		p.job.printed(paper, "opened in the PDF viewer")
	}
}
