package documents

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	gomail "github.com/emersion/go-message/mail"

	"github.com/amends/amends/data/letters"
)

func TestEmailDraftParsesBack(t *testing.T) {
	db, c, k := complaintFixture(t, true)
	ctx := context.Background()
	c.Email = "joerg@mueller-soehne.example"
	in, src, err := Gather(ctx, db, letters.Apology, 0, k.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	src.Client.Email = c.Email
	src.Letterhead.Email = "anna@berger.example"
	d, err := letters.Write(in, "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := letters.RecordEmail(letters.Apology, in.Lang, today, d, src)
	if err != nil {
		t.Fatal(err)
	}
	var pdfData bytes.Buffer
	if _, err := RenderEmailLetter(&pdfData, l, src.Letterhead); err != nil {
		t.Fatal(err)
	}
	e, err := EmailOf(l, src.Client, pdfData.Bytes(), today)
	if err != nil {
		t.Fatal(err)
	}
	var eml bytes.Buffer
	if err := WriteDraft(&eml, e); err != nil {
		t.Fatal(err)
	}

	r, err := gomail.CreateReader(&eml)
	if err != nil {
		t.Fatal(err)
	}
	if r.Header.Get("X-Unsent") != "1" {
		t.Errorf("X-Unsent = %q", r.Header.Get("X-Unsent"))
	}
	to, err := r.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "joerg@mueller-soehne.example" || to[0].Name != "Jörg Müller" {
		t.Errorf("To = %v %v", to, err)
	}
	if from, _ := r.Header.AddressList("From"); len(from) != 1 || from[0].Address != "anna@berger.example" {
		t.Errorf("From = %v", from)
	}
	if s, err := r.Header.Subject(); err != nil || s != d.Subject || s == "" {
		t.Errorf("Subject = %q %v, want %q", s, err, d.Subject)
	}
	var text string
	var attached []byte
	var name string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p.Body)
		switch h := p.Header.(type) {
		case *gomail.InlineHeader:
			text = string(b)
		case *gomail.AttachmentHeader:
			name, _ = h.Filename()
			attached = b
			if ct, _, _ := h.ContentType(); ct != "application/pdf" {
				t.Errorf("attachment type %q", ct)
			}
		}
	}
	if !bytes.Equal(attached, pdfData.Bytes()) || !bytes.HasPrefix(attached, []byte("%PDF")) {
		t.Errorf("the attachment is not the letter's PDF (%d bytes, %d expected)", len(attached), pdfData.Len())
	}
	if name != "2026-11-23 Apology - Jörg Müller.pdf" {
		t.Errorf("attachment name %q", name)
	}
	if !strings.HasPrefix(text, "Sehr geehrter Herr Müller,") || !strings.Contains(text, "Ich war dafür verantwortlich") || !strings.HasSuffix(text, "Anna Berger") {
		t.Errorf("message text:\n%s", text)
	}

	u := MailtoURL(e)
	if u.Scheme != "mailto" || u.Opaque != "joerg@mueller-soehne.example" || u.Query().Get("subject") != d.Subject ||
		!strings.Contains(u.Query().Get("body"), "Ich war dafür verantwortlich") {
		t.Errorf("mailto %q", u)
	}
}

func TestEmailNeedsAnAddress(t *testing.T) {
	db, _, k := complaintFixture(t, true)
	in, src, err := Gather(context.Background(), db, letters.Apology, 0, k.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := letters.Write(in, "")
	if _, err := letters.RecordEmail(letters.Apology, in.Lang, today, d, src); err == nil {
		t.Fatal("a letter to a client without an email address was made into an email")
	}
}
