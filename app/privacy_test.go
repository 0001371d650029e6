package app

import (
	"context"
	"strings"
	"testing"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/transfer"
)

// What Amends holds about a client is said in words, never as table names.
func TestHoldingsInWords(t *testing.T) {
	got := describeCounts(map[string]int{"clients": 1, "followups": 2, "acknowledged_errors": 1, "alerts": 0})
	if want := "1 client file, 1 acknowledged error, 2 follow-ups"; got != want {
		t.Errorf("describeCounts = %q, want %q", got, want)
	}
	_, store := newThemedUI(t, "Light", func(s *data.DB) { fillDemo(t, s, 60) })
	counts, err := transfer.ClientRecordCounts(context.Background(), store, busiestClient(t, store))
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) < 5 {
		t.Fatalf("the busiest client holds only %v", counts)
	}
	if text := describeCounts(counts); strings.ContainsAny(text, ":_") {
		t.Errorf("a record kind without words: %q", text)
	}
}
