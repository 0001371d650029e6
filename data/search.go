package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MatchExpr turns what the user typed into an FTS5 query: every word must match
// as a prefix, so results narrow as they type. It returns "" when nothing searchable was typed.
func MatchExpr(q string) string {
	var parts []string
	for _, w := range searchWords(q) {
		// Quoted, so FTS5 operators typed by the user (AND, NEAR, -, ...) are plain text.
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(parts, " ")
}

func searchWords(q string) []string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '@' && r != '.' && r != '_' && r != '-'
	})
	var out []string
	for _, w := range words {
		if w = strings.Trim(w, ".-_@"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// SearchClients finds clients by name, company, email, notes and timeline text,
// best first: a hit in the name counts most, then company, email, notes, timeline.
// One typed letter lists the names starting with it: ranking half the file by
// relevance would cost more than the answer is worth.
func (d *DB) SearchClients(ctx context.Context, query string, f ClientFilter, limit int) ([]Client, error) {
	words := searchWords(query)
	if len(words) == 0 {
		return d.ListClients(ctx, f, 0, limit)
	}
	if len(words) == 1 && utf8.RuneCountInString(words[0]) == 1 {
		return d.namesStartingWith(ctx, words[0], f, limit)
	}
	// Filters apply after ranking, so rank more than we show when a filter is set.
	fetch := limit
	if f.Status != "" || f.Archived {
		fetch = limit * 4
	}
	short := true
	for _, w := range words {
		short = short && utf8.RuneCountInString(w) <= 2
	}
	ids, err := d.searchIDs(ctx, MatchExpr(query), short, fetch)
	if err != nil {
		return nil, fmt.Errorf("search clients: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// CROSS JOIN keeps SQLite from walking all clients and probing the matches instead.
	w, args := f.where("c.")
	ph := strings.Repeat(",(?,?)", len(ids))[1:]
	vals := make([]any, 0, 2*len(ids))
	for i, id := range ids {
		vals = append(vals, id, i)
	}
	return d.queryClients(ctx, `WITH m(id, pos) AS (VALUES `+ph+`)
		SELECT `+clientCols("c.")+` FROM m CROSS JOIN clients c ON c.id = m.id
		WHERE `+w+` ORDER BY m.pos LIMIT ?`, append(append(vals, args...), limit)...)
}

// searchIDs finds up to limit clients for an FTS5 query, best first. Matches in the
// name, company or email come first, ranked (with few matches that is quick); then
// matches anywhere else, the newest clients first. Ranking every match of a word
// found in tens of thousands of timelines took longer than a frame; taking them in
// the index's order stops after the first limit.
func (d *DB) searchIDs(ctx context.Context, expr string, short bool, limit int) ([]int64, error) {
	var ids []int64
	seen := map[int64]bool{}
	read := func(q string, args ...any) error {
		rows, err := d.sql.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return rows.Err()
	}
	if short {
		// A prefix of two letters is in thousands of names, where ranking them all costs
		// more than a frame and tells little: name matches come first, newest client
		// first, then company and email matches.
		for _, cols := range []string{"{name}", "{company email}"} {
			if len(ids) < limit {
				if err := read(`SELECT rowid FROM client_search WHERE client_search MATCH ? ORDER BY rowid DESC LIMIT ?`,
					cols+" : ("+expr+")", limit+len(ids)); err != nil {
					return nil, err
				}
			}
		}
	} else if err := read(`SELECT rowid FROM client_search WHERE client_search MATCH ?
		ORDER BY bm25(client_search, 10.0, 5.0, 3.0) LIMIT ?`, "{name company email} : ("+expr+")", limit); err != nil {
		return nil, err
	}
	if len(ids) < limit {
		// Those found by name come again here; they are skipped, so ask for as many more.
		if err := read(`SELECT rowid FROM client_search WHERE client_search MATCH ? ORDER BY rowid DESC LIMIT ?`,
			expr, limit+len(ids)); err != nil {
			return nil, err
		}
	}
	if len(ids) > limit {
		ids = ids[:limit]
	}
	return ids, nil
}

// namesStartingWith lists clients whose name starts with the letter, by name.
func (d *DB) namesStartingWith(ctx context.Context, letter string, f ClientFilter, limit int) ([]Client, error) {
	w, args := f.where("")
	lo := strings.ToLower(letter)
	up := strings.ToUpper(letter)
	args = append(args, lo+"%", up+"%", limit)
	return d.queryClients(ctx, `SELECT `+clientCols("")+` FROM clients
		WHERE `+w+` AND (name LIKE ? OR name LIKE ?)
		ORDER BY name COLLATE NOCASE, id LIMIT ?`, args...)
}

// Place says where a search matched a client beyond its name, company and email: the
// part of the file and the words around the match.
type Place struct {
	Part    string    // e.g. `Email "Revised report"`, "File contract.pdf", "Red alert", "Interview", "Notes"
	At      time.Time // the day of the entry, alert or file matched; zero for notes
	Snippet string    // the words around the match, cut with …
	Match   string    // the word matched, as written there
}

// The search columns a place can be in, best first: an alert's note is also in its
// timeline entry, but "Red alert" says more than "Timeline".
var placeColumns = []string{"alerts", "interviews", "files", "timeline", "notes"}

// SearchPlaces says, for each of the clients found by SearchClients (ids), where the
// query matched when it is not all in their name, company or email. It reads only
// those clients' index rows, by rowid, and finds the words in them here: asking FTS5
// for snippets made it gather every match of a common prefix first, for each client
// (a quarter of a second for "report" on 100,000 clients).
func (d *DB) SearchPlaces(ctx context.Context, query string, ids []int64) (map[int64]Place, error) {
	var words []string
	for _, w := range searchWords(query) {
		words = append(words, foldWord(w))
	}
	if len(words) == 0 || len(ids) == 0 {
		return nil, nil
	}
	q, err := d.sql.PrepareContext(ctx, `SELECT name, company, email, coalesce(alerts, ''), coalesce(interviews, ''),
		coalesce(files, ''), coalesce(timeline, ''), coalesce(notes, '') FROM client_search WHERE rowid = ?`)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer q.Close()
	out := map[int64]Place{}
	for _, id := range ids {
		var name, company, email string
		cols := make([]string, len(placeColumns))
		err := q.QueryRowContext(ctx, id).Scan(&name, &company, &email, &cols[0], &cols[1], &cols[2], &cols[3], &cols[4])
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		// The words not in what the list row shows are what a place is needed for.
		var rest []string
		for _, w := range words {
			if _, _, ok := findWord(name+" "+company+" "+email, []string{w}); !ok {
				rest = append(rest, w)
			}
		}
		if len(rest) == 0 {
			continue
		}
		for i, text := range cols {
			if snip, match, ok := findWord(text, rest); ok {
				p, err := d.place(ctx, id, placeColumns[i], snip, match)
				if err != nil {
					return nil, err
				}
				out[id] = p
				break
			}
		}
	}
	return out, nil
}

// foldWord is a word as the index compares it: lower case, without diacritics
// (unicode61 remove_diacritics 2).
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// findWord finds the first word of text that starts with one of words (folded), and
// gives the words around it and the word as written.
func findWord(text string, words []string) (snippet, match string, ok bool) {
	tokens := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) })
	for i, t := range tokens {
		f := foldWord(t)
		for _, w := range words {
			if strings.HasPrefix(f, w) {
				return around(text, t, i, len(tokens)), t, true
			}
		}
	}
	return "", "", false
}

// around is about a dozen words of text about the i-th of n words, tok.
func around(text, tok string, i, n int) string {
	const before, after = 5, 7
	fields := strings.Fields(text)
	// Find tok among the space-separated fields near its place among the words.
	at := -1
	for j, f := range fields {
		if strings.Contains(f, tok) {
			at = j
			if j >= i-2 {
				break
			}
		}
	}
	if at < 0 {
		return tok
	}
	from, to := max(0, at-before), min(len(fields), at+after+1)
	s := strings.Join(fields[from:to], " ")
	if from > 0 {
		s = "…" + s
	}
	if to < len(fields) {
		s += "…"
	}
	return s
}

// place names the entry, alert, file or interview a snippet of column col came from.
func (d *DB) place(ctx context.Context, client int64, col, snip, match string) (Place, error) {
	p := Place{Snippet: snip, Match: match}
	var q string
	switch col {
	case "notes":
		p.Part = "Notes"
		return p, nil
	case "interviews":
		p.Part = "Complaint interview"
		q = `SELECT 'interview', '', k.created FROM search_interviews s JOIN complaints k ON k.id = s.complaint_id
			WHERE s.client_id = ?1 AND instr(s.text, ?2) > 0 ORDER BY k.created DESC LIMIT 1`
	case "alerts":
		p.Part = "Red alert"
		q = `SELECT 'alert', '', received FROM alerts WHERE client_id = ?1 AND instr(note || ' ' || resolution, ?2) > 0
			ORDER BY received DESC LIMIT 1`
	case "files":
		p.Part = "File"
		q = `SELECT 'file', name, added FROM attachments WHERE client_id = ?1 AND instr(name, ?2) > 0 ORDER BY added DESC LIMIT 1`
	default:
		p.Part = "Timeline"
		q = `SELECT kind, summary, at FROM timeline WHERE client_id = ?1 AND instr(summary || ' ' || body, ?2) > 0
			ORDER BY at DESC, id DESC LIMIT 1`
	}
	var kind, what, at string
	err := d.sql.QueryRowContext(ctx, q, client, p.Match).Scan(&kind, &what, &at)
	if errors.Is(err, sql.ErrNoRows) || p.Match == "" {
		return p, nil // the words as indexed differ from the text (a folded accent): the part is still right
	}
	if err != nil {
		return p, fmt.Errorf("search: where %q matched: %w", p.Match, err)
	}
	if p.At, err = parseTime(at); err != nil {
		return p, err
	}
	switch kind {
	case "interview", "alert":
	case "file":
		p.Part = "File " + what
	default:
		p.Part = EntryKind(kind).Label() + " “" + what + "”"
	}
	return p, nil
}
