// Package demo fills a store with realistic, deterministic sample data:
// the same options always give the same clients, timelines and cases.
package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/amends/amends/data"
)

// Options say how much to make. Now anchors the five years of history.
type Options struct {
	Clients int
	Seed    uint64
	Now     time.Time
	// Progress, if set, is called now and then with the clients written so far.
	Progress func(done, total int)
}

// Step adds one kind of sample data for the clients already written. Later features
// (complaints, letters, follow-ups) add their own steps.
type Step func(ctx context.Context, tx *sql.Tx, g *Gen, clients []Made) error

// Made is a generated client as later steps need it.
type Made struct {
	ID     int64
	Since  time.Time
	Status data.Status
	Name   string
}

// Gen is the seeded generator shared by all steps.
type Gen struct {
	R   *rand.Rand
	Now time.Time
}

// DuringWork moves t to a time between 8:00 and 18:00 on a working day: complaints and calls
// in sample data at three in the morning look wrong.
func (g *Gen) DuringWork(t time.Time) time.Time {
	switch t.Weekday() { // a weekend day becomes the Friday before
	case time.Saturday:
		t = t.AddDate(0, 0, -1)
	case time.Sunday:
		t = t.AddDate(0, 0, -2)
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 8, 0, 0, 0, t.Location()).Add(time.Duration(g.R.IntN(10*60)) * time.Minute)
}

// Pick returns a random element of s.
func Pick[T any](g *Gen, s []T) T { return s[g.R.IntN(len(s))] }

// Between returns a random time in [a, b).
func (g *Gen) Between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(g.R.Int64N(int64(b.Sub(a)))))
}

