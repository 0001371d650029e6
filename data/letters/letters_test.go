package letters

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustWrite(t *testing.T, in Input) Draft {
	t.Helper()
	d, err := Write(in, "")
	if err != nil {
		t.Fatalf("Write(%s, %s): %v", in.Kind, in.Lang, err)
	}
	return d
}

func wantAll(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("letter lacks %q:\n%s", p, text)
		}
	}
}

func wantNone(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(text, p) {
			t.Errorf("letter should not contain %q:\n%s", p, text)
		}
	}
}

func TestApologyHasEveryPart(t *testing.T) {
	in := Sample(Apology, "en")
	d := mustWrite(t, in)
	text := d.Text()
	wantAll(t, d.Subject, "Your complaint of 11 November 2026")
	if d.Salutation != "Dear Ms Ørsted," {
		t.Errorf("salutation = %q", d.Salutation)
	}
	wantAll(t, text,
		// complaint of record in the client's terms, without the restatement opening, and its date
		"When we spoke on 13 November 2026, you told me that the report came two weeks late and without the regional figures",
		"You confirmed that I had understood you correctly.",
		// plain acknowledgement of responsibility, with each acknowledged error
		"I was responsible for what went wrong", "– The report was two weeks late.", "– We did not warn you that the date was slipping.",
		// short factual explanation
		"What happened on our side: Nobody owned the delivery date once the analyst fell ill.",
		// regret
		"I am sorry. You trusted us",
		// the agreed remedy with dates, and the commitment with day, time and channel
		"this is what we agreed", "A discount of 15% off the report invoice, by 30 November 2026.",
		"The regional figures as a separate chapter, by 26 November 2026.",
		"Email the regional figures: Thursday 26 November 2026 at 16:00, by email.",
		// what changes
		"So that it does not happen again, this changes: Every deliverable has a named owner",
		// thanks for raising it
		"Thank you for telling me: raising it was not your job.",
		// a named contact
		"please contact me directly: Anna Berger, phone +49 30 1234567, anna@berger.example.",
	)
	wantNone(t, text, "So what I'm hearing", "[", "<no value>")
	if d.Closing != "Kind regards" || d.Signer != "Anna Berger" {
		t.Errorf("closing %q signer %q", d.Closing, d.Signer)
	}
	if w := Check(Apology, d, CheckOptions{}); len(w) != 0 {
		t.Errorf("default apology draws warnings: %v", w)
	}
}

func TestApologyGerman(t *testing.T) {
	d := mustWrite(t, Sample(Apology, "de"))
	text := d.Text()
	wantAll(t, text, "Ihre Beschwerde vom 11. November 2026", "Sehr geehrte Frau Ørsted,",
		"als wir am 13. November 2026 gesprochen haben", "„Wenn ich Sie richtig verstehe, kam der Bericht",
		"Ich war dafür verantwortlich", "– Der Bericht kam zwei Wochen zu spät.",
		"Ein Nachlass von 15% auf die Rechnung für den Bericht bis zum 30. November 2026.",
		"Donnerstag, 26. November 2026, 16:00 Uhr", "Damit es nicht wieder vorkommt",
		"Danke, dass Sie es mir gesagt haben; das war nicht Ihre Aufgabe.", "Anna Berger, Telefon +49 30 1234567", "Mit freundlichen Grüßen")
	if w := Check(Apology, d, CheckOptions{}); len(w) != 0 {
		t.Errorf("default German apology draws warnings: %v", w)
	}
}

func TestApologyNotConfirmedNeverSaysAgreed(t *testing.T) {
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			in := Sample(Apology, lang)
			in.Complaint.Confirmed = false
			in.Complaint.Remedies[0].Accepted = false // offered, not yet accepted
			d := mustWrite(t, in)
			text := d.Text()
			if lang == "en" {
				wantAll(t, text, "in your words: “We waited two weeks", "I have not yet managed to put it in a way you agree with",
					"this is what I offer")
				wantNone(t, text, "confirmed", "agreed", "the report came two weeks late and without")
			} else {
				wantAll(t, text, "mit Ihren Worten: „Wir haben zwei Wochen", "biete ich Ihnen an")
				wantNone(t, text, "bestätigt", "vereinbart", "Wenn ich Sie richtig verstehe")
			}
			if w := Check(Apology, d, CheckOptions{NotConfirmed: true}); len(w) != 0 {
				t.Errorf("warnings: %v", w)
			}
		})
	}
}

