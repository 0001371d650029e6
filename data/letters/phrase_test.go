package letters

import (
	"reflect"
	"testing"
)

func TestPhrasesStartAtAWordEdgeInAnyAlphabet(t *testing.T) {
	l := lazyPhrases(`\bsorry\b`, `\bè successo\b|\bla causa\b`)
	ps, of := l.get()
	if len(ps) != 3 || !reflect.DeepEqual(of, []int{0, 1, 1}) {
		t.Fatalf("phrases: %d compiled, of %v; want each alternative on its own, of [0 1 1]", len(ps), of)
	}
	for _, c := range []struct {
		text string
		want int // where firstMatch finds one of the phrases, or -1
	}{
		{"sorry for the delay", 0},
		{"i am sorry.", 5},
		{"(sorry)", 1},
		{"unsorry, sorryness", -1},
		{"désorry", -1}, // a letter of another alphabet before it is no edge
		{"ed è successo così", 3},
		{"perché è successo", 8}, // bytes: é is two
		{"qualcosaè successo", -1},
		{"per la causa", 4},
		{"lacausa", -1},
	} {
		if got := firstMatch(c.text, l); got != c.want {
			t.Errorf("firstMatch(%q) = %d, want %d", c.text, got, c.want)
		}
	}
	if got := ps[0].findAll("sorry, sorry and unsorry sorry"); len(got) != 3 {
		t.Errorf("findAll found %q, want the three words on their own", got)
	}
	if got := trimPhrase("mi dispiace, ma "); got != "mi dispiace, ma" {
		t.Errorf("trimPhrase = %q", got)
	}
}
