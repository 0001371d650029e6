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
	// Ranking row IDs inside the FTS query before the join keeps FTS5 from loading a client
	// row for every match; CROSS JOIN keeps SQLite from walking all clients and probing the
	// matches instead. (Column filters such as {name email}: cost more than they save.)
	w, args := f.where("c.")
	return d.queryClients(ctx, `SELECT `+clientCols("c.")+`
		FROM (SELECT rowid AS id, bm25(client_search, 10.0, 5.0, 3.0, 1.0, 0.5) AS score
		      FROM client_search WHERE client_search MATCH ? ORDER BY score LIMIT ?) m
		CROSS JOIN clients c ON c.id = m.id
		WHERE `+w+` ORDER BY m.score, c.name COLLATE NOCASE LIMIT ?`,
		append(append([]any{MatchExpr(query), fetch}, args...), limit)...)
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
var placeColumns = []struct {
	col  int
	name string
}{{6, "alerts"}, {7, "interviews"}, {5, "files"}, {4, "timeline"}, {3, "notes"}}

// Marks around the match in a snippet: control characters nobody types.
const markOpen, markClose = "\x02", "\x03"

// SearchPlaces says, for each of the clients found by SearchClients (ids), where the
// query matched when it is not all in their name, company or email. It reads only
// those clients' rows: cheap for the hundred a result list shows.
func (d *DB) SearchPlaces(ctx context.Context, query string, ids []int64) (map[int64]Place, error) {
	words := searchWords(query)
	if len(words) == 0 || len(ids) == 0 {
		return nil, nil
	}
	args := func(expr string) []any { return append([]any{expr}, int64s(ids)...) }
	in := " AND rowid IN (" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	// Found in what the list shows already: no place to tell.
	var own []string
	for _, w := range words {
		own = append(own, `{name company email} : "`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	shown := map[int64]bool{}
	rows, err := d.sql.QueryContext(ctx, `SELECT rowid FROM client_search WHERE client_search MATCH ?`+in, args(strings.Join(own, " AND "))...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		shown[id] = true
	}
	rows.Close()
	var sel []string
	for _, c := range placeColumns {
		sel = append(sel, fmt.Sprintf(`coalesce(snippet(client_search, %d, char(2), char(3), '…', 12), '')`, c.col))
	}
	rows, err = d.sql.QueryContext(ctx, `SELECT rowid, `+strings.Join(sel, ", ")+` FROM client_search WHERE client_search MATCH ?`+in, args(MatchExpr(query))...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	type found struct {
		id   int64
		col  string
		snip string
	}
	var hits []found
	for rows.Next() {
		var id int64
		snips := make([]string, len(placeColumns))
		dest := []any{&id}
		for i := range snips {
			dest = append(dest, &snips[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		if shown[id] {
			continue
		}
		for i, s := range snips {
			if strings.Contains(s, markOpen) {
				hits = append(hits, found{id, placeColumns[i].name, s})
				break
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := map[int64]Place{}
	for _, h := range hits {
		p, err := d.place(ctx, h.id, h.col, h.snip)
		if err != nil {
			return nil, err
		}
		out[h.id] = p
	}
	return out, nil
}

// place names the entry, alert, file or interview a snippet of column col came from.
func (d *DB) place(ctx context.Context, client int64, col, snip string) (Place, error) {
	p := Place{Snippet: strings.NewReplacer(markOpen, "", markClose, "").Replace(snip)}
	if _, rest, ok := strings.Cut(snip, markOpen); ok {
		p.Match, _, _ = strings.Cut(rest, markClose)
	}
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

func int64s(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