func TestApologyWithoutResponsibilityOrRemedyLeavesPlaceholders(t *testing.T) {
	in := Sample(Apology, "en")
	k := in.Complaint
	k.Errors, k.Responsible, k.Remedies, k.Commitments, k.ClientFix, k.Regret = nil, false, nil, nil, "", "I am sorry."
	d := mustWrite(t, in)
	wantNone(t, d.Text(), "I was responsible for what went wrong")
	codes := map[string]bool{}
	for _, w := range Check(Apology, d, CheckOptions{}) {
		codes[w.Code] = true
	}
	for _, c := range []string{"no-responsibility", "no-repair", "placeholder"} {
		if !codes[c] {
			t.Errorf("check misses %s: %v", c, codes)
		}
	}
}

func TestEveryKindHasItsParts(t *testing.T) {
	cases := []struct {
		kind Kind
		lang string
		want []string
	}{
		{Thanks, "en", []string{"Thank you for your feedback", "You wrote: “The workshops were good, but the minutes always came a week late.”",
			"Because of what you told us, we have changed this: Minutes now go out within two working days"}},
		{Thanks, "de", []string{"Danke für Ihre Rückmeldung", "Sie haben geschrieben: „Die Workshops waren gut",
			"Aufgrund Ihrer Rückmeldung haben wir Folgendes geändert: Die Protokolle"}},
		{WinBack, "en", []string{"Thank you for the 5 years and 6 months you worked with us", "Ørsted & Søn ApS",
			"I was sorry to see you go", "Service quality", "What we learned, and what we changed because of it: Every deliverable",
			"my door is open"}},
		{WinBack, "de", []string{"vielen Dank für die 5 Jahre und 6 Monate Zusammenarbeit", "Ich bedauere sehr, dass Sie gegangen sind",
			"Was wir daraus gelernt und deshalb geändert haben", "steht Ihnen meine Tür offen"}},
		{FollowUp, "en", []string{"What we changed after your complaint of 11 November 2026", "On 13 November 2026 you told me",
			"This is what has changed: Every deliverable", "How are things for you now?"}},
		{FollowUp, "de", []string{"Was sich nach Ihrer Beschwerde vom 11. November 2026 geändert hat", "Das hat sich geändert:", "Wie geht es Ihnen heute damit?"}},
		{Closing, "en", []string{"Our work together", "Thank you for the 5 years and 8 months", "end our work together", "I wish you every success."}},
		{Closing, "de", []string{"Unsere Zusammenarbeit", "Zusammenarbeit beenden", "Ich wünsche Ihnen alles Gute."}},
	}
	for _, c := range cases {
		t.Run(string(c.kind)+"."+c.lang, func(t *testing.T) {
			d := mustWrite(t, Sample(c.kind, c.lang))
			wantAll(t, d.Text(), c.want...)
			wantNone(t, d.Text(), "<no value>", "%!")
			if d.Salutation == "" || d.Closing == "" || d.Signer != "Anna Berger" || len(d.Body) < 3 {
				t.Errorf("incomplete draft: %+v", d)
			}
		})
	}
}

func TestNoPressureInWinBack(t *testing.T) {
	for _, lang := range Languages() {
		d := mustWrite(t, Sample(WinBack, lang))
		low := strings.ToLower(d.Text())
		for _, p := range []string{"limited time", "offer ends", "discount", "nur noch", "rabatt", "act now"} {
			if strings.Contains(low, p) {
				t.Errorf("%s win-back pressures with %q", lang, p)
			}
		}
	}
}

func TestThanksWithoutChangeAsksForIt(t *testing.T) {
	in := Sample(Thanks, "en")
	in.Change = ""
	d := mustWrite(t, in)
	wantAll(t, d.Text(), "[What you changed because of it.]")
	if w := Check(Thanks, d, CheckOptions{}); len(w) != 1 || w[0].Code != "placeholder" {
		t.Errorf("warnings = %v", w)
	}
}

func TestApologyNeedsComplaint(t *testing.T) {
	in := Sample(Apology, "en")
	in.Complaint = nil
	if _, err := Write(in, ""); err == nil {
		t.Fatal("apology without complaint drafted")
	}
	in.Kind = "poem"
	if _, err := Write(in, ""); err == nil || !strings.Contains(err.Error(), "unknown letter kind") {
		t.Fatalf("unknown kind: %v", err)
	}
}

func TestDefaultSalutation(t *testing.T) {
	for _, c := range []struct{ lang, name, preferred, want string }{
		{"en", "Zoë Ørsted", "", "Dear Zoë Ørsted,"},
		{"de", "Jörg Müller", "", "Guten Tag Jörg Müller,"},
		{"en", "", "", "Dear Sir or Madam,"},
		{"en", "X", "Dear Dr Papadopoulos", "Dear Dr Papadopoulos,"},
		{"en", "X", "Dear Dr Papadopoulos:", "Dear Dr Papadopoulos:"},
	} {
		if got := salutation(c.lang, Client{Name: c.name, Salutation: c.preferred}); got != c.want {
			t.Errorf("salutation(%q, %q, %q) = %q, want %q", c.lang, c.name, c.preferred, got, c.want)
		}
	}
}

