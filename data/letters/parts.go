package letters

import (
	"fmt"
	"regexp"
	"strings"
)

// The six parts of an apology (Lewicki, Polin and Lount 2016), each of which makes an
// apology more effective: regret, explanation, responsibility, repentance, repair and a
// request for forgiveness, here the chance to earn back trust. Regret comes first and
// names what went wrong: a bare "I am sorry." after the explanation reads as an
// afterthought.

// ApologyPart is one of the six parts.
type ApologyPart int

// The parts, in the order a letter says them.
const (
	PartRegret ApologyPart = iota
	PartExplanation
	PartResponsibility
	PartRepentance
	PartRepair
	PartTrust
)

// Label names the part as the checklist shows it.
func (p ApologyPart) Label() string {
	return [...]string{"Regret, specific, before the explanation", "Explanation", "Responsibility",
		"Repentance: it will not happen again, because …", "Repair", "The chance to earn back trust"}[p]
}

// PartCheck is one line of the checklist: whether the letter has the part.
type PartCheck struct {
	Part ApologyPart
	OK   bool
	Note string // what is missing or wrong, when not OK
	code string
}

var (
	regretRE = lazyPhrases(`\bsorry\b`, `\bapologi[sz]e`, `\bapologies\b`, `\bregret\b`,
		`\bleid\b`, `\bentschuldig`, `\bbedaure`, `\bbedauern\b`,
		`\bdésolée?s?\b`, `\bregrett`, `\bexcuses\b`,
		`\blo (siento|sentimos)\b`, `\blament(o|amos)\b`, `\bdisculp`, `\bperdón\b`,
		`\b(mi|ci) dispiace\b`, `\b(mi|ci) scus`, `\bscuse\b`, `\brammaric`,
		`\bspijt\b`, `\bverontschuldig`)
	explanationRE = lazyPhrases(`\bcame about\b`, `\bhow (this|it) happened\b`, `\bit happened because\b`, `\bthe reason (was|is)\b`, `\bwas caused by\b`,
		`\bdazu kam\b`, `\bder grund (war|ist)\b`, `\blag daran\b`, `\bentstand\b`,
		`\bc'est arrivé\b`, `\bcela est arrivé\b`, `\bs'explique\b`, `\bla cause\b`,
		`\bcómo ocurrió\b`, `\bcómo sucedió\b`, `\bse debió a\b`, `\bla causa\b`,
		`\bcom'è successo\b`, `\bè successo perché\b`, `\bè dovuto\b`,
		`\bhoe het (zo )?kwam\b`, `\bde oorzaak\b`, `\bkwam doordat\b`)
	repentanceRE = lazyPhrases(`\b(not|never) happen again\b`, `\bnever again\b`, `\b(not|never) happen a second time\b`, `\bwon't happen again\b`,
		`\bnicht (wieder|noch einmal|erneut) (vorkommt|vorkommen|passiert|passieren)\b`, `\bnie wieder\b`,
		`\bne se (reproduise|reproduira)\b`, `\bplus jamais\b`,
		`\bno (vuelva|volverá) a (ocurrir|pasar|suceder)\b`, `\bnunca más\b`,
		`\bnon (si ripeta|si ripeterà|succeda più|succederà più|accadrà più)\b`, `\bmai più\b`,
		`\bniet (meer|opnieuw|nog eens) (gebeurt|gebeuren|zal gebeuren)\b`, `\bnooit meer\b`)
	trustRE = lazyPhrases(`\b(earn|win|regain|rebuild|earn back|win back) (back )?your trust\b`, `\bearn your trust back\b`, `\banother chance\b`,
		`\bvertrauen (zurück|wieder)`, `\bihr vertrauen (zurückzugewinnen|wiederzugewinnen|zurückgewinnen)\b`, `\beine neue chance\b`,
		`\b(regagner|retrouver|reconquérir) votre confiance\b`, `\bmériter (à nouveau )?votre confiance\b`,
		`\b(recuperar|ganarnos de nuevo|volver a ganar(nos)?) su confianza\b`, `\botra oportunidad\b`,
		`\b(riconquistare|recuperare|riguadagnare) la sua fiducia\b`, `\bun'altra possibilità\b`,
		`\b(uw )?vertrouwen (terug te winnen|terugwinnen|herstellen|te herstellen)\b`, `\been nieuwe kans\b`)
	sentenceEnd = regexp.MustCompile(`[.!?](\s|$)`)
)

