package transfer

import (
	"bytes"
	"errors"
	"testing"

	"github.com/amends/amends/data"
)

// The fuzz targets feed arbitrary bytes to the importers: they must never panic, and a
// failed import must leave the database exactly as it was (nothing stored half).

func fuzzDB(f *testing.F) *data.DB {
	db, err := data.Open(f.TempDir() + "/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, err := db.CreateClient(ctx, data.Client{Name: "Existing Client", Company: "Acme", Email: "existing@example.com"}); err != nil {
		f.Fatal(err)
	}
	return db
}

func total(t *testing.T, db *data.DB) map[string]int { return countAll(t, db) }

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func FuzzImportJSON(f *testing.F) {
	src := openDB(f)
	c, _ := src.CreateClient(ctx, data.Client{Name: "Ada Lovelace", Email: "ada@example.com"})
	src.AddEntry(ctx, data.Entry{ClientID: c.ID, At: fixed, Kind: data.KindCall, Summary: "call"})
	src.SetSetting(ctx, "currency", "EUR")
	var good bytes.Buffer
	if err := Export(ctx, src, &good, ExportOptions{Now: fixed}); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte(`{"format":"amends-export","version":1,"schema":1,"tables":[]}`))
	f.Add([]byte(`{"format":"amends-export","version":1,"schema":1,"tables":[{"name":"clients","columns":["id","name"],"rows":[{"id":1,"name":"x"}]}]}`))
	f.Add([]byte(`{"format":"amends-export","version":1,"schema":1,"tables":[{"name":"timeline","columns":[],"rows":[{"id":1,"client_id":99}]}]}`))
	f.Add([]byte(`{"format":"amends-export","version":1,"schema":1,"tables":[{"name":"settings","columns":["key","value"],"rows":[{"key":"a","value":{"base64":"AAEC"}}]}]}`))
	db := fuzzDB(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		before := total(t, db)
		rep, err := ImportJSON(ctx, db, bytes.NewReader(in), ImportOptions{Merge: len(in)%2 == 0})
		after := total(t, db)
		if err != nil {
			if !sameCounts(before, after) {
				t.Fatalf("failed import changed the database: %v -> %v (%v)", before, after, err)
			}
			return
		}
		if after["clients"]-before["clients"] != rep.Count("clients") {
			t.Fatalf("report says %d clients, database grew by %d", rep.Count("clients"), after["clients"]-before["clients"])
		}
	})
}

func fuzzClients(f *testing.F, read func([]byte) (*ClientFile, error)) {
	db := fuzzDB(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		cf, err := read(in)
		if err != nil {
			if !errors.Is(err, ErrBadFile) {
				t.Fatalf("error not marked as a bad file: %v", err)
			}
			return
		}
		for _, c := range cf.Clients() {
			cl := c.Client
			if err := cl.Validate(); err != nil {
				t.Fatalf("row %d passed reading but is invalid: %v", c.Row, err)
			}
		}
		for _, p := range cf.Problems {
			if p.Row < 1 || p.Msg == "" {
				t.Fatalf("problem without row or message: %+v", p)
			}
		}
		before := total(t, db)
		rep, err := ImportClients(ctx, db, cf, ImportOptions{Merge: len(in)%2 == 0})
		after := total(t, db)
		if err != nil {
			if !sameCounts(before, after) {
				t.Fatalf("failed import changed the database: %v", err)
			}
			return
		}
		if after["clients"]-before["clients"] != rep.Count("clients") {
			t.Fatalf("report says %d clients, database grew by %d", rep.Count("clients"), after["clients"]-before["clients"])
		}
	})
}

func FuzzImportCSV(f *testing.F) {
	for _, s := range []string{
		"Name,Company,Email\nAda Lovelace,Analytical,ada@example.com\n",
		"\ufeffName;Email;Notes\r\n\"Zoë\";zoe@example.com;\"two\nlines\"\r\n",
		"First name\tLast name\tPhone\nAda\tLovelace\t+44 20 7946 0000\n",
		"Name,Status,Yearly income,Client since,Referrals,Archived\nBob,At risk,\"1,250.00\",2024-01-31,3,yes\n",
		"Name,Email\nExisting Client,EXISTING@example.com\n,\n\"unclosed\n",
	} {
		f.Add([]byte(s))
	}
	fuzzClients(f, func(b []byte) (*ClientFile, error) { return ReadCSV(bytes.NewReader(b)) })
}

func FuzzImportVCard(f *testing.F) {
	for _, s := range []string{
		"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë\r\nADR:;;Street 1\\nBack;City;;1234;DK\r\nNOTE:a\\,b\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\nVERSION:4.0\nFN:Folded\n  name\nTEL;VALUE=uri:tel:+1-555-0100\nEND:VCARD\n",
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old\r\nEND:VCARD\r\nBEGIN:VCARD\r\n",
	} {
		f.Add([]byte(s))
	}
	fuzzClients(f, func(b []byte) (*ClientFile, error) { return ReadVCard(bytes.NewReader(b)) })
}