func TestLanguageFor(t *testing.T) {
	for country, want := range map[string]string{"Germany": "de", "Deutschland": "de", " österreich ": "de", "Austria": "de",
		"United Kingdom": "en", "France": "en", "": "en", "Schweiz": "en"} {
		if got := LanguageFor(country); got != want {
			t.Errorf("LanguageFor(%q) = %q, want %q", country, got, want)
		}
	}
}

func TestSplitBody(t *testing.T) {
	got := SplitBody("One\nstill one  \n\n \n\nTwo\r\n\r\nThree")
	want := []string{"One\nstill one", "Two", "Three"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("SplitBody = %q", got)
	}
	d := Draft{Body: want}
	if strings.Join(SplitBody(d.BodyText()), "|") != strings.Join(want, "|") {
		t.Fatal("BodyText does not round-trip")
	}
}

func TestTemplateErrorsNameTheLine(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"unclosed action", "{{define \"body\"}}\nHello\n{{.Client.Name}\n{{end}}", 3, "bad character"},
		{"unknown field", "{{define \"body\"}}\nHello\n\n{{.Client.Nmae}}\n{{end}}", 4, `no field "Nmae"`},
		{"unknown function", "{{define \"body\"}}\n{{shout .Client.Name}}{{end}}", 2, `"shout" not defined`},
		{"missing end", "{{define \"body\"}}\n{{if .Change}}x\n{{end}}", 3, "unexpected EOF"},
		{"no body", "{{define \"subject\"}}Hi{{end}}", 0, "no body"},
		{"wrong argument", "{{define \"body\"}}\n\n{{bullets .Client.Name}}{{end}}", 3, "expected a list, got text"},
		{"runaway output", "{{define \"body\"}}{{range 10000}}all work and no play makes jack a dull boy {{end}}{{end}}", 0, "far too much text"},
		{"endless loop", "{{define \"body\"}}\n{{range 100000000000}}{{end}}{{end}}", 2, "repeats too often"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Write(Sample(Apology, "en"), c.text)
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v (%T), want *TemplateError", err, err)
			}
			if te.Line != c.line || !strings.Contains(te.Msg, c.msg) {
				t.Fatalf("got line %d %q, want line %d containing %q", te.Line, te.Msg, c.line, c.msg)
			}
			if c.line > 0 && !strings.HasPrefix(err.Error(), "line ") {
				t.Fatalf("message does not start with the line: %q", err)
			}
			if strings.Contains(err.Error(), "letters.") {
				t.Fatalf("message leaks Go type names: %q", err)
			}
		})
	}
}

func TestEveryDefaultTemplateParses(t *testing.T) {
	for _, k := range Kinds() {
		for _, l := range Languages() {
			text, err := DefaultTemplate(k, l)
			if err != nil {
				t.Fatal(err)
			}
			if err := Parse(string(k), text); err != nil {
				t.Errorf("%s.%s: %v", k, l, err)
			}
		}
	}
}

// FuzzTemplate feeds random template text and random client words into the
// drafting: it must never panic, and any error must be a *TemplateError.
func FuzzTemplate(f *testing.F) {
	def, _ := DefaultTemplate(Apology, "en")
	f.Add(def, "Zoë")
	f.Add(`{{define "body"}}{{.Complaint.Record}}{{end}}`, "So what I'm hearing is that \u212a")
	f.Add(`{{define "body"}}{{template "body" .}}{{end}}`, "")
	f.Add(`{{define "body"}}{{range .Complaint.Errors}}{{.}}{{end}}{{bullets .Complaint.Errors}}{{end}}`, "Παπαδόπουλος")
	f.Add("{{define \"body\"}}{{", "\x00")
	f.Fuzz(func(t *testing.T, text, words string) {
		in := Sample(Apology, "en")
		in.Client.Name, in.Client.Salutation = words, words
		in.Complaint.Record, in.Complaint.Account = words, words
		in.Complaint.Errors = append(in.Complaint.Errors, words)
		d, err := Write(in, text)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error is not a TemplateError: %v", err)
			}
			return
		}
		_ = Check(Apology, d, CheckOptions{NotConfirmed: true})
		if !utf8.ValidString(d.Subject) && utf8.ValidString(text) && utf8.ValidString(words) {
			t.Fatalf("invalid UTF-8 from valid input")
		}
	})
}
