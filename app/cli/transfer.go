package cli

// export and import: everything as JSON, the clients as CSV or vCard.

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/transfer"
)

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
	n, err := store.CountClients(context.Background(), data.ClientFilter{})
	if err != nil {
		return fail(stderr, "export", fmt.Errorf("%s is written, but counting its clients failed: %w", *out, err))
	}
	a, err := store.CountClients(context.Background(), data.ClientFilter{Archived: true})
	if err != nil {
		return fail(stderr, "export", fmt.Errorf("%s is written, but counting its archived clients failed: %w", *out, err))
	}
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
	o, code := openToWrite("import", *dbPath, stderr, true)
	if o == nil {
		return code
	}
	defer o.Close()
	store := o.store
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
