package documents_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

// BenchmarkWinBackBatch drafts a win-back letter for everyone on the mailing list of a
// 5,000-client demo file and lays them all out in one PDF: the batch in Lost clients.
func BenchmarkWinBackBatch(b *testing.B) {
	ctx := context.Background()
	db, err := data.Open(filepath.Join(b.TempDir(), "amends.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	if err := demo.Fill(ctx, db, demo.Options{Clients: 5000, Seed: 1, Now: now}, demo.Steps()...); err != nil {
		b.Fatal(err)
	}
	var n, pages int
	b.ReportAllocs()
	for b.Loop() {
		batch, err := documents.WinBackBatch(ctx, db, now, nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := documents.RenderBatch(ctx, io.Discard, batch, nil)
		if err != nil {
			b.Fatal(err)
		}
		n, pages = len(batch.Letters), res.Pages
	}
	b.ReportMetric(float64(n), "letters")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(max(n, 1)), "ms/letter")
}
