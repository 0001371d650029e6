package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// maxDemoLetters keeps the step fast on large samples: drafting is cheap, but
// a few hundred letters show everything the Letters tab and timeline need.
const maxDemoLetters = 300

// Letters is the demo step for printed letters: an apology for most resolved
// complaints, and a follow-up a few weeks later for some, drafted from the default
// templates with everything the interview holds (letters.FromInterview, as the app
// drafts them): complete letters, each apology with its remedy and promises.
func Letters(ctx context.Context, tx *sql.Tx, g *Gen, clients []Made) error {
	rows, err := tx.QueryContext(ctx, `SELECT k.id FROM complaints k
		WHERE k.outcome <> 'open' AND k.interview_on <> '' ORDER BY k.id LIMIT ?`, maxDemoLetters)
	if err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	var rs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("letters: %w", err)
		}
		rs = append(rs, id)
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
	if err := speakEnglish(ctx, tx); err != nil {
		return err
	}
	for i, id := range rs {
		f, err := data.InterviewFileTx(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("letters: %w", err)
		}
		on := f.Complaint.InterviewOn
		c := f.Client
		// The sample interviews are held in English, so their letters are in English.
		lang := "en"
		in := letters.Input{Kind: letters.Apology, Lang: lang, Date: on.AddDate(0, 0, 1), We: lh.We(),
			Client:    letters.Client{Name: c.Name, Company: c.Company, Salutation: c.Salutation, Since: c.Since.Time},
			Sender:    letters.Sender{Name: lh.Name, Business: lh.Business, Phone: lh.Phone, Email: lh.Email},
			Complaint: letters.FromInterview(f, data.DefaultCurrency),
		}
		src := letters.Source{Client: c, ComplaintID: id, Letterhead: lh}
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

// speakEnglish keeps in English the letters, and the conversation in the interview, of
// every sample client with an interview: the sample interviews are in English, and a
// German letter or a Spanish restatement quoting the client in English could not be
// signed or said.
func speakEnglish(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT c.id, c.country FROM clients c
		JOIN complaints k ON k.client_id = c.id WHERE k.interview_on <> '' ORDER BY c.id`)
	if err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var country string
		if err := rows.Scan(&id, &country); err != nil {
			rows.Close()
			return fmt.Errorf("letters: %w", err)
		}
		if letters.LanguageFor(country) != "en" {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	for _, id := range ids {
		if err := data.SetClientLetterLangTx(ctx, tx, id, "en"); err != nil {
			return fmt.Errorf("letters: %w", err)
		}
	}
	return nil
}
