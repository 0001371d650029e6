package documents

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	gomail "github.com/emersion/go-message/mail"
)

// MailDraft is an email to open in the user's mail program, ready to send: plain values,
// so that every kind of email Amends drafts (feedback requests, letters) is written here.
type MailDraft struct {
	From    string // the consultant: "Name <address>" or an address; may be empty
	To      string // the client's address
	ToName  string
	Subject string
	Body    string // plain text
	Date    time.Time
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
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	mw, err := gomail.CreateSingleInlineWriter(w, h)
	if err != nil {
		return fmt.Errorf("write the email draft: %w", err)
	}
	body := strings.ReplaceAll(strings.ReplaceAll(d.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := io.WriteString(mw, body); err != nil {
		return fmt.Errorf("write the email draft: %w", err)
	}
	if err := mw.Close(); err != nil {
		return fmt.Errorf("write the email draft: %w", err)
	}
	return nil
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
