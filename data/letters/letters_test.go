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
	if d.Subject != "What went wrong, and how I will put it right" {
		t.Errorf("subject = %q", d.Subject)
	}
	if d.Salutation != "Dear Ms Ørsted," {
		t.Errorf("salutation = %q", d.Salutation)
	}
	wantAll(t, text,
		// the confirmed summary, without the consultant's lead-in, presented as the summary it is
		"When we spoke on 13 November 2026, I summed up what had gone wrong for you, and you confirmed that I had understood: “The report came two weeks late and without the regional figures",
		// plain acknowledgement of responsibility, with each acknowledged error
		"I was responsible for what went wrong", "– The report was two weeks late.", "– I did not warn you that the date was slipping.",
		// short factual explanation
		"How it came about: No one owned the delivery date, so nobody noticed it slipping.",
		// regret, before the explanation, and the client's feeling reflected
		"I am sorry that I let you down on something that mattered to you.",
		"I understand this left you feeling embarrassed in front of your board.",
		// the agreed remedy with dates, and the commitment as a sentence in the sender's voice
		"this is what we agreed", "– A discount of 15% off the report invoice, by 30 November 2026.",
		"– The regional figures as a separate chapter, by 26 November 2026.",
		"– I will email the regional figures by Thursday 26 November 2026 at 16:00.",
		// what changes
		"It will not happen again, because I am changing this: Every deliverable has a named owner",
		// and the request for the chance to earn back trust
		"I would be grateful for the chance to earn back your trust.",
		// thanks for raising it, and how to reach the sender
		"Thank you for telling me: raising it was not your job.",
		"please contact me directly on +49 30 1234567 or at anna@berger-consulting.example.",
	)
	wantNone(t, text, "So what I'm hearing", "hearing", "[", "<no value>", "by email", "our side", "Your complaint of")
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
	wantAll(t, text, "Was schiefgelaufen ist und wie ich es wiedergutmache", "Sehr geehrte Frau Ørsted,",
		"als wir am 13. November 2026 gesprochen haben",
		// the lead-in is gone and the verb is back in its main-clause place
		"verstanden habe: „Der Bericht kam zwei Wochen zu spät und ohne die regionalen Zahlen",
		"Ich war dafür verantwortlich", "– Der Bericht kam zwei Wochen zu spät.",
		"– Ein Nachlass von 15 % auf die Rechnung für den Bericht bis zum 30. November 2026.",
		"– Bis Donnerstag, 26. November 2026, 16:00 Uhr werde ich die regionalen Zahlen per E-Mail schicken.",
		"Es wird nicht wieder vorkommen, denn ich ändere Folgendes:",
		"Ich verstehe, wie es Ihnen damit ging: bloßgestellt vor Ihrem Vorstand.",
		"Ihr Vertrauen zurückzugewinnen",
		"Danke, dass Sie es mir gesagt haben; das war nicht Ihre Aufgabe.", "telefonisch unter +49 30 1234567", "Mit freundlichen Grüßen")
	wantNone(t, text, "Wenn ich Sie richtig verstehe", "(E-Mail)", "Ihre Beschwerde vom")
	if w := Check(Apology, d, CheckOptions{}); len(w) != 0 {
		t.Errorf("default German apology draws warnings: %v", w)
	}
}

