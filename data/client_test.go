package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestClientCRUD(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	in := Client{
		Name: "Łukasz Nowak", Company: "Nowak Sp. z o.o.", Email: "lukasz@nowak.pl", Phone: "+48 22 123 45 67",
		Address:    Address{Lines: "ul. Długa 5\nm. 3", Postcode: "00-238", City: "Warszawa", Country: "Poland"},
		Salutation: "Dear Mr Nowak", Since: NewDate(2021, 3, 1), YearlyIncome: 1250000, Referrals: 2,
		ReferralIncome: 300000, Notes: "prefers phone",
	}
	c, err := d.CreateClient(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.Status != StatusActive || c.Created.IsZero() {
		t.Fatalf("created %+v", c)
	}
	got, err := d.Client(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Address != in.Address || got.Since != in.Since || got.YearlyIncome != in.YearlyIncome ||
		got.Name != in.Name || got.Referrals != 2 || got.ReferralIncome != 300000 || got.Salutation != in.Salutation {
		t.Fatalf("read back %+v", got)
	}
	got.Status = StatusAtRisk
	got.Company = "Nowak Group"
	up, err := d.UpdateClient(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if up.Company != "Nowak Group" || up.Status != StatusAtRisk || !up.StatusChanged.After(c.StatusChanged) {
		t.Fatalf("updated %+v", up)
	}
	tl, _ := d.Timeline(ctx, c.ID)
	if len(tl) != 1 || tl[0].Kind != KindStatus {
		t.Fatalf("status change not in timeline: %+v", tl)
	}
	if err := d.SetArchived(ctx, c.ID, true); err != nil {
		t.Fatal(err)
	}
	if n, _ := d.CountClients(ctx, ClientFilter{}); n != 0 {
		t.Errorf("archived client still listed")
	}
	if n, _ := d.CountClients(ctx, ClientFilter{Archived: true}); n != 1 {
		t.Errorf("archived client not in archive")
	}
	if _, err := d.Client(ctx, 12345); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing client: %v", err)
	}
}

func TestClientValidation(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		c     Client
		field string
	}{
		{"empty name", Client{Name: "  "}, "name"},
		{"bad email", Client{Name: "A", Email: "not-an-email"}, "email"},
		{"email with name", Client{Name: "A", Email: "A <a@b.com>"}, "email"},
		{"bad phone", Client{Name: "A", Phone: "call me"}, "phone"},
		{"short phone", Client{Name: "A", Phone: "12"}, "phone"},
		{"bad status", Client{Name: "A", Status: "gone"}, "status"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := d.CreateClient(ctx, tc.c)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Fatalf("err = %v, want field %s", err, tc.field)
			}
		})
	}
	if n, _ := d.CountClients(ctx, ClientFilter{}); n != 0 {
		t.Fatalf("invalid clients were stored: %d", n)
	}
}

