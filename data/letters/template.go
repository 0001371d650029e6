package letters

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/amends/amends/assets"
	"github.com/amends/amends/data"
)

// DefaultTemplate returns the template Amends ships for kind in lang.
func DefaultTemplate(k Kind, lang string) (string, error) {
	return assets.LetterTemplate(string(k), normLang(lang))
}

// TemplateSetting is the settings key under which the user's own template for
// kind in lang is stored.
func TemplateSetting(k Kind, lang string) string {
	return "letter_template." + string(k) + "." + normLang(lang)
}

// TemplateError is a template that cannot be used, with the line it fails on
// (0 when the problem is not on one line).
type TemplateError struct {
	Name string // e.g. "apology.en"
	Line int
	Msg  string
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d of the %s template: %s", e.Line, e.Name, e.Msg)
	}
	return fmt.Sprintf("the %s template: %s", e.Name, e.Msg)
}

// The parts a template defines with {{define "…"}}. Only the body is required.
const (
	partSubject    = "subject"
	partSalutation = "salutation"
	partBody       = "body"
	partClosing    = "closing"
	partSigner     = "signer"
)

// maxOutput bounds what one template may write, so a runaway loop in a user's
// template ends with a message instead of eating memory.
const maxOutput = 256 << 10

// FieldHelp lists what templates can use, for the template editor.
const FieldHelp = `Parts: {{define "subject"}}…{{end}}, "salutation", "body" (blank lines separate paragraphs), "closing", "signer".
Fields: .Date .Salutation .SignOff .Tenure .Change .We (true: you write as a firm, "we"; false: alone, "I") .Batch (true in a batch of letters, printed unread: no [placeholders]) · .Client.Name .Client.Company .Client.Since · .Sender.Name .Sender.Business .Sender.Phone .Sender.Email .Sender.Website
Complaint (apology, follow-up): .Complaint.Date .Complaint.Spoke .Complaint.Confirmed .Complaint.Record .Complaint.Account .Complaint.Errors .Complaint.Responsibility .Complaint.Regret .Complaint.Explanation .Complaint.ClientFix .Complaint.RemedyLines .Complaint.CommitmentLines .Complaint.AllAccepted .Complaint.Change
Feedback (thank-you): .Feedback.Answered .Feedback.Satisfaction .Feedback.Recommend .Feedback.Comment · Loss (win-back): .Loss.LostOn .Loss.Reason .Loss.Story
Functions: voice "words alone" "words as a firm" (the voice set in Settings: {{voice "I am" "we are"}}) · on DATE ("on 23 November 2026" in the letter's language) · bullets LIST · quote TEXT · sentence TEXT · upper TEXT · lower TEXT · join LIST SEP`

// view is what a template sees: every value already formatted for the language.
type view struct {
	Kind, Lang string
	Date       string
	Client     clientView
	Salutation string
	SignOff    string
	Sender     Sender
	Tenure     string
	Change     string
	Batch      bool // one of many letters printed without being read one by one
	We         bool // the sender writes as a small firm ("we"); false: alone ("I")
	Complaint  *complaintView
	Feedback   *feedbackView
	Loss       *lossView
}

type clientView struct{ Name, Company, Since string }

type complaintView struct {
	Date, Received, Spoke string
	Confirmed             bool
	Record, Account       string
	// Feeling is how the client felt, to reflect ("this left you feeling …"); What is
	// the specific thing regretted ("that the report came two weeks late").
	Feeling, What       string
	Errors              []string
	Responsibility      bool
	Regret, Explanation string
	ClientFix, Change   string
	Remedies            []remedyView
	Commitments         []commitmentView
	RemedyLines         []string
	CommitmentLines     []string
	AllAccepted         bool
}

type remedyView struct {
	Text, Due string
	Accepted  bool
}

type commitmentView struct{ What, When, Channel string }

type feedbackView struct {
	Answered     string
	Satisfaction int
	Recommend    int
	Comment      string
}

type lossView struct{ LostOn, Reason, Story string }

