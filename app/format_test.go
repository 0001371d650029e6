package app

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

func TestFormatsFollowTheLocale(t *testing.T) {
	day := data.NewDate(2026, 12, 1)
	for _, c := range []struct {
		locale, date, money string
	}{
		{"en-US", "Dec 1, 2026", "1,513,782.00 EUR"},
		{"en_GB.UTF-8", "1 Dec 2026", "1,513,782.00 EUR"},
		{"de-DE", "01.12.2026", "1.513.782,00 EUR"},
		{"de-CH", "01.12.2026", "1'513'782.00 EUR"},
		{"fr-FR", "01/12/2026", "1\u00a0513\u00a0782,00 EUR"},
		{"sv-SE", "2026-12-01", "1\u00a0513\u00a0782,00 EUR"},
		{"", "1 Dec 2026", "1,513,782.00 EUR"},
		{"C", "1 Dec 2026", "1,513,782.00 EUR"},
	} {
		f := formatsFor("", "", c.locale)
		if got := f.date(day); got != c.date {
			t.Errorf("%s: date %q, want %q", c.locale, got, c.date)
		}
		if got := f.money(151378200, "EUR"); got != c.money {
			t.Errorf("%s: money %q, want %q", c.locale, got, c.money)
		}
	}
	// A choice in Settings wins over the locale.
	f := formatsFor("yyyy-mm-dd", "1.234,56", "en-US")
	if f.date(day) != "2026-12-01" || f.amount(-1800050) != "-18.000,50" {
		t.Errorf("chosen formats write %q and %q", f.date(day), f.amount(-1800050))
	}
	if f.date(data.Date{}) != "" || f.day(time.Time{}) != "" {
		t.Error("no date is written as something")
	}
}

func TestParseDateAsPeopleTypeIt(t *testing.T) {
	dmy := formatsFor("dd.mm.yyyy", "", "")
	mdy := formatsFor("mon d, yyyy", "", "")
	want := data.NewDate(2026, 3, 14)
	for _, c := range []struct {
		f    formats
		text string
	}{
		{dmy, "14.03.2026"}, {dmy, "14.3.26"}, {dmy, "14/3/2026"}, {dmy, "2026-03-14"}, {dmy, "14 March 2026"},
		{dmy, "14. März 2026"}, {dmy, " 14-03-2026 "}, {mdy, "Mar 14, 2026"}, {mdy, "3/14/2026"}, {mdy, "March 14 2026"},
		{mdy, "2026-03-14"}, {formatsFor("yyyy-mm-dd", "", ""), "14.03.2026"},
	} {
		got, err := c.f.parseDate(c.text)
		if err != nil || got != want {
			t.Errorf("%s reads %q as %v, %v", c.f.dates.id, c.text, got, err)
		}
	}
	for _, bad := range []string{"Tue", "31.04.2026", "14.13.2026", "12/31", "3/14/2026 tomorrow", "14 Foo 2026", "1.1.99999"} {
		if d, err := dmy.parseDate(bad); err == nil {
			t.Errorf("%q read as %v", bad, d)
		} else if !strings.Contains(err.Error(), "31.12.2026") {
			t.Errorf("%q: the message %q gives no example", bad, err)
		}
	}
	if d, err := dmy.parseDate("  "); err != nil || !d.IsZero() {
		t.Errorf("empty is no date: %v, %v", d, err)
	}
	// The empty field's pattern is not a date, so it cannot pass for one.
	for _, s := range dateStyles {
		f := formatsFor(s.id, "", "")
		if _, err := f.parseDate(s.pattern); err == nil {
			t.Errorf("the pattern %q reads as a date", s.pattern)
		}
		if d, err := f.parseDate(f.date(want)); err != nil || d != want {
			t.Errorf("%s does not read back what it writes: %v, %v", s.id, d, err)
		}
	}
	for _, s := range moneyStyles {
		f := formatsFor("", s.id, "")
		if v, err := data.ParseMoney(f.amount(151378250)); err != nil || v != 151378250 {
			t.Errorf("%s: %q reads back as %d, %v", s.id, f.amount(151378250), v, err)
		}
	}
}

