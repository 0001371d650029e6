package letters

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/pdf"
)

// ErrNoAddress is returned for a client without a postal address: a letter
// for a window envelope cannot be printed without one.
var ErrNoAddress = errors.New("has no postal address; add it in the client file")

// Recipient is the client's address as printed in the envelope window: name,
// company, street lines, town with postcode in the country's order, country in
// capitals unless it is the sender's own.
func Recipient(c data.Client, sender data.LetterSender) ([]string, error) {
	a := c.Address
	if strings.TrimSpace(a.Lines) == "" && strings.TrimSpace(a.City) == "" {
		return nil, fmt.Errorf("%s %w", c.Name, ErrNoAddress)
	}
	out := []string{strings.TrimSpace(c.Name)}
	if co := strings.TrimSpace(c.Company); co != "" && co != out[0] {
		out = append(out, co)
	}
	for _, l := range strings.Split(a.Lines, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	pc, city, country := strings.TrimSpace(a.Postcode), strings.TrimSpace(a.City), strings.TrimSpace(a.Country)
	switch strings.ToLower(country) {
	case "singapore":
		// A city-state: one last line, "SINGAPORE 238801", which names the country too.
		out = append(out, strings.TrimSpace("SINGAPORE "+pc))
		country = ""
	case "united kingdom", "uk", "great britain", "england", "scotland", "wales", "northern ireland", "ireland":
		// Town and postcode on lines of their own.
		out = append(out, strings.ToUpper(city), pc)
	case "united states", "usa", "us", "canada", "australia":
		out = append(out, strings.TrimSpace(city+" "+pc))
	default:
		out = append(out, strings.TrimSpace(pc+" "+city))
	}
	if country != "" && !strings.Contains(strings.ToLower(strings.Join(sender.Address, " ")), strings.ToLower(country)) {
		out = append(out, strings.ToUpper(country))
	}
	var lines []string
	for _, l := range out {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines, nil
}

// Template is the user's template for kind in lang from the settings, or the
// default when they have none.
func Template(ctx context.Context, db *data.DB, k Kind, lang string) (string, error) {
	t, err := db.Setting(ctx, TemplateSetting(k, lang), "")
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(t) == "" {
		return DefaultTemplate(k, lang)
	}
	return t, nil
}

// Source is what Gather read from the store, for the editor and for recording.
type Source struct {
	Client       data.Client
	ComplaintID  int64 // the complaint the letter is about; 0 for none
	NotConfirmed bool
	Letterhead   data.Letterhead
	// LetterheadDamage names the letterhead settings that could not be read and are left
	// out of the letter (nil when all could): the letter is made, the user should be told.
	LetterheadDamage *data.LetterheadDamage
}

// Gather reads from the store what a letter of kind k needs: the client, the
// complaint's interview (apology, follow-up: the newest complaint when
// complaintID is 0), the newest answered feedback (thank-you), the newest loss
// (win-back), the letterhead and the language from the client's country.
func Gather(ctx context.Context, db *data.DB, k Kind, clientID, complaintID int64, today time.Time) (Input, Source, error) {
	var src Source
	if _, err := ParseKind(string(k)); err != nil {
		return Input{}, src, err
	}
	if complaintID != 0 {
		kc, err := db.Complaint(ctx, complaintID)
		if err != nil {
			return Input{}, src, err
		}
		if clientID != 0 && kc.ClientID != clientID {
			return Input{}, src, fmt.Errorf("complaint %d is about another client", complaintID)
		}
		clientID = kc.ClientID
	}
	c, err := db.Client(ctx, clientID)
	if err != nil {
		return Input{}, src, err
	}
	lh, err := db.Letterhead(ctx)
	if err != nil && !errors.As(err, &src.LetterheadDamage) {
		return Input{}, src, err
	}
	cur, err := db.Currency(ctx)
	if err != nil {
		return Input{}, src, err
	}
	src.Client, src.Letterhead = c, lh
	lang := LanguageFor(c.Address.Country)
	in := Input{Kind: k, Lang: lang, Date: today,
		Client: Client{Name: c.Name, Company: c.Company, Salutation: c.Salutation, Since: c.Since.Time},
		Sender: Sender{Name: lh.Name, Business: lh.Business, Phone: lh.Phone, Email: lh.Email, Website: lh.Website},
	}
	in.Sender.SignOff = lh.SignOffEN
	if lang == "de" {
		in.Sender.SignOff = lh.SignOffDE
	}

	if complaintID == 0 && (k == FollowUp || k == WinBack) {
		ks, err := db.ListComplaints(ctx, data.ComplaintFilter{ClientID: clientID}, 1)
		if err != nil {
			return Input{}, src, err
		}
		if len(ks) > 0 {
			if k == FollowUp {
				complaintID = ks[0].ID
			} else {
				in.Change = ks[0].ProcedureChange
			}
		}
	}
	if k.NeedsComplaint() && complaintID == 0 {
		return Input{}, src, fmt.Errorf("an %s letter is written from a complaint; choose one", strings.ToLower(k.Label()))
	}
	if complaintID != 0 && (k == Apology || k == FollowUp) {
		if in.Complaint, err = gatherComplaint(ctx, db, complaintID, cur); err != nil {
			return Input{}, src, err
		}
		src.NotConfirmed = !in.Complaint.Confirmed
	}
	src.ComplaintID = complaintID
	switch k {
	case Thanks:
		fs, err := db.ClientFeedback(ctx, clientID)
		if err != nil {
			return Input{}, src, err
		}
		for _, f := range fs {
			if !f.Answered.IsZero() {
				in.Feedback = &Feedback{Answered: f.Answered.Time, Satisfaction: max(f.Satisfaction, 0), Recommend: f.Recommend, Comment: f.Comment}
				break
			}
		}
	case WinBack:
		ls, err := db.Losses(ctx, clientID)
		if err != nil {
			return Input{}, src, err
		}
		if len(ls) > 0 {
			in.Loss = &Loss{LostOn: ls[0].LostOn.Time, Reason: ls[0].Reason, Story: ls[0].Story}
		}
	}
	return in, src, nil
}

func gatherComplaint(ctx context.Context, db *data.DB, id int64, currency string) (*Complaint, error) {
	k, err := db.Complaint(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &Complaint{
		InterviewOn: k.InterviewOn.Time, Confirmed: k.RestateState == data.RestateConfirmed, Record: k.Record,
		Account: k.Account, Responsible: k.Responsibility, Regret: k.Regret, ClientFix: k.ClientFix,
		Explanation: k.RootCauseText, Change: k.ProcedureChange,
	}
	if k.AlertID != 0 {
		if a, err := db.Alert(ctx, k.AlertID); err == nil {
			out.Received = a.Received.Local()
		}
	}
	if out.InterviewOn.IsZero() {
		out.InterviewOn = k.Created.Local()
	}
	errs, err := db.AckErrors(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, e := range errs {
		out.Errors = append(out.Errors, e.Text)
	}
	rs, err := db.Remedies(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		out.Remedies = append(out.Remedies, Remedy{Kind: string(r.Kind), Description: r.Description,
			Value: r.ValueText(currency), Due: r.Due.Time, Accepted: r.Accepted})
	}
	cs, err := db.Commitments(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		out.Commitments = append(out.Commitments, Commitment{What: c.What, Due: c.Due.Local(), Channel: c.Channel})
	}
	return out, nil
}

// Record makes the letter to be recorded from an edited draft.
func Record(k Kind, lang, paper string, date time.Time, d Draft, src Source) (data.Letter, error) {
	sender := src.Letterhead.Sender()
	rcpt, err := Recipient(src.Client, sender)
	if err != nil {
		return data.Letter{}, err
	}
	return data.Letter{
		ClientID: src.Client.ID, ComplaintID: src.ComplaintID, Kind: string(k), Paper: paper, Lang: normLang(lang),
		Date: data.DateOf(date), Place: strings.TrimSpace(src.Letterhead.Place), Recipient: rcpt, Sender: sender,
		Subject: d.Subject, Salutation: d.Salutation, Body: d.Body, Closing: d.Closing, Signer: d.Signer,
	}, nil
}

// DraftOf is the text of a recorded letter, for editing or reprinting.
func DraftOf(l data.Letter) Draft {
	return Draft{Subject: l.Subject, Salutation: l.Salutation, Body: l.Body, Closing: l.Closing, Signer: l.Signer}
}

// PDF lays out a recorded letter on paper with the letterhead's images and
// address offsets: everything printed comes from l, so a reprint is identical.
func PDF(l data.Letter, lh data.Letterhead) (pdf.Letter, error) {
	paper, err := pdf.ParsePaper(l.Paper)
	if err != nil {
		return pdf.Letter{}, err
	}
	return pdf.Letter{
		Paper:  paper,
		Offset: pdf.Offset{X: lh.OffsetX, Y: lh.OffsetY},
		Sender: pdf.Letterhead{Name: l.Sender.Name, Business: l.Sender.Business, Address: l.Sender.Address,
			Phone: l.Sender.Phone, Email: l.Sender.Email, Website: l.Sender.Website, Logo: lh.Logo, Signature: lh.Signature},
		Recipient: l.Recipient, Place: l.Place, Date: l.Date.Time, Lang: l.Lang,
		Subject: l.Subject, Salutation: l.Salutation, Body: l.Body, Closing: l.Closing, SignerName: l.Signer,
	}, nil
}

// Render writes the PDF of a recorded letter to w.
func Render(w io.Writer, l data.Letter, lh data.Letterhead) (pdf.Result, error) {
	p, err := PDF(l, lh)
	if err != nil {
		return pdf.Result{}, err
	}
	return pdf.Render(w, p)
}

// FileName is a sensible name for the saved PDF: "2026-11-23 Apology - Zoë Ørsted.pdf",
// with characters file systems refuse replaced.
func FileName(l data.Letter, clientName string) string {
	name := strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(clientName))
	if name == "" {
		name = "client"
	}
	k := Kind(l.Kind)
	return fmt.Sprintf("%s %s - %s.pdf", l.Date.String(), k.Label(), name)
}

// Latest returns the letter to print for a kind: the newest recorded one (its
// edited text, stored true) or else a fresh draft from the user's template,
// recorded as saved. paper "" means the stored letter's paper or the
// letterhead's default.
func Latest(ctx context.Context, db *data.DB, k Kind, clientID, complaintID int64, paper string, today time.Time) (l data.Letter, lh data.Letterhead, stored bool, err error) {
	if _, err := ParseKind(string(k)); err != nil {
		return l, lh, false, err
	}
	if paper != "" {
		p, err := pdf.ParsePaper(paper)
		if err != nil {
			return l, lh, false, err
		}
		paper = p.String()
	}
	in, src, err := Gather(ctx, db, k, clientID, complaintID, today)
	if err != nil {
		return l, lh, false, err
	}
	lh = src.Letterhead
	prev, ok, err := db.LatestLetter(ctx, src.Client.ID, complaintID, string(k))
	if err != nil {
		return l, lh, false, err
	}
	if ok {
		if paper != "" {
			prev.Paper = paper
		}
		return prev, lh, true, nil
	}
	if paper == "" {
		paper = lh.Paper
	}
	tmpl, err := Template(ctx, db, k, in.Lang)
	if err != nil {
		return l, lh, false, err
	}
	d, err := Write(in, tmpl)
	if err != nil {
		return l, lh, false, err
	}
	if l, err = Record(k, in.Lang, paper, today, d, src); err != nil {
		return l, lh, false, err
	}
	l, err = db.SaveLetter(ctx, l, false)
	return l, lh, false, err
}

// WriteFile renders l into path through a temporary file in the same folder,
// so a failure (disk full, no permission) never leaves half a PDF behind.
func WriteFile(path string, l data.Letter, lh data.Letterhead) (pdf.Result, error) {
	var res pdf.Result
	// 0644: CreateTemp makes files private; a saved letter is an ordinary document.
	err := atomicfile.Write(path, 0o644, func(w io.Writer) (err error) {
		res, err = Render(w, l, lh)
		return err
	})
	return res, err
}
