package transfer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/amends/amends/data"
)

// Headers as Google Contacts (the current export, and the older "Google CSV") and
// Outlook write them; every client field must arrive, and nothing go unreported.
func TestReadCSVFromContactPrograms(t *testing.T) {
	cases := []struct {
		name, in string
		want     data.Client
	}{{
		"Google Contacts",
		"First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address\n" +
			"Ada,Augusta,Lovelace,,,,Dr.,,Ada,,Analytical Engines Ltd,Director,,1815-12-10,Met at the Royal Society,,* myContacts,* Work,ada@analytical.example ::: ada@home.example,Home,ada@home.example,Mobile,+44 20 7946 0000,Work,\"12 St James's Square\nLondon SW1Y 4LB\",12 St James's Square,London,,,SW1Y 4LB,United Kingdom,\n",
		data.Client{Name: "Dr. Ada Augusta Lovelace", Company: "Analytical Engines Ltd", Email: "ada@analytical.example", Phone: "+44 20 7946 0000",
			Address: data.Address{Lines: "12 St James's Square", Postcode: "SW1Y 4LB", City: "London", Country: "United Kingdom"}, Notes: "Met at the Royal Society"},
	}, {
		"Google CSV (older)",
		"Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title\n" +
			"Grace Hopper,Grace,,Hopper,,,,,,,,,,,,,,,,,,,,,,Navy,,,* My Contacts,* Work,grace@navy.example,Work,+1 202 555 0100,Work,,1 Navy Way,Arlington,,VA,22201,USA,,,US Navy,,Rear Admiral\n",
		data.Client{Name: "Grace Hopper", Company: "US Navy", Email: "grace@navy.example", Phone: "+1 202 555 0100",
			Address: data.Address{Lines: "1 Navy Way", Postcode: "22201", City: "Arlington, VA", Country: "USA"}, Notes: "Navy"},
	}, {
		"Outlook",
		"First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes\n" +
			"Katherine,Coleman,Johnson,Mrs.,,,,,katherine@nasa.example,,,,,+1 757 555 0199,,+1 757 555 0123,,,,,,,,,,,,,,Mathematician,,NASA Langley,,,,,,\"1 NASA Drive\nBuilding 1236\",Hampton,VA,23681,United States,99 Home Road,Newport News,VA,23601,United States,,,,,,,,,,,,,,Computes trajectories\n",
		data.Client{Name: "Mrs. Katherine Coleman Johnson", Company: "NASA Langley", Email: "katherine@nasa.example", Phone: "+1 757 555 0199",
			Address: data.Address{Lines: "1 NASA Drive\nBuilding 1236", Postcode: "23681", City: "Hampton, VA", Country: "United States"}, Notes: "Computes trajectories"},
	}, {
		"German spreadsheet",
		"Anrede;Vorname;Name;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Land;Kunde seit;Jahresumsatz;Notizen\n" +
			"Sehr geehrte Frau Müller;Anna;Müller;Müller & Söhne GmbH;anna@mueller.example;+49 30 1234567;Hauptstraße 5;10115;Berlin;Deutschland;2021-04-01;12.500,00;Stammkundin\n",
		data.Client{Name: "Anna Müller", Company: "Müller & Söhne GmbH", Email: "anna@mueller.example", Phone: "+49 30 1234567", Salutation: "Sehr geehrte Frau Müller",
			Address: data.Address{Lines: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "Deutschland"}, YearlyIncome: 1250000, Notes: "Stammkundin"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ReadCSV(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Problems) > 0 || len(f.Clients()) != 1 {
				t.Fatalf("clients %+v problems %v", f.Clients(), f.Problems)
			}
			got := f.Clients()[0].Client
			got.Status, got.Since = "", data.Date{}
			if got != c.want {
				t.Errorf("read\n%+v\nwant\n%+v\nmapping:\n%s", got, c.want, f.Mapping())
			}
			// What is not imported is listed; nothing with a value vanishes unlisted.
			for _, col := range f.Columns {
				if col.Field == FieldNone && col.Filled > 0 && !strings.Contains(strings.Join(f.Unmapped(), "\n"), col.Header) {
					t.Errorf("column %q has values but is neither imported nor listed", col.Header)
				}
			}
			if !strings.Contains(f.Mapping(), "-> Email") {
				t.Errorf("mapping does not say where the email went:\n%s", f.Mapping())
			}
		})
	}
}

