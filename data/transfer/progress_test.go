package transfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// progressLog records the reports of a long operation and checks they only go up.
type progressLog struct {
	t            *testing.T
	calls        int
	done, total  int
	cancelAt     int // cancel once done reaches this (0: never)
	cancel       context.CancelFunc
	decreased    bool
	totalChanged bool
}

func (p *progressLog) report(done, total int) {
	if p.calls > 0 && (done < p.done) {
		p.decreased = true
	}
	if p.calls > 0 && total != p.total {
		p.totalChanged = true
	}
	p.calls++
	p.done, p.total = done, total
	if p.cancelAt > 0 && done >= p.cancelAt && p.cancel != nil {
		p.cancel()
	}
}

func (p *progressLog) check(wantTotal int) {
	p.t.Helper()
	if p.calls < 2 || p.decreased || p.totalChanged || p.done != wantTotal || p.total != wantTotal {
		p.t.Errorf("progress: %d calls, last %d of %d (want %d of %d), went down %v, total changed %v",
			p.calls, p.done, p.total, wantTotal, wantTotal, p.decreased, p.totalChanged)
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestExportProgressCountsEveryRow(t *testing.T) {
	db := demoDB(t, 600)
	rows := sum(countAll(t, db))
	if rows < 3*256 {
		t.Fatalf("only %d rows; the test needs several reports", rows)
	}
	p := &progressLog{t: t}
	if err := Export(ctx, db, io.Discard, ExportOptions{Now: fixed, Progress: p.report}); err != nil {
		t.Fatal(err)
	}
	p.check(rows)

	for _, kind := range []string{"csv", "vcard"} {
		p := &progressLog{t: t}
		opts := ExportOptions{Progress: p.report}
		var err error
		if kind == "csv" {
			err = WriteCSV(ctx, db, io.Discard, opts)
		} else {
			err = WriteVCard(ctx, db, io.Discard, "4.0", opts)
		}
		if err != nil {
			t.Fatal(err)
		}
		p.check(countAll(t, db)["clients"])
	}
}

func TestCancelledExportLeavesNoFile(t *testing.T) {
	db := demoDB(t, 600)
	dir := t.TempDir()
	for _, kind := range []string{"json", "csv", "vcard"} {
		t.Run(kind, func(t *testing.T) {
			c, cancel := context.WithCancel(ctx)
			defer cancel()
			p := &progressLog{t: t, cancelAt: 1, cancel: cancel}
			opts := ExportOptions{Now: fixed, Progress: p.report}
			path := filepath.Join(dir, "out."+kind)
			err := WriteFile(path, func(w io.Writer) error {
				switch kind {
				case "csv":
					return WriteCSV(c, db, w, opts)
				case "vcard":
					return WriteVCard(c, db, w, "4.0", opts)
				}
				return Export(c, db, w, opts)
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v, want context.Canceled", err)
			}
			if p.done >= p.total {
				t.Errorf("stopped at %d of %d: not half-way", p.done, p.total)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}

func TestCancelledImportChangesNothing(t *testing.T) {
	src := demoDB(t, 600)
	var doc bytes.Buffer
	if err := Export(ctx, src, &doc, ExportOptions{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	for _, into := range []string{"empty", "in use"} {
		t.Run(into, func(t *testing.T) {
			db := openDB(t)
			if into == "in use" {
				db = demoDB(t, 5)
			}
			before := countAll(t, db)
			c, cancel := context.WithCancel(ctx)
			defer cancel()
			p := &progressLog{t: t, cancelAt: 2 * 256, cancel: cancel}
			_, err := ImportJSON(c, db, bytes.NewReader(doc.Bytes()), ImportOptions{Progress: p.report})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v, want context.Canceled", err)
			}
			if p.done >= p.total {
				t.Errorf("stopped at %d of %d: not half-way", p.done, p.total)
			}
			if after := countAll(t, db); !reflect.DeepEqual(before, after) {
				t.Errorf("rows changed: before %v, after %v", before, after)
			}
			// And the same import, not cancelled, reports every row.
			p = &progressLog{t: t}
			if _, err := ImportJSON(ctx, db, bytes.NewReader(doc.Bytes()), ImportOptions{Progress: p.report}); err != nil {
				t.Fatal(err)
			}
			p.check(sum(countAll(t, src)))
		})
	}
}

func TestCancelledClientImportChangesNothing(t *testing.T) {
	db := openDB(t)
	var csv bytes.Buffer
	csv.WriteString("Name,Email\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&csv, "Zoë %d,zoe%d@example.com\n", i, i)
	}
	f, err := ReadCSV(&csv)
	if err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	p := &progressLog{t: t, cancelAt: 512, cancel: cancel}
	if _, err := ImportClients(c, db, f, ImportOptions{Progress: p.report}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if n := countAll(t, db)["clients"]; n != 0 {
		t.Errorf("%d clients stored by a cancelled import", n)
	}
	p = &progressLog{t: t}
	if _, err := ImportClients(ctx, db, f, ImportOptions{Progress: p.report}); err != nil {
		t.Fatal(err)
	}
	p.check(1000)
	if n := countAll(t, db)["clients"]; n != 1000 {
		t.Errorf("%d clients imported, want 1000", n)
	}
}
