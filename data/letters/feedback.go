package letters

import "strings"

// FeedbackRequest is the short email that asks a client how the work is going, in lang
// ("en" or "de"): a subject and a plain-text body signed by the sender. It asks the
// two questions Amends records (satisfaction 1–5, would recommend 0–10) and leaves room
// for their own words, without pressing for a good score.
func FeedbackRequest(lang string, c Client, s Sender) (subject, body string) {
	signOff := strings.TrimSpace(s.SignOff)
	if signOff == "" {
		signOff = DefaultSignOff(lang)
	}
	sign := strings.TrimSpace(s.Name)
	if b := strings.TrimSpace(s.Business); b != "" {
		sign = strings.TrimSpace(sign + "\n" + b)
	}
	if normLang(lang) == "de" {
		subject = "Wie zufrieden sind Sie mit unserer Zusammenarbeit?"
		body = salutation(lang, c) + "\n\n" +
			"ich möchte gern wissen, wie Sie unsere Zusammenarbeit erleben – was gut läuft und was ich besser machen kann.\n\n" +
			"Wenn Sie zwei Minuten haben, antworten Sie einfach auf diese E-Mail:\n\n" +
			"1. Wie zufrieden sind Sie insgesamt? (1 = gar nicht, 5 = sehr)\n" +
			"2. Wie wahrscheinlich ist es, dass Sie mich weiterempfehlen? (0 = gar nicht, 10 = sicher)\n" +
			"3. Was sollte ich anders machen?\n\n" +
			"Jede Antwort hilft mir, auch eine kritische. Vielen Dank!\n\n" + signOff
	} else {
		subject = "How are we doing?"
		body = salutation(lang, c) + "\n\n" +
			"I would like to know how our work together is going for you: what works well, and what I could do better.\n\n" +
			"If you have two minutes, just reply to this email:\n\n" +
			"1. How satisfied are you overall? (1 = not at all, 5 = very)\n" +
			"2. How likely are you to recommend me? (0 = not at all, 10 = certainly)\n" +
			"3. What should I do differently?\n\n" +
			"Every answer helps, a critical one too. Thank you!\n\n" + signOff
	}
	if sign != "" {
		body += "\n" + sign
	}
	return subject, body
}
