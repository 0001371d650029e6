// Package documents gathers values from the store, drafts the text (package letters) and
// hands plain values to package pdf to lay out: letters, batches of win-back letters, the
// one-page interview summary and the retention report. The UI and the command line both
// use it. No Fyne: what the user sees around a document is theirs to say.
package documents

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/pdf"
	"github.com/amends/amends/pdf/fonts"
)

// Template is the user's template for kind in lang from the settings, or the
// default when they have none.
func Template(ctx context.Context, db *data.DB, k letters.Kind, lang string) (string, error) {
	t, err := db.Setting(ctx, letters.TemplateSetting(k, lang), "")
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(t) == "" {
		return letters.DefaultTemplate(k, lang)
	}
	return t, nil
}

// Gather reads from the store what a letter of kind k needs: the client, the
// complaint's interview (apology, follow-up: the newest complaint when
// complaintID is 0), the newest answered feedback (thank-you), the newest loss
// (win-back), the letterhead and the language from the client's country.
func Gather(ctx context.Context, db *data.DB, k letters.Kind, clientID, complaintID int64, today time.Time) (letters.Input, letters.Source, error) {
	var src letters.Source
	if _, err := letters.ParseKind(string(k)); err != nil {
		return letters.Input{}, src, err
	}
	if complaintID != 0 {
		kc, err := db.Complaint(ctx, complaintID)
		if err != nil {
			return letters.Input{}, src, err
		}
		if clientID != 0 && kc.ClientID != clientID {
			return letters.Input{}, src, fmt.Errorf("complaint %d is about another client", complaintID)
		}
		clientID = kc.ClientID
	}
	c, err := db.Client(ctx, clientID)
	if err != nil {
		return letters.Input{}, src, err
	}
	lh, err := db.Letterhead(ctx)
	if err != nil && !errors.As(err, &src.LetterheadDamage) {
		return letters.Input{}, src, err
	}
	cur, err := db.Currency(ctx)
	if err != nil {
		return letters.Input{}, src, err
	}
	src.Client, src.Letterhead = c, lh
	lang, err := clientLang(ctx, db, c)
	if err != nil {
		return letters.Input{}, src, err
	}
	in := letters.Input{Kind: k, Lang: lang, Date: today, We: lh.We(),
		Client: letters.Client{Name: c.Name, Company: c.Company, Salutation: c.Salutation, Since: c.Since.Time},
		Sender: senderFor(lh, lang),
	}

	if complaintID == 0 && (k == letters.FollowUp || k == letters.WinBack) {
		ks, err := db.ListComplaints(ctx, data.ComplaintFilter{ClientID: clientID}, 1)
		if err != nil {
			return letters.Input{}, src, err
		}
		if len(ks) > 0 {
			if k == letters.FollowUp {
				complaintID = ks[0].ID
			} else {
				in.Change = ks[0].ProcedureChange
			}
		}
	}
	if k.NeedsComplaint() && complaintID == 0 {
		return letters.Input{}, src, fmt.Errorf("an %s letter is written from a complaint; choose one", strings.ToLower(k.Label()))
	}
	if complaintID != 0 && (k == letters.Apology || k == letters.FollowUp) {
		f, err := db.InterviewFile(ctx, complaintID)
		if err != nil {
			return letters.Input{}, src, err
		}
		in.Complaint = letters.FromInterview(f, cur)
		src.NotConfirmed = !in.Complaint.Confirmed
		src.Commitments = in.Complaint.Commitments
	}
	src.ComplaintID = complaintID
	switch k {
	case letters.Thanks:
		fs, err := db.ClientFeedback(ctx, clientID)
		if err != nil {
			return letters.Input{}, src, err
		}
		for _, f := range fs {
			if !f.Answered.IsZero() {
				in.Feedback = &letters.Feedback{Answered: f.Answered.Time, Satisfaction: max(f.Satisfaction, 0), Recommend: f.Recommend, Comment: f.Comment}
				break
			}
		}
	case letters.WinBack:
		ls, err := db.Losses(ctx, clientID)
		if err != nil {
			return letters.Input{}, src, err
		}
		if len(ls) > 0 {
			in.Loss = &letters.Loss{LostOn: ls[0].LostOn.Time, Reason: ls[0].Reason, Story: ls[0].Story}
		}
	}
	return in, src, nil
}

