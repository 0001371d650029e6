package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"two\nlines", `two\nlines`},
		{"crlf\r\nend", `crlf\nend`},
		{"bell\x07tab\t", "belltab\t"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
	} {
		if got := EscapeText(tc.in); got != tc.want {
			t.Errorf("EscapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldAt75Octets(t *testing.T) {
	line := "DESCRIPTION:" + strings.Repeat("é", 100) // 2 octets each
	got := Fold(line)
	parts := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
	if len(parts) < 3 {
		t.Fatalf("expected folding, got %q", got)
	}
	for i, p := range parts {
		if len(p) > MaxLineOctets {
			t.Errorf("line %d has %d octets", i, len(p))
		}
		if !utf8.ValidString(p) {
			t.Errorf("line %d splits a character: %q", i, p)
		}
		if i > 0 && p[0] != ' ' {
			t.Errorf("continuation line %d does not start with a space", i)
		}
	}
	// First line is filled to 75 octets exactly: "DESCRIPTION:" (12) + 31 é (62) = 74, next é would be 76.
	if len(parts[0]) != 74 {
		t.Errorf("first line %d octets, want 74", len(parts[0]))
	}
	short := Fold("SUMMARY:hi")
	if short != "SUMMARY:hi\r\n" {
		t.Errorf("short line changed: %q", short)
	}
	exact := "X:" + strings.Repeat("a", 73)
	if Fold(exact) != exact+"\r\n" {
		t.Errorf("a 75-octet line must not be folded")
	}
	if Fold(exact+"b") != exact+"\r\n b\r\n" {
		t.Errorf("a 76-octet line folds after 75: %q", Fold(exact+"b"))
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		15 * time.Minute: "PT15M", 24 * time.Hour: "P1D", 26*time.Hour + 30*time.Second: "P1DT2H30S", 0: "PT0S",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestWriteParsesBack(t *testing.T) {
	due := time.Date(2026, 11, 24, 15, 30, 0, 0, time.FixedZone("CET", 3600))
	cal := Calendar{ProdID: "-//Amends//Follow-ups//EN", Name: "Amends follow-ups",
		Stamp: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC),
		Todos: []Todo{
			{UID: "followup-7@amends.app", Due: due, Summary: "Call Müller, Schmidt; about the report",
				Description: "Client: Jörg Müller\nPromised: revised report\\draft, by email. " + strings.Repeat("Long text ", 20),
				Categories:  []string{"Amends", "Check-in"}, Alarm: 15 * time.Minute},
			{UID: "followup-8@amends.app", Due: due.Add(48 * time.Hour), Summary: "Ελένη: ask for feedback"},
		}}
	var buf bytes.Buffer
	if err := Write(&buf, cal); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > MaxLineOctets || strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d: %q", i, l)
		}
	}
	root, err := Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if root.Name != "VCALENDAR" || root.Text("VERSION") != "2.0" || root.Text("PRODID") != cal.ProdID {
		t.Fatalf("calendar header wrong: %+v", root.Props)
	}
	if len(root.Components) != 2 {
		t.Fatalf("%d components, want 2", len(root.Components))
	}
	for i, c := range root.Components {
		want := cal.Todos[i]
		if c.Name != "VTODO" || c.Text("UID") != want.UID || c.Text("SUMMARY") != want.Summary ||
			c.Text("DESCRIPTION") != want.Description || c.Text("DTSTAMP") != "20261123T100000Z" {
			t.Errorf("todo %d read back wrong: %+v", i, c.Props)
		}
		gotDue, err := time.Parse(DateTimeLayout, c.Text("DUE"))
		if err != nil || !gotDue.Equal(want.Due) {
			t.Errorf("todo %d due %q, want %v", i, c.Text("DUE"), want.Due)
		}
	}
	first := root.Components[0]
	if p, _ := first.Get("CATEGORIES"); p.Value != "Amends,Check-in" {
		t.Errorf("categories %q", p.Value)
	}
	if len(first.Components) != 1 || first.Components[0].Name != "VALARM" {
		t.Fatalf("alarm missing: %+v", first.Components)
	}
	trig, _ := first.Components[0].Get("TRIGGER")
	if trig.Params["RELATED"] != "END" || trig.Value != "-PT15M" {
		t.Errorf("trigger %+v", trig)
	}
	if len(root.Components[1].Components) != 0 {
		t.Errorf("second to-do has no alarm")
	}
}

func TestParseRejects(t *testing.T) {
	for name, in := range map[string]string{
		"LF only":      "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
		"unclosed":     "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nEND:VCALENDAR\r\n",
		"no colon":     "BEGIN:VCALENDAR\r\nSUMMARY\r\nEND:VCALENDAR\r\n",
		"cont. first":  " BEGIN:VCALENDAR\r\n",
		"outside prop": "SUMMARY:x\r\n",
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		}
	}
}

func TestWriteNeedsUIDAndProdID(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{}); err == nil {
		t.Error("calendar without PRODID written")
	}
	if err := Write(&buf, Calendar{ProdID: "x", Todos: []Todo{{Summary: "no uid", Due: time.Now()}}}); err == nil {
		t.Error("to-do without UID written")
	}
}

// expected is what a TEXT value must read back as: valid UTF-8, CRLF and CR as LF,
// control characters other than tab and line feed dropped.
func expected(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func FuzzTextRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a,b;c\\d", "line\r\nline\rline\n", strings.Repeat("ß€😀", 40), "\x00\x7f\xff", `\n`, "  leading"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		cal := Calendar{ProdID: "-//Amends//Fuzz//EN", Stamp: time.Unix(0, 0),
			Todos: []Todo{{UID: "followup-1@amends.app", Due: time.Unix(86400, 0), Summary: s, Description: s + s}}}
		if err := Write(&buf, cal); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > MaxLineOctets {
				t.Fatalf("line of %d octets: %q", len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Fatalf("line splits a character: %q", l)
			}
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bare line break: %q", l)
			}
		}
		root, err := Parse(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		todo := root.Components[0]
		if got, want := todo.Text("SUMMARY"), expected(s); got != want {
			t.Fatalf("summary %q read back as %q", want, got)
		}
		if got, want := todo.Text("DESCRIPTION"), expected(s+s); s+s != "" && got != want {
			t.Fatalf("description %q read back as %q", want, got)
		}
	})
}