func newView(in Input) *view {
	lang := normLang(in.Lang)
	v := &view{
		Kind: string(in.Kind), Lang: lang,
		Date:       FormatDate(lang, in.Date),
		Client:     clientView{Name: in.Client.Name, Company: strings.TrimSpace(in.Client.Company), Since: FormatDate(lang, in.Client.Since)},
		Salutation: salutation(lang, in.Client),
		SignOff:    strings.TrimSpace(in.Sender.SignOff),
		Sender:     in.Sender,
		Change:     strings.TrimSpace(in.Change),
		Batch:      in.Batch,
		We:         in.We,
	}
	if v.SignOff == "" {
		v.SignOff = DefaultSignOff(lang)
	}
	until := in.Date
	if in.Loss != nil && !in.Loss.LostOn.IsZero() {
		until = in.Loss.LostOn
	}
	v.Tenure = tenure(lang, in.Client.Since, until)
	if k := in.Complaint; k != nil {
		cv := &complaintView{
			Received: FormatDate(lang, k.Received), Spoke: FormatDate(lang, k.InterviewOn),
			Account: strings.TrimSpace(k.Account),
			Regret:  strings.TrimSpace(k.Regret), Explanation: strings.TrimSpace(k.Explanation),
			ClientFix: strings.TrimSpace(k.ClientFix), Change: strings.TrimSpace(k.Change),
			Responsibility: k.Responsible,
		}
		parts := data.RoundParts{What: bare(k.Parts.What), Impact: bare(k.Parts.Impact), Feeling: bare(k.Parts.Feeling)}
		if k.Confirmed {
			switch r := StripLeadIn(lang, k.Record); {
			case parts.What != "" && strings.Contains(strings.ToLower(k.Record), strings.ToLower(parts.What)):
				// Composed from its parts: quote what happened and its impact, and
				// reflect the feeling on its own.
				q := parts.What
				if parts.Impact != "" {
					q += talkOf(lang).impactJoin + lowerFirst(parts.Impact)
				}
				cv.Confirmed, cv.Record = true, quote(lang, sentence(upperFirst(q)))
				cv.Feeling, cv.What = parts.Feeling, parts.What
			case r != "":
				cv.Confirmed, cv.Record = true, quote(lang, sentence(r))
			}
		}
		if cv.Feeling == "" {
			cv.Feeling = bare(k.Feeling)
		}
		if !loc(lang).nounsCapital {
			cv.Feeling = lowerFirst(cv.Feeling)
		}
		if k.Explanation != "" && len(Blame(k.Explanation)) > 0 {
			// An explanation that names someone to blame is not printed: the template
			// asks for one in terms of our own process.
			cv.Explanation = ""
		}
		cv.Date = cv.Received
		if cv.Date == "" {
			cv.Date = cv.Spoke
		}
		if cv.Spoke == "" {
			cv.Spoke = cv.Date
		}
		for _, e := range k.Errors {
			if e = strings.TrimSpace(e); e != "" {
				cv.Errors = append(cv.Errors, sentence(upperFirst(e)))
				if cv.What == "" {
					cv.What = bare(e)
				}
			}
		}
		if !loc(lang).nounsCapital {
			cv.What = lowerFirst(cv.What)
		}
		agreed(cv, lang, in.We, *k, in.Date)
		if v.Change == "" {
			v.Change = cv.Change
		}
		v.Complaint = cv
	}
	if f := in.Feedback; f != nil {
		v.Feedback = &feedbackView{Answered: FormatDate(lang, f.Answered), Satisfaction: max(f.Satisfaction, 0),
			Recommend: f.Recommend, Comment: strings.TrimSpace(f.Comment)}
	}
	if l := in.Loss; l != nil {
		v.Loss = &lossView{LostOn: FormatDate(lang, l.LostOn), Reason: strings.TrimSpace(l.Reason), Story: strings.TrimSpace(l.Story)}
	}
	return v
}

// agreed fills in what was agreed with the client: the remedies and the commitments, and
// the sentences that say them (the letter's and the read-back's).
func agreed(cv *complaintView, lang string, we bool, k Complaint, date time.Time) {
	cv.AllAccepted = len(k.Remedies) > 0
	for _, r := range k.Remedies {
		rv := remedyView{Text: remedyText(lang, r), Due: FormatDate(lang, r.Due), Accepted: r.Accepted}
		if rv.Text == "" {
			continue
		}
		cv.AllAccepted = cv.AllAccepted && r.Accepted
		cv.Remedies = append(cv.Remedies, rv)
		line := upperFirst(rv.Text)
		if rv.Due != "" {
			line += fmt.Sprintf(loc(lang).remedy.by, rv.Due)
		}
		cv.RemedyLines = append(cv.RemedyLines, sentence(line))
	}
	for _, c := range k.Commitments {
		if strings.TrimSpace(c.What) == "" {
			continue
		}
		cmv := commitmentView{What: strings.TrimSpace(c.What), When: formatWhen(lang, c.Due), Channel: channelLabel(lang, c.Channel)}
		cv.Commitments = append(cv.Commitments, cmv)
		cv.CommitmentLines = append(cv.CommitmentLines, PromiseLine(lang, we, c, date))
	}
}

