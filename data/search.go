package data

import (
	"context"
	"strings"
	"unicode"
)

// MatchExpr turns what the user typed into an FTS5 query: every word must match
// as a prefix, so results narrow as they type. It returns "" when nothing searchable was typed.
func MatchExpr(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '@' && r != '.' && r != '_' && r != '-'
	})
	var parts []string
	for _, w := range words {
		w = strings.Trim(w, ".-_@")
		if w == "" {
			continue
		}
		// Quoted, so FTS5 operators typed by the user (AND, NEAR, -, ...) are plain text.
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(parts, " ")
}

// SearchClients finds clients by name, company, email, notes and timeline text,
// best matches first (a hit in the name counts most).
func (d *DB) SearchClients(ctx context.Context, query string, f ClientFilter, limit int) ([]Client, error) {
	expr := MatchExpr(query)
	if expr == "" {
		return d.ListClients(ctx, f, 0, limit)
	}
	w, args := f.where("c.")
	args = append([]any{expr}, args...)
	args = append(args, limit)
	return d.queryClients(ctx, `SELECT `+clientCols("c.")+`
		FROM client_search s JOIN clients c ON c.id = s.rowid
		WHERE client_search MATCH ? AND `+w+`
		ORDER BY bm25(client_search, 10.0, 5.0, 3.0, 1.0, 0.5), c.name COLLATE NOCASE
		LIMIT ?`, args...)
}
