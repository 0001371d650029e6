package cli

// export and import: everything as JSON, the clients as CSV or vCard.

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

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
	enc := fs.String("encoding", "", "CSV: the file's encoding, UTF-8, Windows-1252 or ISO-8859-1 (default: found)")
	var mapping columnFlags
	fs.Var(&mapping, "column", "CSV: send a column to a field, as 'HEADER=FIELD' (FIELD 'none' leaves it out); repeatable")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	kind := transfer.KindOf(*in)
	if *dbPath == "" || *in == "" || kind == "" {
		return usageError(stderr, "import", "--db FILE and --in FILE.json, FILE.csv or FILE.vcf are required")
	}
	if *enc != "" && !slices.Contains(transfer.Encodings(), *enc) {
		return usageError(stderr, "import", fmt.Sprintf("--encoding %q: use UTF-8, Windows-1252 or ISO-8859-1", *enc))
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
	var cf *transfer.ClientFile
	if kind == "json" {
		rep, err = transfer.ImportJSON(ctx, store, f, opts)
	} else {
		if kind == "csv" {
			cf, err = readCSV(f, *enc, mapping)
		} else {
			cf, err = transfer.ReadVCard(f)
		}
		if err == nil {
			printMapping(stdout, cf)
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
	if len(rep.Duplicates) > 0 && !*merge {
		fmt.Fprintf(stdout, "%d clients of the file are already here (listed above) and were left as they are; import again with --merge to fill in their empty fields\n", len(rep.Duplicates))
	}
	return 0
}

// columnFlags are the --column HEADER=FIELD choices of an import.
type columnFlags []string

func (c *columnFlags) String() string     { return strings.Join(*c, ", ") }
func (c *columnFlags) Set(v string) error { *c = append(*c, v); return nil }

// readCSV reads a CSV file with the encoding and the columns the user chose.
func readCSV(r io.Reader, enc string, chosen columnFlags) (*transfer.ClientFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, transfer.MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("read CSV: %w", err)
	}
	opts := transfer.CSVOptions{Encoding: enc}
	if len(chosen) > 0 {
		// The headers are only known once the file is read: read it, then again with the choices.
		first, err := transfer.ReadCSVBytes(b, opts)
		if err != nil {
			return nil, err
		}
		opts.Fields = map[int]transfer.Field{}
		for _, c := range chosen {
			header, field, ok := strings.Cut(c, "=")
			to, known := transfer.ParseField(field)
			if !ok || !known {
				return nil, fmt.Errorf("--column %q: write HEADER=FIELD, FIELD one of %s or none", c, fieldNames())
			}
			col := slices.IndexFunc(first.Columns, func(x transfer.Column) bool { return strings.EqualFold(x.Header, strings.TrimSpace(header)) })
			if col < 0 {
				return nil, fmt.Errorf("--column %q: the file has no column %q", c, header)
			}
			opts.Fields[first.Columns[col].Index] = to
		}
	}
	return transfer.ReadCSVBytes(b, opts)
}

func fieldNames() string {
	var out []string
	for _, f := range transfer.Fields() {
		out = append(out, string(f))
	}
	return strings.Join(out, ", ")
}

// printMapping says where each column of a CSV file went, and what a file leaves out.
func printMapping(w io.Writer, f *transfer.ClientFile) {
	if f.Note != "" {
		fmt.Fprintf(w, "read as %s (%s)\n", f.Kind, f.Note)
	}
	if len(f.Columns) > 0 {
		fmt.Fprintln(w, "columns:")
		fmt.Fprint(w, f.Mapping())
	}
	if u := f.Unmapped(); len(u) > 0 {
		fmt.Fprintf(w, "not imported (Amends has no place for them; --column HEADER=FIELD sends a column to a field): %s\n", strings.Join(u, ", "))
	}
}
