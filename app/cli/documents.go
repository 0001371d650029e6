package cli

// letter, interview-summary, report, winback-letters and ics: documents made from the
// data file.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/data/letters"
)

func runLetter(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("letter", stderr)
	dbPath := fs.String("db", "", "database file (required)")
	complaint := fs.Int64("complaint", 0, "complaint ID")
	client := fs.Int64("client", 0, "client ID, for letters not about a complaint")
	kindName := fs.String("kind", "", "apology, thanks, winback, followup or closing")
	paper := fs.String("paper", "", "a4 or letter (default: the stored letter's, else Settings)")
	out := fs.String("out", "", "PDF file to write (required)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	kind, err := letters.ParseKind(*kindName)
	switch {
	case *dbPath == "" || *out == "" || *kindName == "":
		err = errors.New("--db, --kind and --out are required")
	case (*complaint == 0) == (*client == 0):
		err = errors.New("give either --complaint ID or --client ID")
	case err == nil && kind.NeedsComplaint() && *complaint == 0:
		err = fmt.Errorf("an %s letter is written from a complaint: use --complaint ID", kind)
	}
	if err == nil && *paper != "" {
		err = documents.CheckPaper(*paper)
	}
	if err != nil {
		fmt.Fprintf(stderr, "amends letter: %v\n", err)
		return 2
	}
	o, code := openToWrite("letter", *dbPath, stderr, false)
	if o == nil {
		return code
	}
	defer o.Close()
	store := o.store
	l, lh, stored, err := documents.Latest(context.Background(), store, kind, *client, *complaint, *paper, time.Now())
	if err != nil {
		return fail(stderr, "letter", err)
	}
	res, err := documents.WriteLetterFile(*out, l, lh)
	if err != nil {
		return fail(stderr, "letter", err)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(stderr, "amends letter: warning: no font has %q; printed as a replacement mark\n", string(res.Missing))
	}
	// Latest left out any letterhead setting that cannot be read; say which.
	var dmg *data.LetterheadDamage
	if _, err := store.Letterhead(context.Background()); errors.As(err, &dmg) {
		fmt.Fprintf(stderr, "amends letter: warning: %v; %s\n", dmg, damageAdvice(dmg))
	}
	from := "a fresh draft, recorded as letter " + fmt.Sprint(l.ID)
	if stored {
		from = "the text of letter " + fmt.Sprint(l.ID) + " as printed on " + l.Date.String()
	}
	fmt.Fprintf(stdout, "wrote %s (%d page(s), %s)\n", *out, res.Pages, from)
	return 0
}

func runInterviewSummary(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("interview-summary", stderr)
	dbPath := fs.String("db", "", "database file (required)")
	id := fs.Int64("complaint", 0, "complaint ID (required)")
	out := fs.String("out", "", "PDF file to write (required)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *dbPath == "" || *id <= 0 || *out == "" {
		return usageError(stderr, "interview-summary", "--db FILE, --complaint ID and --out FILE.pdf are required")
	}
	store, code := openExisting("interview-summary", *dbPath, stderr)
	if store == nil {
		return code
	}
	defer store.Close()
	ctx := context.Background()
	f, err := store.InterviewFile(ctx, *id)
	if err != nil {
		return fail(stderr, "interview-summary", err)
	}
	cur, _ := store.Currency(ctx)
	paper, _ := store.Setting(ctx, documents.SettingPaper, "A4")
	res, err := documents.WriteSummaryFile(*out, f, documents.SummaryOptions{Paper: documents.SummaryPaper(paper), Currency: cur})
	if err != nil {
		return fail(stderr, "interview-summary", err)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(stderr, "amends interview-summary: these characters could not be printed: %q\n", string(res.Missing))
	}
	fmt.Fprintf(stdout, "wrote the summary of complaint %d (%s) to %s\n", *id, f.Client.Name, *out)
	return 0
}

func runReport(args []string, stdout, stderr io.Writer) int {
	store, out, done, code := openForExport("report", args, stderr, false)
	if store == nil {
		return code
	}
	defer done()
	var pages int
	err := atomicfile.Write(out, 0o600, func(w io.Writer) error {
		res, err := documents.WriteReport(context.Background(), store, w, time.Now())
		pages = res.Pages
		return err
	})
	if err != nil {
		return fail(stderr, "report", err)
	}
	fmt.Fprintf(stdout, "wrote the report (%d pages) to %s\n", pages, out)
	return 0
}

// runWinBackLetters is Lost clients ▸ Win-back letters for the mailing list: the letters
// are recorded in each client's timeline once the PDF is written.
func runWinBackLetters(args []string, stdout, stderr io.Writer) int {
	store, out, done, code := openForExport("winback-letters", args, stderr, true)
	if store == nil {
		return code
	}
	defer done()
	ctx := context.Background()
	batch, err := documents.WinBackBatch(ctx, store, time.Now(), nil)
	if err != nil {
		return fail(stderr, "winback-letters", err)
	}
	for _, why := range batch.Skipped {
		fmt.Fprintf(stderr, "amends winback-letters: left out: %s\n", why)
	}
	if len(batch.Letters) == 0 {
		return fail(stderr, "winback-letters", errors.New("no lost client on the mailing list has a postal address: no letter written"))
	}
	res, err := documents.WriteBatchFile(ctx, out, batch, nil)
	if err != nil {
		return fail(stderr, "winback-letters", err)
	}
	if _, err := store.SaveLetters(ctx, batch.Letters, false); err != nil {
		return fail(stderr, "winback-letters", fmt.Errorf("%s is written, but recording the letters failed: %w", out, err))
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(stderr, "amends winback-letters: warning: no font has %q; printed as a replacement mark\n", string(res.Missing))
	}
	if batch.LetterheadDamage != nil {
		fmt.Fprintf(stderr, "amends winback-letters: warning: %v; %s\n", batch.LetterheadDamage, damageAdvice(batch.LetterheadDamage))
	}
	fmt.Fprintf(stdout, "wrote %d win-back letters (%d pages) to %s and recorded them\n", len(batch.Letters), res.Pages, out)
	return 0
}

func runICS(args []string, stdout, stderr io.Writer) int {
	var events *bool
	store, out, done, code := openForExport("ics", args, stderr, false, func(fs *flag.FlagSet) {
		events = fs.Bool("events", false, "write calendar events (Google Calendar, Outlook) instead of to-dos")
	})
	if store == nil {
		return code
	}
	defer done()
	var n int
	err := atomicfile.Write(out, 0o600, func(w io.Writer) (err error) {
		n, err = store.ExportFollowUps(context.Background(), w, *events)
		return err
	})
	if err != nil {
		return fail(stderr, "ics", err)
	}
	fmt.Fprintf(stdout, "wrote %d open follow-ups to %s\n", n, out)
	return 0
}
