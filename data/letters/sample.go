package letters

import "time"

// sampleWords are the client's and the consultant's own words in a sample letter, in
// one language: what a letter quotes or lists rather than what its template says.
type sampleWords struct {
	salutation, record, account string
	errors                      []string
	regret, explanation, fix    string
	feeling                     string
	discountOn, extra, commit   string
	change, comment, feedback   string
	reason, story               string
}

var samples = map[string]sampleWords{
	"en": {salutation: "Dear Ms Ørsted",
		record:      "So what I'm hearing is that the report came two weeks late and without the regional figures, so you had to face your board without the numbers they asked for.",
		account:     "We waited two weeks past the date you promised, and the regional figures were missing.",
		errors:      []string{"The report was two weeks late.", "The regional figures were left out.", "I did not warn you that the date was slipping."},
		regret:      "I am sorry that I let you down on something that mattered to you.",
		explanation: "No one owned the delivery date, so nobody noticed it slipping.",
		feeling:     "embarrassed in front of your board",
		fix:         "Send the regional figures this week and take something off the invoice.",
		discountOn:  "off the report invoice", extra: "the regional figures as a separate chapter",
		commit:   "email the regional figures",
		change:   "Every deliverable has a named owner and a status mail to you each Friday.",
		comment:  "The workshops were good, but the minutes always came a week late.",
		feedback: "Minutes now go out within two working days of every workshop.",
		reason:   "Service quality", story: "Deliverables slipped twice in a row."},
	"de": {salutation: "Sehr geehrte Frau Ørsted",
		record:      "Wenn ich Sie richtig verstehe, kam der Bericht zwei Wochen zu spät und ohne die regionalen Zahlen, sodass Sie vor Ihrem Vorstand ohne die verlangten Zahlen standen.",
		account:     "Wir haben zwei Wochen über den zugesagten Termin hinaus gewartet, und die regionalen Zahlen fehlten.",
		errors:      []string{"Der Bericht kam zwei Wochen zu spät.", "Die regionalen Zahlen fehlten.", "Ich habe Sie nicht gewarnt, dass sich der Termin verschiebt."},
		regret:      "Es tut mir leid, dass ich Sie bei etwas Wichtigem enttäuscht habe.",
		explanation: "Niemand war für den Liefertermin zuständig, deshalb fiel die Verschiebung niemandem auf.",
		feeling:     "bloßgestellt vor Ihrem Vorstand",
		fix:         "Die regionalen Zahlen noch diese Woche und ein Nachlass auf die Rechnung.",
		discountOn:  "auf die Rechnung für den Bericht", extra: "die regionalen Zahlen als eigenes Kapitel",
		commit:   "die regionalen Zahlen per E-Mail schicken",
		change:   "Jede Lieferung hat eine verantwortliche Person, und Sie bekommen jeden Freitag eine Statusmail.",
		comment:  "Die Workshops waren gut, aber die Protokolle kamen immer eine Woche zu spät.",
		feedback: "Die Protokolle gehen jetzt spätestens zwei Arbeitstage nach jedem Workshop hinaus.",
		reason:   "Qualität der Leistung", story: "Zweimal hintereinander kamen Lieferungen zu spät."},
	"fr": {salutation: "Chère Madame Ørsted",
		record:      "Si je vous comprends bien, le rapport est arrivé avec deux semaines de retard et sans les chiffres régionaux, si bien que vous avez dû affronter votre conseil sans les chiffres demandés.",
		account:     "Nous avons attendu deux semaines après la date promise, et les chiffres régionaux manquaient.",
		errors:      []string{"Le rapport avait deux semaines de retard.", "Les chiffres régionaux avaient été oubliés.", "Je ne vous ai pas prévenue que la date glissait."},
		regret:      "Je regrette de vous avoir déçue sur quelque chose d’important pour vous.",
		explanation: "Personne n’était chargé de la date de livraison, si bien que personne n’a vu le retard venir.",
		feeling:     "mise en difficulté devant votre conseil",
		fix:         "Envoyer les chiffres régionaux cette semaine et faire un geste sur la facture.",
		discountOn:  "sur la facture du rapport", extra: "les chiffres régionaux dans un chapitre à part",
		commit:   "envoyer les chiffres régionaux par e-mail",
		change:   "Chaque livrable a un responsable nommé, et vous recevez un point d’avancement chaque vendredi.",
		comment:  "Les ateliers étaient bons, mais les comptes rendus arrivaient toujours une semaine plus tard.",
		feedback: "Les comptes rendus partent désormais dans les deux jours ouvrés suivant chaque atelier.",
		reason:   "Qualité du service", story: "Deux livraisons de suite en retard."},
	"es": {salutation: "Estimada Sra. Ørsted",
		record:      "Si le entiendo bien, el informe llegó con dos semanas de retraso y sin las cifras regionales, así que tuvo que presentarse ante su consejo sin los datos que le pidieron.",
		account:     "Esperamos dos semanas más de la fecha prometida, y faltaban las cifras regionales.",
		errors:      []string{"El informe llegó con dos semanas de retraso.", "Faltaban las cifras regionales.", "No le avisé de que la fecha se retrasaba."},
		regret:      "Lamento haberle fallado en algo que era importante para usted.",
		explanation: "Nadie se ocupaba de la fecha de entrega, así que nadie vio venir el retraso.",
		feeling:     "en una situación incómoda ante su consejo",
		fix:         "Enviar las cifras regionales esta semana y rebajar algo la factura.",
		discountOn:  "sobre la factura del informe", extra: "las cifras regionales en un capítulo aparte",
		commit:   "enviarle las cifras regionales por correo electrónico",
		change:   "Cada entrega tiene un responsable con nombre, y usted recibe un informe de estado cada viernes.",
		comment:  "Los talleres fueron buenos, pero las actas siempre llegaban una semana tarde.",
		feedback: "Las actas salen ahora como máximo dos días laborables después de cada taller.",
		reason:   "Calidad del servicio", story: "Dos entregas seguidas llegaron tarde."},
	"it": {salutation: "Gentile Sig.ra Ørsted",
		record:      "Se ho capito bene, la relazione è arrivata con due settimane di ritardo e senza i dati regionali, e Lei ha dovuto presentarsi al consiglio senza i numeri richiesti.",
		account:     "Abbiamo aspettato due settimane oltre la data promessa, e mancavano i dati regionali.",
		errors:      []string{"La relazione aveva due settimane di ritardo.", "Mancavano i dati regionali.", "Non L’ho avvisata che la data slittava."},
		regret:      "Mi scuso di averLa delusa in qualcosa di importante per Lei.",
		explanation: "Nessuno seguiva la data di consegna, quindi nessuno si è accorto del ritardo.",
		feeling:     "in imbarazzo davanti al consiglio",
		fix:         "Inviare i dati regionali questa settimana e fare uno sconto sulla fattura.",
		discountOn:  "sulla fattura della relazione", extra: "i dati regionali in un capitolo a parte",
		commit:   "inviarLe i dati regionali via e-mail",
		change:   "Ogni consegna ha un responsabile con nome e cognome, e Lei riceve un aggiornamento ogni venerdì.",
		comment:  "I workshop erano buoni, ma i verbali arrivavano sempre una settimana dopo.",
		feedback: "I verbali partono ora entro due giorni lavorativi da ogni workshop.",
		reason:   "Qualità del servizio", story: "Due consegne di fila in ritardo."},
	"nl": {salutation: "Geachte mevrouw Ørsted",
		record:      "Als ik u goed begrijp, kwam het rapport twee weken te laat en zonder de regionale cijfers, zodat u zonder de gevraagde cijfers voor uw raad van bestuur stond.",
		account:     "We hebben twee weken langer gewacht dan de beloofde datum, en de regionale cijfers ontbraken.",
		errors:      []string{"Het rapport was twee weken te laat.", "De regionale cijfers ontbraken.", "Ik heb u niet gewaarschuwd dat de datum opschoof."},
		regret:      "Het spijt me dat ik u heb teleurgesteld in iets wat belangrijk voor u was.",
		explanation: "Niemand was verantwoordelijk voor de leverdatum, dus niemand zag de vertraging aankomen.",
		feeling:     "in verlegenheid gebracht tegenover uw raad van bestuur",
		fix:         "De regionale cijfers deze week sturen en iets van de factuur afhalen.",
		discountOn:  "op de factuur van het rapport", extra: "de regionale cijfers in een apart hoofdstuk",
		commit:   "de regionale cijfers mailen",
		change:   "Elke levering heeft een vaste verantwoordelijke, en u krijgt elke vrijdag een statusbericht.",
		comment:  "De workshops waren goed, maar de verslagen kwamen altijd een week later.",
		feedback: "De verslagen gaan nu uiterlijk twee werkdagen na elke workshop de deur uit.",
		reason:   "Kwaliteit van de dienstverlening", story: "Twee leveringen op rij te laat."},
}