// remedyValue is the remedy's value in the letter's language: "15 %", "3.600,00 EUR".
func remedyValue(lang string, r Remedy) string {
	switch {
	case r.Percent > 0:
		return fmt.Sprintf(loc(lang).percent, r.Percent)
	case r.Amount != 0:
		return FormatMoney(lang, r.Amount, r.Currency)
	}
	return strings.TrimSpace(r.Value)
}

// prepositions that let a description follow a discount directly: "a discount of 15%
// off the report invoice". Any other description goes in brackets, so the line reads as
// a sentence whatever was typed: "a discount of 450.00 EUR (December reporting fee waived)".
var prepositions = setOf("off on for of against from auf für von vom zum zur sur pour de du des sobre para en del sul sulla per di op voor van")

// remedyText writes what the client gets as a noun phrase: "a discount of 15% off the
// report invoice", "a credit of 3,600.00 EUR (four workshop days credited)", "the last
// deliverable reworked in full (worth 1,200.00 EUR)".
func remedyText(lang string, r Remedy) string {
	w := loc(lang).remedy
	desc := strings.TrimRight(strings.TrimSpace(r.Description), ".;,")
	val := remedyValue(lang, r)
	attach := func(head string) string {
		if desc == "" {
			return head
		}
		if first, _, _ := strings.Cut(desc, " "); prepositions[strings.ToLower(first)] {
			return head + " " + desc
		}
		return head + " (" + desc + ")"
	}
	of := func(withVal, without string) string {
		if val != "" {
			return attach(fmt.Sprintf(withVal, val))
		}
		return attach(without)
	}
	switch r.Kind {
	case "discount_percent", "discount_amount", "discount":
		return of(w.discountOf, w.discount)
	case "refund":
		return of(w.refundOf, w.refund)
	case "credit":
		return of(w.creditOf, w.credit)
	}
	if desc == "" {
		switch r.Kind {
		case "replacement":
			desc = w.replacement
		case "additional_service", "service":
			desc = w.service
		default:
			if val == "" {
				return ""
			}
			return val
		}
	}
	if val != "" {
		return lowerFirst(desc) + " (" + fmt.Sprintf(w.worth, val) + ")"
	}
	return lowerFirst(desc)
}

// channelLabel is a channel the UI offers in the letter's language; other text as typed.
func channelLabel(lang, ch string) string {
	if s, ok := loc(lang).channels[channelKey(ch)]; ok {
		return s
	}
	return strings.TrimSpace(ch)
}

// channelKey is the channel as the UI offers it ("email"), however it was typed: in
// English or in any letter language ("E-Mail", "Téléphone"); other text lower-cased.
func channelKey(ch string) string {
	ch = strings.ToLower(strings.TrimSpace(ch))
	if _, ok := locales["en"].channels[ch]; ok {
		return ch
	}
	for _, l := range locales {
		for key, label := range l.channels {
			if strings.ToLower(label) == ch {
				return key
			}
		}
	}
	switch ch {
	case "e-mail", "mail":
		return "email"
	case "telephone", "call", "phone call":
		return "phone"
	}
	return ch
}

// withChannel adds how a promise is kept to what is promised: after it, or in German and
// Dutch, whose infinitive comes last, before its verb ("den Bericht per E-Mail schicken").
func withChannel(l *locale, what, phrase string) string {
	if l.inverts {
		if i := strings.LastIndexByte(what, ' '); i > 0 {
			return what[:i] + " " + phrase + what[i:]
		}
	}
	return what + " " + phrase
}

