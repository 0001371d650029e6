package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// maxDemoLetters keeps the step fast on large samples: drafting is cheap, but
// a few hundred letters show everything the Letters tab and timeline need.
const maxDemoLetters = 300

// Letters is the demo step for printed letters: an apology for most resolved
// complaints, and a follow-up a few weeks later for some, drafted from the
// default templates with the complaint's own words.
func Letters(ctx context.Context, tx *sql.Tx, g *Gen, clients []Made) error {
	rows, err := tx.QueryContext(ctx, `SELECT k.id, k.client_id, c.name, c.company, c.salutation, c.address_lines, c.postcode,
		c.city, c.country, k.outcome_at, k.interview_on, k.account, k.regret, k.root_cause_text, k.procedure_change,
		coalesce((SELECT r.text FROM restatements r WHERE r.complaint_id = k.id AND r.answer = 'confirmed'), ''),
		(SELECT group_concat(e.text, char(10)) FROM acknowledged_errors e WHERE e.complaint_id = k.id)
		FROM complaints k JOIN clients c ON c.id = k.client_id
		WHERE k.outcome <> 'open' AND k.interview_on <> '' ORDER BY k.id LIMIT ?`, maxDemoLetters)
	if err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	type row struct {
		complaint, client                                 int64
		name, company, salutation, lines, pc, city, cntry string
		outcomeAt, on, account, regret, cause, change     string
		record                                            string
		errs                                              sql.NullString
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.complaint, &r.client, &r.name, &r.company, &r.salutation, &r.lines, &r.pc, &r.city, &r.cntry,
			&r.outcomeAt, &r.on, &r.account, &r.regret, &r.cause, &r.change, &r.record, &r.errs); err != nil {
			rows.Close()
			return fmt.Errorf("letters: %w", err)
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	// The sample consultant's letterhead is the one the sample letters went out on, so
	// letters drafted while exploring say who they are from too. Berger Consulting is a
	// small firm (the sample complaints speak of colleagues): its letters say "we".
	lh := data.Letterhead{Name: "Anna Berger", Business: "Berger Consulting", Address: "Lindenallee 2\n80331 München",
		Phone: "+49 89 1234 5678", Email: "anna@berger-consulting.example", Paper: "A4", Place: "München", Voice: data.VoiceWe}
	if err := data.SaveLetterheadTx(ctx, tx, lh); err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	for i, r := range rs {
		on, err := data.ParseDate(r.on)
		if err != nil {
			return err
		}
		lang := letters.LanguageFor(r.cntry)
		in := letters.Input{Kind: letters.Apology, Lang: lang, Date: on.AddDate(0, 0, 1), We: lh.We(),
			Client: letters.Client{Name: r.name, Company: r.company, Salutation: r.salutation},
			Sender: letters.Sender{Name: lh.Name, Business: lh.Business},
			Complaint: &letters.Complaint{InterviewOn: on.Time, Confirmed: r.record != "", Record: r.record, Account: r.account,
				Errors: strings.Split(r.errs.String, "\n"), Responsible: true, Regret: r.regret, Explanation: r.cause, Change: r.change},
		}
		c := data.Client{ID: r.client, Name: r.name, Company: r.company, Address: data.Address{Lines: r.lines, Postcode: r.pc, City: r.city, Country: r.cntry}}
		src := letters.Source{Client: c, ComplaintID: r.complaint, Letterhead: lh}
		kinds := []letters.Kind{letters.Apology}
		if i%3 == 0 {
			kinds = append(kinds, letters.FollowUp)
		}
		for _, k := range kinds {
			in.Kind = k
			if k == letters.FollowUp {
				in.Date = on.AddDate(0, 0, 35+g.R.IntN(30))
			}
			if in.Date.After(g.Now) {
				continue
			}
			d, err := letters.Write(in, "")
			if err != nil {
				return fmt.Errorf("letters: %w", err)
			}
			l, err := letters.Record(k, lang, "A4", in.Date, d, src)
			if err != nil {
				continue // a client without an address gets no letter
			}
			l.Created = in.Date.Add(time.Duration(9+g.R.IntN(8)) * time.Hour)
			if g.R.IntN(4) > 0 {
				l.Printed = l.Created.Add(time.Duration(g.R.IntN(30)) * time.Minute)
			}
			if _, err := data.InsertLetterTx(ctx, tx, l); err != nil {
				return fmt.Errorf("letters: %w", err)
			}
		}
	}
	return nil
}
