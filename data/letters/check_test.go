package letters

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	good := "I was responsible for the late report. To put it right, I will credit 15% of the invoice by Friday."
	goodDE := "Ich war dafür verantwortlich, dass der Bericht zu spät kam. Als Wiedergutmachung erhalten Sie eine Gutschrift von 15 %."
	cases := []struct {
		name  string
		kind  Kind
		body  string
		opt   CheckOptions
		codes []string
		words []string // phrases the warnings must name
	}{
		{"good apology", Apology, good, CheckOptions{}, nil, nil},
		{"good German apology", Apology, goodDE, CheckOptions{}, nil, nil},
		{"no responsibility", Apology, "To put it right, we will refund the invoice.", CheckOptions{}, []string{"no-responsibility"}, nil},
		{"no repair", Apology, "I was responsible for the late report. I am sorry.", CheckOptions{}, []string{"no-repair"}, nil},
		{"neither", Apology, "We value you as a client.", CheckOptions{}, []string{"no-responsibility", "no-repair"}, nil},
		{"sorry you feel", Apology, good + " I'm sorry you feel that way.", CheckOptions{}, []string{"non-apology"}, []string{"sorry you feel"}},
		{"curly apostrophe", Apology, good + " I’m sorry,  but the deadline was tight.", CheckOptions{}, []string{"non-apology"}, []string{"i'm sorry, but"}},
		{"if you were offended", Apology, good + " If you were offended, I apologise.", CheckOptions{}, []string{"non-apology"}, []string{"if you were offended"}},
		{"mistakes were made", Apology, good + "\nMistakes were made.", CheckOptions{}, []string{"non-apology"}, []string{"mistakes were made"}},
		{"sorry if", Apology, good + " Sorry if this caused trouble.", CheckOptions{}, []string{"non-apology"}, []string{"sorry if"}},
		{"regret any inconvenience", Apology, good + " We regret any inconvenience.", CheckOptions{}, []string{"non-apology"}, []string{"regret any inconvenience"}},
		{"German feelings", Apology, goodDE + " Es tut mir leid, dass Sie sich so fühlen.", CheckOptions{}, []string{"non-apology"}, []string{"tut mir leid, dass sie sich"}},
		{"German conditional", Apology, goodDE + " Falls Sie sich gekränkt gefühlt haben, bitte ich um Entschuldigung.", CheckOptions{}, []string{"non-apology"}, []string{"falls sie sich gekränkt gefühlt haben"}},
		{"German passive", Apology, goodDE + " Es wurden Fehler gemacht.", CheckOptions{}, []string{"non-apology"}, []string{"es wurden fehler gemacht"}},
		{"German inconvenience", Apology, goodDE + " Wir bitten, etwaige Unannehmlichkeiten zu entschuldigen.", CheckOptions{}, []string{"non-apology"}, []string{"etwaige unannehmlichkeiten"}},
		{"good French apology", Apology, "J’en porte la responsabilité. Pour réparer cela, je vous propose une remise de 15 %.", CheckOptions{}, nil, nil},
		{"French conditional", Apology, "J’en porte la responsabilité. Pour réparer cela, je vous propose une remise. Désolé si cela vous a gêné.", CheckOptions{}, []string{"non-apology"}, []string{"désolé si"}},
		{"French passive", Apology, "Je vous propose une remise. Des erreurs ont été commises.", CheckOptions{}, []string{"no-responsibility", "non-apology"}, []string{"des erreurs ont été commises"}},
		{"good Spanish apology", Apology, "Fui responsable del retraso. Para remediarlo, le ofrezco un descuento.", CheckOptions{}, nil, nil},
		{"Spanish inconvenience", Apology, "Fui responsable del retraso. Le ofrezco un descuento. Lamentamos cualquier molestia.", CheckOptions{}, []string{"non-apology"}, []string{"lamentamos cualquier molestia"}},
		{"good Italian apology", Apology, "La responsabilità è mia. Per rimediare, Le offro uno sconto.", CheckOptions{}, nil, nil},
		{"Italian but", Apology, "La responsabilità è mia. Le offro uno sconto. Mi dispiace, ma i tempi erano stretti.", CheckOptions{}, []string{"non-apology"}, []string{"mi dispiace, ma"}},
		{"good Dutch apology", Apology, "Ik was hiervoor verantwoordelijk. Om het goed te maken, bied ik u korting.", CheckOptions{}, nil, nil},
		{"Dutch feelings", Apology, "Ik was hiervoor verantwoordelijk. Ik bied u korting. Het spijt me dat u zich zo voelt.", CheckOptions{}, []string{"non-apology"}, []string{"spijt me dat u zich zo voelt"}},
		{"French claims agreement", Apology, "J’en porte la responsabilité. Je vous propose une remise. Vous m’avez confirmé mon résumé.", CheckOptions{NotConfirmed: true}, []string{"claims-agreement"}, nil},
		{"placeholder does not count as repair", Apology, "I was responsible for it. [Say what you will do to put it right.]", CheckOptions{}, []string{"no-repair", "placeholder"}, nil},
		{"claims agreement when not confirmed", Apology, good + " You confirmed that I understood you.", CheckOptions{NotConfirmed: true}, []string{"claims-agreement"}, []string{"you confirmed"}},
		{"agreement fine when confirmed", Apology, good + " You confirmed that I understood you.", CheckOptions{}, nil, nil},
		{"thank-you not checked as apology", Thanks, "Thank you for your feedback. Sorry if it took long.", CheckOptions{}, nil, nil},
		{"placeholder in thank-you", Thanks, "Thanks. [What you changed.]", CheckOptions{}, []string{"placeholder"}, []string{"[What you changed.]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws := Check(c.kind, Draft{Subject: "S", Body: SplitBody(c.body), Signer: "Anna"}, c.opt)
			var got []string
			all := ""
			for _, w := range ws {
				got = append(got, w.Code)
				all += w.Phrase + " | " + w.Msg + "\n"
				if w.Msg == "" {
					t.Errorf("warning %s has no message", w.Code)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.codes, ",") {
				t.Fatalf("codes = %v, want %v\n%s", got, c.codes, all)
			}
			for _, p := range c.words {
				if !strings.Contains(all, p) {
					t.Errorf("warnings do not name %q:\n%s", p, all)
				}
			}
		})
	}
}

func TestCheckNoSigner(t *testing.T) {
	ws := Check(Thanks, Draft{Body: []string{"Thank you."}}, CheckOptions{})
	if len(ws) != 1 || ws[0].Code != "no-signer" {
		t.Fatalf("warnings = %v", ws)
	}
}
