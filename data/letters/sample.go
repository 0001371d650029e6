package letters

import "time"

// Sample is made-up input for previewing a template in Settings and for tests:
// every field filled, names that need the embedded fonts.
func Sample(k Kind, lang string) Input {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	in := Input{
		Kind: k, Lang: normLang(lang), Date: day,
		Client: Client{Name: "Zoë Ørsted", Company: "Ørsted & Søn ApS", Since: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)},
		Sender: Sender{Name: "Anna Berger", Business: "Berger Consulting", Phone: "+49 30 1234567", Email: "anna@berger.example"},
	}
	if normLang(lang) == "de" {
		in.Client.Salutation = "Sehr geehrte Frau Ørsted"
	} else {
		in.Client.Salutation = "Dear Ms Ørsted"
	}
	switch k {
	case Apology, FollowUp:
		in.Complaint = &Complaint{
			Received: day.AddDate(0, 0, -12), InterviewOn: day.AddDate(0, 0, -10), Confirmed: true,
			Record:      "So what I'm hearing is that the report came two weeks late and without the regional figures, so you had to face your board without the numbers they asked for.",
			Account:     "We waited two weeks past the date you promised, and the regional figures were missing.",
			Errors:      []string{"The report was two weeks late.", "The regional figures were left out.", "We did not warn you that the date was slipping."},
			Responsible: true,
			Regret:      "I am sorry. You trusted us with something that mattered to you and we let you down.",
			Explanation: "Nobody owned the delivery date once the analyst fell ill.",
			ClientFix:   "Send the regional figures this week and take something off the invoice.",
			Remedies: []Remedy{{Kind: "discount_percent", Value: "15%", Description: "off the report invoice", Due: day.AddDate(0, 0, 7), Accepted: true},
				{Kind: "other", Description: "the regional figures as a separate chapter", Due: day.AddDate(0, 0, 3), Accepted: true}},
			Commitments: []Commitment{{What: "email the regional figures", Due: day.AddDate(0, 0, 3).Add(16 * time.Hour), Channel: "Email"}},
			Change:      "Every deliverable has a named owner and a status mail to you each Friday.",
		}
	case Thanks:
		in.Feedback = &Feedback{Answered: day.AddDate(0, 0, -5), Satisfaction: 4, Recommend: 8,
			Comment: "The workshops were good, but the minutes always came a week late."}
		in.Change = "Minutes now go out within two working days of every workshop."
	case WinBack:
		in.Loss = &Loss{LostOn: day.AddDate(0, -2, 0), Reason: "Service quality", Story: "Deliverables slipped twice in a row."}
		in.Change = "Every deliverable has a named owner and a status mail each Friday."
	}
	if in.Lang == "de" {
		germanSample(&in)
	}
	return in
}

// germanSample swaps the sample's client words for German ones.
func germanSample(in *Input) {
	if k := in.Complaint; k != nil {
		k.Record = "Wenn ich Sie richtig verstehe, kam der Bericht zwei Wochen zu spät und ohne die regionalen Zahlen, sodass Sie vor Ihrem Vorstand ohne die verlangten Zahlen standen."
		k.Account = "Wir haben zwei Wochen über den zugesagten Termin hinaus gewartet, und die regionalen Zahlen fehlten."
		k.Errors = []string{"Der Bericht kam zwei Wochen zu spät.", "Die regionalen Zahlen fehlten.", "Wir haben Sie nicht gewarnt, dass sich der Termin verschiebt."}
		k.Regret = "Es tut mir leid. Sie haben uns etwas Wichtiges anvertraut, und wir haben Sie enttäuscht."
		k.Explanation = "Nach der Erkrankung des Analysten war niemand mehr für den Liefertermin zuständig."
		k.ClientFix = "Die regionalen Zahlen noch diese Woche und ein Nachlass auf die Rechnung."
		k.Remedies[0].Description = "auf die Rechnung für den Bericht"
		k.Remedies[1].Description = "die regionalen Zahlen als eigenes Kapitel"
		k.Commitments[0].What = "die regionalen Zahlen per E-Mail schicken"
		k.Commitments[0].Channel = "E-Mail"
		k.Change = "Jede Lieferung hat eine verantwortliche Person, und Sie bekommen jeden Freitag eine Statusmail."
	}
	if f := in.Feedback; f != nil {
		f.Comment = "Die Workshops waren gut, aber die Protokolle kamen immer eine Woche zu spät."
		in.Change = "Die Protokolle gehen jetzt spätestens zwei Arbeitstage nach jedem Workshop hinaus."
	}
	if l := in.Loss; l != nil {
		l.Reason = "Qualität der Leistung"
		in.Change = "Jede Lieferung hat eine verantwortliche Person und eine Statusmail jeden Freitag."
	}
}
