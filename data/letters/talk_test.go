package letters

import (
	"strings"
	"testing"
	"time"
)

// readBackComplaint has remedies and promises of every shape the read-back says, and a
// long explanation and record, which the read-back has no need to look at.
func readBackComplaint(now time.Time) Complaint {
	return Complaint{
		Explanation: strings.Repeat("The report was late because the figures reached our team late. ", 20),
		Record:      "So what I'm hearing is that the report came two weeks late. Did I get that right?", Confirmed: true,
		Errors: []string{"We sent the report late"},
		Remedies: []Remedy{
			{Kind: "discount", Description: "off the report invoice", Percent: 15, Due: now.AddDate(0, 0, 7), Accepted: true},
			{Kind: "refund", Description: "Refund of the rush fee", Amount: 360000, Currency: "EUR"},
			{Description: "  "}, // nothing to say: left out
		},
		Commitments: []Commitment{
			{What: "Call you to agree the new plan", Due: now.Add(48 * time.Hour), Channel: "Phone"},
			{What: "Email the corrected report", Due: now.Add(-48 * time.Hour), Channel: "Email"},
			{What: "Send the minutes", Due: now.Add(-72 * time.Hour), Done: now.Add(-80 * time.Hour)},
			{What: " "},
		},
	}
}

// What is read back before the client agrees is, in every language and voice, the very
// sentences the apology prints.
func TestReadBackSaysWhatTheApologyPrints(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local)
	k := readBackComplaint(now)
	for _, lang := range Languages() {
		for _, we := range []bool{false, true} {
			v := newView(Input{Kind: Apology, Lang: lang, We: we, Date: now, Complaint: &k})
			want := append(append([]string(nil), v.Complaint.RemedyLines...), v.Complaint.CommitmentLines...)
			got := ReadBack(lang, we, k, now)
			if len(want) != 5 || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s, we %v: read back\n%s\nthe apology prints\n%s", lang, we, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

// BenchmarkReadBack is what the live mode and the Agree step work out each time they
// show what was agreed.
func BenchmarkReadBack(b *testing.B) {
	now := time.Now()
	k := readBackComplaint(now)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ReadBack("en", false, k, now)
	}
}
