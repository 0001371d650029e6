package letters

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Warning is one thing the check found in a letter, for the user to fix or
// knowingly accept.
type Warning struct {
	// Code names what was found: a missing part of an apology ("no-regret",
	// "regret-vague", "regret-late", "no-explanation", "no-responsibility",
	// "no-repentance", "no-repair", "no-trust"), "non-apology", "placeholder",
	// "claims-agreement", blame (CodeBlamesPerson, CodeExcuse, CodeBlamesClient), a promise
	// whose time has passed (CodePastPromise, CodePastPromiseText), CodeNoSigner.
	Code   string
	Phrase string // the text found, for non-apology phrases, blame and placeholders
	Msg    string
	// Promise is, for the past-promise codes, the 1-based position of the commitment
	// in CheckOptions.Promises; 0 otherwise.
	Promise int
}

// The codes of promises whose time has passed.
const (
	// CodePastPromise: a promise due before now and not done. The letter must not
	// promise it for a date already past: set a new date, or say it was done.
	CodePastPromise = "past-promise"
	// CodePastPromiseText: the text still promises, as to come, something whose time has
	// passed (a draft kept from before, or typed).
	CodePastPromiseText = "past-promise-text"
)

// CodeNoSigner is the code of the warning for a letter with no name under the signature.
// Its message names no place in the UI: the UI says where the name is set.
const CodeNoSigner = "no-signer"

// CheckOptions are the facts the check needs beyond the text.
type CheckOptions struct {
	// NotConfirmed is set when the complaint's restatement was not confirmed:
	// the letter must not say the client agreed with it.
	NotConfirmed bool
	// Lang and We are the letter's language and voice, to find promise lines in it.
	Lang string
	We   bool
	// Now and Promises are the complaint's commitments as they stand now (done or not):
	// one whose time has passed undone is named, and a letter that still promises one
	// of them as to come is flagged.
	Now      time.Time
	Promises []Commitment
}

// Responsibility: a plain first-person acknowledgement (Lewicki, Polin and
// Lount 2016: the part of an apology that matters most).
var responsibility = []string{
	"i was responsible", "i am responsible", "i'm responsible", "we were responsible", "we are responsible",
	"i take responsibility", "i take full responsibility", "we take responsibility", "my responsibility",
	"my fault", "our fault", "my mistake", "our mistake", "i made a mistake", "we made a mistake",
	"i got it wrong", "we got it wrong", "i got wrong", "we got wrong", "i let you down", "we let you down",
	"ich war verantwortlich", "ich bin verantwortlich", "wir waren verantwortlich", "wir sind verantwortlich",
	"ich war dafür verantwortlich", "ich bin dafür verantwortlich", "wir waren dafür verantwortlich",
	"ich übernehme die verantwortung", "ich übernehme die volle verantwortung", "wir übernehmen die verantwortung",
	"meine verantwortung", "mein fehler", "unser fehler", "meine schuld", "unsere schuld",
	"ich habe einen fehler gemacht", "wir haben einen fehler gemacht", "ich habe sie enttäuscht", "wir haben sie enttäuscht",
	// French
	"j'en porte la responsabilité", "nous en portons la responsabilité", "j'étais responsable", "nous étions responsables",
	"je suis responsable", "nous sommes responsables", "je prends la responsabilité", "nous prenons la responsabilité",
	"c'est ma faute", "c'est notre faute", "c'est de ma faute", "mon erreur", "notre erreur", "j'ai commis une erreur",
	"nous avons commis une erreur", "je me suis trompé", "nous nous sommes trompés", "je vous ai déçu", "nous vous avons déçu",
	// Spanish
	"fui responsable", "fuimos responsables", "soy responsable", "somos responsables", "asumo la responsabilidad",
	"asumimos la responsabilidad", "mi responsabilidad", "nuestra responsabilidad", "fue culpa mía", "fue culpa nuestra",
	"es culpa mía", "mi error", "nuestro error", "cometí un error", "cometimos un error", "me equivoqué", "nos equivocamos",
	"le fallé", "le fallamos",
	// Italian
	"la responsabilità è mia", "la responsabilità è nostra", "ero responsabile", "eravamo responsabili", "sono responsabile",
	"siamo responsabili", "mi assumo la responsabilità", "ci assumiamo la responsabilità", "è colpa mia", "è colpa nostra",
	"il mio errore", "il nostro errore", "ho sbagliato", "abbiamo sbagliato", "ho commesso un errore", "abbiamo commesso un errore",
	"l'ho delusa", "l'abbiamo delusa",
	// Dutch
	"ik was hiervoor verantwoordelijk", "wij waren hiervoor verantwoordelijk", "we waren hiervoor verantwoordelijk",
	"ik was verantwoordelijk", "wij waren verantwoordelijk", "we waren verantwoordelijk", "ik ben verantwoordelijk",
	"wij zijn verantwoordelijk", "ik neem de verantwoordelijkheid", "wij nemen de verantwoordelijkheid", "mijn verantwoordelijkheid",
	"onze verantwoordelijkheid", "mijn fout", "onze fout", "mijn schuld", "onze schuld", "ik heb een fout gemaakt",
	"wij hebben een fout gemaakt", "we hebben een fout gemaakt", "ik heb u teleurgesteld", "wij hebben u teleurgesteld",
}

