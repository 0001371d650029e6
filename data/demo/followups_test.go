package demo

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

func TestFollowUpsStepShapes(t *testing.T) {
	db, _ := fill(t, 3)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 15, 4, 0, 0, time.UTC)
	open, err := db.OpenFollowUps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	buckets := map[data.Bucket]int{}
	for _, f := range open {
		buckets[data.BucketOf(f.Due, now)]++
	}
	if buckets[data.Overdue] == 0 || buckets[data.DueThisWeek] == 0 || buckets[data.DueLater] == 0 {
		t.Errorf("follow-ups by bucket %v", buckets)
	}
	if done, _ := db.RecentlyDone(ctx, now.AddDate(-1, 0, 0)); len(done) == 0 {
		t.Error("no done follow-ups")
	}
	lost, err := db.LostClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lost {
		if l.Loss.ID == 0 {
			t.Errorf("lost client %q has no loss recorded", l.Client.Name)
		}
	}
	r, err := db.BuildReport(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Losses.ByReason) < 5 || len(r.Satisfaction) < 8 {
		t.Errorf("reasons %d, quarters of feedback %d", len(r.Losses.ByReason), len(r.Satisfaction))
	}
	for _, y := range r.Years {
		if y.Start == 0 || y.New == 0 || y.Lost == 0 {
			t.Errorf("year without shape: %+v", y)
		}
	}
	if n, _ := db.CountToAsk(ctx, 6, now); n == 0 {
		t.Error("nobody to ask for feedback")
	}
}

// BenchmarkBuildReport100k times the Reports screen's query on the 100,000-client sample.
func BenchmarkBuildReport100k(b *testing.B) {
	db, err := data.Open(filepath.Join(b.TempDir(), "demo.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := Fill(ctx, db, Options{Clients: 100_000, Seed: 2, Now: time.Now()}, Steps()...); err != nil {
		b.Fatal(err)
	}
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.BuildReport(ctx, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lost-clients", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.LostClients(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("open-follow-ups", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.OpenFollowUps(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("count-overdue", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.CountOverdue(ctx, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ask-first-page", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ClientsToAsk(ctx, 6, time.Now(), 0, 100); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ask-deep-page", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ClientsToAsk(ctx, 6, time.Now(), 50_000, 100); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ask-count", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.CountToAsk(ctx, 6, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("recently-done", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.RecentlyDone(ctx, time.Now().AddDate(0, 0, -14)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestSatisfactionQuartersMatchesPureAverages(t *testing.T) {
	db, _ := fill(t, 5)
	ctx := context.Background()
	from := data.NewDate(2022, 1, 1)
	fb, err := db.AnsweredFeedback(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	want := data.SatisfactionByQuarter(fb)
	got, err := db.SatisfactionQuarters(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) < 8 {
		t.Fatalf("%d quarters, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Period != w.Period || g.Answers != w.Answers || math.Abs(g.Satisfaction-w.Satisfaction) > 1e-9 ||
			math.Abs(g.Recommend-w.Recommend) > 1e-9 {
			t.Errorf("quarter %d: %+v, want %+v", i, g, w)
		}
	}
}