// Fill writes the sample data in one transaction per batch of clients, then runs steps.
func Fill(ctx context.Context, db *data.DB, o Options, steps ...Step) error {
	if o.Clients < 0 {
		return fmt.Errorf("demo: clients must not be negative")
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	// Anchored to the start of the day, so one seed gives the same data all day.
	y, m, d := o.Now.UTC().Date()
	g := &Gen{R: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), Now: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	var made []Made
	err := db.Bulk(ctx, func(tx *sql.Tx) error {
		stmts := data.NewStmtCache(tx)
		defer stmts.Close()
		for i := 0; i < o.Clients; i++ {
			m, err := g.client(ctx, db, stmts)
			if err != nil {
				return err
			}
			made = append(made, m)
			if o.Progress != nil && (i+1)%5000 == 0 {
				o.Progress(i+1, o.Clients)
			}
		}
		for _, step := range steps {
			if err := step(ctx, tx, g, made); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

type culture struct {
	women, men []string
	last       []string
	streets    []string
	cities     [][2]string // postcode, city
	country    string
	dearMs     string // salutation with %s for the name it takes
	dearMr     string
	byFirst    bool // the salutation uses the first name (Danish, Turkish), else the family name
	numFirst   bool // the house number goes before the street ("12 High Street"), else after
	phone      string
	domain     string
	femLast    func(string) string // a family name's feminine form, where the language has one
}

// slavicFem gives the feminine form of Polish and Russian family names.
func slavicFem(l string) string {
	for _, p := range [][2]string{{"ski", "ska"}, {"cki", "cka"}, {"dzki", "dzka"}, {"ов", "ова"}, {"ев", "ева"}, {"ин", "ина"}} {
		if strings.HasSuffix(l, p[0]) {
			return strings.TrimSuffix(l, p[0]) + p[1]
		}
	}
	return l
}

// greekFem gives the feminine (genitive) form of Greek family names.
func greekFem(l string) string {
	for _, p := range [][2]string{{"πουλος", "πούλου"}, {"ος", "ου"}} {
		if strings.HasSuffix(l, p[0]) {
			return strings.TrimSuffix(l, p[0]) + p[1]
		}
	}
	return l
}

var cultures = []culture{
	{women: []string{"Emma", "Charlotte", "Amelia", "Sophie", "Olivia", "Grace", "Isla", "Harriet"},
		men:     []string{"Oliver", "James", "Harry", "George", "Thomas", "William", "Jack", "Arthur"},
		last:    []string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "O'Connor", "Hughes", "Clarke", "Wright", "Patel"},
		streets: []string{"High Street", "Station Road", "Church Lane", "Victoria Road"},
		cities:  [][2]string{{"SW1A 1AA", "London"}, {"M1 1AE", "Manchester"}, {"EH1 1YZ", "Edinburgh"}},
		country: "United Kingdom", numFirst: true, dearMs: "Dear Ms %s", dearMr: "Dear Mr %s", phone: "+44 20 7946 %04d", domain: "co.uk"},
	{women: []string{"Anna", "Käthe", "Sophie", "Jana", "Lena", "Ursula", "Gisela", "Marlene"},
		men:     []string{"Jörg", "Lukas", "Felix", "Matthias", "Jürgen", "Stefan", "Günter", "Björn"},
		last:    []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Köhler", "Groß", "Bäcker", "Hoffmann", "Schäfer", "Krüger", "Wagner"},
		streets: []string{"Hauptstraße", "Schillerstraße", "Goethestraße", "Lindenallee"},
		cities:  [][2]string{{"10115", "Berlin"}, {"80331", "München"}, {"50667", "Köln"}},
		country: "Germany", dearMs: "Sehr geehrte Frau %s", dearMr: "Sehr geehrter Herr %s", phone: "+49 30 %07d", domain: "de"},
	{women: []string{"Zoë", "Amélie", "Hélène", "Léa", "Renée", "Céline", "Françoise", "Noémie"},
		men:     []string{"François", "Théo", "Noël", "Jérôme", "Étienne", "Loïc", "René", "Gaël"},
		last:    []string{"Dubois", "Lefèvre", "Moreau", "Girard", "Bonnet", "Rousseau", "Faure", "Mercier", "Chevalier", "Lambert"},
		streets: []string{"rue de la Paix", "avenue Victor Hugo", "boulevard Saint-Michel"},
		cities:  [][2]string{{"75002", "Paris"}, {"69001", "Lyon"}, {"13001", "Marseille"}},
		country: "France", numFirst: true, dearMs: "Chère Madame %s", dearMr: "Cher Monsieur %s", phone: "+33 1 %08d", domain: "fr"},
	{women: []string{"María", "Lucía", "Sofía", "Begoña", "Inés", "Pilar", "Nuria", "Ángela"},
		men:     []string{"José", "Ñuño", "Andrés", "Íñigo", "Javier", "Raúl", "Sergio", "Álvaro"},
		last:    []string{"Núñez", "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Ibáñez", "Muñoz"},
		streets: []string{"Calle Mayor", "Gran Vía", "Paseo de Gracia"},
		cities:  [][2]string{{"28013", "Madrid"}, {"08007", "Barcelona"}, {"41001", "Sevilla"}},
		country: "Spain", dearMs: "Estimada Sra. %s", dearMr: "Estimado Sr. %s", phone: "+34 91 %07d", domain: "es"},
	{women: []string{"Agnieszka", "Małgorzata", "Zofia", "Katarzyna", "Ewa", "Joanna"},
		men:     []string{"Łukasz", "Paweł", "Wojciech", "Michał", "Krzysztof", "Tomasz"},
		last:    []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Zieliński", "Dąbrowski", "Łuczak", "Szymański", "Lewandowski", "Kamiński"},
		streets: []string{"ul. Długa", "ul. Piękna", "ul. Marszałkowska"},
		cities:  [][2]string{{"00-238", "Warszawa"}, {"31-001", "Kraków"}, {"80-001", "Gdańsk"}},
		country: "Poland", dearMs: "Szanowna Pani %s", dearMr: "Szanowny Panie %s", phone: "+48 22 %07d", domain: "pl", femLast: slavicFem},
	{women: []string{"Ελένη", "Μαρία", "Κατερίνα", "Σοφία", "Δέσποινα"},
		men:     []string{"Νίκος", "Γιώργος", "Δημήτρης", "Κώστας", "Γιάννης"},
		last:    []string{"Παπαδόπουλος", "Οικονόμου", "Αντωνίου", "Νικολάου", "Βασιλείου", "Καραγιάννης", "Αλεξίου"},
		streets: []string{"Οδός Ερμού", "Λεωφόρος Κηφισίας", "Οδός Αθηνάς"},
		cities:  [][2]string{{"105 63", "Αθήνα"}, {"546 24", "Θεσσαλονίκη"}},
		country: "Greece", dearMs: "Αγαπητή κυρία %s", dearMr: "Αγαπητέ κύριε %s", phone: "+30 21 %08d", domain: "gr", femLast: greekFem},
	{women: []string{"Анна", "Ольга", "Наталья", "Екатерина", "Татьяна"},
		men:     []string{"Дмитрий", "Сергей", "Иван", "Алексей", "Михаил"},
		last:    []string{"Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Морозов", "Волков"},
		streets: []string{"ул. Тверская", "Невский проспект", "ул. Арбат"},
		cities:  [][2]string{{"125009", "Москва"}, {"191186", "Санкт-Петербург"}},
		country: "Russia", dearMs: "Уважаемая госпожа %s", dearMr: "Уважаемый господин %s", phone: "+7 495 %07d", domain: "ru", femLast: slavicFem},
	{women: []string{"Ingrid", "Astrid", "Sigrid", "Mette", "Åse"},
		men:     []string{"Søren", "Bjørn", "Håkon", "Jens", "Mads"},
		last:    []string{"Ørsted", "Hansen", "Johansen", "Åberg", "Lindqvist", "Nørgaard", "Kjær", "Mørch"},
		streets: []string{"Østergade", "Strøget", "Nørregade"},
		cities:  [][2]string{{"1050", "København K"}, {"8000", "Aarhus C"}, {"5000", "Odense C"}},
		country: "Denmark", dearMs: "Kære %s", dearMr: "Kære %s", byFirst: true, phone: "+45 33 %06d", domain: "dk"},
	{women: []string{"Ayşe", "Gülşen", "Şule", "Zeynep", "Elif"},
		men:     []string{"Mehmet", "Çağrı", "İbrahim", "Emre", "Oğuz"},
		last:    []string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"},
		streets: []string{"İstiklal Caddesi", "Bağdat Caddesi"},
		cities:  [][2]string{{"34433", "İstanbul"}, {"06420", "Ankara"}},
		country: "Türkiye", dearMs: "Sayın %s Hanım", dearMr: "Sayın %s Bey", byFirst: true, phone: "+90 212 %07d", domain: "com.tr"},
	{women: []string{"Mei", "Yuki", "Seo-yeon", "Li Na", "Hana"},
		men:     []string{"Wei", "Hiroshi", "Min-jun", "Jun", "Kenji"},
		last:    []string{"Chen", "Wang", "Tanaka", "Sato", "Kim", "Park", "Lim", "Tan"},
		streets: []string{"Orchard Road", "Robinson Road", "Marina Boulevard"},
		cities:  [][2]string{{"238801", "Singapore"}, {"068898", "Singapore"}, {"018956", "Singapore"}},
		country: "Singapore", numFirst: true, dearMs: "Dear Ms %s", dearMr: "Dear Mr %s", phone: "+65 6%07d", domain: "sg"},
}

var companyWords = []string{"Consulting", "Holdings", "Partners", "Logistics", "Design", "Foods",
	"Analytics", "Architects", "Dental Practice", "Bakery", "Software", "Legal", "Clinic", "Studio"}

var entryTexts = map[data.EntryKind][]string{
	data.KindCall:     {"Quarterly check-in call", "Called about the next project phase", "Discussed the invoice", "Follow-up call on the report"},
	data.KindEmail:    {"Sent the draft report", "Emailed the meeting notes", "Answered questions on the proposal", "Sent revised quote"},
	data.KindMeeting:  {"Workshop with the management team", "Kick-off meeting", "Review meeting for the project results"},
	data.KindInPerson: {"Lunch with the client", "Visited their office", "Met at the trade fair"},
	data.KindNote:     {"Prefers calls in the morning", "Budget approval needed from the board", "New contact person from next month"},
}

func (g *Gen) client(ctx context.Context, db *data.DB, tx data.Execer) (Made, error) {
	cu := Pick(g, cultures)
	woman := g.R.IntN(2) == 0
	first, last, dear := Pick(g, cu.men), Pick(g, cu.last), cu.dearMr
	if woman {
		first, dear = Pick(g, cu.women), cu.dearMs
		if cu.femLast != nil {
			last = cu.femLast(last)
		}
	}
	name := first + " " + last
	addressed := last
	if cu.byFirst {
		addressed = first
	}
	company := ""
	if g.R.IntN(3) > 0 {
		company = last + " " + Pick(g, companyWords)
	}
	start := g.Now.AddDate(-5, 0, 0)
	since := g.Between(start.AddDate(-3, 0, 0), g.Now.AddDate(0, 0, -7))
	status := data.StatusActive
	switch r := g.R.IntN(100); {
	case r < 10:
		status = data.StatusAtRisk
	case r < 25:
		status = data.StatusLost
	case r < 30:
		status = data.StatusWonBack
	case r < 33:
		status = data.StatusLetGo
	}
	pc := Pick(g, cu.cities)
	email := strings.ToLower(asciiOnly(first)) + "@" + strings.ToLower(asciiOnly(last)) + "." + cu.domain
	if asciiOnly(first) == "" || asciiOnly(last) == "" {
		email = fmt.Sprintf("client%d@example.%s", g.R.IntN(1_000_000), cu.domain)
	}
	created := since
	if created.Before(start) {
		created = start
	}
	changed := g.Between(since, g.Now)
	c := data.Client{
		Name: name, Company: company, Email: email,
		Phone:          fmt.Sprintf(cu.phone, g.R.IntN(1_000_000)),
		Address:        data.Address{Lines: street(cu, Pick(g, cu.streets), 1+g.R.IntN(120)), Postcode: pc[0], City: pc[1], Country: cu.country},
		Salutation:     fmt.Sprintf(dear, addressed),
		Since:          data.DateOf(since),
		YearlyIncome:   int64(500+g.R.IntN(60_000)) * 100,
		Status:         status,
		StatusChanged:  changed,
		Created:        created,
		Updated:        changed,
		ReferralIncome: 0,
	}
	if g.R.IntN(4) == 0 {
		c.Referrals = 1 + g.R.IntN(3)
		c.ReferralIncome = int64(c.Referrals) * int64(1000+g.R.IntN(20_000)) * 100
	}
	id, err := data.InsertClientTx(ctx, tx, c)
	if err != nil {
		return Made{}, fmt.Errorf("client %q: %w", name, err)
	}
	for i, n := 0, 1+g.R.IntN(4); i < n; i++ {
		kind := Pick(g, data.ManualKinds()[:5])
		if kind == data.KindLetter {
			kind = data.KindNote
		}
		texts := entryTexts[kind]
		if len(texts) == 0 {
			texts = entryTexts[data.KindNote]
		}
		e := data.Entry{ClientID: id, At: g.DuringWork(g.Between(since, g.Now)), Kind: kind, Summary: Pick(g, texts)}
		if _, err := db.AddEntryTx(ctx, tx, e); err != nil {
			return Made{}, err
		}
	}
	return Made{ID: id, Since: since, Status: status, Name: name}, nil
}

// asciiOnly spells a Latin name in a-z for made-up email addresses (Wiśniewski: wisniewski);
// other scripts give "".
func asciiOnly(s string) string {
	special := map[rune]string{'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O", 'ß': "ss", 'æ': "ae", 'Æ': "Ae", 'ı': "i"}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'):
			b.WriteRune(r)
		case special[r] != "":
			b.WriteString(special[r])
		}
	}
	return b.String()
}

// Steps lists the sample-data steps that run after the clients are written.
// Each feature appends its own.
func Steps() []Step {
	return []Step{
		Complaints,
		FollowUps,
		Letters,
	}
}

// street writes a street address line as the country does.
func street(cu culture, name string, number int) string {
	if cu.numFirst {
		return fmt.Sprintf("%d %s", number, name)
	}
	return fmt.Sprintf("%s %d", name, number)
}