// One format everywhere: the list, the form and the figures show the day and the amount
// the same way, and a new choice in Settings shows at once.
func TestOneFormatOnEveryScreen(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Kalle Anka", Since: data.NewDate(2019, 3, 14), YearlyIncome: 1800000})
	if _, err := store.AddEntry(ctx, data.Entry{ClientID: c.ID, Kind: data.KindCall, At: time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local), Summary: "call"}); err != nil {
		t.Fatal(err)
	}
	u.clients.reload()
	u.showClient(c.ID)
	check := func(date, amount string) {
		t.Helper()
		if got := listRowLast(t, u, "Kalle Anka"); got != date {
			t.Errorf("the list says %q, want %q", got, date)
		}
		if got := u.client.since.Text; got != currentFormats().date(data.NewDate(2019, 3, 14)) {
			t.Errorf("Client since says %q", got)
		}
		if u.client.income.Text != amount {
			t.Errorf("Yearly income says %q, want %q", u.client.income.Text, amount)
		}
		if u.client.dirty() {
			t.Error("showing the form in another format counts as a change")
		}
	}
	check(currentFormats().date(data.NewDate(2026, 12, 1)), "18,000.00")

	chooseGermanFormats(u)
	u.showSection(u.sectionIndex("Clients"))
	check("01.12.2026", "18.000,00")
	// Keep or cut gives its reasons in the same format as its figures.
	for i, it := range u.client.tabs.Items {
		if strings.HasPrefix(it.Text, "Keep or cut") {
			u.client.tabs.SelectIndex(i)
		}
	}
	found := false
	for _, p := range u.client.parts {
		if k, ok := p.(*keepCutPart); ok {
			found = true
			if !strings.Contains(k.reasons.Text, "18.000,00") || strings.Contains(k.reasons.Text, "18,000.00") ||
				!strings.Contains(k.figures.Text, "18.000,00") {
				t.Errorf("Keep or cut writes money in two ways:\n%s\n%s", k.reasons.Text, k.figures.Text)
			}
		}
	}
	if !found {
		t.Error("no Keep or cut tab")
	}
	u.client.tabs.SelectIndex(0)
	if u.client.since.Text != "14.03.2019" || u.client.since.PlaceHolder != "DD.MM.YYYY" {
		t.Errorf("Client since says %q, empty %q", u.client.since.Text, u.client.since.PlaceHolder)
	}
	// Typed in the new format, saved as the value.
	u.win.Canvas().Focus(u.client.income)
	typeText(u.win.Canvas(), "25.000,50")
	test.Tap(u.client.save)
	if got, _ := store.Client(ctx, c.ID); got.YearlyIncome != 2500050 {
		t.Errorf("saved %d", got.YearlyIncome)
	}
}

// An empty date field shows what to type, not a date.
func TestEmptyDateLooksEmpty(t *testing.T) {
	u, _ := newTestUI(t)
	shortcut(t, u, fyne.KeyN)
	d := u.client.since
	if d.Text != "" || d.PlaceHolder != currentFormats().dates.pattern {
		t.Fatalf("an empty Client since shows %q / %q", d.Text, d.PlaceHolder)
	}
	if _, err := currentFormats().parseDate(d.PlaceHolder); err == nil {
		t.Fatalf("the placeholder %q reads as a date", d.PlaceHolder)
	}
	if hasMark(t, d) {
		t.Error("an empty date has a ✓")
	}
}

// listRowLast is the last-contact column of the client list row that names name.
func listRowLast(t *testing.T, u *UI, name string) string {
	t.Helper()
	u.clients.list.Refresh()
	for _, o := range test.LaidOutObjects(u.clients.list) {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 2 {
			continue
		}
		left, ok := row.Objects[0].(*fyne.Container)
		right, ok2 := row.Objects[1].(*fyne.Container)
		if !ok || !ok2 || len(left.Objects) != 2 || len(right.Objects) != 2 {
			continue
		}
		if n, ok := labelText(left.Objects[0]); ok && strings.HasPrefix(n, name) {
			return right.Objects[1].(*widget.Label).Text
		}
	}
	t.Fatalf("no list row for %q", name)
	return ""
}

// chooseGermanFormats chooses in Settings dates as 01.12.2026 and money as 1.234,56.
func chooseGermanFormats(u *UI) {
	u.showSection(u.sectionIndex("Settings"))
	for _, it := range u.settings.form.Items {
		if sel, ok := it.Widget.(*widget.Select); ok && (it.Text == "Dates" || it.Text == "Money") {
			for _, o := range sel.Options {
				if o == "01.12.2026" || o == "31.12.2026" || o == "1.234,56" {
					sel.SetSelected(o)
				}
			}
		}
	}
}

// TestNoScreenWritesItsOwnDate: a day is written through formats (Settings ▸ Dates), never
// with a layout of its own in a screen's code, which would disagree with the rest.
func TestNoScreenWritesItsOwnDate(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	own := regexp.MustCompile(`Format\("[^"]*(2 Jan|Jan 2|02\.01|01/02)[^"]*"\)`)
	for _, f := range files {
		if f == "format.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if own.MatchString(line) {
				t.Errorf("%s:%d writes a date its own way: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
