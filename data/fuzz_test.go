package data

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMatchExpr: whatever is typed in the search box, the query is valid FTS5 and never errors.
func FuzzMatchExpr(f *testing.F) {
	for _, s := range []string{"mül", `"AND`, "a OR b", "NEAR(x y)", "-x", "*", "παπα", "chen@exa", "'; DROP", "\x00"} {
		f.Add(s)
	}
	d := openTest(f)
	ctx := context.Background()
	d.CreateClient(ctx, Client{Name: "Jörg Müller", Company: "Bäckerei", Email: "j@m.de"})
	f.Fuzz(func(t *testing.T, q string) {
		expr := MatchExpr(q)
		if strings.TrimSpace(q) == "" && expr != "" {
			t.Fatalf("blank query gave %q", expr)
		}
		if _, err := d.SearchClients(ctx, q, ClientFilter{}, 5); err != nil {
			t.Fatalf("search %q (%q): %v", q, expr, err)
		}
	})
}

// FuzzParseMoney: any text either parses to an amount that formats back, or gives a message.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12,500.50", "12.500,50", "€ 99", "-7", "1'000", "abc", "9999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseMoney(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		back, err := ParseMoney(FormatMoney(v, ""))
		if err != nil || back != v {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, v, FormatMoney(v, ""), back, err)
		}
		if !utf8.ValidString(FormatMoney(v, "EUR")) {
			t.Fatal("invalid utf8")
		}
	})
}
