package documents

import (
	"bytes"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// Email is a letter as an email draft: the letter's text in the message and its PDF
// (the email layout: no window address, no fold marks) attached.
type Email struct {
	From, To string // "Name <address>" or a bare address
	Subject  string
	Text     string
	PDFName  string
	PDF      []byte
	Date     time.Time
}

// EmailOf makes the email draft of a recorded letter to the client's address; pdfData
// is the letter laid out for email.
func EmailOf(l data.Letter, client data.Client, pdfData []byte, date time.Time) (Email, error) {
	to := strings.TrimSpace(client.Email)
	if to == "" {
		return Email{}, fmt.Errorf("%s has no email address; add it in the client file", client.Name)
	}
	e := Email{
		To: (&mail.Address{Name: strings.TrimSpace(client.Name), Address: to}).String(), Subject: l.Subject,
		PDFName: letters.FileName(l, client.Name), PDF: pdfData, Date: date,
	}
	if a := strings.TrimSpace(l.Sender.Email); a != "" {
		e.From = (&mail.Address{Name: l.Sender.Name, Address: a}).String()
	}
	var b strings.Builder
	for _, s := range []string{l.Salutation, strings.Join(l.Body, "\n\n"), l.Closing, l.Signer} {
		if s = strings.TrimSpace(s); s != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(s)
		}
	}
	e.Text = b.String()
	return e, nil
}

// WriteEML writes e as an unsent message (X-Unsent: 1) that mail programs open as a
// draft to send: Outlook, Thunderbird, Apple Mail.
func WriteEML(w io.Writer, e Email) error {
	var h gomail.Header
	h.SetDate(e.Date)
	h.SetSubject(e.Subject)
	if e.From != "" {
		from, err := mail.ParseAddress(e.From)
		if err != nil {
			return fmt.Errorf("email draft: the sender address %q: %w", e.From, err)
		}
		h.SetAddressList("From", []*gomail.Address{(*gomail.Address)(from)})
	}
	to, err := mail.ParseAddress(e.To)
	if err != nil {
		return fmt.Errorf("email draft: the client's address %q: %w", e.To, err)
	}
	h.SetAddressList("To", []*gomail.Address{(*gomail.Address)(to)})
	h.Set("X-Unsent", "1")
	var buf bytes.Buffer
	mw, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return fmt.Errorf("email draft: %w", err)
	}
	var th gomail.InlineHeader
	th.Set("Content-Type", "text/plain; charset=utf-8")
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return fmt.Errorf("email draft: %w", err)
	}
	io.WriteString(tw, e.Text)
	if err := tw.Close(); err != nil {
		return fmt.Errorf("email draft: %w", err)
	}
	var ah gomail.AttachmentHeader
	ah.Set("Content-Type", "application/pdf")
	ah.SetFilename(e.PDFName)
	aw, err := mw.CreateAttachment(ah)
	if err != nil {
		return fmt.Errorf("email draft: %w", err)
	}
	aw.Write(e.PDF)
	if err := aw.Close(); err != nil {
		return fmt.Errorf("email draft: %w", err)
	}
	if err := mw.Close(); err != nil {
		return fmt.Errorf("email draft: %w", err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// MailtoURL is the fallback when no mail program opens the draft: a mailto: link with
// the subject and text, without the attachment (mailto cannot carry one).
func MailtoURL(e Email) string {
	to := e.To
	if a, err := mail.ParseAddress(e.To); err == nil {
		to = a.Address
	}
	q := "subject=" + mailtoEscape(e.Subject) + "&body=" + mailtoEscape(strings.ReplaceAll(e.Text, "\n", "\r\n"))
	return "mailto:" + mailtoEscape(to) + "?" + q
}

// mailtoEscape percent-encodes s for a mailto: URL (RFC 6068): spaces as %20, not +.
func mailtoEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~@!$'()*,:", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
