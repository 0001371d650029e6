package cli

// demo, backup, restore and check: the data file itself.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/data/lock"
	"github.com/amends/amends/data/transfer"
)

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
	o, code := openToWrite("demo", *dbPath, stderr, true)
	if o == nil {
		return code
	}
	defer o.Close()
	store := o.store
	start := time.Now()
	err := demo.Fill(context.Background(), store, demo.Options{Clients: *n, Seed: *seed, Now: time.Now()}, demo.Steps()...)
	if err != nil {
		return fail(stderr, "demo", err)
	}
	fmt.Fprintf(stdout, "wrote %d sample clients to %s in %s\n", *n, *dbPath, time.Since(start).Round(time.Millisecond))
	return 0
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
	if err == nil {
		tellStray(stderr, "restore", store)
		backup.CleanLeftovers(ctx, store, now)
	}
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

// runErase is a client file's Their data ▸ Erase permanently: the client and every record
// about them leave the file for good, once --confirm repeats their name.
func runErase(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("erase", stderr)
	dbPath := fs.String("db", "", "database file (required)")
	id := fs.Int64("client", 0, "ID of the client to erase (required)")
	confirm := fs.String("confirm", "", "the client's name, exactly, to confirm (required)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if *dbPath == "" || *id <= 0 || *confirm == "" {
		return usageError(stderr, "erase", "--db FILE, --client ID and --confirm \"NAME\" are required")
	}
	o, code := openToWrite("erase", *dbPath, stderr, false)
	if o == nil {
		return code
	}
	defer o.Close()
	ctx := context.Background()
	c, err := o.store.Client(ctx, *id)
	if err != nil {
		if errors.Is(err, data.ErrNotFound) {
			err = fmt.Errorf("there is no client %d in %s; nothing was erased", *id, *dbPath)
		}
		return fail(stderr, "erase", err)
	}
	if !transfer.ConfirmsErase(*confirm, c.Name) {
		return fail(stderr, "erase", fmt.Errorf("client %d is called %q, not %q; nothing was erased", c.ID, c.Name, *confirm))
	}
	erased, err := transfer.EraseClient(ctx, o.store, c.ID)
	if err != nil {
		return fail(stderr, "erase", err)
	}
	total := 0
	for _, n := range erased {
		total += n
	}
	fmt.Fprintf(stdout, "erased %s (client %d): %d records in %d tables; backups made before now still hold their data\n", c.Name, c.ID, total, len(erased))
	return 0
}
