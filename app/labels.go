package app

import "github.com/amends/amends/data"

// Words only the screens use. The store keeps the words it writes into records itself
// (statuses, alert kinds and outcomes appear in timeline entries it writes).

// bucketLabel is the heading of a group of follow-ups.
func bucketLabel(b data.Bucket) string {
	return [...]string{"Overdue", "Today", "This week", "Later"}[b]
}

// stepLabel is a step's name in the interview wizard.
func stepLabel(s data.Step) string {
	return [...]string{"Set-up", "Listen", "Restate", "Acknowledge", "Ask", "Agree", "Prevent", "Outcome"}[s]
}

// answerLabel is the client's answer to a restatement as the user reads it.
func answerLabel(a data.Answer) string {
	switch a {
	case data.AnswerNone:
		return "Waiting for the client's answer"
	case data.AnswerConfirmed:
		return "Confirmed"
	case data.AnswerPartly:
		return "Partly right"
	case data.AnswerNotRight:
		return "Not right"
	}
	return string(a)
}

// verdictLabel is the keep-or-cut recommendation as a heading.
func verdictLabel(v data.Verdict) string {
	switch v {
	case data.Recover:
		return "Recover"
	case data.KeepAnEye:
		return "Keep an eye on"
	case data.LetGoThem:
		return "Let go"
	}
	return string(v)
}