func TestApologyNotConfirmedNeverSaysAgreed(t *testing.T) {
	own := map[string][2]string{ // the client's own words quoted, and the offer of a remedy not yet accepted
		"en": {"in your words: “We waited two weeks", "To put it right, I offer you:"},
		"de": {"mit Ihren Worten: „Wir haben zwei Wochen", "biete ich Ihnen an"},
		"fr": {"avec vos mots : « Nous avons attendu", "je vous propose"},
		"es": {"con sus propias palabras: «Esperamos dos semanas", "le ofrezco"},
		"it": {"con parole Sue: «Abbiamo aspettato", "Le offro"},
		"nl": {"in uw eigen woorden: ‘We hebben twee weken", "bied ik u het volgende aan"},
	}
	agreed := map[string][]string{
		"en": {"confirmed", "agreed"}, "de": {"bestätigt", "vereinbart"}, "fr": {"confirmé", "convenu"},
		"es": {"confirmó", "acordamos"}, "it": {"confermato", "concordato"}, "nl": {"bevestigde", "afgesproken"},
	}
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			in := Sample(Apology, lang)
			in.Complaint.Confirmed = false
			in.Complaint.Remedies[0].Accepted = false // offered, not yet accepted
			d := mustWrite(t, in)
			text := d.Text()
			wantAll(t, text, own[lang][0], own[lang][1])
			wantNone(t, text, agreed[lang]...)
			wantNone(t, text, StripLeadIn(lang, in.Complaint.Record)[:50])
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
			"Because of what you said, I have changed this: Minutes now go out within two working days"}},
		{Thanks, "de", []string{"Danke für Ihre Rückmeldung", "Sie haben geschrieben: „Die Workshops waren gut",
			"Aufgrund Ihrer Rückmeldung habe ich Folgendes geändert: Die Protokolle"}},
		{WinBack, "en", []string{"Thank you for the 5 years and 6 months you worked with me", "Ørsted & Søn ApS",
			"I was sorry to see you go", "Service quality", "What I learned, and what I changed because of it: Every deliverable",
			"my door is open"}},
		{WinBack, "de", []string{"vielen Dank für 5 Jahre und 6 Monate Zusammenarbeit", "Ich bedauere sehr, dass Sie gegangen sind",
			"Was ich daraus gelernt und deshalb geändert habe", "steht Ihnen meine Tür offen"}},
		{FollowUp, "en", []string{"How things are since we spoke on 13 November 2026", "When we spoke on 13 November 2026, you told me",
			"This is what has changed: Every deliverable", "How are things for you now?"}},
		{FollowUp, "de", []string{"Wie es seit unserem Gespräch am 13. November 2026 aussieht", "Das hat sich geändert:", "Wie geht es Ihnen heute damit?"}},
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
		{"fr", "Claire Bonnet", "", "Bonjour Claire Bonnet,"},
		{"es", "Lucía Ortega", "", "Estimado/a Lucía Ortega:"},
		{"it", "Marco Rossi", "", "Gentile Marco Rossi,"},
		{"nl", "Sanne de Vries", "", "Beste Sanne de Vries,"},
		{"en", "", "", "Dear Sir or Madam,"},
		{"fr", "", "", "Madame, Monsieur,"},
		{"en", "X", "Dear Dr Papadopoulos", "Dear Dr Papadopoulos,"},
		{"en", "X", "Dear Dr Papadopoulos:", "Dear Dr Papadopoulos:"},
		{"es", "X", "Estimada Sra. Ortega", "Estimada Sra. Ortega:"},
		// a form of address in another language gives the letter's own greeting
		{"en", "Claire Bonnet", "Chère Madame Bonnet", "Dear Ms Bonnet,"},
		{"fr", "Claire Bonnet", "Dear Ms Bonnet", "Bonjour Madame Bonnet,"},
		{"de", "Claire Bonnet", "Chère Madame Bonnet,", "Sehr geehrte Frau Bonnet,"},
		{"nl", "Jörg Müller", "Sehr geehrter Herr Müller", "Geachte heer Müller,"},
		{"es", "Jörg Müller", "Sehr geehrter Herr Müller", "Estimado Sr. Müller:"},
		{"it", "Zoë Ørsted", "Dear Zoë", "Gentile Zoë,"},
		{"en", "Δέσποινα Οικονόμου", "Αγαπητή κυρία Οικονόμου", "Dear Ms Οικονόμου,"},
		{"en", "Ayşe Yılmaz", "Sayın Ayşe Hanım", "Dear Ms Ayşe,"},
		{"de", "Piotr Nowak", "Szanowny Panie Nowak", "Sehr geehrter Herr Nowak,"},
		{"en", "Mette Hansen", "Kære Mette", "Dear Mette,"},
		{"fr", "Иван Петров", "Уважаемый господин Петров", "Bonjour Monsieur Петров,"},
	} {
		if got := salutation(c.lang, Client{Name: c.name, Salutation: c.preferred}); got != c.want {
			t.Errorf("salutation(%q, %q, %q) = %q, want %q", c.lang, c.name, c.preferred, got, c.want)
		}
	}
}

func TestLanguageFor(t *testing.T) {
	for country, want := range map[string]string{"Germany": "de", "Deutschland": "de", " österreich ": "de", "Austria": "de",
		"United Kingdom": "en", "France": "fr", "": "en", "Schweiz": "de", "España": "es", "Italia": "it", "Netherlands": "nl",
		"Belgique": "fr", "Japan": "en"} {
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
