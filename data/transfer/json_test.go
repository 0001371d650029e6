package transfer

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

var ctx = context.Background()

var fixed = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func openDB(t testing.TB) *data.DB {
	t.Helper()
	db, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	clock := fixed
	db.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	t.Cleanup(func() { db.Close() })
	return db
}

func demoDB(t testing.TB, clients int) *data.DB {
	t.Helper()
	db := openDB(t)
	if err := demo.Fill(ctx, db, demo.Options{Clients: clients, Seed: 7, Now: fixed}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, data.SettingCurrency, "GBP"); err != nil {
		t.Fatal(err)
	}
	return db
}

func exportString(t testing.TB, db *data.DB) string {
	t.Helper()
	var b bytes.Buffer
	if err := Export(ctx, db, &b, ExportOptions{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// countAll counts the rows of every user table, to tell that nothing changed.
func countAll(t testing.TB, db *data.DB) map[string]int {
	t.Helper()
	names, err := data.UserTables(ctx, db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, n := range names {
		var c int
		db.SQL().QueryRow("SELECT count(*) FROM " + data.QuoteIdent(n)).Scan(&c)
		out[n] = c
	}
	return out
}

func TestRoundTripByteForByte(t *testing.T) {
	src := demoDB(t, 60)
	first := exportString(t, src)
	for _, want := range []string{`"format": "amends-export"`, `"name": "clients"`, `"name": "timeline"`, `"name": "settings"`, `"GBP"`} {
		if !strings.Contains(first, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(first, "client_search") {
		t.Error("export holds the search index")
	}
	dst := openDB(t)
	rep, err := ImportJSON(ctx, dst, strings.NewReader(first), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.SameIDs || rep.Count("clients") != 60 {
		t.Errorf("report %+v", rep)
	}
	second := exportString(t, dst)
	if first != second {
		a, b := strings.Split(first, "\n"), strings.Split(second, "\n")
		for i := range a {
			if i >= len(b) || a[i] != b[i] {
				t.Fatalf("exports differ at line %d:\n%s\n%s", i+1, a[i], b[min(i, len(b)-1)])
			}
		}
		t.Fatal("exports differ in length")
	}
	// The search index was rebuilt: a client is found by a word of their timeline.
	cs, err := dst.ListClients(ctx, data.ClientFilter{}, 0, 1)
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	found, err := dst.SearchClients(ctx, cs[0].Name, data.ClientFilter{}, 10)
	if err != nil || len(found) == 0 {
		t.Errorf("search after import: %v %v", found, err)
	}
}

func TestImportIntoDatabaseInUse(t *testing.T) {
	src := openDB(t)
	a, _ := src.CreateClient(ctx, data.Client{Name: "Ada Lovelace", Company: "Analytical", Email: "ada@example.com"})
	b, _ := src.CreateClient(ctx, data.Client{Name: "Brian Kernighan", Company: "Bell"})
	c, _ := src.CreateClient(ctx, data.Client{Name: "Cora New"})
	for _, id := range []int64{a.ID, b.ID, c.ID} {
		if _, err := src.AddEntry(ctx, data.Entry{ClientID: id, At: fixed, Kind: data.KindCall, Summary: "imported call"}); err != nil {
			t.Fatal(err)
		}
	}
	src.SetSetting(ctx, data.SettingCurrency, "USD")
	file := exportString(t, src)

	for _, merge := range []bool{false, true} {
		dst := openDB(t)
		dst.CreateClient(ctx, data.Client{Name: "Someone first"}) // so IDs differ
		ea, _ := dst.CreateClient(ctx, data.Client{Name: "ada lovelace", Email: "ADA@example.com"})
		eb, _ := dst.CreateClient(ctx, data.Client{Name: "brian kernighan ", Company: "BELL"})
		dst.SetSetting(ctx, data.SettingCurrency, "EUR")
		rep, err := ImportJSON(ctx, dst, strings.NewReader(file), ImportOptions{Merge: merge})
		if err != nil {
			t.Fatal(err)
		}
		if rep.SameIDs || rep.Count("clients") != 1 || len(rep.Duplicates) != 2 {
			t.Fatalf("merge=%v report %+v", merge, rep)
		}
		if rep.Duplicates[0].Reason != "same name and email" || rep.Duplicates[0].ExistingID != ea.ID ||
			rep.Duplicates[1].Reason != "same name and company" || rep.Duplicates[1].ExistingID != eb.ID {
			t.Errorf("duplicates %+v", rep.Duplicates)
		}
		if n, _ := dst.CountClients(ctx, data.ClientFilter{}); n != 4 {
			t.Errorf("merge=%v: %d clients, want 4 (none doubled)", merge, n)
		}
		if cur, _ := dst.Setting(ctx, data.SettingCurrency, ""); cur != "EUR" {
			t.Errorf("setting overwritten: %s", cur)
		}
		es, _ := dst.Timeline(ctx, ea.ID)
		if merge && len(es) != 1 || !merge && len(es) != 0 {
			t.Errorf("merge=%v: existing client has %d entries", merge, len(es))
		}
		if !strings.Contains(rep.Summary(), "Ada Lovelace: same name and email") {
			t.Errorf("summary:\n%s", rep.Summary())
		}
		found, _ := dst.SearchClients(ctx, "Cora", data.ClientFilter{}, 5)
		if len(found) != 1 {
			t.Fatalf("new client not found: %v", found)
		}
		if es, _ := dst.Timeline(ctx, found[0].ID); len(es) != 1 {
			t.Errorf("new client's entries: %v", es)
		}
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	src := demoDB(t, 5)
	good := exportString(t, src)
	cases := map[string]string{
		"empty":             "",
		"not json":          "name,email\nAda,ada@example.com\n",
		"other json":        `{"hello": "world"}`,
		"newer format":      strings.Replace(good, `"version": 1`, `"version": 2`, 1),
		"newer schema":      strings.Replace(good, `"schema": `, `"schema": 99`, 1),
		"unknown table":     strings.Replace(good, `"name": "settings"`, `"name": "passwords"`, 1),
		"unknown column":    strings.Replace(good, `"columns": ["key","value"]`, `"columns": ["key","value","x"]`, 1),
		"cut short":         good[:len(good)/2],
		"trailing data":     good + "{}",
		"bad status":        inTable(good, "clients", `"status": "active"`, `"status": "furious"`),
		"bad date":          inTable(good, "clients", `"created": "2`, `"created": "yesterday`),
		"bad timeline day":  inTable(good, "timeline", `"at": "2`, `"at": "2026-13-45`),
		"bad follow-up due": inTable(good, "followups", `"due": "2`, `"due": "soon`),
		"number as date":    inTable(good, "timeline", `"created": "2026-`, `"created": 2026, "x": "`),
		"text as amount":    inTable(good, "clients", `"yearly_income": `, `"yearly_income": "lots", "y": `),
		"missing client":    strings.Replace(good, `"client_id": 1,`, `"client_id": 4242,`, 1),
		"boolean value":     strings.Replace(good, `"archived": 0`, `"archived": false`, 1),
		"empty name":        replaceRe(good, `"name": "[^"]*", "company"`, `"name": "  ", "company"`), // clients row 1
		"duplicate table":   strings.Replace(good, `"tables": [`, `"tables": [{"name": "settings", "columns": [], "rows": []},`, 1),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if in == good {
				t.Fatal("the case did not change the file")
			}
			dst := openDB(t)
			dst.CreateClient(ctx, data.Client{Name: "Already here"})
			before := countAll(t, dst)
			_, err := ImportJSON(ctx, dst, strings.NewReader(in), ImportOptions{})
			if err == nil {
				t.Fatal("import accepted it")
			}
			if !errors.Is(err, ErrBadFile) {
				t.Errorf("err %v is not ErrBadFile", err)
			}
			if name == "newer schema" && !errors.Is(err, data.ErrNewerSchema) {
				t.Errorf("newer schema: %v", err)
			}
			// The client without a name is named by its row, and nothing is imported.
			if name == "empty name" && (!strings.Contains(err.Error(), "clients row 1") || !strings.Contains(err.Error(), "name")) {
				t.Errorf("empty name: %v does not name the client's row and its name", err)
			}
			after := countAll(t, dst)
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s: %d rows before, %d after a failed import", k, v, after[k])
				}
			}
		})
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	src := demoDB(t, 10)
	file := exportString(t, src)
	dst := openDB(t)
	rep, err := ImportJSON(ctx, dst, strings.NewReader(file), ImportOptions{DryRun: true})
	if err != nil || rep.Count("clients") != 10 {
		t.Fatalf("%+v %v", rep, err)
	}
	if n, _ := dst.CountClients(ctx, data.ClientFilter{}); n != 0 {
		t.Errorf("dry run stored %d clients", n)
	}
}

// inTable replaces the first old with new inside the named table of an export.
func inTable(doc, table, old, new string) string {
	const head = "\n      \"name\": \""
	start := strings.Index(doc, head+table+`"`)
	if start < 0 {
		return doc
	}
	end := strings.Index(doc[start+1:], head)
	if end < 0 {
		end = len(doc)
	} else {
		end += start + 1
	}
	return doc[:start] + strings.Replace(doc[start:end], old, new, 1) + doc[end:]
}

// replaceRe replaces the first match of re in doc.
func replaceRe(doc, re, with string) string {
	loc := regexp.MustCompile(re).FindStringIndex(doc)
	if loc == nil {
		return doc
	}
	return doc[:loc[0]] + with + doc[loc[1]:]
}
