package letters

import (
	"strings"
	"testing"

	"github.com/amends/amends/data"
)

func TestRecipientOrder(t *testing.T) {
	uk := data.Client{Name: "Emma Smith", Address: data.Address{Lines: "1 High Street", Postcode: "SW1A 1AA", City: "London", Country: "United Kingdom"}}
	got, _ := Recipient(uk, data.LetterSender{Address: []string{"Hauptstraße 1", "10115 Berlin", "Germany"}})
	if strings.Join(got, "|") != "Emma Smith|1 High Street|LONDON|SW1A 1AA|UNITED KINGDOM" {
		t.Errorf("UK: %q", got)
	}
	sg := data.Client{Name: "Jun Lim", Address: data.Address{Lines: "28 Orchard Road", Postcode: "238801", City: "Singapore", Country: "Singapore"}}
	got, _ = Recipient(sg, data.LetterSender{Address: []string{"14 Market Street", "Cambridge CB2 3QF", "United Kingdom"}})
	if strings.Join(got, "|") != "Jun Lim|28 Orchard Road|SINGAPORE 238801" {
		t.Errorf("Singapore: %q", got)
	}
	de := data.Client{Name: "Jörg Müller", Address: data.Address{Lines: "Hauptstraße 5", Postcode: "10115", City: "Berlin", Country: "Germany"}}
	got, _ = Recipient(de, data.LetterSender{Address: []string{"Lindenallee 2", "80331 München", "Germany"}})
	if strings.Join(got, "|") != "Jörg Müller|Hauptstraße 5|10115 Berlin" {
		t.Errorf("domestic: %q", got)
	}
}

// BenchmarkDraft is the drafting alone (template and check), without the PDF.
func BenchmarkDraft(b *testing.B) {
	in := Sample(Apology, "en")
	b.ReportAllocs()
	for b.Loop() {
		d, err := Write(in, "")
		if err != nil {
			b.Fatal(err)
		}
		_ = Check(Apology, d, CheckOptions{})
	}
}
