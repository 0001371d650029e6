// Command amends is the Amends desktop app and its command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/amends/amends/app"
	"github.com/amends/amends/assets"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/data/report"
	"github.com/amends/amends/data/summary"
	"github.com/amends/amends/pdf"
)

// Set by the build (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

const appID = "app.amends.desktop"

const usage = `Amends helps you keep your clients after something has gone wrong.

Usage:
  amends [--db FILE]                      start the app (default: your Amends data file)
  amends demo --db FILE [--clients N] [--seed S]
                                          fill FILE with realistic sample data
  amends backup --db FILE --out FILE      write a checked copy of FILE (FILE stays in use)
  amends restore --db FILE --from FILE    put a backup in place of FILE (FILE is backed up first)
  amends check --db FILE                  check FILE for damage; exit 1 on any problem
  amends export --db FILE --out OUT       write everything to OUT.json, or the clients to
                                          OUT.csv or OUT.vcf (--vcard-version 3.0 or 4.0)
  amends import --db FILE --in IN [--merge] [--dry-run]
                                          read IN.json (everything), IN.csv or IN.vcf
                                          (clients); clients already in FILE are reported,
                                          or with --merge their records join the existing one
  amends letter --db FILE (--complaint ID | --client ID) --kind KIND [--paper a4|letter] --out FILE.pdf
                                          write a letter as PDF: the last one printed for that
                                          complaint or client, else a fresh draft (recorded);
                                          KIND is apology, thanks, winback, followup or closing
  amends interview-summary --db FILE --complaint ID --out FILE.pdf
                                          write the one-page summary of an interview
  amends ics --db FILE --out FILE.ics [--events]
                                          export open follow-ups as a calendar file:
                                          to-dos, or events for Google Calendar/Outlook
  amends report --db FILE --out FILE.pdf  write the retention report as a PDF
  amends winback-letters --db FILE --out FILE.pdf
                                          write a win-back letter to every lost client on
                                          the mailing list, one PDF, and record each letter
  amends version                          print the version
  amends --help                           show this help

FILE is created if it does not exist.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches the command line and returns the exit code: 0 ok, 1 failure, 2 usage.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "version":
			fmt.Fprintf(stdout, "amends %s (schema %d)\n", version, data.SchemaVersion())
			return 0
		case "demo":
			return runDemo(args[1:], stdout, stderr)
		case "backup":
			return runBackup(args[1:], stdout, stderr)
		case "restore":
			return runRestore(args[1:], stdout, stderr)
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "import":
			return runImport(args[1:], stdout, stderr)
		case "letter":
			return runLetter(args[1:], stdout, stderr)
		case "interview-summary":
			return runInterviewSummary(args[1:], stdout, stderr)
		case "ics":
			return runICS(args[1:], stdout, stderr)
		case "report":
			return runReport(args[1:], stdout, stderr)
		case "winback-letters":
			return runWinBackLetters(args[1:], stdout, stderr)
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
		if len(args[0]) > 0 && args[0][0] != '-' {
			fmt.Fprintf(stderr, "amends: unknown command %q\n\n%s", args[0], usage)
			return 2
		}
	}
	fs := newFlags("amends", stderr)
	dbPath := fs.String("db", "", "database file to open")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	return runGUI(*dbPath, stderr)
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags; on failure it prints the reason and usage and says which code to exit with.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, usage)
		return 0, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "amends: %v\n\n%s", err, usage)
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "amends: unexpected argument %q\n\n%s", fs.Arg(0), usage)
		return 2, false
	}
	return 0, true
}

func runGUI(dbPath string, stderr io.Writer) int {
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	// Without --db: the default data file, or the welcome on first run (sample data next to it).
	places := app.PlacesIn(a.Storage().RootURI().Path())
	return app.Launch(a, dbPath, places, app.Info{Version: version}, stderr)
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", stderr)
	dbPath := fs.String("db", "", "database file to fill (required)")
	n := fs.Int("clients", 500, "number of clients")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *dbPath == "" || *n < 0 {
		return usageError(stderr, "demo", "--db FILE is required and --clients must not be negative")
	}
	store, err := data.Open(*dbPath)
	if err != nil {
		return fail(stderr, "demo", err)
	}
	defer store.Close()
	start := time.Now()
	err = demo.Fill(context.Background(), store, demo.Options{Clients: *n, Seed: *seed, Now: time.Now()}, demo.Steps()...)
	if err != nil {
		return fail(stderr, "demo", err)
	}
	fmt.Fprintf(stdout, "wrote %d sample clients to %s in %s\n", *n, *dbPath, time.Since(start).Round(time.Millisecond))
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
	paper, _ := store.Setting(ctx, summary.SettingPaper, "A4")
	res, err := summary.WriteFile(*out, f, summary.Options{Paper: summary.Paper(paper), Currency: cur})
	if err != nil {
		return fail(stderr, "interview-summary", err)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(stderr, "amends interview-summary: these characters could not be printed: %q\n", string(res.Missing))
	}
	fmt.Fprintf(stdout, "wrote the summary of complaint %d (%s) to %s\n", *id, f.Client.Name, *out)
	return 0
}

// openForExport opens an existing store for a command that reads it and writes a file.
func openForExport(name string, args []string, stderr io.Writer, flags ...func(*flag.FlagSet)) (store *data.DB, out string, code int) {
	fs := newFlags(name, stderr)
	dbPath := fs.String("db", "", "database file to read (required)")
	outPath := fs.String("out", "", "file to write (required)")
	for _, f := range flags {
		f(fs) // the command's own flags
	}
	if code, ok := parse(fs, args, stderr); !ok {
		return nil, "", code
	}
	if *dbPath == "" || *outPath == "" {
		return nil, "", usageError(stderr, name, "--db FILE and --out FILE are required")
	}
	store, code = openExisting(name, *dbPath, stderr)
	return store, *outPath, code
}

// openExisting opens a data file that must be there already: data.Open would make a
// missing one, and a command reading from nothing has a typo in its path.
func openExisting(cmd, path string, stderr io.Writer) (*data.DB, int) {
	if _, err := os.Stat(path); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("no such data file %s: %w", path, pe.Err)
		}
		return nil, fail(stderr, cmd, err)
	}
	store, err := data.Open(path)
	if err != nil {
		return nil, fail(stderr, cmd, err)
	}
	return store, 0
}

func runICS(args []string, stdout, stderr io.Writer) int {
	var events *bool
	store, out, code := openForExport("ics", args, stderr, func(fs *flag.FlagSet) {
		events = fs.Bool("events", false, "write calendar events (Google Calendar, Outlook) instead of to-dos")
	})
	if store == nil {
		return code
	}
	defer store.Close()
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

func runReport(args []string, stdout, stderr io.Writer) int {
	store, out, code := openForExport("report", args, stderr)
	if store == nil {
		return code
	}
	defer store.Close()
	var pages int
	err := atomicfile.Write(out, 0o600, func(w io.Writer) error {
		res, err := report.Write(context.Background(), store, w, time.Now())
		pages = res.Pages
		return err
	})
	if err != nil {
		return fail(stderr, "report", err)
	}
	fmt.Fprintf(stdout, "wrote the report (%d pages) to %s\n", pages, out)
	return 0
}

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
		_, err = pdf.ParsePaper(*paper)
	}
	if err != nil {
		fmt.Fprintf(stderr, "amends letter: %v\n", err)
		return 2
	}
	store, code := openExisting("letter", *dbPath, stderr)
	if store == nil {
		return code
	}
	defer store.Close()
	l, lh, stored, err := letters.Latest(context.Background(), store, kind, *client, *complaint, *paper, time.Now())
	if err != nil {
		return fail(stderr, "letter", err)
	}
	res, err := letters.WriteFile(*out, l, lh)
	if err != nil {
		return fail(stderr, "letter", err)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(stderr, "amends letter: warning: no font has %q; printed as a replacement mark\n", string(res.Missing))
	}
	// Latest left out any letterhead setting that cannot be read; say which.
	var dmg *data.LetterheadDamage
	if _, err := store.Letterhead(context.Background()); errors.As(err, &dmg) {
		fmt.Fprintf(stderr, "amends letter: warning: %v\n", dmg)
	}
	from := "a fresh draft, recorded as letter " + fmt.Sprint(l.ID)
	if stored {
		from = "the text of letter " + fmt.Sprint(l.ID) + " as printed on " + l.Date.String()
	}
	fmt.Fprintf(stdout, "wrote %s (%d page(s), %s)\n", *out, res.Pages, from)
	return 0
}

// runWinBackLetters is Lost clients ▸ Win-back letters for the mailing list: the letters
// are recorded in each client's timeline once the PDF is written.
func runWinBackLetters(args []string, stdout, stderr io.Writer) int {
	store, out, code := openForExport("winback-letters", args, stderr)
	if store == nil {
		return code
	}
	defer store.Close()
	ctx := context.Background()
	batch, err := letters.WinBackBatch(ctx, store, time.Now(), nil)
	if err != nil {
		return fail(stderr, "winback-letters", err)
	}
	for _, why := range batch.Skipped {
		fmt.Fprintf(stderr, "amends winback-letters: left out: %s\n", why)
	}
	if len(batch.Letters) == 0 {
		return fail(stderr, "winback-letters", errors.New("no lost client on the mailing list has a postal address: no letter written"))
	}
	var res pdf.Result
	err = atomicfile.Write(out, 0o644, func(w io.Writer) (err error) {
		res, err = letters.RenderBatch(ctx, w, batch, nil)
		return err
	})
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
		fmt.Fprintf(stderr, "amends winback-letters: warning: %v\n", batch.LetterheadDamage)
	}
	fmt.Fprintf(stdout, "wrote %d win-back letters (%d pages) to %s and recorded them\n", len(batch.Letters), res.Pages, out)
	return 0
}