// specificRegret reports whether a sentence that says sorry says more than that: at least
// six words, so "I am sorry." alone is not enough.
func specificRegret(s string) bool {
	start := 0
	for _, end := range append(sentenceEnd.FindAllStringIndex(s, -1), []int{len(s), len(s)}) {
		sent := s[start:end[0]]
		start = end[1]
		if firstMatch(sent, regretRE) >= 0 && len(strings.Fields(sent)) >= 6 {
			return true
		}
	}
	return false
}

// ApologyParts is the checklist of the six parts for an apology as drafted or edited.
func ApologyParts(d Draft) []PartCheck {
	return apologyParts(normalise(placeholder.ReplaceAllString(d.Subject+"\n"+d.BodyText()+"\n"+d.Closing, " ")))
}

func apologyParts(all string) []PartCheck {
	regret, expl := firstMatch(all, regretRE), firstMatch(all, explanationRE)
	out := []PartCheck{{Part: PartRegret, OK: true}, {Part: PartExplanation, OK: expl >= 0}, {Part: PartResponsibility},
		{Part: PartRepentance, OK: firstMatch(all, repentanceRE) >= 0}, {Part: PartRepair, OK: containsAny(all, repair)},
		{Part: PartTrust, OK: firstMatch(all, trustRE) >= 0}}
	switch {
	case regret < 0:
		out[0] = PartCheck{Part: PartRegret, code: "no-regret",
			Note: "The apology never says sorry. Say what you regret, in so many words, before you explain."}
	case !specificRegret(all):
		out[0] = PartCheck{Part: PartRegret, code: "regret-vague",
			Note: "“I am sorry.” on its own says little: name what you are sorry for (“I am sorry that the report came two weeks late”)."}
	case expl >= 0 && regret > expl:
		out[0] = PartCheck{Part: PartRegret, code: "regret-late",
			Note: "The regret comes after the explanation, where it reads as an afterthought: say sorry first, then explain."}
	}
	out[1].code, out[1].Note = "no-explanation", "The apology does not say how it came about. A short, honest explanation in terms of your own process helps (“How it came about: …”)."
	out[2].OK = containsAny(all, responsibility)
	out[2].code, out[2].Note = "no-responsibility", "The apology does not say plainly what you were responsible for (e.g. “I was responsible for …”). That is the part that matters most to the client."
	out[3].code, out[3].Note = "no-repentance", "The apology does not say it will not happen again, and why: “It will not happen again, because …”."
	out[4].code, out[4].Note = "no-repair", "The apology offers no repair: say what you will do to put it right, and by when."
	out[5].code, out[5].Note = "no-trust", "The apology does not ask for the chance to earn back the client's trust."
	for i := range out {
		if out[i].OK {
			out[i].Note = ""
		}
	}
	return out
}

// pastPromises names the promises whose time has passed undone, and the future promises
// the text still makes for a time already past.
func pastPromises(all string, o CheckOptions) []Warning {
	if o.Now.IsZero() {
		return nil
	}
	var out []Warning
	for i, c := range o.Promises {
		if strings.TrimSpace(c.What) == "" || !c.Due.Before(o.Now) {
			continue
		}
		when := formatWhen(o.Lang, c.Due)
		if future := normalise(strings.TrimSuffix(commitmentLine(o.Lang, o.We, c), ".")); strings.Contains(all, future) {
			out = append(out, Warning{Code: CodePastPromiseText, Phrase: c.What, Promise: i + 1,
				Msg: fmt.Sprintf("The letter still promises “%s” by %s, a time already past. Set a new date, or say it was done.", c.What, when)})
			continue
		}
		if c.Done.IsZero() {
			out = append(out, Warning{Code: CodePastPromise, Phrase: c.What, Promise: i + 1,
				Msg: fmt.Sprintf("You promised “%s” by %s; that time has passed and it is not marked done. Set a new date, or say it was done.", c.What, when)})
		}
	}
	return out
}