// SignOff is the letterhead's sign-off for a letter in lang: the one set in Settings for
// English and German letters, "" (the language's default) for the others.
func SignOff(lh data.Letterhead, lang string) string {
	switch lang {
	case "en":
		return lh.SignOffEN
	case "de":
		return lh.SignOffDE
	}
	return ""
}

// CheckPaper reports whether name is a paper size letters are printed on ("a4", "letter"),
// so a command line can refuse a typo before it opens anything.
func CheckPaper(name string) error {
	_, err := pdf.ParsePaper(name)
	return err
}

// LetterPDF lays out a recorded letter on paper with the letterhead's images and
// address offsets: everything printed comes from l, so a reprint is identical.
func LetterPDF(l data.Letter, lh data.Letterhead) (pdf.Letter, error) {
	paper, err := pdf.ParsePaper(l.Paper)
	if err != nil {
		return pdf.Letter{}, err
	}
	dateLine, right := l.DateLine, l.DateRight
	if dateLine == "" {
		dateLine, right = letters.LegacyDateLine(l)
	}
	font, err := fonts.ByName(lh.Font)
	if err != nil {
		return pdf.Letter{}, err
	}
	return pdf.Letter{
		Font:   font,
		Paper:  paper,
		Offset: pdf.Offset{X: lh.OffsetX, Y: lh.OffsetY},
		Sender: pdf.Letterhead{Name: l.Sender.Name, Business: l.Sender.Business, Address: l.Sender.Address,
			Phone: l.Sender.Phone, Email: l.Sender.Email, Website: l.Sender.Website, Logo: lh.Logo, Signature: lh.Signature},
		Recipient: l.Recipient, DateLine: dateLine, DateRight: right, Date: l.Date.Time, Lang: l.Lang,
		Subject: l.Subject, Salutation: l.Salutation, Body: l.Body, Closing: l.Closing, SignerName: l.Signer,
	}, nil
}

// RenderLetter writes the PDF of a recorded letter to w.
func RenderLetter(w io.Writer, l data.Letter, lh data.Letterhead) (pdf.Result, error) {
	p, err := LetterPDF(l, lh)
	if err != nil {
		return pdf.Result{}, err
	}
	return pdf.Render(w, p)
}

// RenderEmailLetter writes the PDF of a letter to go with an email: the email layout,
// without envelope window and fold marks.
func RenderEmailLetter(w io.Writer, l data.Letter, lh data.Letterhead) (pdf.Result, error) {
	p, err := LetterPDF(l, lh)
	if err != nil {
		return pdf.Result{}, err
	}
	p.Email = true
	return pdf.Render(w, p)
}

// Latest returns the letter to print for a kind: the newest recorded one (its
// edited text, stored true) or else a fresh draft from the user's template,
// recorded as saved. paper "" means the stored letter's paper or the
// letterhead's default.
func Latest(ctx context.Context, db *data.DB, k letters.Kind, clientID, complaintID int64, paper string, today time.Time) (l data.Letter, lh data.Letterhead, stored bool, err error) {
	if _, err := letters.ParseKind(string(k)); err != nil {
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
	d, err := letters.Write(in, tmpl)
	if err != nil {
		return l, lh, false, err
	}
	if l, err = letters.Record(k, in.Lang, paper, today, d, src); err != nil {
		return l, lh, false, err
	}
	l, err = db.SaveLetter(ctx, l, false)
	return l, lh, false, err
}

// WriteLetterFile renders l into path through a temporary file in the same folder,
// so a failure (disk full, no permission) never leaves half a PDF behind.
func WriteLetterFile(path string, l data.Letter, lh data.Letterhead) (pdf.Result, error) {
	var res pdf.Result
	// Private (0600), like exports: a letter holds a client's name, address and story.
	err := atomicfile.Write(path, 0o600, func(w io.Writer) (err error) {
		res, err = RenderLetter(w, l, lh)
		return err
	})
	return res, err
}

// clientLang is the language a client is written to: the one their last letter was
// written in, or else the one of their country.
func clientLang(ctx context.Context, db *data.DB, c data.Client) (string, error) {
	lang, err := db.ClientLetterLang(ctx, c.ID)
	if err != nil {
		return "", err
	}
	if lang == "" {
		lang = letters.LanguageFor(c.Address.Country)
	}
	return lang, nil
}
