package documents

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// EmailOf makes the email draft of a recorded letter to the client's address: the
// letter's text in the message and pdfData, the letter laid out for email (no window
// address, no fold marks), attached.
func EmailOf(l data.Letter, client data.Client, pdfData []byte, date time.Time) (MailDraft, error) {
	to := strings.TrimSpace(client.Email)
	if to == "" {
		return MailDraft{}, fmt.Errorf("%s has no email address; add it in the client file", client.Name)
	}
	d := MailDraft{To: to, ToName: strings.TrimSpace(client.Name), Subject: l.Subject, Date: date,
		Attachments: []MailFile{{Name: letters.FileName(l, client.Name), Type: "application/pdf", Data: pdfData}}}
	if a := strings.TrimSpace(l.Sender.Email); a != "" {
		d.From = (&mail.Address{Name: l.Sender.Name, Address: a}).String()
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
	d.Body = b.String()
	return d, nil
}
