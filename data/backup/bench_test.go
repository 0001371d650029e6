package backup

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

// A verified snapshot (VACUUM INTO, integrity_check, fsync, rename) of 500 demo clients.
func BenchmarkSnapshot(b *testing.B) {
	db, err := data.Open(filepath.Join(b.TempDir(), "amends.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := demo.Fill(ctx, db, demo.Options{Clients: 500, Seed: 1, Now: time.Now()}, demo.Steps()...); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := db.Snapshot(ctx, filepath.Join(dir, data.BackupName(time.Unix(int64(i), 0), "bench"))); err != nil {
			b.Fatal(err)
		}
	}
}
