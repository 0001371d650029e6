package data

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// watch collects what the store announces.
func watch(t *testing.T, d *DB) *[]Notice {
	t.Helper()
	var got []Notice
	cancel := d.Subscribe(func(n Notice) { got = append(got, n) })
	t.Cleanup(cancel)
	return &got
}

// last takes the notices collected since the last call.
func last(got *[]Notice) Notice {
	var all Notice
	for _, n := range *got {
		all = append(all, n...)
	}
	*got = nil
	return all
}

func TestWritesAnnounceWhatChanged(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	got := watch(t, d)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c, err := d.CreateClient(ctx, Client{Name: "Eva Lindqvist", Status: StatusActive})
	must(err)
	other, err := d.CreateClient(ctx, Client{Name: "Other Client"})
	must(err)
	if n := last(got); !n.About(ChangedClient, c.ID) || !n.About(ChangedClient, other.ID) {
		t.Fatalf("create: %v", n)
	}
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Received: d.Now(), Severity: SeveritySerious},
		AlertOptions{MarkAtRisk: true})
	must(err)
	if n := last(got); !n.About(ChangedAlerts, c.ID) || !n.About(ChangedClient, c.ID) || n.Touches(other.ID) {
		t.Fatalf("log alert: %v", n)
	}
	k, err := d.StartComplaint(ctx, c.ID, a.ID)
	must(err)
	if n := last(got); !n.Complaint(k.ID) || !n.About(ChangedTimeline, c.ID) {
		t.Fatalf("start complaint: %v", n)
	}
	e, err := d.AddAckError(ctx, k.ID, "")
	must(err)
	must(d.SetAckError(ctx, e.ID, "The report was late"))
	if n := last(got); !n.Complaint(k.ID) {
		t.Fatalf("acknowledged error: %v", n)
	}
	must(d.RemoveAckError(ctx, e.ID))
	if n := last(got); !n.Complaint(k.ID) || n.Has(ChangedAll) {
		t.Fatalf("remove acknowledged error: %v", n)
	}
	r, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "the report came late"})
	must(err)
	_, err = d.AnswerRound(ctx, r.ID, AnswerConfirmed, "")
	must(err)
	if n := last(got); !n.Complaint(k.ID) {
		t.Fatalf("restate: %v", n)
	}
	m, err := d.AddCommitment(ctx, Commitment{ComplaintID: k.ID, What: "Email the revised report", Due: d.Now().Add(48 * time.Hour)})
	must(err)
	if n := last(got); !n.Complaint(k.ID) || !n.About(ChangedFollowUps, c.ID) {
		t.Fatalf("commitment: %v", n)
	}
	if _, err := d.MarkDone(ctx, m.FollowUpID, "sent", 0.5); err != nil {
		t.Fatal(err)
	}
	if n := last(got); !n.About(ChangedFollowUps, c.ID) || !n.Complaint(k.ID) || !n.About(ChangedTimeline, c.ID) {
		t.Fatalf("follow-up done: %v", n)
	}
	_, err = d.SetOutcome(ctx, k.ID, OutcomeRetained, "")
	must(err)
	if n := last(got); !n.About(ChangedClient, c.ID) || !n.About(ChangedAlerts, c.ID) || !n.Complaint(k.ID) {
		t.Fatalf("outcome: %v", n)
	}
	must(d.SetSetting(ctx, SettingCurrency, "GBP"))
	if n := last(got); !n.Setting(SettingCurrency) || n.Setting("other") {
		t.Fatalf("setting: %v", n)
	}
	must(d.SaveLetterhead(ctx, Letterhead{Name: "Me", Paper: "A4"}))
	if n := last(got); !n.Has(ChangedLetterhead) {
		t.Fatalf("letterhead: %v", n)
	}
	_, err = d.SaveFeedback(ctx, Feedback{ClientID: c.ID, Asked: DateOf(d.Now()), Satisfaction: NoScore, Recommend: NoScore})
	must(err)
	if n := last(got); !n.About(ChangedFeedback, c.ID) {
		t.Fatalf("feedback: %v", n)
	}
	must(d.LetGo(ctx, c.ID, "too demanding"))
	if n := last(got); !n.About(ChangedClient, c.ID) || !n.About(ChangedLosses, c.ID) {
		t.Fatalf("let go: %v", n)
	}
	// A failed write tells nobody anything.
	if err := d.SetAckError(ctx, 9999, "x"); err == nil {
		t.Fatal("no error for a missing row")
	}
	if n := last(got); len(n) != 0 {
		t.Fatalf("a failed write announced %v", n)
	}
}

// Every exported method of *DB that opens a write transaction must tell the
// subscribers what it changed: it calls Announce or one of the announce helpers, or
// another exported method that does. A new write method that forgets fails here.
func TestEveryWriteMethodAnnounces(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	type method struct {
		writes, announces bool
		calls             []string
	}
	methods := map[string]*method{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil || !isDBReceiver(fn.Recv) {
				continue
			}
			m := &method{}
			methods[fn.Name.Name] = m
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "d" {
					switch name := sel.Sel.Name; {
					case name == "tx" || name == "execOne":
						m.writes = true
					case name == "Announce" || strings.HasPrefix(name, "announce"):
						m.announces = true
					default:
						m.calls = append(m.calls, name)
					}
				}
				return true
			})
		}
	}
	var announces func(name string, seen map[string]bool) bool
	announces = func(name string, seen map[string]bool) bool {
		m := methods[name]
		if m == nil || seen[name] {
			return false
		}
		seen[name] = true
		if m.announces {
			return true
		}
		for _, c := range m.calls {
			if announces(c, seen) {
				return true
			}
		}
		return false
	}
	checked := 0
	for name, m := range methods {
		if !m.writes || !ast.IsExported(name) {
			continue
		}
		checked++
		if !announces(name, map[string]bool{}) {
			t.Errorf("(*DB).%s writes but tells the subscribers nothing: call d.Announce after the commit", name)
		}
	}
	if checked < 30 {
		t.Fatalf("only %d write methods found: the check does not see the store's code", checked)
	}
}

func isDBReceiver(fl *ast.FieldList) bool {
	if len(fl.List) != 1 {
		return false
	}
	star, ok := fl.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == "DB"
}
