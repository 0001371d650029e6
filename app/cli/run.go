// Package cli is the amends command line: one file per group of subcommands, sharing the
// flag-and-open helpers here. It never starts the window: Run says when main should.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/lock"
)

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
  amends import --db FILE --in IN [--merge] [--dry-run] [--encoding ENC] [--column 'HEADER=FIELD']...
                                          read IN.json (everything), IN.csv or IN.vcf
                                          (clients); prints where each CSV column went;
                                          clients already in FILE (same name, and the same
                                          email or company) are reported, or with --merge
                                          their records join the existing one
  amends erase --db FILE --client ID --confirm "NAME"
                                          erase a client and everything about them for good
                                          (NAME: their name, exactly; backups keep theirs)
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

FILE is created if it does not exist. One program writes to FILE at a time: demo,
import, restore, erase, letter and winback-letters stop with a message while the app
or another of them has it open.
`

// Run handles the command line args (without the program name). For a subcommand, help,
// the version or a usage error it prints to stdout and stderr and returns the exit code
// (0 ok, 1 failure, 2 usage) with gui false. Otherwise gui is true: main starts the
// window on dbPath ("" for the default data file).
func Run(args []string, stdout, stderr io.Writer, version string) (code int, gui bool, dbPath string) {
	if len(args) > 0 {
		if cmd := command(args[0]); cmd != nil {
			return cmd(args[1:], stdout, stderr), false, ""
		}
		switch args[0] {
		case "version":
			fmt.Fprintf(stdout, "amends %s (schema %d)\n", version, data.SchemaVersion())
			return 0, false, ""
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0, false, ""
		}
		if len(args[0]) > 0 && args[0][0] != '-' {
			fmt.Fprintf(stderr, "amends: unknown command %q\n\n%s", args[0], usage)
			return 2, false, ""
		}
	}
	fs := newFlags("amends", stderr)
	db := fs.String("db", "", "database file to open")
	if code, ok := parse(fs, args, stderr); !ok {
		return code, false, ""
	}
	return 0, true, *db
}

// command is the subcommand called name, nil for none: it takes the arguments after the
// name and returns the exit code.
func command(name string) func(args []string, stdout, stderr io.Writer) int {
	switch name {
	case "demo":
		return runDemo
	case "backup":
		return runBackup
	case "restore":
		return runRestore
	case "check":
		return runCheck
	case "export":
		return runExport
	case "import":
		return runImport
	case "erase":
		return runErase
	case "letter":
		return runLetter
	case "interview-summary":
		return runInterviewSummary
	case "ics":
		return runICS
	case "report":
		return runReport
	case "winback-letters":
		return runWinBackLetters
	}
	return nil
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

// usageError prints what is missing from a command line, then the usage; exit code 2.
func usageError(stderr io.Writer, cmd, msg string) int {
	fmt.Fprintf(stderr, "amends %s: %s\n\n%s", cmd, msg, usage)
	return 2
}

// fail prints a one-line failure with the user-facing explanation when there is one.
func fail(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "amends %s: %v\n", cmd, err)
	if why := data.Explain(err); why != "" {
		fmt.Fprintf(stderr, "  %s\n", why)
	}
	if why := advice(err); why != "" {
		fmt.Fprintf(stderr, "  %s\n", why)
	}
	return 1
}

// advice is what to do about err that the packages below do not say, because it is
// done in the app's window: they name no menus.
func advice(err error) string {
	if errors.Is(err, documents.ErrNoLetterhead) {
		return "Fill in your name and address in the app under Settings ▸ Letterhead, then run this again."
	}
	return ""
}

// damageAdvice says where the letterhead settings that could not be read are set again.
func damageAdvice(d *data.LetterheadDamage) string {
	if len(d.Fields) > 1 {
		return "set them again in the app under Settings ▸ Letterhead"
	}
	return "set it again in the app under Settings ▸ Letterhead"
}

// openForExport opens an existing store for a command that reads it and writes a file.
// With write the command also writes to the store, and holds its lock (see openToWrite).
// close closes the store (and lets go of the lock).
func openForExport(name string, args []string, stderr io.Writer, write bool, flags ...func(*flag.FlagSet)) (store *data.DB, out string, close func(), code int) {
	fs := newFlags(name, stderr)
	dbPath := fs.String("db", "", "database file to read (required)")
	outPath := fs.String("out", "", "file to write (required)")
	for _, f := range flags {
		f(fs) // the command's own flags
	}
	if code, ok := parse(fs, args, stderr); !ok {
		return nil, "", nil, code
	}
	if *dbPath == "" || *outPath == "" {
		return nil, "", nil, usageError(stderr, name, "--db FILE and --out FILE are required")
	}
	if write {
		o, code := openToWrite(name, *dbPath, stderr, false)
		if o == nil {
			return nil, "", nil, code
		}
		return o.store, *outPath, o.Close, 0
	}
	store, code = openExisting(name, *dbPath, stderr)
	if store == nil {
		return nil, "", nil, code
	}
	return store, *outPath, func() { store.Close() }, 0
}

// mustExist refuses a data file that is not there: data.Open would make a missing one,
// and a command reading from nothing has a typo in its path.
func mustExist(path string) error {
	if _, err := os.Stat(path); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no such data file %s: %w", path, pe.Err)
		}
		return err
	}
	return nil
}

// openExisting opens a data file that must be there already, for a command that only
// reads it (the app may have it open meanwhile).
func openExisting(cmd, path string, stderr io.Writer) (*data.DB, int) {
	if err := mustExist(path); err != nil {
		return nil, fail(stderr, cmd, err)
	}
	store, err := data.Open(path)
	if err != nil {
		return nil, fail(stderr, cmd, err)
	}
	tellStray(stderr, cmd, store)
	return store, 0
}

// opened is a data file a command writes to, with its single-writer lock.
type opened struct {
	store *data.DB
	lock  *lock.Lock
}

// Close closes the store, then lets go of the lock.
func (o *opened) Close() {
	o.store.Close()
	o.lock.Release()
}

// openToWrite takes the file's single-writer lock (refused while the app or another
// command writes to it) and opens it; with create a missing file is made. What an
// interrupted backup or restore left behind is cleaned up.
func openToWrite(cmd, path string, stderr io.Writer, create bool) (*opened, int) {
	if !create {
		if err := mustExist(path); err != nil {
			return nil, fail(stderr, cmd, err)
		}
	}
	l, err := lock.Acquire(path)
	if err != nil {
		return nil, fail(stderr, cmd, err)
	}
	store, err := data.Open(path)
	if err != nil {
		l.Release()
		return nil, fail(stderr, cmd, err)
	}
	tellStray(stderr, cmd, store)
	backup.CleanLeftovers(context.Background(), store, time.Now())
	return &opened{store: store, lock: l}, 0
}

// tellStray says that Open set aside a journal of another file.
func tellStray(stderr io.Writer, cmd string, store *data.DB) {
	if s := store.StrayJournal(); s != nil {
		fmt.Fprintf(stderr, "amends %s: note: %s\n  (%s)\n", cmd, s.Message(), s.Reason)
	}
}
