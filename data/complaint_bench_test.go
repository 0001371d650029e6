package data_test

import (
	"context"
	"testing"

	"github.com/amends/amends/data"
)

// The Red alerts badge is recounted on every navigation: it must stay cheap at 100,000 clients.
func BenchmarkCountOpenAlerts(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.CountOpenAlerts(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenAlerts(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.OpenAlerts(ctx, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListComplaints(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.ListComplaints(ctx, data.ComplaintFilter{}, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

// SaveInterview runs after each pause in typing: one transaction with the timeline entry.
func BenchmarkSaveInterview(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	ks, err := db.ListComplaints(ctx, data.ComplaintFilter{Outcome: data.OutcomeOpen}, 1)
	if err != nil || len(ks) == 0 {
		b.Fatal("no open complaint", err)
	}
	k := ks[0]
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k.Feeling = "let down " + string(rune('a'+i%26))
		if err := db.SaveInterview(ctx, k); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInterviewFile(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	ks, _ := db.ListComplaints(ctx, data.ComplaintFilter{Restate: data.RestateConfirmed}, 1)
	if len(ks) == 0 {
		b.Fatal("no confirmed complaint")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.InterviewFile(ctx, ks[0].ID); err != nil {
			b.Fatal(err)
		}
	}
}
