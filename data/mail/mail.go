// Package mail reads emails saved as files (.eml, RFC 5322 with MIME) into plain values
// for the timeline: date, from, to, subject, the text body and the attached files. It
// uses github.com/emersion/go-message, which decodes MIME parts, transfer encodings,
// encoded headers and the common character sets.
package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // ISO-8859-x, Windows-125x, … as mail programs write them
	gomail "github.com/emersion/go-message/mail"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"

	"github.com/amends/amends/data"
)

// ErrOutlookMsg refuses Outlook's own .msg format, which is not MIME.
var ErrOutlookMsg = errors.New("this is an Outlook .msg file, which Amends cannot read")

// ErrNotEmail refuses a file that is not an email.
var ErrNotEmail = errors.New("the file is not an email (.eml)")

// oleMagic starts every .msg file (an OLE compound file).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// IsEmailFile reports whether a file name is one Amends reads as an email (or refuses
// as Outlook's .msg with advice).
func IsEmailFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".eml", ".msg":
		return true
	}
	return false
}

// maxEmail bounds what is read of one email: its attachments may each be up to the
// attachment limit, and base64 makes them a third larger.
const maxEmail = 4 * data.MaxAttachmentSize

// Read parses one email file. name is only used to recognise Outlook's .msg.
func Read(name string, r io.Reader) (data.Email, error) {
	var m data.Email
	raw, err := io.ReadAll(io.LimitReader(r, maxEmail+1))
	if err != nil {
		return m, fmt.Errorf("read %s: %w", name, err)
	}
	if strings.EqualFold(filepath.Ext(name), ".msg") || bytes.HasPrefix(raw, oleMagic) {
		return m, ErrOutlookMsg
	}
	if len(raw) > maxEmail {
		return m, &data.TooLargeError{Name: filepath.Base(name), Size: int64(len(raw))}
	}
	mr, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return m, fmt.Errorf("%w: %v", ErrNotEmail, err)
	}
	if mr == nil {
		return m, ErrNotEmail
	}
	defer mr.Close()
	h := mr.Header
	if h.Get("From") == "" && h.Get("Date") == "" && h.Get("Subject") == "" && h.Get("Message-Id") == "" {
		return m, fmt.Errorf("%w: it has no From, Date or Subject", ErrNotEmail)
	}
	m.At, _ = h.Date() // zero when missing or unreadable: the store uses the time it was added
	if m.Subject, err = h.Subject(); err != nil {
		m.Subject = h.Get("Subject")
	}
	m.From = addresses(h, "From")
	m.To = addresses(h, "To")
	m.Cc = addresses(h, "Cc")
	if id, err := h.MessageID(); err == nil {
		m.MessageID = id
	}
	var plain, htmlText []string
	n := 0
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			return m, fmt.Errorf("read %s: a part of the email cannot be read: %w", name, err)
		}
		if p == nil {
			break
		}
		n++
		switch ph := p.Header.(type) {
		case *gomail.InlineHeader:
			typ, params, _ := ph.ContentType()
			body, err := io.ReadAll(p.Body)
			if err != nil {
				return m, fmt.Errorf("read %s: %w", name, err)
			}
			switch {
			case typ == "text/plain" || typ == "":
				plain = append(plain, string(body))
			case typ == "text/html":
				htmlText = append(htmlText, htmlToText(string(body)))
			default: // an inline picture and the like: kept as a file
				f, err := file(partName(typ, n, params["name"], ph.Get("Content-Id")), typ, body)
				if err != nil {
					return m, err
				}
				m.Files = append(m.Files, f)
			}
		case *gomail.AttachmentHeader:
			fname, _ := ph.Filename()
			typ, params, _ := ph.ContentType()
			body, err := io.ReadAll(p.Body)
			if err != nil {
				return m, fmt.Errorf("read %s: attachment %s: %w", name, fname, err)
			}
			f, err := file(partName(typ, n, fname, params["name"]), typ, body)
			if err != nil {
				return m, err
			}
			m.Files = append(m.Files, f)
		}
	}
	text := plain
	if len(text) == 0 {
		text = htmlText
	}
	m.Text = strings.TrimSpace(strings.ReplaceAll(strings.Join(text, "\n\n"), "\r\n", "\n"))
	for _, p := range []*string{&m.Subject, &m.From, &m.To, &m.Cc, &m.Text, &m.MessageID} {
		*p = validText(*p)
	}
	for i := range m.Files {
		m.Files[i].Name = validText(m.Files[i].Name)
	}
	return m, nil
}

// validText is s as UTF-8. Text sent as 8-bit without naming its charset is, in
// practice, Windows-1252 (a superset of Latin-1): read as such, "caf\xe9" is "café".
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if t, err := charmap.Windows1252.NewDecoder().String(s); err == nil && utf8.ValidString(t) {
		return t
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func file(name, typ string, body []byte) (data.File, error) {
	if err := data.CheckAttachmentSize(name, int64(len(body))); err != nil {
		return data.File{}, err
	}
	return data.File{Name: name, Type: typ, Content: body}, nil
}

// partName is the first name the part has, else one made from its type.
func partName(typ string, n int, names ...string) string {
	for _, s := range names {
		if s = strings.Trim(strings.TrimSpace(s), "<>"); s != "" {
			return s
		}
	}
	ext := ""
	if exts, _ := mime.ExtensionsByType(typ); len(exts) > 0 {
		ext = exts[0]
	}
	return fmt.Sprintf("attachment-%d%s", n, ext)
}

// addresses shows an address header as people read it: "Name <a@b>, c@d".
func addresses(h gomail.Header, key string) string {
	list, err := h.AddressList(key)
	if err != nil || len(list) == 0 {
		if v, err := h.Text(key); err == nil {
			return strings.TrimSpace(v)
		}
		return strings.TrimSpace(h.Get(key))
	}
	var out []string
	for _, a := range list {
		if a.Name != "" {
			out = append(out, a.Name+" <"+a.Address+">")
		} else {
			out = append(out, a.Address)
		}
	}
	return strings.Join(out, ", ")
}

// htmlToText keeps the words of an HTML body, with paragraphs and line breaks.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return collapseBlank(b.String())
		case html.TextToken:
			if skip == 0 {
				raw := string(z.Text())
				words := strings.Join(strings.Fields(raw), " ")
				if words == "" {
					words = " "
				} else {
					if strings.TrimLeftFunc(raw, unicode.IsSpace) != raw {
						words = " " + words
					}
					if strings.TrimRightFunc(raw, unicode.IsSpace) != raw {
						words += " "
					}
				}
				b.WriteString(words)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "style", "script", "head", "title":
				skip++
			case "br":
				b.WriteString("\n")
			case "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "blockquote":
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "style", "script", "head", "title":
				if skip > 0 {
					skip--
				}
			}
		}
	}
}

// collapseBlank trims each line and keeps at most one empty line between paragraphs.
func collapseBlank(s string) string {
	var out []string
	blank := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