// Repair: an offer to put it right (the second most important part).
var repair = []string{
	"to put it right", "put this right", "make it right", "make this right", "make up for", "make it up to you",
	"i offer", "we offer", "i would like to offer", "free of charge", "at no charge",
	"no cost", "refund", "credit", "discount", "replace", "redo", "rework", "compensat",
	"wiedergutzumachen", "wiedergutmachung", "wieder gutzumachen", "in ordnung bringen",
	"biete ich", "bieten wir", "ich biete", "wir bieten", "kostenlos", "kostenfrei", "ohne berechnung",
	"rückerstattung", "erstatten", "gutschrift", "nachlass", "rabatt", "ersetzen", "nachbessern", "neu erstellen",
	// French
	"pour réparer", "réparer cela", "je vous propose", "nous vous proposons", "sans frais", "gratuit", "offert",
	"remboursement", "rembourser", "avoir de", "remise", "remplacement", "remplacer", "refaire",
	// Spanish
	"para remediarlo", "remediar", "le ofrezco", "le ofrecemos", "sin coste", "gratis", "gratuito", "reembolso",
	"reembolsar", "abono", "descuento", "sustitución", "sustituir", "rehacer", "compensar",
	// Italian
	"per rimediare", "rimediare", "le offro", "le offriamo", "senza costi", "gratuito", "gratuitamente", "rimborso",
	"rimborsare", "nota di credito", "sconto", "sostituzione", "sostituire", "rifare", "risarcire",
	// Dutch
	"om het goed te maken", "goedmaken", "goed te maken", "bied ik u", "bieden wij u", "bieden we u", "kosteloos", "gratis",
	"zonder kosten", "terugbetaling", "terugbetalen", "creditnota", "korting", "vervanging", "vervangen", "opnieuw doen", "compensatie",
}

