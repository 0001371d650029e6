package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/lock"
	"github.com/amends/amends/data/transfer"
)

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
	return 1
}

func runBackup(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("backup", stderr)
	dbPath := fs.String("db", "", "database file to back up (required)")
	out := fs.String("out", "", "backup file to write (required, must not exist)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *dbPath == "" || *out == "" {
		return usageError(stderr, "backup", "--db FILE and --out FILE are required")
	}
	if _, err := os.Stat(*out); err == nil {
		return fail(stderr, "backup", fmt.Errorf("%s exists already; choose a new file name", *out))
	}
	store, code := openExisting("backup", *dbPath, stderr)
	if store == nil {
		return code
	}
	defer store.Close()
	if err := store.Snapshot(context.Background(), *out); err != nil {
		return fail(stderr, "backup", err)
	}
	info, err := backup.Inspect(context.Background(), *out)
	if err != nil {
		return fail(stderr, "backup", err)
	}
	fmt.Fprintf(stdout, "backed up %d clients (%d timeline entries) to %s\n", info.Clients, info.Tables["timeline"], *out)
	return 0
}

func runRestore(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("restore", stderr)
	dbPath := fs.String("db", "", "database file to replace (required)")
	from := fs.String("from", "", "backup file to restore (required)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *dbPath == "" || *from == "" {
		return usageError(stderr, "restore", "--db FILE and --from FILE are required")
	}
	ctx := context.Background()
	info, err := backup.Inspect(ctx, *from)
	if err != nil {
		return fail(stderr, "restore", err)
	}
	l, err := lock.Acquire(*dbPath)
	if err != nil {
		return fail(stderr, "restore", err)
	}
	defer l.Release()
	now := time.Now()
	store, err := data.Open(*dbPath)
	switch {
	case err == nil:
		safety, err := backup.Restore(ctx, store, *from, now)
		if err != nil {
			store.Close()
			return fail(stderr, "restore", err)
		}
		fmt.Fprintf(stdout, "the data you had is saved in %s\n", safety)
	case errors.Is(err, data.ErrNewerSchema) || errors.Is(err, data.ErrReadOnly) || errors.Is(err, data.ErrDiskFull):
		return fail(stderr, "restore", err)
	default:
		// The current file cannot be opened: keep it under another name, never overwrite it.
		if _, statErr := os.Stat(*dbPath); statErr == nil {
			aside, err := backup.SetAside(*dbPath, now)
			if err != nil {
				return fail(stderr, "restore", err)
			}
			fmt.Fprintf(stdout, "the file that could not be opened is kept as %s\n", aside)
		}
		if err := backup.Replace(ctx, *dbPath, *from); err != nil {
			return fail(stderr, "restore", err)
		}
	}
	store, err = data.Open(*dbPath)
	if err != nil {
		return fail(stderr, "restore", err)
	}
	store.Close()
	fmt.Fprintf(stdout, "restored %d clients from %s (backup of %s)\n", info.Clients, *from, info.Taken.Local().Format("2 Jan 2006 15:04"))
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	dbPath := fs.String("db", "", "database file to check (required)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *dbPath == "" {
		return usageError(stderr, "check", "--db FILE is required")
	}
	r, err := backup.Check(context.Background(), *dbPath)
	if err != nil {
		return fail(stderr, "check", err)
	}
	r.Print(stdout, *dbPath)
	if !r.OK() {
		return 1
	}
	return 0
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", stderr)
	dbPath := fs.String("db", "", "database file to export (required)")
	out := fs.String("out", "", "file to write: .json (everything), .csv or .vcf (clients) (required)")
	vv := fs.String("vcard-version", "4.0", "vCard version for .vcf: 3.0 or 4.0")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	kind := transfer.KindOf(*out)
	if *dbPath == "" || *out == "" || kind == "" || (*vv != "3.0" && *vv != "4.0") {
		return usageError(stderr, "export", "--db FILE and --out FILE.json, FILE.csv or FILE.vcf are required (--vcard-version 3.0 or 4.0)")
	}
	store, code := openExisting("export", *dbPath, stderr)
	if store == nil {
		return code
	}
	defer store.Close()
	err := transfer.WriteFile(*out, func(w io.Writer) error {
		ctx := context.Background()
		switch kind {
		case "csv":
			return transfer.WriteCSV(ctx, store, w, transfer.ExportOptions{})
		case "vcard":
			return transfer.WriteVCard(ctx, store, w, *vv, transfer.ExportOptions{})
		}
		return transfer.Export(ctx, store, w, transfer.ExportOptions{})
	})
	if err != nil {
		return fail(stderr, "export", err)
	}
	n, _ := store.CountClients(context.Background(), data.ClientFilter{})
	a, _ := store.CountClients(context.Background(), data.ClientFilter{Archived: true})
	fmt.Fprintf(stdout, "exported %d clients to %s\n", n+a, *out)
	return 0
}

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", stderr)
	dbPath := fs.String("db", "", "database file to import into (required; created if missing)")
	in := fs.String("in", "", "file to read: .json, .csv or .vcf (required)")
	merge := fs.Bool("merge", false, "add records of clients already in the database to them instead of skipping")
	dry := fs.Bool("dry-run", false, "only report what would be imported")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	kind := transfer.KindOf(*in)
	if *dbPath == "" || *in == "" || kind == "" {
		return usageError(stderr, "import", "--db FILE and --in FILE.json, FILE.csv or FILE.vcf are required")
	}
	f, err := os.Open(*in)
	if err != nil {
		return fail(stderr, "import", err)
	}
	defer f.Close()
	l, err := lock.Acquire(*dbPath)
	if err != nil {
		return fail(stderr, "import", err)
	}
	defer l.Release()
	store, err := data.Open(*dbPath)
	if err != nil {
		return fail(stderr, "import", err)
	}
	defer store.Close()
	ctx := context.Background()
	opts := transfer.ImportOptions{Merge: *merge, DryRun: *dry}
	var rep transfer.Report
	if kind == "json" {
		rep, err = transfer.ImportJSON(ctx, store, f, opts)
	} else {
		var cf *transfer.ClientFile
		if kind == "csv" {
			cf, err = transfer.ReadCSV(f)
		} else {
			cf, err = transfer.ReadVCard(f)
		}
		if err == nil {
			rep, err = transfer.ImportClients(ctx, store, cf, opts)
		}
	}
	if err != nil {
		return fail(stderr, "import", fmt.Errorf("%w (nothing was imported)", err))
	}
	if *dry {
		fmt.Fprintln(stdout, "dry run: nothing was stored")
	}
	fmt.Fprint(stdout, rep.Summary())
	return 0
}
