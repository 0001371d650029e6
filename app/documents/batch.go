package documents

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/pdf"
)

// ErrNoLetterhead refuses a batch before the user's letterhead has a name and address:
// letters that go out unread must say who they are from. Where the letterhead is filled
// in is for the UI (or the command line) to add.
var ErrNoLetterhead = errors.New("your letterhead has no name or address yet")

// Batch is a set of letters drafted together to go out as one PDF. Nothing of it is
// recorded until the caller records Letters (data.DB.SaveLetters) once the PDF is written.
type Batch struct {
	Letters    []data.Letter // in the order printed
	Names      []string      // each letter's client name, as the file list shows it
	Skipped    []string      // clients left out, and why: "Zoë Ørsted has no postal address; …"
	Letterhead data.Letterhead
	// LetterheadDamage names the letterhead settings that could not be read and are left
	// out of every letter (nil when all could), for the user to be told.
	LetterheadDamage *data.LetterheadDamage
}

// MailingList is the lost clients who agreed to stay on the mailing list (their loss
// is recorded and not won back), most recently lost first.
func MailingList(ctx context.Context, db *data.DB) ([]data.LostClient, error) {
	all, err := db.LostClients(ctx)
	if err != nil {
		return nil, err
	}
	var out []data.LostClient
	for _, lc := range all {
		if lc.Loss.ID != 0 && lc.Loss.KeepMailing {
			out = append(out, lc)
		}
	}
	return out, nil
}

// WinBackBatch drafts a win-back letter for every client of the mailing list, exactly as
// the letter editor drafts a single one (the user's template in the client's language,
// on the letterhead's paper, dated today). Clients without a postal address are left out
// and listed in Skipped. progress is told the letters drafted of all; a cancelled ctx
// stops between letters. A template that cannot be used fails the whole batch.
func WinBackBatch(ctx context.Context, db *data.DB, today time.Time, progress data.Progress) (Batch, error) {
	var b Batch
	list, err := MailingList(ctx, db)
	if err != nil {
		return b, fmt.Errorf("find the mailing list: %w", err)
	}
	if b.Letterhead, err = db.Letterhead(ctx); err != nil && !errors.As(err, &b.LetterheadDamage) {
		return b, err
	}
	if strings.TrimSpace(b.Letterhead.Name) == "" || strings.TrimSpace(b.Letterhead.Address) == "" {
		return b, ErrNoLetterhead
	}
	templates := map[string]string{}
	progress.Report(0, len(list))
	for i, lc := range list {
		if err := ctx.Err(); err != nil {
			return Batch{}, err
		}
		in, src, err := Gather(ctx, db, letters.WinBack, lc.Client.ID, 0, today)
		if err != nil {
			return Batch{}, fmt.Errorf("draft the letter to %s: %w", lc.Client.Name, err)
		}
		tmpl, ok := templates[in.Lang]
		if !ok {
			if tmpl, err = Template(ctx, db, letters.WinBack, in.Lang); err != nil {
				return Batch{}, err
			}
			templates[in.Lang] = tmpl
		}
		in.Batch = true
		d, err := letters.Write(in, tmpl)
		if err != nil {
			return Batch{}, fmt.Errorf("draft the letter to %s: %w", lc.Client.Name, err)
		}
		// Nobody reads a batch letter before it is printed: one with a gap left to fill
		// (a user's template may have its own) is written from the client's file instead.
		if gap := letters.Gap(d); gap != "" {
			b.Skipped = append(b.Skipped, fmt.Sprintf("%s: the letter has a gap to fill, %s; write that letter on its own", lc.Client.Name, gap))
			progress.Report(i+1, len(list))
			continue
		}
		l, err := letters.Record(letters.WinBack, in.Lang, src.Letterhead.Paper, today, d, src)
		if errors.Is(err, letters.ErrNoAddress) {
			b.Skipped = append(b.Skipped, err.Error())
			progress.Report(i+1, len(list))
			continue
		}
		if err != nil {
			return Batch{}, fmt.Errorf("draft the letter to %s: %w", lc.Client.Name, err)
		}
		b.Letters = append(b.Letters, l)
		b.Names = append(b.Names, lc.Client.Name)
		progress.Report(i+1, len(list))
	}
	return b, nil
}

// RenderBatch writes the letters of b as one PDF to w, each starting on a new page with
// the layout a single letter has. progress is told the letters laid out of all; a
// cancelled ctx stops between letters and nothing is written.
func RenderBatch(ctx context.Context, w io.Writer, b Batch, progress data.Progress) (pdf.Result, error) {
	ps := make([]pdf.Letter, len(b.Letters))
	for i, l := range b.Letters {
		p, err := LetterPDF(l, b.Letterhead)
		if err != nil {
			return pdf.Result{}, err
		}
		ps[i] = p
	}
	res, err := pdf.RenderLetters(w, ps, func(i int) error {
		progress.Report(i, len(ps))
		return ctx.Err()
	})
	if err == nil {
		progress.Report(len(ps), len(ps))
	}
	return res, err
}

// WriteBatchFile renders the letters of b into path as RenderBatch does. The file appears
// only when the whole PDF is written: a failure or a cancelled ctx leaves none behind.
func WriteBatchFile(ctx context.Context, path string, b Batch, progress data.Progress) (pdf.Result, error) {
	var res pdf.Result
	// Private (0600) like a single saved letter and the exports.
	err := atomicfile.Write(path, 0o600, func(w io.Writer) (err error) {
		res, err = RenderBatch(ctx, w, b, progress)
		return err
	})
	return res, err
}