// nonApology are the phrases that turn an apology into a non-apology: they put
// the problem in the client's feelings, make the fault conditional, or leave
// nobody responsible.
var nonApology = []struct{ re, why string }{
	{`sorry (that )?you (feel|felt|were upset|are upset|took it|see it)`, "blames the client's feelings instead of naming what went wrong"},
	{`sorry (if|in case|should)\b`, "makes the apology conditional"},
	{`apologi[sz]e (if|in case|should)\b`, "makes the apology conditional"},
	{`\bif (you were|you have been|you felt|anyone was|anyone felt|you are) (offended|upset|hurt|inconvenienced|disappointed)`, "makes the apology conditional"},
	{`\bif (i|we) (have )?(offended|upset|hurt|disappointed)`, "makes the apology conditional"},
	{`mistakes (were|have been) made`, "leaves out who made the mistakes"},
	{`errors (were|have been) made`, "leaves out who made the errors"},
	{`(regret|sorry for|apologi[sz]e for) any inconvenience`, "plays the harm down to an inconvenience"},
	{`inconvenience (this|that|it) may have caused`, "plays the harm down to an inconvenience"},
	{`to the extent that`, "makes the apology conditional"},
	{`(i'm|i am|we're|we are) sorry,? but\b`, "takes the apology back with “but”"},
	{`tut (mir|uns) leid, (dass|wenn|falls) sie sich`, "blames the client's feelings instead of naming what went wrong"},
	{`tut (mir|uns) leid, (wenn|falls|sofern)\b`, "makes the apology conditional"},
	{`(falls|sollten|wenn) sie sich (gekränkt|verletzt|angegriffen|beleidigt|verärgert) (gefühlt haben|fühlen)`, "makes the apology conditional"},
	{`(falls|sofern|wenn) (ich|wir) sie (gekränkt|verärgert|verletzt|enttäuscht)`, "makes the apology conditional"},
	{`es (sind|wurden) fehler (passiert|gemacht|begangen)`, "leaves out who made the mistakes"},
	{`fehler wurden gemacht`, "leaves out who made the mistakes"},
	{`es kam zu fehlern`, "leaves out who made the mistakes"},
	{`(etwaige|eventuelle|entstandene|jegliche) unannehmlichkeiten`, "plays the harm down to an inconvenience"},
	{`(entschuldigen sie|wir bitten um entschuldigung für) die unannehmlichkeiten`, "plays the harm down to an inconvenience"},
	{`(tut mir|tut uns) leid, aber\b`, "takes the apology back with “aber”"},
	// French
	{`désolée?s? que vous (vous )?(soyez|sentiez|ayez ressenti|ayez été)`, "blames the client's feelings instead of naming what went wrong"},
	{`désolée?s? si\b`, "makes the apology conditional"},
	{`(excuses|excusez-nous|excusez-moi),? si\b`, "makes the apology conditional"},
	{`si (vous avez été|vous vous êtes senti|cela vous a) (offensée?|blessée?|contrariée?|vexée?|déçue?)`, "makes the apology conditional"},
	{`des erreurs ont été (commises|faites)`, "leaves out who made the mistakes"},
	{`(tout|les) désagréments? (éventuels?|occasionnés?|que cela)`, "plays the harm down to an inconvenience"},
	{`(regrettons|regrette) (tout|les|ce) désagrément`, "plays the harm down to an inconvenience"},
	{`désolée?s?,? mais\b`, "takes the apology back with “mais”"},
	// Spanish
	{`siento que (usted )?(se sienta|se haya sentido|lo vea)`, "blames the client's feelings instead of naming what went wrong"},
	{`(lo )?(siento|sentimos),? si\b`, "makes the apology conditional"},
	{`(disculpe|disculpen|pido disculpas|pedimos disculpas),? si\b`, "makes the apology conditional"},
	{`si (se ha sentido|se sintió|le hemos|le he) (ofendid[oa]|molest[oa]|ofendido|molestado)`, "makes the apology conditional"},
	{`se (cometieron|han cometido) errores`, "leaves out who made the mistakes"},
	{`(cualquier|las posibles|las) molestias? (ocasionadas?|que (esto|le) haya)`, "plays the harm down to an inconvenience"},
	{`(lamentamos|lamento) (cualquier|las) molestias?`, "plays the harm down to an inconvenience"},
	{`(lo )?(siento|sentimos),? pero\b`, "takes the apology back with “pero”"},
	// Italian
	{`(mi|ci) dispiace che (lei )?si (sia sentit[oa]|senta)`, "blames the client's feelings instead of naming what went wrong"},
	{`(mi|ci) dispiace se\b`, "makes the apology conditional"},
	{`(scusi|scusate|ci scusiamo|mi scuso),? se\b`, "makes the apology conditional"},
	{`se (si è sentit[oa]|l'abbiamo|l'ho) (offes[oa]|ferit[oa]|urtat[oa]|delus[oa])`, "makes the apology conditional"},
	{`sono stati commessi (degli )?errori`, "leaves out who made the mistakes"},
	{`(eventuali|qualsiasi) disagi?`, "plays the harm down to an inconvenience"},
	{`(mi|ci) dispiace,? ma\b`, "takes the apology back with “ma”"},
	// Dutch
	{`spijt (me|ons) dat u (zich )?(zo )?(voelt|voelde|gekwetst|beledigd)`, "blames the client's feelings instead of naming what went wrong"},
	{`spijt (me|ons),? (als|indien|mocht)\b`, "makes the apology conditional"},
	{`excuses,? (als|indien|mocht)\b`, "makes the apology conditional"},
	{`(als|indien|mocht) u zich (gekwetst|beledigd|gepasseerd|teleurgesteld) (voelt|voelde|heeft gevoeld)`, "makes the apology conditional"},
	{`er zijn fouten gemaakt`, "leaves out who made the mistakes"},
	{`(eventuele|enig) ongemak|excuses voor het ongemak`, "plays the harm down to an inconvenience"},
	{`spijt (me|ons),? maar\b`, "takes the apology back with “maar”"},
}