// PromiseLine writes a commitment as the letter dated at says it: a promise still to
// keep, one kept ("I promised to …, and did so on …"), or one whose time has passed
// undone, which says so and leaves a gap for the new date. It never promises a date
// already past.
func PromiseLine(lang string, we bool, c Commitment, at time.Time) string {
	switch {
	case !c.Done.IsZero():
		return talkOf(lang).kept(we, promiseWhat(lang, c), formatWhen(lang, c.Due), onDate(lang, FormatDate(lang, c.Done)))
	case !at.IsZero() && c.Due.Before(at):
		return talkOf(lang).overdue(we, promiseWhat(lang, c), formatWhen(lang, c.Due))
	}
	return commitmentLine(lang, we, c)
}

// commitmentLine writes a promise as a sentence in the sender's voice: "I will email
// the revised report by Tuesday 8 December 2026 at 16:00."
func commitmentLine(lang string, we bool, c Commitment) string {
	return sentence(loc(lang).commit(we, promiseWhat(lang, c), formatWhen(lang, c.Due)))
}

// promiseWhat is what was promised, with how it is kept added only where the action does
// not name it already: "email the report" stays, "send the report" + email becomes "send
// the report by email".
func promiseWhat(lang string, c Commitment) string {
	l := loc(lang)
	what := lowerFirst(strings.TrimRight(strings.TrimSpace(c.What), ".;,"))
	if key := channelKey(c.Channel); key != "" {
		named := false
		lw := strings.ToLower(what)
		for _, k := range l.channelInWhat[key] {
			if strings.Contains(lw, k) {
				named = true
			}
		}
		if !named {
			phrase, ok := l.channelWords[key]
			if !ok {
				phrase = "(" + strings.TrimSpace(c.Channel) + ")"
			}
			what = withChannel(l, what, phrase)
		}
	}
	return what
}

func funcs(lang string, we bool) template.FuncMap {
	return template.FuncMap{
		// voice picks the words for a consultant who works alone or for a small firm:
		// {{voice "I am" "we are"}}.
		"voice": func(alone, firm string) string {
			if we {
				return firm
			}
			return alone
		},
		// on writes "on 10 November 2026" the language's way: "am 10. November 2026",
		// "le 10 novembre 2026", "l’8 dicembre 2026".
		"on": func(date string) string { return onDate(lang, date) },
		"bullets": func(items []string) string {
			var b strings.Builder
			for i, it := range items {
				if i > 0 {
					b.WriteByte('\n')
				}
				b.WriteString("– " + strings.TrimSpace(it))
			}
			return b.String()
		},
		"quote":    func(s string) string { return quote(lang, s) },
		"sentence": sentence,
		"upper":    upperFirst,
		"lower":    strings.ToLower,
		"join":     func(items []string, sep string) string { return strings.Join(items, sep) },
	}
}

// maxRange bounds {{range N}} over numbers, nested ones multiplied: text/template
// has no step limit, and a loop that writes nothing would otherwise run for hours.
const maxRange = 10000

var errPos = regexp.MustCompile(`:(\d+):\d+$`)

// checkLoops refuses ranges over large numbers, with the line they are on.
func checkLoops(name string, t *parse.Tree, n parse.Node, mult int64) error {
	walk := func(l *parse.ListNode, m int64) error {
		if l == nil {
			return nil
		}
		for _, c := range l.Nodes {
			if err := checkLoops(name, t, c, m); err != nil {
				return err
			}
		}
		return nil
	}
	switch n := n.(type) {
	case *parse.ListNode:
		return walk(n, mult)
	case *parse.RangeNode:
		inner := mult
		if n.Pipe != nil {
			for _, cmd := range n.Pipe.Cmds {
				for _, arg := range cmd.Args {
					num, ok := arg.(*parse.NumberNode)
					if !ok {
						continue
					}
					if num.IsInt && num.Int64 <= maxRange/inner {
						inner *= max(num.Int64, 1)
						continue
					}
					line := 0
					loc, _ := t.ErrorContext(n)
					if m := errPos.FindStringSubmatch(loc); m != nil {
						line, _ = strconv.Atoi(m[1])
					}
					return &TemplateError{Name: name, Line: line,
						Msg: fmt.Sprintf("{{range %s}} repeats too often; at most %d times in all", num.Text, maxRange)}
				}
			}
		}
		if err := walk(n.List, inner); err != nil {
			return err
		}
		return walk(n.ElseList, mult)
	case *parse.IfNode:
		if err := walk(n.List, mult); err != nil {
			return err
		}
		return walk(n.ElseList, mult)
	case *parse.WithNode:
		if err := walk(n.List, mult); err != nil {
			return err
		}
		return walk(n.ElseList, mult)
	}
	return nil
}

