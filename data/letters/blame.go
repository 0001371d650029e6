package letters

import (
	"fmt"
)

// Blame and excuses: what makes a client hear "not our fault". An apology owns the
// error as our own process; it never names a colleague or subcontractor to blame, never
// hides behind circumstances, and never tells the client what they should have done.

// The kinds of blame the check names.
const (
	CodeBlamesPerson = "blames-person" // names staff, a colleague or a subcontractor
	CodeExcuse       = "excuse"        // "unfortunately due to", "outside our control"
	CodeBlamesClient = "blames-client" // "you should have"
)

// blamePhrases are matched against normalised text (lower case, straight quotes, single
// spaces), in every letter language: a letter may be typed in another language than its
// own, and the interview is checked whatever language the consultant takes notes in.
var blamePhrases = []struct{ code, re string }{
	// English
	{CodeBlamesPerson, `\b(my|our|a|the) (colleague|co-worker|assistant|intern|trainee|analyst|junior|temp|freelancer|subcontractor|sub-contractor|supplier|contractor|courier|developer|designer|accountant)s?\b`},
	{CodeBlamesPerson, `\b(our|the) (staff|team member|employee|new hire|back office)s?\b|\ba member of (our )?staff\b`},
	{CodeBlamesPerson, `\b(fell|was|were|went) (ill|sick|off sick|on leave)\b`},
	{CodeExcuse, `\bunfortunately,? (this was )?(due to|because of|owing to)\b`},
	{CodeExcuse, `\b(outside|beyond) (of )?our control\b|\bout of our hands\b|\bthrough no fault of (our|my) own\b`},
	{CodeExcuse, `\b(not|wasn't|was not|isn't|is not) (our|my) fault\b|\b(company|our) policy\b|\bthe system (was|went|failed)\b`},
	{CodeBlamesClient, `\byou (should|could|ought to|would) (have|'ve)\b|\byou should've\b|\byou failed to\b`},
	// German
	{CodeBlamesPerson, `\b(mein|meine|meinem|meiner|unser|unsere|unserem|unserer|der|die|dem|ein|eine|einem|einer) (kollege|kollegin|kollegen|mitarbeiter|mitarbeiterin|mitarbeitern|praktikant|praktikantin|aushilfe|subunternehmer|subunternehmerin|dienstleister|zulieferer|lieferant|freelancer|analyst|analystin|buchhaltung)\b`},
	{CodeBlamesPerson, `\b(erkrankt|krank geworden|erkrankung des|erkrankung der|im urlaub war)\b`},
	{CodeExcuse, `\bleider (aufgrund|wegen|durch|bedingt)\b|\bbedingt durch\b`},
	{CodeExcuse, `\baußerhalb unserer (kontrolle|macht)\b|\bnicht in unserer hand\b|\bhöhere gewalt\b|\b(nicht|keine) unsere schuld\b|\bunsere richtlinien\b`},
	{CodeBlamesClient, `\bsie hätten [^.]{0,40}(sollen|müssen|können)\b|\bhätten sie (doch|nur|rechtzeitig)\b`},
	// French
	{CodeBlamesPerson, `\b(mon|ma|notre|le|la|un|une) (collègue|collaborateur|collaboratrice|stagiaire|assistant|assistante|sous-traitant|prestataire|fournisseur|analyste|employé|employée)s?\b`},
	{CodeBlamesPerson, `\b(est tombée? malade|était malade|la maladie de|en arrêt maladie)\b`},
	{CodeExcuse, `\bmalheureusement,? (en raison|à cause|du fait)\b`},
	{CodeExcuse, `\bindépendante?s? de notre volonté\b|\bhors de notre contrôle\b|\b(ce n'est|ce n'était) pas (de )?notre faute\b|\bnotre politique\b`},
	{CodeBlamesClient, `\bvous auriez (dû|pu)\b`},
	// Spanish
	{CodeBlamesPerson, `\b(mi|nuestro|nuestra|el|la|un|una) (compañero|compañera|colaborador|colaboradora|becario|becaria|asistente|subcontratista|proveedor|analista|empleado|empleada)s?\b`},
	{CodeBlamesPerson, `\b(enfermó|se puso enfermo|se puso enferma|estaba de baja|de baja por enfermedad)\b`},
	{CodeExcuse, `\b(lamentablemente|desafortunadamente|desgraciadamente),? (debido a|por culpa de|a causa de)\b`},
	{CodeExcuse, `\bfuera de nuestro control\b|\bajenas? a nuestra voluntad\b|\bno (es|fue) (culpa nuestra|nuestra culpa)\b|\bnuestra política\b`},
	{CodeBlamesClient, `\busted (debería|tendría que) haber\b|\bdebería haber(nos)? (avisado|llamado|dicho)\b`},
	// Italian
	{CodeBlamesPerson, `\b(il mio|la mia|il nostro|la nostra|un nostro|una nostra|l'|il|lo|la) ?(collega|collaboratore|collaboratrice|tirocinante|stagista|assistente|subappaltatore|fornitore|analista|dipendente)\b`},
	{CodeBlamesPerson, `\b(si è ammalat[oa]|era malat[oa]|in malattia)\b`},
	{CodeExcuse, `\bpurtroppo,? (a causa|per via|dovuto|per colpa)\b`},
	{CodeExcuse, `\b(al di )?fuori (dal|del) nostro controllo\b|\bindipendenti dalla nostra volontà\b|\bnon (è|era) colpa nostra\b|\bla nostra politica\b`},
	{CodeBlamesClient, `\blei avrebbe dovuto\b|\bavrebbe dovuto (avvisarci|dircelo|chiamarci)\b`},
	// Dutch
	{CodeBlamesPerson, `\b(mijn|onze|onze|de|een) (collega|medewerker|medewerkster|stagiair|stagiaire|assistent|onderaannemer|leverancier|analist|freelancer|werknemer)s?\b`},
	{CodeBlamesPerson, `\b(ziek werd|ziek was|ziek geworden|met verlof was)\b`},
	{CodeExcuse, `\bhelaas,? (door|als gevolg van|vanwege|wegens)\b`},
	{CodeExcuse, `\bbuiten onze (macht|schuld|invloed)\b|\bniet onze schuld\b|\bons beleid\b`},
	{CodeBlamesClient, `\bu had [^.]{0,40} moeten\b|\bhad u (maar|eerder)\b`},
}

