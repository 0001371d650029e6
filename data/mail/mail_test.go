package mail

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func readTestFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadMultipartEmail(t *testing.T) {
	m, err := Read("report.eml", bytes.NewReader(readTestFile(t, "report.eml")))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 3, 9, 15, 0, 0, time.UTC); !m.At.Equal(want) {
		t.Errorf("date %v, want %v", m.At, want)
	}
	for _, c := range []struct{ got, want string }{
		{m.Subject, "Korrigierter Bericht für März"},
		{m.From, "Jörg Müller <jorg@mueller-bau.example>"},
		{m.To, "Anna Consultant <anna@example.com>"},
		{m.Cc, "buchhaltung@mueller-bau.example"},
		{m.MessageID, "20260303091500.4711@mueller-bau.example"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// The plain text part, from ISO-8859-1, not the HTML one.
	if !strings.Contains(m.Text, "Grüße aus Köln,\nJörg") || strings.Contains(m.Text, "<p>") {
		t.Errorf("text %q", m.Text)
	}
	if len(m.Files) != 1 {
		t.Fatalf("%d files, want the PDF", len(m.Files))
	}
	f := m.Files[0]
	if f.Name != "Bericht März.pdf" || f.Type != "application/pdf" || !bytes.Equal(f.Content, readTestFile(t, "pdf.pdf.bytes")) {
		t.Errorf("file %q %q, %d bytes", f.Name, f.Type, len(f.Content))
	}
}

func TestReadHTMLOnlyEmail(t *testing.T) {
	m, err := Read("order.eml", bytes.NewReader(readTestFile(t, "html-only.eml")))
	if err != nil {
		t.Fatal(err)
	}
	if m.Text != "Thanks for your order.\n\nIt ships tomorrow.\nShop team" {
		t.Errorf("text %q", m.Text)
	}
	if strings.Contains(m.Text, "color") {
		t.Error("the style sheet came into the text")
	}
}

func TestOutlookMsgAndOtherFilesAreRefused(t *testing.T) {
	if _, err := Read("Re: report.msg", bytes.NewReader([]byte("anything"))); !errors.Is(err, ErrOutlookMsg) {
		t.Errorf(".msg by name: %v", err)
	}
	if _, err := Read("renamed.eml", bytes.NewReader(readTestFile(t, "outlook.msg"))); !errors.Is(err, ErrOutlookMsg) {
		t.Errorf(".msg by content: %v", err)
	}
	if _, err := Read("notes.eml", strings.NewReader("just some words\nwithout any headers at all\n")); !errors.Is(err, ErrNotEmail) {
		t.Errorf("plain text: %v", err)
	}
	if !IsEmailFile("A.EML") || !IsEmailFile("b.msg") || IsEmailFile("c.pdf") {
		t.Error("IsEmailFile")
	}
}
