package letters

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripLeadIn removes the consultant's own opening from a restatement ("So what I'm
// hearing is that …", "Wenn ich Sie richtig verstehe, …") so that only the complaint is
// left, as a sentence of its own with a capital letter. In German and Dutch, whose word
// order changes after such an opening, the verb is put back in its main-clause place
// ("…, kam der Bericht zu spät" → "Der Bericht kam zu spät"). Openings of every letter
// language are known, the letter's own tried first. Text without a known opening is
// returned trimmed and otherwise as typed. A closing question ("Did I get that right?")
// goes too.
func StripLeadIn(lang, record string) string {
	s := stripCheck(record) // "… Did I get that right?" is said to the client, not quoted

	for {
		// The letter's own language first: a record may also be typed in another one.
		l, rest, sub, ok := loc(lang), "", false, false
		for _, code := range append([]string{normLang(lang)}, Languages()...) {
			if rest, sub, ok = cutLeadIn(locales[code], s); ok {
				l = locales[code]
				break
			}
		}
		if !ok {
			break
		}
		if rest == "" {
			return ""
		}
		switch {
		case sub:
			rest = verbFinalToMain(l, rest)
		case l.inverts && startsInverted(l, rest):
			rest = invertedToMain(l, rest)
		}
		s = rest
	}
	return upperFirst(s)
}

// cutLeadIn removes one known opening with what may follow it: "that" (or the
// language's word for it), a colon, comma or dash. sub says the rest is a subordinate
// clause (German "dass", Dutch "dat").
func cutLeadIn(l *locale, s string) (rest string, sub, ok bool) {
	best := -1
	var bestIn leadIn
	for _, in := range l.leadIns {
		if n, found := prefixFold(s, in.text); found && n > best {
			// The opening must end at a word boundary.
			if r, _ := utf8.DecodeRuneInString(s[n:]); n < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue
			}
			best, bestIn = n, in
		}
	}
	if best < 0 {
		return cutSoft(l, s)
	}
	rest = strings.TrimLeft(s[best:], " ,:;–—-")
	sub = bestIn.sub
	for _, that := range []string{"that", "dass", "daß", "dat"} {
		if n, found := prefixFold(rest, that+" "); found {
			rest, sub = rest[n:], that != "that"
			break
		}
	}
	return strings.TrimLeft(rest, " ,:;–—-"), sub, true
}

// cutSoft drops a soft opening ("So", "Also,") followed by a subject.
func cutSoft(l *locale, s string) (string, bool, bool) {
	for _, w := range l.soft {
		n, found := prefixFold(s, w)
		if !found || n >= len(s) || (s[n] != ' ' && s[n] != ',') {
			continue
		}
		rest := strings.TrimLeft(s[n:], " ,")
		next, _, _ := strings.Cut(rest, " ")
		next = strings.ToLower(strings.Trim(next, ",.:;"))
		if l.determiners[next] || l.pronouns[next] || (s[n] == ',' && rest != "") {
			return rest, false, true
		}
	}
	return s, false, false
}

// prefixFold reports whether s starts with prefix, ignoring case and the kind of
// apostrophe, and how many bytes of s the prefix covers.
func prefixFold(s, prefix string) (int, bool) {
	i := 0
	for _, p := range prefix {
		if i >= len(s) {
			return 0, false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !sameRune(r, p) {
			return 0, false
		}
		i += n
	}
	return i, true
}

func sameRune(a, b rune) bool {
	apos := func(r rune) rune {
		if r == '’' || r == '‘' || r == '`' {
			return '\''
		}
		return r
	}
	a, b = apos(a), apos(b)
	return a == b || unicode.ToLower(a) == unicode.ToLower(b)
}

// subjectLen is how many words at the start of ws make the subject: a pronoun, a name,
// or an article with the words up to its noun. 0 means no subject was recognised.
func subjectLen(l *locale, ws []string) int {
	if len(ws) == 0 {
		return 0
	}
	first := strings.ToLower(ws[0])
	switch {
	case l.determiners[first] && (len(ws) == 1 || !l.pronouns[first] || !dutchFunctionWords[strings.ToLower(ws[1])]):
		for i := 1; i < len(ws) && i < 5; i++ {
			if l.nounsCapital {
				if r, _ := utf8.DecodeRuneInString(ws[i]); unicode.IsUpper(r) {
					return i + 1
				}
				continue
			}
			// Dutch: adjectives before the noun end in -e ("het herziene rapport").
			if strings.HasSuffix(ws[i], "e") && i+1 < len(ws) && !dutchFunctionWords[strings.ToLower(ws[i+1])] && i < 3 {
				continue
			}
			return i + 1
		}
		return 0
	case l.pronouns[first]:
		return 1
	}
	if r, _ := utf8.DecodeRuneInString(ws[0]); unicode.IsUpper(r) {
		n := 1
		for n < len(ws) && n < 3 {
			if r, _ := utf8.DecodeRuneInString(ws[n]); !unicode.IsUpper(r) {
				break
			}
			n++
		}
		return n
	}
	return 0
}

var dutchFunctionWords = setOf("te niet nog al pas op in aan met voor van om twee drie vier een geen zo ook veel erg heel wel is was zijn waren heeft had hebben kwam")

// startsInverted reports whether s starts with a verb before its subject, as German and
// Dutch main clauses do after an opening clause.
func startsInverted(l *locale, s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || l.pronouns[strings.ToLower(ws[0])] || l.determiners[strings.ToLower(ws[0])] {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(ws[0]); l.nounsCapital && unicode.IsUpper(r) {
		return false // a German noun or name comes first: no inversion
	}
	return subjectLen(l, ws[1:]) > 0
}

// invertedToMain moves the leading verb behind the subject: "kam der Bericht zu spät"
// → "der Bericht kam zu spät".
func invertedToMain(l *locale, s string) string {
	ws := strings.Fields(s)
	n := subjectLen(l, ws[1:])
	if n == 0 {
		return s
	}
	out := append(append(append([]string{}, ws[1:1+n]...), ws[0]), ws[1+n:]...)
	return strings.Join(out, " ")
}

// verbFinalToMain turns a subordinate clause into a main clause: the finite verb at the
// end of its first clause moves behind the subject ("der Bericht zu spät kam, sodass …"
// → "der Bericht kam zu spät, sodass …"). In Dutch, where the finite verb may come before
// a participle at the end ("te laat is gekomen"), the auxiliary moves.
func verbFinalToMain(l *locale, s string) string {
	end := len(s)
	for _, m := range l.subordinateEnd {
		if i := strings.Index(s, m); i > 0 && i < end {
			end = i
		}
	}
	clause, tail := s[:end], s[end:]
	trail := ""
	if t := strings.TrimRight(clause, ".!?"); t != clause {
		trail, clause = clause[len(t):], t
	}
	ws := strings.Fields(clause)
	n := subjectLen(l, ws)
	if n == 0 || len(ws) < n+2 {
		return s
	}
	vi := len(ws) - 1
	if !l.nounsCapital && strings.HasPrefix(ws[vi], "ge") && len(ws) >= n+3 && dutchAux[strings.ToLower(ws[vi-1])] {
		vi--
	}
	verb := ws[vi]
	rest := append(append([]string{}, ws[n:vi]...), ws[vi+1:]...)
	out := append(append(append([]string{}, ws[:n]...), verb), rest...)
	return strings.Join(out, " ") + trail + tail
}

var dutchAux = setOf("is was zijn waren heeft had hebben hadden wordt werd werden worden zal zou")
