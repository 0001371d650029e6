// Package letters drafts the letters Amends prints: apologies after a complaint
// interview, thank-you letters for feedback, win-back letters for lost clients,
// follow-ups that report what changed, and closing letters when a client is let
// go. It turns plain values into text through user-editable templates and checks
// apologies for what makes them work. No Fyne, no store reads, no layout:
// app/documents gathers the values from the store and package pdf prints the result.
package letters

import (
	"fmt"
	"strings"
	"time"

	"github.com/amends/amends/data"
)

// Kind is what a letter is for.
type Kind string

// The letter kinds. The strings are stored in the database and name the templates.
const (
	Apology  Kind = "apology"
	Thanks   Kind = "thanks"
	WinBack  Kind = "winback"
	FollowUp Kind = "followup"
	Closing  Kind = "closing"
)

// Kinds lists every kind in the order the UI offers them.
func Kinds() []Kind {
	return []Kind{Apology, Thanks, WinBack, FollowUp, Closing}
}

// Label is the kind as the user reads it.
func (k Kind) Label() string {
	switch k {
	case Apology:
		return "Apology"
	case Thanks:
		return "Thank-you"
	case WinBack:
		return "Win-back"
	case FollowUp:
		return "Follow-up"
	case Closing:
		return "Closing"
	}
	return string(k)
}

// Hint says in a line when the kind is used.
func (k Kind) Hint() string {
	switch k {
	case Apology:
		return "After a complaint interview: responsibility, repair, what changes"
	case Thanks:
		return "For the client's feedback: what they told you and what you changed"
	case WinBack:
		return "For a lost client: thanks, regret, what changed, an open door"
	case FollowUp:
		return "Weeks after a complaint: check in and report the change"
	case Closing:
		return "When you let a client go: thanks, a kind decision, the handover"
	}
	return ""
}

// NeedsComplaint reports whether the kind is written from a complaint.
func (k Kind) NeedsComplaint() bool { return k == Apology }

// ParseKind reads a kind as typed on the command line or stored.
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "thank-you", "thankyou", "thank_you":
		s = string(Thanks)
	case "win-back", "win_back":
		s = string(WinBack)
	case "follow-up", "follow_up":
		s = string(FollowUp)
	}
	for _, k := range Kinds() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown letter kind %q (want apology, thanks, winback, followup or closing)", s)
}

// KindFromLabel is the inverse of Label.
func KindFromLabel(l string) (Kind, bool) {
	for _, k := range Kinds() {
		if k.Label() == l {
			return k, true
		}
	}
	return "", false
}

// Draft is the text of a letter as the consultant edits it and as it is printed.
type Draft struct {
	Subject    string
	Salutation string
	Body       []string // paragraphs
	Closing    string
	Signer     string
}

// BodyText joins the paragraphs with blank lines, for a multi-line entry.
func (d Draft) BodyText() string { return strings.Join(d.Body, "\n\n") }

// SplitBody splits text typed into a multi-line entry into paragraphs at blank
// lines; single line breaks stay inside their paragraph.
func SplitBody(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// Text is the whole letter as plain text, for the timeline.
func (d Draft) Text() string {
	var b strings.Builder
	for _, s := range []string{d.Subject, d.Salutation, d.BodyText(), d.Closing, d.Signer} {
		if s = strings.TrimSpace(s); s != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

// Client is what a letter needs to know about its recipient.
type Client struct {
	Name       string
	Company    string
	Salutation string // preferred form of address; "" gives a default
	Since      time.Time
}

// Sender is the consultant as the letter text names them (the letterhead proper
// is printed by package pdf).
type Sender struct {
	Name, Business, Phone, Email, Website string
	SignOff                               string // "" gives the language's default
}

// Remedy is one thing given to put it right. Its value is written in the letter's
// language from Percent or Amount; Value, already formatted, is used when both are zero.
type Remedy struct {
	Kind        string // data.RemedyKind value
	Description string
	Percent     int    // a percentage discount
	Amount      int64  // money, in cents of Currency
	Currency    string // e.g. "EUR"
	Value       string // "15%", "3,600.00 EUR", or ""
	Due         time.Time
	Accepted    bool
}

// Commitment is a dated promise.
type Commitment struct {
	What    string
	Due     time.Time // day and time, in the consultant's time zone
	Channel string
	// Done is when its follow-up was done; zero while it is not. A promise done is
	// written as kept, one whose time has passed undone as not yet kept: a letter never
	// promises a date already past.
	Done time.Time
}

// Complaint holds the interview values an apology or follow-up is written from.
type Complaint struct {
	Received    time.Time // when the complaint reached us; zero: use InterviewOn
	InterviewOn time.Time
	Confirmed   bool   // the restatement was confirmed by the client
	Record      string // the complaint of record (the confirmed restatement)
	// Parts are the confirmed restatement's parts, when it was composed from them: the
	// letter quotes what happened and its impact, and reflects the feeling in its own words.
	Parts       data.RoundParts
	Account     string // the client's own account, used when not confirmed
	Feeling     string // how the client feels, from Listen: reflected when Parts has none
	Errors      []string
	Responsible bool // responsibility accepted
	Regret      string
	Explanation string // the root cause in words
	ClientFix   string // what the client suggested
	Remedies    []Remedy
	Commitments []Commitment
	Change      string // what changes so it does not happen again
}

// Feedback is the client's answer a thank-you letter is written for.
type Feedback struct {
	Answered     time.Time
	Satisfaction int // 1–5, or 0 when not given
	Recommend    int // 0–10, or -1 when not given
	Comment      string
}

// Loss is why and when a client left, for a win-back letter.
type Loss struct {
	LostOn time.Time
	Reason string
	Story  string
}

// Input is everything a draft is written from. Only Kind, Lang and Client are
// required; the rest is used where the kind needs it.
type Input struct {
	Kind Kind
	Lang string // one of Languages
	Date time.Time
	// We is the sender's voice: true for a small firm ("we"), false for a consultant
	// who works alone ("I"). Every default template keeps to it.
	We        bool
	Client    Client
	Sender    Sender
	Complaint *Complaint
	Feedback  *Feedback
	Loss      *Loss
	// Change is what we changed, when it is not a complaint's (thank-you,
	// win-back); a complaint's Change is used when this is empty.
	Change string
	// Batch marks a letter drafted with many others and printed without being edited:
	// templates leave out what would otherwise be a [placeholder] to fill in.
	Batch bool
}
