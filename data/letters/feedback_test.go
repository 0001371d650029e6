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