// A German Excel file: semicolons, Windows-1252, Excel's "sep=" line, accents and €.
func TestReadCSVWindows1252Semicolons(t *testing.T) {
	text := "sep=;\r\nName;Vorname;Firma;E-Mail;Straße;PLZ;Ort;Notizen\r\n" +
		"Großmann;Jürgen;Bäckerei Großmann;jg@example.de;Königsallee 1;40212;Düsseldorf;Umsatz 1.200 €, „gut“\r\n"
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ReadCSV(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if f.Encoding != EncodingWindows1252 || f.Separator != ';' {
		t.Errorf("read as %s with %q", f.Encoding, f.Separator)
	}
	if len(f.Clients()) != 1 {
		t.Fatalf("clients %+v problems %v", f.Clients(), f.Problems)
	}
	c := f.Clients()[0].Client
	if c.Name != "Jürgen Großmann" || c.Company != "Bäckerei Großmann" || c.Address.Lines != "Königsallee 1" ||
		c.Address.City != "Düsseldorf" || c.Notes != "Umsatz 1.200 €, „gut“" {
		t.Errorf("read %+v", c)
	}
	// The user can choose the encoding instead: Latin-1 reads the same letters.
	f, err = ReadCSVWith(bytes.NewReader(b), CSVOptions{Encoding: EncodingLatin1})
	if err != nil || f.Clients()[0].Client.Address.City != "Düsseldorf" {
		t.Errorf("as Latin-1: %v %+v", err, f)
	}
	// And UTF-8 with a byte-order mark and tabs reads the same.
	utf := strings.ReplaceAll(strings.TrimPrefix(text, "sep=;\r\n"), ";", "\t")
	f, err = ReadCSV(strings.NewReader("\ufeff" + utf))
	if err != nil || f.Encoding != EncodingUTF8 || f.Separator != '\t' || f.Clients()[0].Client.Name != "Jürgen Großmann" {
		t.Errorf("UTF-8 with BOM and tabs: %v %+v", err, f)
	}
}

// The user sends a column elsewhere, or nowhere, in the preview.
func TestReadCSVWithChosenColumns(t *testing.T) {
	in := "Kontakt,Mail,Info,Handy 2\nAda Lovelace,ada@example.com,Likes engines,+44 20 7946 0001\n"
	f, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Clients()[0].Client
	if c.Name != "Ada Lovelace" || c.Email != "ada@example.com" || c.Notes != "" {
		t.Fatalf("read %+v", c)
	}
	if u := f.Unmapped(); len(u) != 2 {
		t.Errorf("unmapped %v", u)
	}
	f, err = ReadCSVWith(strings.NewReader(in), CSVOptions{Fields: map[int]Field{1: FieldNone, 2: FieldNotes, 3: FieldPhone}})
	if err != nil {
		t.Fatal(err)
	}
	c = f.Clients()[0].Client
	if c.Email != "" || c.Notes != "Likes engines" || c.Phone != "+44 20 7946 0001" {
		t.Errorf("with chosen columns %+v\n%s", c, f.Mapping())
	}
	if u := f.Unmapped(); len(u) != 1 || !strings.Contains(u[0], "Mail") {
		t.Errorf("unmapped %v", u)
	}
}

// Cells a spreadsheet would run as formulas are written as text; our import reads them
// back as they were; phone numbers stay as they are.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	db := openDB(t)
	cells := []string{`=HYPERLINK("http://evil.example","click")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)*cmd|' /C calc'!A0`, "-2+3+cmd|' /C calc'!A0", "\t=1+1", "'=already quoted"}
	for i, v := range cells {
		if _, err := db.CreateClient(ctx, data.Client{Name: fmt.Sprintf("Client %d", i), Company: v, Notes: v, Phone: "+49 30 123"}); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := WriteCSV(ctx, db, &out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := ReadCSV(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	for _, l := range lines[1:] {
		for _, cell := range splitCSVLine(l) {
			if formulaStart(cell) && !plainNumber(cell) {
				t.Errorf("exported cell %q would run as a formula", cell)
			}
		}
	}
	if !strings.Contains(out.String(), ",+49 30 123,") {
		t.Errorf("phone number changed:\n%s", out.String())
	}
	for i, in := range f.Clients() {
		if in.Client.Notes != strings.TrimSpace(cells[i]) || in.Client.Phone != "+49 30 123" {
			t.Errorf("read back %q / %q, exported %q", in.Client.Notes, in.Client.Phone, cells[i])
		}
	}
}

// splitCSVLine splits one exported line (no quoted line breaks in these) into its cells.
func splitCSVLine(l string) []string {
	var out []string
	cur, quoted := "", false
	for _, r := range strings.TrimRight(l, "\r") {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ',' && !quoted:
			out = append(out, cur)
			cur = ""
		default:
			cur += string(r)
		}
	}
	return append(out, cur)
}

// The store keeps clients apart that share an email, or a name and company: a round trip
// through CSV and vCard brings every one back.
func TestRoundTripKeepsClientsSharingAnEmail(t *testing.T) {
	src := openDB(t)
	for _, c := range []data.Client{
		{Name: "Anna Schmidt", Company: "Schmidt GbR", Email: "info@schmidt.example"},
		{Name: "Jonas Schmidt", Company: "Schmidt GbR", Email: "info@schmidt.example"},
		{Name: "John Smith", Company: "Acme", Email: "js1@acme.example"},
		{Name: "John Smith", Company: "Acme", Email: "js2@acme.example"},
		{Name: "Same Twice", Company: "Twin", Email: "twin@example.com"},
		{Name: "Same Twice", Company: "Twin", Email: "twin@example.com"},
	} {
		if _, err := src.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, kind := range []string{"csv", "vcard"} {
		t.Run(kind, func(t *testing.T) {
			var file bytes.Buffer
			var f *ClientFile
			var err error
			if kind == "csv" {
				err = WriteCSV(ctx, src, &file, ExportOptions{})
			} else {
				err = WriteVCard(ctx, src, &file, "4.0", ExportOptions{})
			}
			if err != nil {
				t.Fatal(err)
			}
			if kind == "csv" {
				f, err = ReadCSV(bytes.NewReader(file.Bytes()))
			} else {
				f, err = ReadVCard(bytes.NewReader(file.Bytes()))
			}
			if err != nil {
				t.Fatal(err)
			}
			dst := openDB(t)
			rep, err := ImportClients(ctx, dst, f, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Count("clients") != 6 || len(f.Problems) != 0 {
				t.Errorf("%d of 6 clients back; problems %v", rep.Count("clients"), f.Problems)
			}
			// Into the file they came from, every one is found already there: none doubled.
			again, err := ImportClients(ctx, src, f, ImportOptions{DryRun: true})
			if err != nil || again.Count("clients") != 0 || len(again.Duplicates) != 6 {
				t.Errorf("into the source: %d new, %d duplicates, %v", again.Count("clients"), len(again.Duplicates), err)
			}
		})
	}
}

// Merging the same export twice adds its records once, to the client with the same name.
func TestMergeIsIdempotentAndMapsToTheRightClient(t *testing.T) {
	src := openDB(t)
	a, _ := src.CreateClient(ctx, data.Client{Name: "Ada Lovelace", Email: "shared@example.com"})
	b, _ := src.CreateClient(ctx, data.Client{Name: "Brian Kernighan", Email: "shared@example.com"})
	for _, id := range []int64{a.ID, b.ID} {
		for i := 0; i < 3; i++ {
			src.AddEntry(ctx, data.Entry{ClientID: id, At: fixed, Kind: data.KindCall, Summary: fmt.Sprintf("call %d with client %d", i, id)})
		}
	}
	file := exportString(t, src)

	dst := openDB(t)
	for i := 0; i < 6; i++ {
		dst.CreateClient(ctx, data.Client{Name: fmt.Sprintf("Other %d", i)})
	}
	ea, _ := dst.CreateClient(ctx, data.Client{Name: "Ada Lovelace", Email: "shared@example.com"})
	var before map[string]int
	for round := 1; round <= 3; round++ {
		rep, err := ImportJSON(ctx, dst, strings.NewReader(file), ImportOptions{Merge: true})
		if err != nil {
			t.Fatal(err)
		}
		// Brian is new the first time, and the same person after.
		if want := min(round, 2); len(rep.Duplicates) != want || rep.Duplicates[0].Name != "Ada Lovelace" || rep.Duplicates[0].ExistingID != ea.ID {
			t.Fatalf("round %d duplicates %+v", round, rep.Duplicates)
		}
		counts := countAll(t, dst)
		if round == 1 {
			before = counts
			continue
		}
		if !sameCounts(before, counts) {
			t.Errorf("round %d changed the counts: %v -> %v", round, before, counts)
		}
	}
	es, _ := dst.Timeline(ctx, ea.ID)
	if len(es) != 3 {
		t.Errorf("Ada has %d entries, want her 3", len(es))
	}
	for _, e := range es {
		if !strings.Contains(e.Summary, fmt.Sprintf("client %d", a.ID)) {
			t.Errorf("Ada got another client's entry %q", e.Summary)
		}
	}
	found, _ := dst.SearchClients(ctx, "Kernighan", data.ClientFilter{}, 5)
	if len(found) != 1 {
		t.Fatalf("Brian: %v", found)
	}
	if es, _ := dst.Timeline(ctx, found[0].ID); len(es) != 3 {
		t.Errorf("Brian has %d entries, want 3", len(es))
	}
}

// A card as Outlook writes it: vCard 2.1, quoted-printable with soft line breaks,
// CHARSET=Windows-1252, bare TYPE parameters and a folded base64 photo.
func TestReadOutlookVCard21(t *testing.T) {
	card := "BEGIN:VCARD\r\n" +
		"VERSION:2.1\r\n" +
		"N;LANGUAGE=de;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;Dr.\r\n" +
		"FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Dr. J=FCrgen M=FCller\r\n" +
		"ORG;CHARSET=Windows-1252:B\xe4ckerei M\xfcller GmbH;Vertrieb\r\n" +
		"TITLE;ENCODING=QUOTED-PRINTABLE:Gesch=E4ftsf=FChrer\r\n" +
		"TEL;WORK;VOICE:+49 30 1234567\r\n" +
		"TEL;CELL;VOICE:+49 170 7654321\r\n" +
		"ADR;WORK;PREF;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:;;Hauptstra=DFe 5=0D=0A=\r\n" +
		"Hinterhaus;Berlin;;10115;Deutschland\r\n" +
		"LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:Hauptstra=DFe 5=0D=0A10115 Berlin\r\n" +
		"EMAIL;PREF;INTERNET:juergen@mueller.example\r\n" +
		"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Kunde seit 2019, sehr zufrieden =96 =\r\n" +
		"bitte per Post.\r\n" +
		"PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n" +
		" /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof\r\n" +
		" Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAAB\r\n" +
		"\r\n" +
		"REV:20260101T120000Z\r\n" +
		"END:VCARD\r\n"
	f, err := ReadVCard(strings.NewReader(card))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Problems) != 0 || len(f.Clients()) != 1 {
		t.Fatalf("clients %+v problems %v", f.Clients(), f.Problems)
	}
	c := f.Clients()[0].Client
	want := data.Client{Name: "Dr. Jürgen Müller", Company: "Bäckerei Müller GmbH", Email: "juergen@mueller.example", Phone: "+49 30 1234567",
		Address: data.Address{Lines: "Hauptstraße 5\r\nHinterhaus", Postcode: "10115", City: "Berlin", Country: "Deutschland"},
		Notes:   "Kunde seit 2019, sehr zufrieden – bitte per Post.", Status: data.StatusActive}
	want.Address.Lines = "Hauptstraße 5\nHinterhaus"
	c.Address.Lines = strings.ReplaceAll(c.Address.Lines, "\r\n", "\n")
	if c != want {
		t.Errorf("read\n%+v\nwant\n%+v", c, want)
	}
	if got := strings.Join(f.Ignored, ","); !strings.Contains(got, "PHOTO") || !strings.Contains(got, "TITLE") || !strings.Contains(got, "LABEL") {
		t.Errorf("ignored %q", got)
	}
}

// A round trip through vCard keeps Amends' own fields and values with ; and , in them.
func TestVCardKeepsAmendsFields(t *testing.T) {
	src := openDB(t)
	in := data.Client{Name: "Zoë; the Second", Company: "Ørsted; Sons, Ltd", Email: "zoe@example.com", Phone: "+45 1234 5678",
		Address:    data.Address{Lines: "Strandvejen 1; Back door\nSecond line", Postcode: "2100", City: "København, Hovedstaden", Country: "Denmark"},
		Salutation: "Dear Zoë", Since: data.NewDate(2019, 4, 1), YearlyIncome: 1250050, Referrals: 3, ReferralIncome: 40000,
		Status: data.StatusAtRisk, Notes: "likes tea;\nnot coffee, ever \\ really", Archived: true}
	if _, err := src.CreateClient(ctx, in); err != nil {
		t.Fatal(err)
	}
	for _, version := range []string{"3.0", "4.0"} {
		var b bytes.Buffer
		if err := WriteVCard(ctx, src, &b, version, ExportOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(b.String(), "\r\n") {
			if len(l) > 75 {
				t.Errorf("line of %d octets: %q", len(l), l)
			}
		}
		if !strings.Contains(b.String(), `ORG:Ørsted\; Sons\, Ltd`) {
			t.Errorf("';' in ORG not escaped:\n%s", b.String())
		}
		f, err := ReadVCard(&b)
		if err != nil || len(f.Clients()) != 1 {
			t.Fatalf("%v %+v", err, f)
		}
		g := f.Clients()[0].Client
		w := in
		if g.Name != w.Name || g.Company != w.Company || g.Address != w.Address || g.Salutation != w.Salutation || g.Since != w.Since ||
			g.YearlyIncome != w.YearlyIncome || g.Referrals != w.Referrals || g.ReferralIncome != w.ReferralIncome ||
			g.Status != w.Status || g.Notes != w.Notes || g.Archived != w.Archived {
			t.Errorf("vCard %s read back\n%+v\nwant\n%+v", version, g, w)
		}
	}
}

// photoCard is a card with a base64 photo of size bytes, folded as Apple Contacts folds it.
func photoCard(size int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Appleseed;Johnny;;;\r\nFN:Johnny Appleseed\r\nEMAIL;type=INTERNET;type=HOME;type=pref:johnny@example.com\r\n")
	b.WriteString("PHOTO;ENCODING=b;TYPE=JPEG:")
	line := strings.Repeat("QUJD", 18) // 72 base64 characters a line
	for n := 0; n < size; n += len(line) {
		b.WriteString(line)
		b.WriteString("\r\n ")
	}
	b.WriteString("QUJD\r\nEND:VCARD\r\n")
	return b.Bytes()
}

func TestReadVCardWithLargePhoto(t *testing.T) {
	f, err := ReadVCard(bytes.NewReader(photoCard(4 << 20)))
	if err != nil || len(f.Clients()) != 1 || f.Clients()[0].Client.Email != "johnny@example.com" {
		t.Fatalf("%v %+v", err, f)
	}
}