// Parse checks a template without filling it in, for the template editor.
func Parse(name, text string) error {
	_, err := parseTemplate(name, text, "en", false)
	return err
}

func parseTemplate(name, text, lang string, we bool) (t *template.Template, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, &TemplateError{Name: name, Msg: fmt.Sprint("cannot be read: ", r)}
		}
	}()
	t, err = template.New(name).Funcs(funcs(lang, we)).Parse(text)
	if err != nil {
		return nil, templateError(name, err)
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			if err := checkLoops(name, tt.Tree, tt.Tree.Root, 1); err != nil {
				return nil, err
			}
		}
	}
	if t.Lookup(partBody) == nil {
		return nil, &TemplateError{Name: name, Msg: `it has no body: add {{define "body"}} … {{end}} around the letter text`}
	}
	return t, nil
}

var (
	errLine   = regexp.MustCompile(`^template: [^:]*:(\d+)(?::\d+)?: (.*)$`)
	errField  = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: can't evaluate field (\S+) in type .*$`)
	errAt     = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: (.*)$`)
	errTooBig = errors.New("the template writes far too much text (is there a loop that never ends?)")
)

// templateError turns a text/template error into one that names the line and
// says what is wrong without Go type names.
func templateError(name string, err error) error {
	if errors.Is(err, errTooBig) {
		return &TemplateError{Name: name, Msg: errTooBig.Error()}
	}
	msg := err.Error()
	line := 0
	if m := errLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if m := errField.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("{{%s}}: there is no field %q here", m[1], m[2])
	} else if m := errAt.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("{{%s}}: %s", m[1], m[2])
	}
	msg = strings.TrimPrefix(msg, "template: ")
	msg = strings.NewReplacer("wrong type for value; ", "", "expected []string", "expected a list",
		"; got string", ", got text", "; got int", ", got a number", "; got bool", ", got yes/no").Replace(msg)
	return &TemplateError{Name: name, Line: line, Msg: msg}
}

// limited is a buffer that refuses to grow past maxOutput.
type limited struct{ bytes.Buffer }

func (l *limited) Write(p []byte) (int, error) {
	if l.Len()+len(p) > maxOutput {
		return 0, errTooBig
	}
	return l.Buffer.Write(p)
}

// Write drafts a letter from in with the template text (the kind's default
// when text is ""). A template that cannot be parsed or run gives a
// *TemplateError naming the line.
func Write(in Input, text string) (d Draft, err error) {
	if _, err := ParseKind(string(in.Kind)); err != nil {
		return Draft{}, err
	}
	lang := normLang(in.Lang)
	if in.Kind.NeedsComplaint() && in.Complaint == nil {
		return Draft{}, fmt.Errorf("an %s letter is written from a complaint; choose one", strings.ToLower(in.Kind.Label()))
	}
	if text == "" {
		if text, err = DefaultTemplate(in.Kind, lang); err != nil {
			return Draft{}, err
		}
	}
	name := string(in.Kind) + "." + lang
	t, err := parseTemplate(name, text, lang, in.We)
	if err != nil {
		return Draft{}, err
	}
	v := newView(in)
	run := func(part string) (s string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &TemplateError{Name: name, Msg: fmt.Sprint("failed: ", r)}
			}
		}()
		if t.Lookup(part) == nil {
			return "", nil
		}
		var b limited
		if err := t.ExecuteTemplate(&b, part, v); err != nil {
			return "", templateError(name, err)
		}
		return b.String(), nil
	}
	var parts [5]string
	for i, p := range []string{partSubject, partSalutation, partBody, partClosing, partSigner} {
		if parts[i], err = run(p); err != nil {
			return Draft{}, err
		}
	}
	d = Draft{
		Subject:    oneLine(parts[0]),
		Salutation: oneLine(parts[1]),
		Closing:    oneLine(parts[3]),
		Signer:     oneLine(parts[4]),
	}
	for _, p := range SplitBody(parts[2]) {
		lines := strings.Split(p, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		d.Body = append(d.Body, strings.Join(lines, "\n"))
	}
	if d.Salutation == "" {
		d.Salutation = v.Salutation
	}
	if d.Closing == "" {
		d.Closing = v.SignOff
	}
	if d.Signer == "" {
		d.Signer = strings.TrimSpace(in.Sender.Name)
	}
	return d, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
