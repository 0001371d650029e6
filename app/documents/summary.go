package documents

// The interview summary: a complaint interview as the one-page summary the client may
// sign. It is pure Go from data values to a pdf.Doc: no Fyne, no SQL.

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/atomicfile"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/pdf"
)

// SummaryOptions say how the summary is printed.
type SummaryOptions struct {
	Paper    pdf.Paper
	Currency string         // shown with money values, e.g. "EUR"
	Loc      *time.Location // times are shown in this zone; nil: local time
}

// SummaryDoc builds the summary of one interview. It never claims an agreed understanding
// of the complaint unless the client confirmed a restatement.
func SummaryDoc(f data.InterviewFile, o SummaryOptions) pdf.Doc {
	loc := o.Loc
	if loc == nil {
		loc = time.Local
	}
	at := func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(loc).Format("2 Jan 2006 at 15:04")
	}
	k, c := f.Complaint, f.Client
	client := c.Name
	if c.Company != "" {
		client += ", " + c.Company
	}
	day := k.InterviewOn.Format("2 January 2006")
	if k.InterviewOn.IsZero() {
		day = k.Created.In(loc).Format("2 January 2006")
	}
	d := pdf.Doc{
		Paper:    o.Paper,
		Lang:     "en",
		Title:    "Summary of our conversation about your complaint",
		Subtitle: client + " · " + day,
		Date:     k.Updated,
		OnePage:  true, // the client signs it: it is one sheet
	}

	// Client and date are in the subtitle.
	var rows []pdf.KV
	if k.How != "" {
		rows = append(rows, pdf.KV{Key: "How", Value: k.How.Label()})
	}
	if by := strings.TrimSpace(k.ConductedBy); by != "" {
		rows = append(rows, pdf.KV{Key: "Conducted by", Value: by})
	}
	if f.Alert != nil {
		rows = append(rows, pdf.KV{Key: "Reported", Value: f.Alert.Kind.Label() + ", " + at(f.Alert.Received)})
	}
	rows = append(rows, pdf.KV{Key: "Reference", Value: fmt.Sprintf("Complaint %d", k.ID)})
	d.Sections = append(d.Sections, pdf.Section{Rows: rows})

	// The complaint: the confirmed words, or plainly that there are none.
	switch r, ok := f.ConfirmedRound(); {
	case ok:
		d.Sections = append(d.Sections, pdf.Section{
			Heading:    "Your complaint, as you confirmed it",
			Paragraphs: []string{"“" + letters.StripLeadIn("en", r.Text) + "”"},
			Rows: []pdf.KV{{Key: "Confirmed by you", Value: fmt.Sprintf("%s (restatement %d of %d)",
				at(r.AnsweredAt), r.Number, len(f.Rounds))}},
		})
	case k.RestateState == data.RestateNotConfirmed:
		d.Sections = append(d.Sections, pdf.Section{
			Heading: "Your complaint (not confirmed)",
			Paragraphs: []string{"We could not agree on a summary of your complaint. " +
				"This document therefore does not state an agreed understanding of it."},
			Rows: []pdf.KV{{Key: "Noted on", Value: at(k.RestateEnded)}, {Key: "Why", Value: k.RestateReason}},
		})
	default:
		d.Sections = append(d.Sections, pdf.Section{
			Heading:    "Your complaint (not yet confirmed)",
			Paragraphs: []string{"You have not yet confirmed our summary of your complaint."},
		})
	}

	// How it affected the client, in the words they confirmed (or told us in Listen), and
	// what they asked for: with the complaint, so the sheet stays one page.
	impact, feeling := strings.TrimSpace(k.RecordParts.Impact), strings.TrimSpace(k.RecordParts.Feeling)
	if feeling == "" {
		feeling = strings.TrimSpace(k.Feeling)
	}
	heard := &d.Sections[len(d.Sections)-1]
	for _, kv := range []pdf.KV{{Key: "What it did to you", Value: impact}, {Key: "How you felt", Value: feeling},
		{Key: "What you asked for", Value: strings.TrimSpace(k.ClientFix)}} {
		if kv.Value != "" {
			kv.Value = letters.UpperFirst(kv.Value)
			heard.Rows = append(heard.Rows, kv)
		}
	}

	ack := pdf.Section{Heading: "What we got wrong", Bullets: f.AckErrorTexts()}
	if k.Responsibility {
		ack.Rows = append(ack.Rows, pdf.KV{Key: "Responsibility", Value: "We accept responsibility for these errors."})
	}
	if len(ack.Bullets) > 0 || len(ack.Rows) > 0 {
		d.Sections = append(d.Sections, ack)
	}

	if len(f.Remedies) > 0 {
		t := &pdf.Table{Header: []string{"Remedy", "Value", "Due", "Accepted"}, Widths: []float64{6.6, 1.8, 1.8, 1.7}}
		for _, r := range f.Remedies {
			what := r.Kind.Label()
			if r.Description != "" {
				what += ": " + r.Description
			}
			due := "—"
			if !r.Due.IsZero() {
				due = r.Due.Format("2 Jan 2006")
			}
			acc := "No"
			if r.Accepted {
				acc = "Yes"
			}
			v := r.ValueText(o.Currency)
			if v == "" {
				v = "—"
			}
			t.Rows = append(t.Rows, []string{what, v, due, acc})
		}
		d.Sections = append(d.Sections, pdf.Section{Heading: "What we agreed", Table: t})
	}
	if len(f.Commitments) > 0 {
		t := &pdf.Table{Header: []string{"We will", "By", "How"}, Widths: []float64{6.5, 2.6, 1.4}}
		for _, m := range f.Commitments {
			t.Rows = append(t.Rows, []string{m.What, m.Due.In(loc).Format("Mon 2 Jan 2006, 15:04"), m.Channel})
		}
		d.Sections = append(d.Sections, pdf.Section{Heading: "What we promised", Table: t})
	}
	if k.ClientTold && strings.TrimSpace(k.ProcedureChange) != "" {
		d.Sections = append(d.Sections, pdf.Section{Heading: "What we change so it does not happen again",
			Paragraphs: []string{k.ProcedureChange}})
	}

	d.Sections = append(d.Sections, pdf.Section{Checkboxes: []string{
		"I feel heard.",
		"The remedy is fair.",
	}})

	signer := strings.TrimSpace(k.ConductedBy)
	if signer == "" || strings.EqualFold(signer, "me") {
		signer = "For us"
	}
	d.Signatures = []string{c.Name + ", date", signer + ", date"}
	return d
}

// WriteSummary renders the summary of f as a PDF to w.
func WriteSummary(w io.Writer, f data.InterviewFile, o SummaryOptions) (pdf.Result, error) {
	res, err := pdf.RenderDoc(w, SummaryDoc(f, o))
	if err != nil {
		return res, fmt.Errorf("interview summary of complaint %d: %w", f.Complaint.ID, err)
	}
	return res, nil
}

// WriteSummaryFile renders the summary into path. The file appears only when the whole
// PDF is written: a failure leaves no half-written file behind.
func WriteSummaryFile(path string, f data.InterviewFile, o SummaryOptions) (pdf.Result, error) {
	var res pdf.Result
	err := atomicfile.Write(path, 0o600, func(w io.Writer) (err error) {
		res, err = WriteSummary(w, f, o)
		return err
	})
	return res, err
}

// SettingPaper is the settings key for the paper size of the interview summary and the
// report ("A4" or "Letter").
const SettingPaper = "paper"

// SummaryPaper reads the paper setting value, A4 when unset or unknown.
func SummaryPaper(v string) pdf.Paper {
	p, err := pdf.ParsePaper(v)
	if err != nil {
		return pdf.A4
	}
	return p
}
