package data_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

// The Lost clients list, its patterns and the report count the same losses, and say how
// they differ: every loss recorded = the clients lost now (the list) + those won back
// since + those archived or given another status by hand. The report's sentence about
// survival counts the clients of its table's first "at start".
func TestLossFiguresAgree(t *testing.T) {
	ctx := context.Background()
	db, err := data.Open(filepath.Join(t.TempDir(), "figures.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if err := demo.Fill(ctx, db, demo.Options{Clients: 300, Seed: 5, Now: now}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
	list, err := db.LostClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 4 {
		t.Fatalf("only %d lost clients in the sample data", len(list))
	}
	// One lost client archived, one won back, one set active by hand: each leaves the list.
	if err := db.SetArchived(ctx, list[0].Client.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkWonBack(ctx, list[1].Client.ID, data.DateOf(now)); err != nil {
		t.Fatal(err)
	}
	if err := db.SetStatus(ctx, list[2].Client.ID, data.StatusActive); err != nil {
		t.Fatal(err)
	}
	list, err = db.LostClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var income int64
	for _, r := range list {
		income += r.Loss.IncomeLost
	}
	facts, err := db.LossFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := data.PatternsOf(facts)
	if p.Listed.Count != len(list) || p.Listed.Income != income {
		t.Errorf("patterns count %d lost now worth %d, the list %d worth %d", p.Listed.Count, p.Listed.Income, len(list), income)
	}
	if p.Returned == 0 || p.Elsewhere() < 2 {
		t.Errorf("won back %d, elsewhere %d: the won-back, archived and reset clients are not told apart", p.Returned, p.Elsewhere())
	}
	if p.Total.Count != p.Listed.Count+p.Returned+p.Elsewhere() || p.Total.Count <= len(list) {
		t.Errorf("total %d, listed %d, returned %d, elsewhere %d", p.Total.Count, p.Listed.Count, p.Returned, p.Elsewhere())
	}

	r, err := db.BuildReport(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Losses.Total != p.Total || r.Losses.Listed != p.Listed {
		t.Errorf("the report counts %+v / %+v, the patterns %+v / %+v", r.Losses.Total, r.Losses.Listed, p.Total, p.Listed)
	}
	first := r.Years[0]
	if r.Survival.Had != first.Start || r.Survival.From != data.NewDate(first.Year, 1, 1) {
		t.Errorf("survival counts %d clients on %s, the table starts %d with %d", r.Survival.Had, r.Survival.From, first.Year, first.Start)
	}
}
