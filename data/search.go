package data

import (
	"context"
	"strings"
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
