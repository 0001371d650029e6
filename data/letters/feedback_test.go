package letters

import (
	"strings"
	"testing"
)

func TestFeedbackRequestInTheClientsLanguage(t *testing.T) {
	s := Sender{Name: "Anna Berger", Business: "Berger Consulting"}
	subj, body := FeedbackRequest("de", Client{Name: "Jörg Müller"}, s)
	if subj != "Wie zufrieden sind Sie mit unserer Zusammenarbeit?" || !strings.HasPrefix(body, "Guten Tag Jörg Müller,") ||
		!strings.Contains(body, "(1 = gar nicht, 5 = sehr)") || !strings.HasSuffix(body, "Mit freundlichen Grüßen\nAnna Berger\nBerger Consulting") {
		t.Errorf("German: %q\n%s", subj, body)
	}
	subj, body = FeedbackRequest("en", Client{Name: "Ann Lee", Salutation: "Dear Dr Lee"}, Sender{Name: "Anna Berger", SignOff: "Best wishes"})
	if subj != "How are we doing?" || !strings.HasPrefix(body, "Dear Dr Lee,\n\n") || !strings.Contains(body, "(0 = not at all, 10 = certainly)") ||
		!strings.HasSuffix(body, "Best wishes\nAnna Berger") {
		t.Errorf("English: %q\n%s", subj, body)
	}
}

// TestFeedbackRequestInEveryLetterLanguage: each letter language has its own request,
// greeted, asked and signed in that language, with the scales Amends records.
func TestFeedbackRequestInEveryLetterLanguage(t *testing.T) {
	english, _ := FeedbackRequest("en", Client{Name: "Ann Lee"}, Sender{Name: "Anna Berger"})
	for _, lang := range Languages() {
		subj, body := FeedbackRequest(lang, Client{Name: "Zoë Ørsted"}, Sender{Name: "Anna Berger"})
		if lang != "en" && (subj == english || strings.Contains(body, "reply to this email")) {
			t.Errorf("%s: the request is in English: %q\n%s", lang, subj, body)
		}
		if !strings.HasPrefix(body, DefaultSalutation(lang, "Zoë Ørsted")+"\n\n") {
			t.Errorf("%s: not greeted in its language:\n%s", lang, body)
		}
		if !strings.Contains(body, "1 = ") || !strings.Contains(body, "5 = ") || !strings.Contains(body, "0 = ") || !strings.Contains(body, "10 = ") {
			t.Errorf("%s: the scales are missing:\n%s", lang, body)
		}
		if !strings.HasSuffix(body, DefaultSignOff(lang)+"\nAnna Berger") {
			t.Errorf("%s: not signed off in its language:\n%s", lang, body)
		}
	}
}
