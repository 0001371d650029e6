package transfer

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

// tablesWithClientID lists every user table that has a client_id column.
func tablesWithClientID(t *testing.T, db *data.DB) []string {
	t.Helper()
	names, err := data.UserTables(ctx, db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		var k int
		db.SQL().QueryRow(`SELECT count(*) FROM pragma_table_info(?) WHERE name = 'client_id'`, n).Scan(&k)
		if k > 0 {
			out = append(out, n)
		}
	}
	return out
}

func TestEraseClient(t *testing.T) {
	db := demoDB(t, 30)
	const marker = "Quetzalcoatlus"
	victim, err := db.CreateClient(ctx, data.Client{Name: "Erin " + marker, Email: "erin@" + strings.ToLower(marker) + ".example", Notes: "private " + marker + "notes"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := db.AddEntry(ctx, data.Entry{ClientID: victim.ID, At: time.Now(), Kind: data.KindNote, Summary: "talked about " + marker, Body: strings.Repeat(marker+" secret ", 30)}); err != nil {
			t.Fatal(err)
		}
	}
	keep, _ := db.CreateClient(ctx, data.Client{Name: "Kept Client"})
	db.AddEntry(ctx, data.Entry{ClientID: keep.ID, At: time.Now(), Kind: data.KindCall, Summary: "still here"})

	// Their record first: every row that refers to them.
	var rec bytes.Buffer
	if err := ExportClient(ctx, db, victim.ID, &rec, ExportOptions{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	var doc document
	if err := json.Unmarshal(rec.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, p := range doc.Tables {
		counts[p.Name] = len(p.Rows)
		for _, r := range p.Rows {
			if id, ok := r["client_id"]; ok && id.(float64) != float64(victim.ID) {
				t.Errorf("record holds another client's %s row: %v", p.Name, r)
			}
		}
	}
	if doc.Client != victim.ID || counts["clients"] != 1 || counts["timeline"] != 20 || counts["settings"] != 0 {
		t.Errorf("client record counts %v", counts)
	}

	erased, err := EraseClient(ctx, db, victim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if erased["clients"] != 1 || erased["timeline"] != 20 {
		t.Errorf("erased %v", erased)
	}
	for _, tbl := range tablesWithClientID(t, db) {
		var n int
		db.SQL().QueryRow("SELECT count(*) FROM "+data.QuoteIdent(tbl)+" WHERE client_id = ?", victim.ID).Scan(&n)
		if n != 0 {
			t.Errorf("%s still has %d rows of the erased client", tbl, n)
		}
	}
	var n int
	db.SQL().QueryRow("SELECT count(*) FROM client_search WHERE rowid = ?", victim.ID).Scan(&n)
	if n != 0 {
		t.Error("search index still has the client")
	}
	if found, _ := db.SearchClients(ctx, marker, data.ClientFilter{}, 5); len(found) != 0 {
		t.Errorf("search still finds %v", found)
	}
	if es, _ := db.Timeline(ctx, keep.ID); len(es) != 1 {
		t.Error("another client's timeline was touched")
	}
	// secure_delete + index rewrite + checkpoint: the words are gone from the file itself.
	for _, f := range []string{db.Path(), db.Path() + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if bytes.Contains(b, []byte(marker)) || bytes.Contains(b, []byte(strings.ToLower(marker))) {
			t.Errorf("%s still contains the erased client's words", f)
		}
	}
	if _, err := EraseClient(ctx, db, victim.ID); err == nil {
		t.Error("erasing twice succeeded")
	}
}

// Erasing the demo client with the most records (complaints, restatement rounds,
// follow-ups, feedback, losses… whatever tables exist) removes exactly their rows.
func TestEraseRichestDemoClient(t *testing.T) {
	db := demoDB(t, 80)
	var best int64
	bestN := 0
	var bestCounts map[string]int
	for id := int64(1); id <= 80; id++ {
		counts, err := ClientRecordCounts(ctx, db, id)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for tbl, k := range counts {
			if tbl != "timeline" {
				n += k
			}
		}
		if n > bestN {
			best, bestN, bestCounts = id, n, counts
		}
	}
	if len(bestCounts) < 3 {
		t.Logf("richest client has records in only %v", bestCounts)
	}
	before := countAll(t, db)
	erased, err := EraseClient(ctx, db, best)
	if err != nil {
		t.Fatal(err)
	}
	after := countAll(t, db)
	for tbl, n := range bestCounts {
		if erased[tbl] != n {
			t.Errorf("%s: erased %d, their record had %d", tbl, erased[tbl], n)
		}
		if before[tbl]-after[tbl] != n {
			t.Errorf("%s: %d rows gone, want %d", tbl, before[tbl]-after[tbl], n)
		}
	}
	for _, tbl := range tablesWithClientID(t, db) {
		var n int
		db.SQL().QueryRow("SELECT count(*) FROM "+data.QuoteIdent(tbl)+" WHERE client_id = ?", best).Scan(&n)
		if n != 0 {
			t.Errorf("%s still has %d rows of the erased client", tbl, n)
		}
	}
	rows, err := db.SQL().Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("erasure left rows pointing at nothing")
	}
	rows.Close()
	t.Logf("erased client %d: %v", best, erased)
}
