package app

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/pdf"
)

// batchLetters is the win-back letters for the mailing list, drafted and laid out as one
// PDF: saved or opened like a single letter, and recorded in each client's timeline only
// once the PDF is written. Closing it stores nothing.
type batchLetters struct {
	deps
	batch    documents.Batch
	pdf      []byte
	res      pdf.Result
	today    time.Time
	recorded []data.Letter // the letters as recorded; nil until the PDF went out
	status   *widget.Label
	savePDF  *widget.Button
	open     *widget.Button
	d        *dialog.CustomDialog
}

// onWinBackBatch drafts a win-back letter for every lost client who stays on the mailing
// list and lays them out as one PDF, off the UI goroutine with progress and Cancel.
func (s *lostScreen) onWinBackBatch() *job {
	today := time.Now()
	b := &batchLetters{deps: s.deps, today: today}
	return s.startJob(jobSpec{
		title: "Win-back letters", what: "Drafting the letters…",
		cancelled: "Win-back letters cancelled: no letter was made or recorded.",
		work: func(j *job) error {
			var err error
			b.batch, err = documents.WinBackBatch(j.ctx, s.store, today, j.progress)
			if err != nil || len(b.batch.Letters) == 0 {
				return err
			}
			j.say("Laying out the letters…")
			var buf bytes.Buffer
			if b.res, err = documents.RenderBatch(j.ctx, &buf, b.batch, j.progress); err != nil {
				return err
			}
			b.pdf = buf.Bytes()
			return nil
		},
		finish: func(j *job, err error) {
			if err != nil {
				j.fail("Drafting the win-back letters", err)
				return
			}
			if len(b.batch.Letters) == 0 {
				msg := "No lost client is on the mailing list, so there is no letter to write.\n" +
					"When you record why a client left, tick \"Stays on the mailing list\" if they agreed."
				if len(b.batch.Skipped) > 0 {
					msg = "No letter could be written:\n" + strings.Join(b.batch.Skipped, "\n")
				}
				j.tell("Win-back letters", msg)
				return
			}
			s.batch = b
			b.show(j)
		},
	})
}

// show offers the finished PDF: Save PDF…, Open, Close.
func (b *batchLetters) show(j *job) {
	n := len(b.batch.Letters)
	var msg strings.Builder
	fmt.Fprintf(&msg, "%s for the mailing list %s ready (%s), each starting on its own page:\n%s.",
		plainCount(n, "win-back letter", "win-back letters"), map[bool]string{true: "is", false: "are"}[n == 1],
		plainCount(b.res.Pages, "page", "pages"), strings.Join(b.batch.Names, ", "))
	if len(b.batch.Skipped) > 0 {
		fmt.Fprintf(&msg, "\n\nLeft out:\n%s", strings.Join(b.batch.Skipped, "\n"))
	}
	if len(b.res.Missing) > 0 {
		fmt.Fprintf(&msg, "\n\nNo font has %q; printed as a replacement mark.", string(b.res.Missing))
	}
	if d := b.batch.LetterheadDamage; d != nil {
		msg.WriteString("\n\n" + letterheadDamageText(d))
	}
	msg.WriteString("\n\nNothing is recorded until you save or open the PDF; then each letter goes into its client's timeline.")
	j.result = msg.String()
	l := widget.NewLabel(msg.String())
	l.Wrapping = fyne.TextWrapWord
	b.status = widget.NewLabel("")
	b.status.Wrapping = fyne.TextWrapWord
	b.savePDF = widget.NewButtonWithIcon("Save PDF…", theme.DocumentSaveIcon(), b.onSavePDF)
	b.open = widget.NewButtonWithIcon("Open", theme.FileIcon(), b.onOpen)
	b.open.Importance = widget.HighImportance
	closeB := widget.NewButton("Close", func() { b.d.Hide() })
	body := container.NewBorder(nil, b.status, nil, nil, container.NewVScroll(l))
	b.d = dialog.NewCustomWithoutButtons("Win-back letters", container.NewGridWrap(fyne.NewSize(560, 300), body), b.win)
	b.d.SetButtons([]fyne.CanvasObject{closeB, b.savePDF, b.open})
	b.d.Show()
}

func (b *batchLetters) fileName() string {
	return data.DateOf(b.today).String() + " Win-back letters.pdf"
}

func (b *batchLetters) onSavePDF() {
	chooseSaveFile(b.win, "Saving the letters", b.fileName(), func(path string) { b.saveTo(path) })
}

// saveTo writes the PDF to path (through a temporary file) and then records the letters.
func (b *batchLetters) saveTo(path string) error {
	if err := atomicfile.WriteBytes(path, 0o600, b.pdf); err != nil {
		removeEmpty(path)
		b.fail("Saving the PDF", fmt.Errorf("the file could not be written (is the disk full or the folder read-only?): %w", err))
		return err
	}
	if err := b.record(false); err != nil {
		b.fail("The PDF was saved, but recording the letters in the timelines", err)
		return err
	}
	b.status.SetText("Saved to " + path + " and recorded in each client's timeline.")
	return nil
}

// onOpen writes the PDF where the system viewer can open it, opens it and records the letters as printed.
func (b *batchLetters) onOpen() {
	path, err := b.temp.path(b.fileName())
	if err == nil {
		err = atomicfile.WriteBytes(path, 0o600, b.pdf)
	}
	if err != nil {
		b.fail("Opening the letters", fmt.Errorf("write %s (is the disk full?): %w", path, err))
		return
	}
	if err := b.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		b.fail("Opening the letters in the PDF viewer", fmt.Errorf("no PDF viewer could be started (%w); the PDF is at %s, open and print it from there", err, path))
		return
	}
	if err := b.record(true); err != nil {
		b.fail("Recording the letters", err)
		return
	}
	b.status.SetText("Opened in your PDF viewer (print from there) and recorded in each client's timeline.")
}

// record keeps every letter of the batch, with its timeline entry, in one transaction;
// going out again only updates their print time.
func (b *batchLetters) record(printed bool) error {
	ctx, store := b.ctx, b.store
	if b.recorded != nil {
		if !printed {
			return nil
		}
		ids := make([]int64, len(b.recorded))
		for i, l := range b.recorded {
			ids[i] = l.ID
		}
		return store.MarkLettersPrinted(ctx, ids)
	}
	saved, err := store.SaveLetters(ctx, b.batch.Letters, printed)
	if err != nil {
		return err
	}
	b.recorded = saved
	return nil
}

func (b *batchLetters) fail(action string, err error) {
	b.status.SetText(action + " did not work.")
	b.showError(action, err)
}
