package documents

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// MailDraft is an email to open in the user's mail program, ready to send: plain values,
// so that every kind of email Amends drafts (feedback requests, letters) is written here.
type MailDraft struct {
	From        string // the consultant: "Name <address>" or an address; may be empty
	To          string // the client's address, or "Name <address>"
	ToName      string
	Subject     string
	Body        string // plain text
	Date        time.Time
	Attachments []MailFile
}

// MailFile is a file attached to a draft.
type MailFile struct {
	Name, Type string
	Data       []byte
}

// WriteDraft writes d as an .eml file marked unsent (X-Unsent: 1), which Outlook, Apple
// Mail and Thunderbird open as a new message to edit and send, not as one received.
func WriteDraft(w io.Writer, d MailDraft) error {
	var h gomail.Header
	if d.Date.IsZero() {
		d.Date = time.Now()
	}
	h.SetDate(d.Date)
	h.SetSubject(d.Subject)
	if to, err := gomail.ParseAddress(d.To); err == nil {
		if to.Name == "" {
			to.Name = d.ToName
		}
		h.SetAddressList("To", []*gomail.Address{to})
	} else if strings.TrimSpace(d.To) != "" {
		return fmt.Errorf("write the email draft: the address %q cannot be used: %w", d.To, err)
	}
	if from, err := gomail.ParseAddress(d.From); err == nil {
		h.SetAddressList("From", []*gomail.Address{from})
	}
	h.Set("X-Unsent", "1")
	body := strings.ReplaceAll(strings.ReplaceAll(d.Body, "\r\n", "\n"), "\n", "\r\n")
	if err := writeParts(w, h, body, d.Attachments); err != nil {
		return fmt.Errorf("write the email draft: %w", err)
	}
	return nil
}

// writeParts writes the message: the text alone, or the text and the files.
func writeParts(w io.Writer, h gomail.Header, body string, files []MailFile) error {
	if len(files) == 0 {
		h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
		mw, err := gomail.CreateSingleInlineWriter(w, h)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(mw, body); err != nil {
			return err
		}
		return mw.Close()
	}
	mw, err := gomail.CreateWriter(w, h)
	if err != nil {
		return err
	}
	var th gomail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(tw, body); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	for _, f := range files {
		var ah gomail.AttachmentHeader
		ah.SetContentType(f.Type, nil)
		ah.SetFilename(f.Name)
		aw, err := mw.CreateAttachment(ah)
		if err != nil {
			return err
		}
		if _, err := aw.Write(f.Data); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
	}
	return mw.Close()
}

// MailtoURL is the draft as a mailto: link, for when no program opens .eml files.
func MailtoURL(d MailDraft) *url.URL {
	q := url.Values{}
	q.Set("subject", d.Subject)
	q.Set("body", d.Body)
	// mailto wants %20 for spaces: "+" would reach the mail program as a plus sign.
	return &url.URL{Scheme: "mailto", Opaque: url.PathEscape(strings.TrimSpace(d.To)),
		RawQuery: strings.ReplaceAll(q.Encode(), "+", "%20")}
}

// DraftFileName is a file name for a draft: the subject without characters file systems refuse.
func DraftFileName(subject string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, strings.TrimSpace(subject))
	if name == "" {
		name = "email"
	}
	return name + ".eml"
}

// senderFor is the consultant as letters and emails in lang sign: the letterhead's
// name and contacts with the sign-off for that language.
func senderFor(lh data.Letterhead, lang string) letters.Sender {
	return letters.Sender{Name: lh.Name, Business: lh.Business, Phone: lh.Phone, Email: lh.Email, Website: lh.Website,
		SignOff: SignOff(lh, lang)}
}

// FeedbackRequest drafts the email that asks client id for feedback, in the client's
// language, from the letterhead's sender. A letterhead that cannot be read in part still
// gives what it can: the request is signed with the name when there is one.
func FeedbackRequest(ctx context.Context, db *data.DB, id int64, now time.Time) (MailDraft, error) {
	c, err := db.Client(ctx, id)
	if err != nil {
		return MailDraft{}, err
	}
	lh, err := db.Letterhead(ctx)
	var dmg *data.LetterheadDamage
	if err != nil && !errors.As(err, &dmg) {
		return MailDraft{}, err
	}
	lang, err := clientLang(ctx, db, c)
	if err != nil {
		return MailDraft{}, err
	}
	subject, body := letters.FeedbackRequest(lang, letters.Client{Name: c.Name, Company: c.Company, Salutation: c.Salutation},
		senderFor(lh, lang))
	from := lh.Email
	if from != "" && lh.Name != "" {
		from = (&gomail.Address{Name: lh.Name, Address: lh.Email}).String()
	}
	return MailDraft{From: from, To: c.Email, ToName: c.Name, Subject: subject, Body: body, Date: now}, nil
}