// nonApologyRE are the non-apology phrases, compiled when first used.
var nonApologyRE = func() *phraseList {
	res := make([]string, len(nonApology))
	for i, p := range nonApology {
		res[i] = p.re
	}
	return lazyPhrases(res...)
}()

// claimsAgreement are phrases that say the client agreed with our summary.
var claimsAgreement = regexp.MustCompile(`you (have )?confirmed|as you confirmed|you agreed (with|that)|we agreed (on )?what happened|` +
	`sie haben (mir |uns )?(meine |unsere )?(zusammenfassung )?bestätigt|wie sie bestätigt haben|wir waren uns einig|` +
	`vous (m'|nous )?(avez|aviez) confirmé|comme vous l'avez confirmé|nous étions d'accord|` +
	`(usted )?(me |nos )?confirmó|como usted confirmó|estuvimos de acuerdo|` +
	`(mi|ci) ha confermato|ha confermato|come lei ha confermato|eravamo d'accordo|` +
	`u bevestigde|u hebt bevestigd|zoals u bevestigde|we waren het eens`)

var placeholder = regexp.MustCompile(`\[[^\[\]\n]{2,200}\]`)

// Gap is the first [placeholder] left in a draft's subject, body or closing, or "" when
// none is: a letter printed without being read must not have one.
func Gap(d Draft) string {
	return placeholder.FindString(d.Subject + "\n" + d.BodyText() + "\n" + d.Closing)
}

// normalise lower-cases text and straightens quotes and spaces, so the phrase
// lists match however the text was typed.
func normalise(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "`", "'", "\u00a0", " ", "\n", " ", "\t", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func containsAny(text string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// Check reads a letter the way a careful colleague would before it goes out.
// Apologies are checked for the six parts of an apology (ApologyParts) and for
// non-apology phrases; every kind for blame and excuses, promises whose time has passed,
// and placeholders left in brackets. It never changes the letter: the user decides.
func Check(k Kind, d Draft, o CheckOptions) []Warning {
	// Placeholders do not count: "[Say what you will do to put it right]" offers nothing.
	all := normalise(placeholder.ReplaceAllString(d.Subject+"\n"+d.BodyText()+"\n"+d.Closing, " "))
	var out []Warning
	if k == Apology {
		for _, p := range apologyParts(all) {
			if !p.OK {
				out = append(out, Warning{Code: p.code, Msg: p.Note})
			}
		}
		seen := map[string]bool{}
		ps, of := nonApologyRE.get()
		for j, re := range ps {
			i := of[j]
			for _, m := range re.findAll(all) {
				m = trimPhrase(m)
				if seen[m] {
					continue
				}
				seen[m] = true
				out = append(out, Warning{Code: "non-apology", Phrase: m,
					Msg: fmt.Sprintf("“%s” %s; say plainly what you did wrong.", m, nonApology[i].why)})
			}
		}
	}
	out = append(out, Blame(all)...)
	out = append(out, pastPromises(all, o)...)
	if o.NotConfirmed && (k == Apology || k == FollowUp) {
		if m := claimsAgreement.FindString(all); m != "" {
			out = append(out, Warning{Code: "claims-agreement", Phrase: m,
				Msg: fmt.Sprintf("“%s”: the client did not confirm your summary of the complaint, so the letter must not say they agreed.", m)})
		}
	}
	raw := d.Subject + "\n" + d.Salutation + "\n" + d.BodyText() + "\n" + d.Closing + "\n" + d.Signer
	for _, m := range placeholder.FindAllString(raw, 3) {
		out = append(out, Warning{Code: "placeholder", Phrase: m,
			Msg: fmt.Sprintf("Replace the placeholder %s with your own words.", m)})
	}
	if strings.TrimSpace(d.Signer) == "" {
		out = append(out, Warning{Code: CodeNoSigner, Msg: "The letter has no name under the signature."})
	}
	return out
}
