package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

// fill makes a demo database and returns a digest of every client and timeline entry.
func fill(t *testing.T, seed uint64) (*data.DB, []string) {
	t.Helper()
	db, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 23, 15, 4, 0, 0, time.UTC)
	if err := Fill(context.Background(), db, Options{Clients: 200, Seed: seed, Now: now}, Steps()...); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT c.name || '|' || c.status || '|' || c.client_since || '|' || group_concat(t.kind || t.at || t.summary, ';')
		FROM clients c LEFT JOIN timeline t ON t.client_id = c.id GROUP BY c.id ORDER BY c.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return db, out
}

func TestFillIsDeterministicAndVaried(t *testing.T) {
	db, a := fill(t, 7)
	_, b := fill(t, 7)
	_, c := fill(t, 8)
	if len(a) != 200 {
		t.Fatalf("%d clients, want 200", len(a))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs at %d:\n%s\n%s", i, a[i], b[i])
		}
	}
	same := 0
	for i := range a {
		if a[i] == c[i] {
			same++
		}
	}
	if same > 10 {
		t.Fatalf("another seed gave %d identical clients", same)
	}
	ctx := context.Background()
	for _, st := range data.Statuses() {
		if n, _ := db.CountClients(ctx, data.ClientFilter{Status: st}); n == 0 {
			t.Errorf("no %s clients in the sample", st)
		}
	}
	// Search works on bulk-loaded data, and last contact was filled in.
	got, err := db.SearchClients(ctx, "call", data.ClientFilter{}, 5)
	if err != nil || len(got) == 0 {
		t.Fatalf("search on demo data: %v, %d results", err, len(got))
	}
	if got[0].LastContact.IsZero() {
		t.Fatal("last contact not set by the bulk load")
	}
}