// blameRE are the blame phrases, compiled when first used.
var blameRE = func() *phraseList {
	res := make([]string, len(blamePhrases))
	for i, p := range blamePhrases {
		res[i] = p.re
	}
	return lazyPhrases(res...)
}()

// Blame finds what in text blames a person, hides behind an excuse or blames the
// client, in any letter language, each phrase once.
func Blame(text string) []Warning {
	norm := normalise(text)
	var out []Warning
	seen := map[string]bool{}
	ps, of := blameRE.get()
	for j, re := range ps {
		i := of[j]
		for _, m := range re.findAll(norm) {
			m = trimPhrase(m)
			if seen[m] {
				continue
			}
			seen[m] = true
			out = append(out, Warning{Code: blamePhrases[i].code, Phrase: m, Msg: blameMsg(blamePhrases[i].code, m)})
		}
	}
	return out
}

func blameMsg(code, phrase string) string {
	switch code {
	case CodeBlamesPerson:
		return fmt.Sprintf("“%s” points at a person. The client hears blame: say what went wrong in our own process, and name no one.", phrase)
	case CodeExcuse:
		return fmt.Sprintf("“%s” sounds like an excuse. Say plainly what we got wrong and own it.", phrase)
	}
	return fmt.Sprintf("“%s” tells the client what they should have done. Leave it out: it was ours to get right.", phrase)
}