// Sample is made-up input for previewing a template in Settings and for tests:
// every field filled, in the language's own words, with names that need the embedded fonts.
func Sample(k Kind, lang string) Input {
	lang = normLang(lang)
	w := samples[lang]
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	in := Input{
		Kind: k, Lang: lang, Date: day,
		Client: Client{Name: "Zoë Ørsted", Company: "Ørsted & Søn ApS", Since: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), Salutation: w.salutation},
		Sender: Sender{Name: "Anna Berger", Business: "Berger Consulting", Phone: "+49 30 1234567", Email: "anna@berger-consulting.example"},
	}
	switch k {
	case Apology, FollowUp:
		in.Complaint = &Complaint{
			Received: day.AddDate(0, 0, -12), InterviewOn: day.AddDate(0, 0, -10), Confirmed: true,
			Record: w.record, Account: w.account, Feeling: w.feeling, Errors: w.errors, Responsible: true,
			Regret: w.regret, Explanation: w.explanation, ClientFix: w.fix,
			Remedies: []Remedy{{Kind: "discount_percent", Percent: 15, Description: w.discountOn, Due: day.AddDate(0, 0, 7), Accepted: true},
				{Kind: "other", Description: w.extra, Due: day.AddDate(0, 0, 3), Accepted: true}},
			Commitments: []Commitment{{What: w.commit, Due: day.AddDate(0, 0, 3).Add(16 * time.Hour), Channel: "Email"}},
			Change:      w.change,
		}
	case Thanks:
		in.Feedback = &Feedback{Answered: day.AddDate(0, 0, -5), Satisfaction: 4, Recommend: 8, Comment: w.comment}
		in.Change = w.feedback
	case WinBack:
		in.Loss = &Loss{LostOn: day.AddDate(0, -2, 0), Reason: w.reason, Story: w.story}
		in.Change = w.change
	}
	return in
}
