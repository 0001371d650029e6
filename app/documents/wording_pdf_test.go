package documents

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// pdfWords is the text of a PDF as pdftotext reads it, its lines joined by spaces.
func pdfWords(t *testing.T, pdfData []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdfData)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// renderSample lays out the sample letter of kind in lang for a client in country, as
// the editor records and prints it.
func renderSample(t *testing.T, in letters.Input, country, paper string) string {
	t.Helper()
	lh := data.Letterhead{Name: "Anna Berger", Business: "Berger Consulting", Address: "Lindenallee 2\n80331 München",
		Phone: "+49 89 1234 5678", Email: "anna@berger-consulting.example", Place: "Bristol", Paper: paper}
	src := letters.Source{Client: data.Client{ID: 1, Name: in.Client.Name, Company: in.Client.Company,
		Address: data.Address{Lines: "Nørregade 1", Postcode: "1165", City: "København", Country: country}}, Letterhead: lh}
	d, err := letters.Write(in, "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := letters.Record(in.Kind, in.Lang, paper, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), d, src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := RenderLetter(&b, l, lh); err != nil {
		t.Fatal(err)
	}
	return pdfWords(t, b.Bytes())
}

// Each wording fix, read back from the printed PDF.
func TestWordingInThePDF(t *testing.T) {
	in := letters.Sample(letters.Apology, "en")
	in.Complaint.Remedies = append(in.Complaint.Remedies, letters.Remedy{Kind: "discount_amount", Amount: 45000, Currency: "EUR",
		Description: "December reporting fee waived", Accepted: true})
	in.Complaint.Commitments = []letters.Commitment{{What: "Email the revised report",
		Due: time.Date(2026, 12, 8, 16, 0, 0, 0, time.UTC), Channel: "Email"}}
	text := renderSample(t, in, "United Kingdom", "A4")
	for _, want := range []string{
		// the lead-in is not quoted as the client's words
		"you confirmed that I had understood: “The report came two weeks late",
		// remedies and commitments read as sentences, the channel not repeated
		"A discount of 450.00 EUR (December reporting fee waived).",
		"A discount of 15% off the report invoice, by 30 November 2026.",
		"I will email the revised report by Tuesday 8 December 2026 at 16:00.",
		// a subject a person would write
		"What went wrong, and how I will put it right",
		// a UK letter: the date alone, no place name
		"1 December 2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"So what I'm hearing", "hearing is", "Bristol,", "by email.", "Your complaint of", "our side", " us ", " we were"} {
		if strings.Contains(text, not) {
			t.Errorf("the PDF has %q:\n%s", not, text)
		}
	}
	// The same letter from a firm says "we" throughout.
	in.We = true
	firm := renderSample(t, in, "United Kingdom", "A4")
	for _, want := range []string{"how we will put it right", "We were responsible", "We will email the revised report"} {
		if !strings.Contains(firm, want) {
			t.Errorf("the firm's PDF lacks %q:\n%s", want, firm)
		}
	}
	// A French client: French throughout, from the salutation to the sign-off.
	fr := letters.Sample(letters.Apology, "fr")
	fr.Client.Salutation = "Chère Madame Bonnet"
	text = renderSample(t, fr, "France", "A4")
	for _, want := range []string{"Chère Madame Bonnet,", "Bristol, le 1er décembre 2026", "J’en porte la responsabilité", "Bien cordialement"} {
		if !strings.Contains(text, want) {
			t.Errorf("the French PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Kind regards") {
		t.Errorf("the French letter signs off in English:\n%s", text)
	}
}

var (
	english = regexp.MustCompile(`(?i)\b(the|and|you|your|with|thank|please|sorry|regards|would|will|have|what|when|this|that|for|dear|kind)\b`)
	hole    = regexp.MustCompile(`<no value>|%!|\( *\)| [,.;](\s|$)|\.\.|„“|“”|«\s*»`) // French has a space before colons
)

// Every kind in every language, read back from the PDF on both papers: no gap, no
// English in a letter in another language, the salutation in the letter's language.
func TestEveryKindAndLanguageInThePDF(t *testing.T) {
	greeting := map[string]string{"en": "Dear ", "de": "Sehr geehrte", "fr": "Bonjour Madame", "es": "Estimada Sra.",
		"it": "Gentile Sig.ra", "nl": "Geachte mevrouw"}
	country := map[string]string{"en": "United Kingdom", "de": "Germany", "fr": "France", "es": "España", "it": "Italia", "nl": "Nederland"}
	for _, lang := range letters.Languages() {
		for _, k := range letters.Kinds() {
			for _, paper := range []string{"A4", "Letter"} {
				in := letters.Sample(k, lang)
				in.Client.Salutation = "Dear Ms Ørsted" // typed in English: carried into the letter's language
				text := renderSample(t, in, country[lang], paper)
				name := string(k) + "." + lang + "." + paper
				// The letter proper, from the subject on: the letterhead and address are names.
				body := text[strings.Index(text, "2026")+4:]
				if m := hole.FindString(body); m != "" {
					t.Errorf("%s: a gap %q:\n%s", name, m, body)
				}
				if lang != "en" {
					if m := english.FindString(body); m != "" {
						t.Errorf("%s: English %q:\n%s", name, m, body)
					}
				}
				if !strings.Contains(body, greeting[lang]) {
					t.Errorf("%s: the salutation is not %q:\n%s", name, greeting[lang], body)
				}
			}
		}
	}
}
