package transfer

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
		for _, raw := range p.Rows {
			var r map[string]any
			json.Unmarshal(raw, &r)
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

// fileHolds reports whether the data file or its log holds any of words.
func fileHolds(t *testing.T, db *data.DB, words ...string) []string {
	t.Helper()
	var found []string
	for _, f := range []string{db.Path(), db.Path() + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, w := range words {
			if n := bytes.Count(b, []byte(w)); n > 0 {
				found = append(found, fmt.Sprintf("%s: %q %d times", filepath.Base(f), w, n))
			}
		}
	}
	return found
}

// A name and email saved before they were changed stay in free space and in the search
// index's old pages unless the erasure rebuilds the file.
func TestEraseAfterEarlierRename(t *testing.T) {
	db := demoDB(t, 40)
	c, err := db.CreateClient(ctx, data.Client{Name: "Zebulon Quartermaine", Company: "Quartermaine Holdings", Email: "zebulon@quartermaine.example", Notes: "first notes"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		db.AddEntry(ctx, data.Entry{ClientID: c.ID, At: fixed, Kind: data.KindNote, Summary: "spoke", Body: "notes"})
	}
	c.Name, c.Company, c.Email = "Zed Q", "ZQ Ltd", "zq@zq.example"
	if c, err = db.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	// More work after the rename, as in a real file.
	for i := 0; i < 20; i++ {
		db.CreateClient(ctx, data.Client{Name: fmt.Sprintf("Later %d", i)})
	}
	if _, err := EraseClient(ctx, db, c.ID); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, db, "Quartermaine", "quartermaine", "zebulon", "Zebulon", "Zed Q", "zq@zq"); len(found) > 0 {
		t.Errorf("the erased client's earlier values are still in the file: %v", found)
	}
}

// While another connection reads the file, the log cannot be emptied: erasure says so
// and erases nothing; once the reader is gone it goes through.
func TestEraseWhileAnotherReaderHasTheFile(t *testing.T) {
	db := demoDB(t, 20)
	c, err := db.CreateClient(ctx, data.Client{Name: "Rhiannon Vexley", Email: "rhiannon@vexley.example"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite3", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	reader, err := other.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := reader.QueryRow("SELECT count(*) FROM clients").Scan(&n); err != nil {
		t.Fatal(err)
	}
	_, err = EraseClient(ctx, db, c.ID)
	if !errors.Is(err, ErrFileInUse) || !strings.Contains(err.Error(), "nothing was erased") {
		t.Fatalf("erase while another reads: %v", err)
	}
	if _, err := db.Client(ctx, c.ID); err != nil {
		t.Errorf("the client is gone although erasure said nothing was erased: %v", err)
	}
	reader.Rollback()
	other.Close()
	if _, err := EraseClient(ctx, db, c.ID); err != nil {
		t.Fatalf("erase after the reader left: %v", err)
	}
	if found := fileHolds(t, db, "Vexley", "vexley"); len(found) > 0 {
		t.Errorf("still in the file: %v", found)
	}
}

func TestConfirmsErase(t *testing.T) {
	for _, c := range []struct {
		typed, name string
		ok          bool
	}{{"Ada Lovelace", "Ada Lovelace", true}, {"  Ada Lovelace ", "Ada Lovelace", true}, {"ada lovelace", "Ada Lovelace", false}, {"", "", false}, {"Ada", "Ada Lovelace", false}} {
		if got := ConfirmsErase(c.typed, c.name); got != c.ok {
			t.Errorf("ConfirmsErase(%q, %q) = %v", c.typed, c.name, got)
		}
	}
}
