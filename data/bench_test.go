package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

const benchClients = 100_000

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigDB opens a store with 100,000 demo clients, made once per test binary run.
func bigDB(b *testing.B) *data.DB {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "amends-bench")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		db, err := data.Open(bigPath)
		if err != nil {
			bigErr = err
			return
		}
		defer db.Close()
		bigErr = demo.Fill(context.Background(), db, demo.Options{Clients: benchClients, Seed: 1,
			Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}, demo.Steps()...)
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	db, err := data.Open(bigPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigPath != "" {
		os.RemoveAll(filepath.Dir(bigPath))
	}
	os.Exit(code)
}

// BenchmarkSearchPrefix is a search as the user types a few letters of a name.
func BenchmarkSearchPrefix(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, q := range []string{"m", "mü", "papa", "anna sch", "nowak", "chen", "ka", "rou", "søren", "invoice", "дми"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.SearchClients(ctx, q, data.ClientFilter{}, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListFirstPage is what the client list loads when it opens.
func BenchmarkListFirstPage(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		f    data.ClientFilter
	}{{"by-name", data.ClientFilter{}}, {"by-contact", data.ClientFilter{Sort: data.SortByLastContact}},
		{"at-risk", data.ClientFilter{Status: data.StatusAtRisk}}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CountClients(ctx, f.f); err != nil {
					b.Fatal(err)
				}
				if _, err := db.ListClients(ctx, f.f, 0, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDemo100k times `amends demo --clients 100000`.
func BenchmarkDemo100k(b *testing.B) {
	for b.Loop() {
		db, err := data.Open(filepath.Join(b.TempDir(), "demo.db"))
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.Fill(context.Background(), db, demo.Options{Clients: benchClients, Seed: 2, Now: time.Now()}, demo.Steps()...); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkListDeepPage is a page far down the list, as when the scroll bar is dragged
// to the middle or the end of 100,000 clients.
func BenchmarkListDeepPage(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		f    data.ClientFilter
	}{{"by-name", data.ClientFilter{}}, {"by-contact", data.ClientFilter{Sort: data.SortByLastContact}}} {
		for _, offset := range []int{50_000, benchClients - 100} {
			b.Run(fmt.Sprintf("%s/%d", f.name, offset), func(b *testing.B) {
				for b.Loop() {
					if _, err := db.ListClients(ctx, f.f, offset, 100); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkListPageByKey is any page of the list read by its key, at the top, in the
// middle and at the end, and the pass that finds every page's key.
func BenchmarkListPageByKey(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		f    data.ClientFilter
	}{{"by-name", data.ClientFilter{}}, {"by-contact", data.ClientFilter{Sort: data.SortByLastContact}},
		{"at-risk-by-contact", data.ClientFilter{Status: data.StatusAtRisk, Sort: data.SortByLastContact}}} {
		keys, err := db.ClientPageKeys(ctx, f.f, 100)
		if err != nil || len(keys) == 0 {
			b.Fatalf("keys: %v (%d)", err, len(keys))
		}
		b.Run(f.name+"/keys", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ClientPageKeys(ctx, f.f, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, at := range []int{0, len(keys) / 2, len(keys) - 1} {
			b.Run(fmt.Sprintf("%s/page-%d", f.name, at), func(b *testing.B) {
				for b.Loop() {
					if _, err := db.ListClientsFrom(ctx, f.f, keys[at], 100); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSearchPlaces is what a result list adds to a search: where each of the best
// 100 matches is, when not in the name.
func BenchmarkSearchPlaces(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, q := range []string{"papa", "anna sch", "invoice", "report"} {
		found, err := db.SearchClients(ctx, q, data.ClientFilter{}, 100)
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]int64, len(found))
		for i, c := range found {
			ids[i] = c.ID
		}
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.SearchPlaces(ctx, q, ids); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAskPage is a page of Ask for feedback at the top, in the middle and at the
// end of the list, as the list looked when it was opened.
func BenchmarkAskPage(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	opened := now.Add(-time.Minute)
	n, err := db.CountToAskSince(ctx, 6, now, opened)
	if err != nil || n == 0 {
		b.Fatalf("count: %v (%d)", err, n)
	}
	for _, at := range []int{0, n / 2, n - 100} {
		b.Run(fmt.Sprintf("row-%d", at), func(b *testing.B) {
			for b.Loop() {
				if _, err := db.ClientsToAskSince(ctx, 6, now, opened, at, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.CountToAskSince(ctx, 6, now, opened); err != nil {
				b.Fatal(err)
			}
		}
	})
}