func TestListClientsOrderAndFilter(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	for _, c := range []Client{{Name: "bravo"}, {Name: "Alpha", Status: StatusLost}, {Name: "charlie"}} {
		if _, err := d.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := d.ListClients(ctx, ClientFilter{}, 0, 10)
	if len(all) != 3 || all[0].Name != "Alpha" || all[1].Name != "bravo" {
		t.Fatalf("order: %v", names(all))
	}
	page, _ := d.ListClients(ctx, ClientFilter{}, 1, 1)
	if len(page) != 1 || page[0].Name != "bravo" {
		t.Fatalf("paging: %v", names(page))
	}
	lost, _ := d.ListClients(ctx, ClientFilter{Status: StatusLost}, 0, 10)
	if len(lost) != 1 || lost[0].Name != "Alpha" {
		t.Fatalf("status filter: %v", names(lost))
	}
	// Last contact follows the newest timeline entry.
	c := all[2]
	when := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	d.AddEntry(ctx, Entry{ClientID: c.ID, At: when, Kind: KindCall, Summary: "called"})
	d.AddEntry(ctx, Entry{ClientID: c.ID, At: when.AddDate(0, -1, 0), Kind: KindEmail, Summary: "older"})
	byContact, _ := d.ListClients(ctx, ClientFilter{Sort: SortByLastContact}, 0, 10)
	if byContact[0].ID != c.ID || !byContact[0].LastContact.Equal(when) {
		t.Fatalf("by last contact: %v %v", names(byContact), byContact[0].LastContact)
	}
}

func names(cs []Client) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// clientMaker returns a function that creates a client in d, failing the test on error.
func clientMaker(t *testing.T, d *DB) func(Client) Client {
	return func(c Client) Client {
		t.Helper()
		c, err := d.CreateClient(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
}

func TestSearchPrefixAndRanking(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	mk := clientMaker(t, d)
	papa := mk(Client{Name: "Νίκος Παπαδόπουλος", Company: "Aegean Shipping"})
	mk(Client{Name: "Anna Schmidt", Company: "Müller GmbH", Notes: "introduced by Miller"})
	muller := mk(Client{Name: "Jörg Müller", Company: "Bäckerei Sonne"})
	quiet := mk(Client{Name: "Chen Wei", Email: "chen@example.com"})
	d.AddEntry(ctx, Entry{ClientID: quiet.ID, At: d.Now(), Kind: KindCall, Summary: "Complained about the invoice"})

	cases := []struct {
		q     string
		first string
		count int
	}{
		{"mül", muller.Name, 2}, // prefix; name hit ranks above the company hit
		{"Mul", muller.Name, 2}, // diacritics folded
		{"παπα", papa.Name, 1},  // Greek prefix
		{"invo", quiet.Name, 1}, // timeline text
		{"chen@exa", quiet.Name, 1},
		{"anna schm", "Anna Schmidt", 1},
		{`"AND NEAR(`, "", 0}, // operators are plain text, no error
		{"zzz", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.q, func(t *testing.T) {
			got, err := d.SearchClients(ctx, tc.q, ClientFilter{}, 20)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.count {
				t.Fatalf("%d results %v, want %d", len(got), names(got), tc.count)
			}
			if tc.count > 0 && got[0].Name != tc.first {
				t.Fatalf("first %q, want %q (all %v)", got[0].Name, tc.first, names(got))
			}
		})
	}
	// Renaming updates the index.
	muller.Name = "Jörg Keller"
	if _, err := d.UpdateClient(ctx, muller); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.SearchClients(ctx, "kell", ClientFilter{}, 5); len(got) != 1 {
		t.Fatalf("renamed client not found: %v", names(got))
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[string]int64{
		"12500": 1250000, "12,500.50": 1250050, "12.500,50": 1250050, "€ 99": 9900, "0.5": 50,
		"1'000": 100000, "-20": -2000, "": 0, "7,5": 750, "1,234,567": 123456700,
	} {
		got, err := ParseMoney(in)
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"abc", "12#4", "--"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q) accepted", bad)
		}
	}
	if s := FormatMoney(123456789, "EUR"); s != "1,234,567.89 EUR" {
		t.Errorf("FormatMoney = %q", s)
	}
	if s := FormatMoney(-5, ""); s != "-0.05" {
		t.Errorf("FormatMoney = %q", s)
	}
}

func TestClientCountsFollowChanges(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	var ids []int64
	for i, st := range []Status{StatusActive, StatusActive, StatusLost, StatusAtRisk} {
		c, err := d.CreateClient(ctx, Client{Name: fmt.Sprintf("C%d", i), Status: st})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	d.SetStatus(ctx, ids[0], StatusLost)
	d.SetArchived(ctx, ids[1], true)
	d.sql.Exec(`DELETE FROM clients WHERE id = ?`, ids[3])
	for _, f := range []ClientFilter{{}, {Archived: true}, {Status: StatusLost}, {Status: StatusActive}, {Status: StatusAtRisk}} {
		got, err := d.CountClients(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		w, args := f.where("")
		var want int
		d.sql.QueryRow(`SELECT count(*) FROM clients WHERE `+w, args...).Scan(&want)
		if got != want {
			t.Errorf("filter %+v: count %d, want %d", f, got, want)
		}
	}
}

// Every list that reads client rows goes through scanClient, so a damaged date or time
// in a row is reported, not shown as an empty one.
func TestDamagedClientDatesAreErrors(t *testing.T) {
	for _, col := range []string{"created", "client_since", "status_changed", "updated", "last_contact"} {
		t.Run(col, func(t *testing.T) {
			d := openTest(t)
			ctx := context.Background()
			ask := mustClient(t, d, "To Ask")
			lost := mustClient(t, d, "Lost")
			if err := d.SetStatus(ctx, lost.ID, StatusLost); err != nil {
				t.Fatal(err)
			}
			// Undamaged, the lists carry the whole client, as Client reads it.
			ask, _ = d.Client(ctx, ask.ID)
			lost, _ = d.Client(ctx, lost.ID)
			now := d.Now()
			if l, err := d.ClientsToAsk(ctx, 6, now, 0, 10); err != nil || len(l) != 1 || l[0].Client != ask {
				t.Fatalf("before damage: to ask %+v %v, want %+v", l, err, ask)
			}
			if l, err := d.LostClients(ctx); err != nil || len(l) != 1 || l[0].Client != lost {
				t.Fatalf("before damage: lost %+v %v, want %+v", l, err, lost)
			}
			if _, err := d.SQL().Exec(`UPDATE clients SET ` + col + ` = 'not a date'`); err != nil {
				t.Fatal(err)
			}
			if l, err := d.ClientsToAsk(ctx, 6, now, 0, 10); err == nil {
				t.Errorf("ClientsToAsk with a damaged %s: no error, %+v", col, l)
			}
			if l, err := d.LostClients(ctx); err == nil {
				t.Errorf("LostClients with a damaged %s: no error, %+v", col, l)
			}
		})
	}
}

// The closed lists are handed out fresh: a caller that changes one (sorts it, drops an
// entry for its select) does not change what the next caller gets.
func TestListsAreFresh(t *testing.T) {
	checkFresh(t, "Statuses", Statuses)
	checkFresh(t, "AlertKinds", AlertKinds)
	checkFresh(t, "Severities", Severities)
	checkFresh(t, "AlertChannels", AlertChannels)
	checkFresh(t, "Outcomes", Outcomes)
	checkFresh(t, "InterviewHows", InterviewHows)
	checkFresh(t, "DefaultCheckIns", DefaultCheckIns)
	checkFresh(t, "RemedyKinds", RemedyKinds)
	checkFresh(t, "CommitmentChannels", CommitmentChannels)
	checkFresh(t, "DefaultRootCauses", DefaultRootCauses)
	checkFresh(t, "InterviewSteps", InterviewSteps)
	checkFresh(t, "TenureBands", TenureBands)
	checkFresh(t, "ManualKinds", ManualKinds)
}

func checkFresh[T comparable](t *testing.T, name string, list func() []T) {
	t.Helper()
	want := slices.Clone(list())
	got := list()
	var zero T
	got[0] = zero
	if after := list(); !slices.Equal(after, want) {
		t.Errorf("%s after changing a returned slice: %v, want %v", name, after, want)
	}
}

// Every page read by its key holds the same clients as the page read by its place.
func TestPagesByKeyMatchPagesByOffset(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 57; i++ {
		// Names and contact times repeat, so pages start inside runs of equal keys.
		name := []string{"anna", "Anna", "Bo", "bo", "Émile", "zoë"}[i%6]
		c, err := d.CreateClient(ctx, Client{Name: name, Status: []Status{StatusActive, StatusAtRisk}[i%2]})
		if err != nil {
			t.Fatal(err)
		}
		if i%3 != 0 {
			if _, err := d.AddEntry(ctx, Entry{ClientID: c.ID, At: base.Add(time.Duration(i%4) * time.Hour), Kind: KindCall, Summary: "call"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range []ClientFilter{{}, {Sort: SortByLastContact}, {Status: StatusAtRisk}, {Status: StatusAtRisk, Sort: SortByLastContact}} {
		keys, err := d.ClientPageKeys(ctx, f, 5)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := d.CountClients(ctx, f)
		if len(keys) != (n+4)/5 {
			t.Fatalf("%+v: %d keys for %d clients", f, len(keys), n)
		}
		for p, k := range keys {
			byOffset, err := d.ListClients(ctx, f, p*5, 5)
			if err != nil {
				t.Fatal(err)
			}
			byKey, err := d.ListClientsFrom(ctx, f, k, 5)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(ids(byKey)) != fmt.Sprint(ids(byOffset)) {
				t.Fatalf("%+v page %d: by key %v, by offset %v", f, p, ids(byKey), ids(byOffset))
			}
		}
	}
}

func ids(cs []Client) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// A word found in a name ranks above the same word found only in notes or the
// timeline, however many those are; those come newest client first.
func TestSearchNameMatchesFirst(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	var texts []Client
	for i := 0; i < 30; i++ {
		c, err := d.CreateClient(ctx, Client{Name: fmt.Sprintf("Client %02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.AddEntry(ctx, Entry{ClientID: c.ID, At: d.Now(), Kind: KindCall, Summary: "asked about the Kessler invoice"}); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, c)
	}
	name, err := d.CreateClient(ctx, Client{Name: "Mara Kessler"})
	if err != nil {
		t.Fatal(err)
	}
	company, err := d.CreateClient(ctx, Client{Name: "Otto Brandt", Company: "Kessler & Co"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.SearchClients(ctx, "kessl", ClientFilter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 10 || got[0].ID != name.ID || got[1].ID != company.ID {
		t.Fatalf("results %v: the name and company matches are not first", names(got))
	}
	if got[2].ID != texts[len(texts)-1].ID || got[3].ID != texts[len(texts)-2].ID {
		t.Fatalf("the timeline matches do not come newest first: %v", names(got))
	}
}

// Two letters are not ranked (thousands of names share them): names still come first,
// then company and email, then the rest, each newest client first.
func TestSearchTwoLettersKeepsNamesFirst(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	mk := clientMaker(t, d)
	company := mk(Client{Name: "Otto Brandt", Company: "Karlsson AB"})
	older := mk(Client{Name: "Kalle Anka"})
	notes := mk(Client{Name: "Lena Berg", Notes: "met at the Kaiser fair"})
	newer := mk(Client{Name: "Karin Holm"})
	got, err := d.SearchClients(ctx, "ka", ClientFilter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{newer.ID, older.ID, company.ID, notes.ID}
	if len(got) != len(want) {
		t.Fatalf("results %v", names(got))
	}
	for i, id := range want {
		if got[i].ID != id {
			t.Fatalf("results %v: want names (newest first), then the company, then the notes", names(got))
		}
	}
}
