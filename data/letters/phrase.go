package letters

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// wordEdge stands for \b in the phrases: Go's \b knows only ASCII letters, so a phrase
// ending in "enfermó" or starting with "è" would never match.
const wordEdge = `(?:^|$|[^\p{L}\p{N}])`

// phrase is one way of saying something the check looks for. A word edge it starts with
// is checked by hand rather than by the regexp: a pattern that starts with a class of
// every alphabet can only be tried at every position of the letter, while one that
// starts with its first word lets the regexp jump from one place that word appears to
// the next. A letter was checked in 10 ms; most of it went there.
type phrase struct {
	re   *regexp.Regexp
	edge bool // the phrase starts at a word edge
}

// phrases compiles a list of phrases, \b standing for a word edge in any alphabet. Each
// alternative of a phrase is a phrase of its own, so that each can start with its word;
// of says which phrase of ps each one came from.
func phrases(ps ...string) (out []phrase, of []int) {
	for i, p := range ps {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			panic("letters: phrase " + p + ": " + err.Error())
		}
		branches := []*syntax.Regexp{re}
		if re.Op == syntax.OpAlternate {
			branches = re.Sub
		}
		for _, b := range branches {
			ph := phrase{}
			if b.Op == syntax.OpConcat && len(b.Sub) > 1 && b.Sub[0].Op == syntax.OpWordBoundary {
				ph.edge = true
				b = &syntax.Regexp{Op: syntax.OpConcat, Flags: b.Flags, Sub: b.Sub[1:]}
			}
			ph.re = regexp.MustCompile(strings.ReplaceAll(b.String(), `\b`, wordEdge))
			out = append(out, ph)
			of = append(of, i)
		}
	}
	return out, of
}

// phraseList is a list of phrases compiled the first time a letter is checked rather
// than when the program starts: compiling them all took 31 ms and 5.8 MB before Amends'
// window could open.
type phraseList struct {
	pats []string
	once sync.Once
	ps   []phrase
	of   []int
}

func lazyPhrases(pats ...string) *phraseList { return &phraseList{pats: pats} }

// get returns the phrases compiled, and which pattern each came from (see phrases).
func (l *phraseList) get() ([]phrase, []int) {
	l.once.Do(func() { l.ps, l.of = phrases(l.pats...) })
	return l.ps, l.of
}

// find returns where the phrase first says something in s at or after from, or nil.
func (p phrase) find(s string, from int) []int {
	for from <= len(s) {
		loc := p.re.FindStringIndex(s[from:])
		if loc == nil {
			return nil
		}
		start, end := from+loc[0], from+loc[1]
		if !p.edge || atWordEdge(s, start) {
			return []int{start, end}
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		from = start + max(size, 1)
	}
	return nil
}

// findAll returns every place the phrase says something in s, not overlapping.
func (p phrase) findAll(s string) []string {
	var out []string
	for from := 0; ; {
		loc := p.find(s, from)
		if loc == nil {
			return out
		}
		out = append(out, s[loc[0]:loc[1]])
		from = max(loc[1], loc[0]+1)
	}
}

// trimPhrase is a phrase found as a warning quotes it: without the space or stop a word
// edge took with it.
func trimPhrase(m string) string { return strings.Trim(m, " ,.;:!?'\"()-–—") }

// atWordEdge reports whether a word can start at i: at the start, or after a character
// that is no letter or digit, in any alphabet.
func atWordEdge(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsNumber(r)
}

// firstMatch is where the first of l says something in s, or -1.
func firstMatch(s string, l *phraseList) int {
	first := -1
	ps, _ := l.get()
	for _, p := range ps {
		if loc := p.find(s, 0); loc != nil && (first < 0 || loc[0] < first) {
			first = loc[0]
		}
	}
	return first
}
