package transfer

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/amends/amends/data"
)

func TestReadCSVVariants(t *testing.T) {
	cases := map[string]string{
		"comma":            "Name,Company,Email\nAda Lovelace,Analytical,ada@example.com\nBob,,\n",
		"semicolon + BOM":  "\ufeffName;Company;Email\r\nAda Lovelace;Analytical;ada@example.com\r\nBob;;\r\n",
		"tab":              "Name\tCompany\tEmail\nAda Lovelace\tAnalytical\tada@example.com\nBob\t\t\n",
		"quoted newline":   "\"Name\";\"Company\";\"Email\";\"Notes\"\n\"Ada Lovelace\";\"Analytical\";\"ada@example.com\";\"line one\nline two; with semicolon\"\nBob;;;\n",
		"first/last names": "First name,Last name,Organization,E-mail\nAda,Lovelace,Analytical,ada@example.com\nBob,,,\n",
		"blank lines":      "Name,Company,Email\n\nAda Lovelace,Analytical,ada@example.com\n,,\nBob,,\n\n",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := ReadCSV(strings.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Problems) != 0 || len(f.Clients()) != 2 {
				t.Fatalf("clients %+v problems %v", f.Clients(), f.Problems)
			}
			a := f.Clients()[0].Client
			if a.Name != "Ada Lovelace" || a.Company != "Analytical" || a.Email != "ada@example.com" {
				t.Errorf("first client %+v", a)
			}
			if name == "quoted newline" && a.Notes != "line one\nline two; with semicolon" {
				t.Errorf("notes %q", a.Notes)
			}
		})
	}
}

func TestReadCSVRowErrors(t *testing.T) {
	in := "Name;Email;Phone;Status;Client since;Yearly income;Referrals;Archived;Favourite colour\n" +
		"Good One;good@example.com;+44 20 7946 0000;At risk;2024-03-31;12.500,50;2;yes;blue\n" + // row 2
		";nobody@example.com;;;;;;;\n" + // row 3: no name
		"Bad Mail;not-an-email;;;;;;;\n" + // row 4
		"Bad Phone;;call me;;;;;;\n" + // row 5
		"Bad Status;;;furious;;;;;\n" + // row 6
		"Bad Date;;;;31/03/2024;;;;\n" + // row 7
		"Bad Money;;;;;lots;;;\n" + // row 8
		"Bad Referrals;;;;;;-1;;\n" + // row 9
		"Bad Archived;;;;;;;maybe;\n" + // row 10
		"Twice;good@example.com;;;;;;;\n" + // row 11: same email as row 2, another client
		"Too;many;fields;;;;;;;x;y\n" // row 12
	f, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Clients()) != 2 || f.Clients()[1].Client.Name != "Twice" {
		t.Fatalf("clients: %+v", f.Clients())
	}
	c := f.Clients()[0].Client
	if c.Status != data.StatusAtRisk || c.YearlyIncome != 1250050 || c.Referrals != 2 || !c.Archived || c.Since.String() != "2024-03-31" {
		t.Errorf("good row read as %+v", c)
	}
	want := []string{
		"row 3, Name: a client needs a name",
		"row 4, Email: enter an email address like name@example.com",
		"row 5, Phone:",
		"row 6, Status:",
		"row 7, Client since:",
		"row 8, Yearly income:",
		"row 9, Referrals:",
		"row 10, Archived:",
		"row 12: 11 fields, but the header names 9",
	}
	if len(f.Problems) != len(want) {
		t.Fatalf("problems: %v", f.Problems)
	}
	for i, w := range want {
		if !strings.HasPrefix(f.Problems[i].Error(), w) {
			t.Errorf("problem %d = %q, want %q…", i, f.Problems[i].Error(), w)
		}
	}
	if u := f.Unmapped(); len(u) != 1 || u[0] != `"Favourite colour" (1 with a value)` {
		t.Errorf("unmapped %v", u)
	}
}

func TestReadCSVWholeFileErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":        "",
		"no name":      "Email,Phone\nada@example.com,123\n",
		"utf-16":       "\xff\xfeN\x00a\x00",
		"bare quote":   "Name,Notes\nAda,\"unclosed\n",
		"only spaces":  "   \n\n",
		"binary junk":  "\x00\x01\x02",
		"quote in mid": "Name,Notes\nAda,say \"hi\" there\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(in))
			if !errors.Is(err, ErrBadFile) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestImportClientsDuplicatesAndMerge(t *testing.T) {
	db := openDB(t)
	ex, _ := db.CreateClient(ctx, data.Client{Name: "Ada Lovelace", Email: "ada@example.com"})
	in := "Name,Company,Email,City\nADA LOVELACE ,Analytical,Ada@Example.com,London\nNew Person,,,Paris\n"
	f, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := ImportClients(ctx, db, f, ImportOptions{DryRun: true})
	if err != nil || preview.Count("clients") != 1 || len(preview.Duplicates) != 1 {
		t.Fatalf("preview %+v %v", preview, err)
	}
	if n, _ := db.CountClients(ctx, data.ClientFilter{}); n != 1 {
		t.Fatalf("dry run stored clients: %d", n)
	}
	rep, err := ImportClients(ctx, db, f, ImportOptions{Merge: true})
	if err != nil || rep.Count("clients") != 1 || !rep.Duplicates[0].Merged || rep.Duplicates[0].ExistingID != ex.ID {
		t.Fatalf("import %+v %v", rep, err)
	}
	got, _ := db.Client(ctx, ex.ID)
	if got.Name != "Ada Lovelace" || got.Company != "Analytical" || got.Address.City != "London" {
		t.Errorf("merged client %+v", got)
	}
	// Importing the same file again adds nobody.
	rep, err = ImportClients(ctx, db, f, ImportOptions{})
	if err != nil || rep.Count("clients") != 0 || len(rep.Duplicates) != 2 {
		t.Fatalf("second import %+v %v", rep, err)
	}
	if n, _ := db.CountClients(ctx, data.ClientFilter{}); n != 2 {
		t.Errorf("%d clients, want 2", n)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	src := openDB(t)
	for i, c := range []data.Client{
		{Name: "Zoë Ørsted", Company: "Ørsted, Ltd", Email: "zoe@example.com", Phone: "+45 1234 5678",
			Address:    data.Address{Lines: "Strandvejen 1\nBack door", Postcode: "2100", City: "København", Country: "Denmark"},
			Salutation: "Kære Zoë", Since: data.NewDate(2019, 4, 1), YearlyIncome: 1250050, Referrals: 3, ReferralIncome: 99,
			Status: data.StatusAtRisk, Notes: "said \"maybe\"; call back,\nnext week"},
		{Name: "Νίκος Νικολάου", Status: data.StatusWonBack, Archived: true},
		{Name: "O'Brien; Sons", Company: "=SUM(A1)", Status: data.StatusLetGo, YearlyIncome: -500},
		{Name: "李小龍", Email: "li@example.cn", Status: data.StatusLost},
	} {
		if _, err := src.CreateClient(ctx, c); err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
	}
	var b bytes.Buffer
	if err := WriteCSV(ctx, src, &b, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := ReadCSV(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Problems) != 0 {
		t.Fatalf("problems reading our own CSV: %v", f.Problems)
	}
	dst := openDB(t)
	if _, err := ImportClients(ctx, dst, f, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want, _ := allClients(ctx, src)
	got, _ := allClients(ctx, dst)
	if len(got) != len(want) {
		t.Fatalf("%d clients back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if w.Name != g.Name || w.Company != g.Company || w.Email != g.Email || w.Phone != g.Phone || w.Address != g.Address ||
			w.Since != g.Since || w.YearlyIncome != g.YearlyIncome || w.Referrals != g.Referrals || w.ReferralIncome != g.ReferralIncome ||
			w.Status != g.Status || w.Notes != g.Notes || w.Archived != g.Archived || w.Salutation != g.Salutation {
			t.Errorf("client %d:\n%+v\n%+v", i, w, g)
		}
	}
}

func TestVCardRoundTrip(t *testing.T) {
	for _, version := range []string{"3.0", "4.0"} {
		t.Run(version, func(t *testing.T) {
			src := openDB(t)
			src.CreateClient(ctx, data.Client{Name: "Zoë Ørsted", Company: "Ørsted, Ltd", Email: "zoe@example.com", Phone: "+45 1234 5678",
				Address: data.Address{Lines: "Strandvejen 1\nBack door", Postcode: "2100", City: "København", Country: "Denmark"}, Notes: "likes tea,\nnot coffee"})
			src.CreateClient(ctx, data.Client{Name: "Plain"})
			var b bytes.Buffer
			if err := WriteVCard(ctx, src, &b, version, ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "VERSION:"+version) {
				t.Fatalf("no version %s:\n%s", version, b.String())
			}
			f, err := ReadVCard(&b)
			if err != nil || len(f.Problems) != 0 || len(f.Clients()) != 2 {
				t.Fatalf("%+v %v", f, err)
			}
			want, _ := allClients(ctx, src)
			for i, in := range f.Clients() {
				w, g := want[i], in.Client
				if w.Name != g.Name || w.Company != g.Company || w.Email != g.Email || w.Phone != g.Phone || w.Address != g.Address || w.Notes != g.Notes {
					t.Errorf("card %d:\n%+v\n%+v", i, w, g)
				}
			}
		})
	}
}

func TestReadVCardFromAddressBooks(t *testing.T) {
	in := "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;Countess;\r\nORG:Analytical Engines;R&D\r\nEMAIL;TYPE=INTERNET,pref:ada@example.com\r\n" +
		"EMAIL;TYPE=INTERNET:other@example.com\r\nTEL;TYPE=CELL:+44 20 7946 0000\r\nADR;TYPE=WORK:;Suite 4;1 Engine St;London;Greater London;N1 1AA;UK\r\n" +
		"BDAY:1815-12-10\r\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nEMAIL:grace@\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Card\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:noname@example.com\r\nEND:VCARD\r\n"
	f, err := ReadVCard(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Clients()) != 2 || f.Clients()[1].Client.Name != "Old Card" {
		t.Fatalf("clients %+v", f.Clients())
	}
	c := f.Clients()[0].Client
	if c.Name != "Countess Ada Lovelace" || c.Company != "Analytical Engines" || c.Email != "ada@example.com" ||
		c.Address.Lines != "Suite 4\n1 Engine St" || c.Address.City != "London, Greater London" || c.Address.Postcode != "N1 1AA" {
		t.Errorf("client %+v", c)
	}
	if len(f.Problems) != 2 || f.Problems[0].Row != 2 || f.Problems[1].Row != 4 {
		t.Errorf("problems %v", f.Problems)
	}
	if strings.Join(f.Ignored, ",") != "BDAY (1 card),PHOTO (1 card)" {
		t.Errorf("ignored %v", f.Ignored)
	}
	for name, bad := range map[string]string{"empty": "", "csv": "Name\nAda\n", "cut short": "BEGIN:VCARD\nFN:Zoe\n", "no colon": "BEGIN:VCARD\nFN Zoe\nEND:VCARD\n"} {
		if _, err := ReadVCard(strings.NewReader(bad)); !errors.Is(err, ErrBadFile) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
