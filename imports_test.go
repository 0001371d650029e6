package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the import path of this module: packages under it are ours.
const module = "github.com/amends/amends"

// pkg is one package as `go list -json` describes it.
type pkg struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

// TestImportRules keeps the arrows of the README's "How the code is laid out" honest: it
// reads every package of the tree and all it depends on from `go list -deps -json` and
// fails naming the package and the import that break a rule.
func TestImportRules(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the import rules need the go command on PATH: %v", err)
	}
	cmd := exec.Command(goCmd, "list", "-tags", "migrated_fynedo,sqlite_fts5", "-deps",
		"-json=ImportPath,Imports,TestImports,XTestImports", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if !slices.ContainsFunc(pkgs, func(p pkg) bool { return p.ImportPath == module+"/data" }) {
		t.Fatalf("go list did not list the store (%d packages): run the test from the module's root", len(pkgs))
	}
	for _, problem := range importProblems(pkgs) {
		t.Error(problem)
	}
}

// The rules catch a forbidden import, direct or through another package, and name it.
func TestImportRulesCatch(t *testing.T) {
	ours := func(rel string) string { return strings.TrimSuffix(module+"/"+rel, "/") }
	for _, tc := range []struct {
		name string
		pkgs []pkg
		want string // "" for no problem
	}{
		{"the arrows as built", []pkg{
			{ImportPath: ours(""), Imports: []string{ours("app"), ours("app/cli"), ours("assets"), "fyne.io/fyne/v2"}},
			{ImportPath: ours("app"), Imports: []string{ours("app/documents"), ours("data/letters"), ours("pdf/fonts"), "fyne.io/fyne/v2"}},
			{ImportPath: ours("app/cli"), Imports: []string{ours("app/documents"), ours("data/demo")}},
			{ImportPath: ours("app/documents"), Imports: []string{ours("data/letters"), ours("pdf")}},
			{ImportPath: ours("data/letters"), Imports: []string{ours("data"), ours("assets")}},
			{ImportPath: ours("pdf"), Imports: []string{ours("pdf/fonts")}},
			{ImportPath: "fyne.io/fyne/v2"},
		}, ""},
		{"data imports pdf", []pkg{
			{ImportPath: ours("data/letters"), Imports: []string{ours("pdf")}},
			{ImportPath: ours("pdf")},
		}, "data/letters imports github.com/amends/amends/pdf"},
		{"data reaches pdf through another package", []pkg{
			{ImportPath: ours("data/demo"), Imports: []string{"example.com/x"}},
			{ImportPath: "example.com/x", Imports: []string{ours("pdf/fonts")}},
			{ImportPath: ours("pdf/fonts")},
		}, "data/demo depends on github.com/amends/amends/pdf/fonts: data/demo -> example.com/x -> github.com/amends/amends/pdf/fonts"},
		{"pdf imports data", []pkg{
			{ImportPath: ours("pdf"), Imports: []string{ours("data")}},
			{ImportPath: ours("data")},
		}, "pdf imports github.com/amends/amends/data"},
		{"documents imports Fyne", []pkg{
			{ImportPath: ours("app/documents"), Imports: []string{"fyne.io/fyne/v2/widget"}},
			{ImportPath: "fyne.io/fyne/v2/widget"},
		}, "app/documents depends on fyne.io/fyne/v2/widget"},
		{"the command line imports the UI", []pkg{
			{ImportPath: ours("app/cli"), Imports: []string{ours("app")}},
			{ImportPath: ours("app")},
		}, "app/cli imports github.com/amends/amends/app (app/cli may import only app/cli, assets, app/documents, data/...)"},
		{"a test of the store imports documents", []pkg{
			{ImportPath: ours("data"), XTestImports: []string{ours("app/documents")}},
			{ImportPath: ours("app/documents")},
		}, "data (its tests) imports github.com/amends/amends/app/documents"},
		{"a package with no place in the layout", []pkg{
			{ImportPath: ours("tools/gen")},
		}, "tools/gen has no place in the layout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := importProblems(tc.pkgs)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("problems %q", got)
			case tc.want != "" && !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tc.want) }):
				t.Errorf("problems %q, want one with %q", got, tc.want)
			}
		})
	}
}

// part names the part of the layout a package of ours belongs to (rel is its path in
// the module, "" for main), or "" when it has none.
func part(rel string) string {
	under := func(dir string) bool { return rel == dir || strings.HasPrefix(rel, dir+"/") }
	switch {
	case rel == "", rel == "app", rel == "app/cli", rel == "app/documents", rel == "app/e2e", rel == "assets":
		return rel
	case under("app/internal"):
		return "app/internal"
	case under("data"):
		return "data"
	case under("pdf"):
		return "pdf"
	}
	return ""
}

// importProblems checks the packages and what they depend on against the layout:
//   - each package of ours imports (in its code or its tests) only the parts its own part
//     may import: the arrows of the README;
//   - nothing under data/ depends on pdf/ or Fyne, nothing under pdf/ on data/ or Fyne,
//     directly or through any package in between;
//   - only the UI (main, app and app/internal/...) depends on Fyne.
func importProblems(pkgs []pkg) []string {
	// The parts each part may import besides itself; every part may import assets.
	arrows := map[string][]string{
		"":              {"app", "app/cli"},
		"app":           {"app/documents", "data", "pdf"},
		"app/cli":       {"app/documents", "data"},
		"app/documents": {"data", "pdf"},
		"app/e2e":       {"data"},
		"app/internal":  {},
		"data":          {},
		"pdf":           {},
		"assets":        {},
	}
	ui := map[string]bool{"": true, "app": true, "app/internal": true}
	graph := map[string][]string{}
	for _, p := range pkgs {
		graph[p.ImportPath] = p.Imports
	}
	rel := func(path string) (string, bool) {
		if path == module {
			return "", true
		}
		r, ok := strings.CutPrefix(path, module+"/")
		return r, ok
	}
	isFyne := func(path string) bool { return path == "fyne.io" || strings.HasPrefix(path, "fyne.io/") }

	var problems []string
	for _, p := range pkgs {
		r, ok := rel(p.ImportPath)
		if !ok {
			continue
		}
		from := part(r)
		if _, known := arrows[from]; !known || (from == "" && r != "") {
			problems = append(problems, name(r)+" has no place in the layout: add it to the README's \"How the code is laid out\" and to the arrows here")
			continue
		}
		may := append([]string{from, "assets"}, arrows[from]...)
		for _, imports := range []struct {
			list []string
			how  string
		}{{p.Imports, ""}, {p.TestImports, " (its tests)"}, {p.XTestImports, " (its tests)"}} {
			for _, imp := range imports.list {
				ir, ok := rel(imp)
				if !ok || slices.Contains(may, part(ir)) && part(ir) != "" || ir == r {
					continue
				}
				problems = append(problems, name(r)+imports.how+" imports "+imp+" ("+label(from)+" may import only "+labels(may)+")")
			}
		}
		// What the package depends on, directly or not: the first path found to each.
		var forbidden func(dep string) bool
		switch {
		case from == "data":
			forbidden = func(dep string) bool { d, ok := rel(dep); return isFyne(dep) || ok && part(d) == "pdf" }
		case from == "pdf":
			forbidden = func(dep string) bool { d, ok := rel(dep); return isFyne(dep) || ok && part(d) == "data" }
		case !ui[from]:
			forbidden = isFyne
		default:
			continue
		}
		for _, chain := range reach(graph, p.ImportPath, forbidden) {
			if _, ours := rel(chain[1]); ours && len(chain) == 2 {
				continue // a direct import of ours: said above
			}
			problems = append(problems, name(r)+" depends on "+chain[len(chain)-1]+": "+name(r)+" -> "+strings.Join(chain[1:], " -> "))
		}
	}
	return problems
}

// name is a package of ours by its path in the module, "main" for the root.
func name(rel string) string {
	if rel == "" {
		return "main"
	}
	return rel
}

// label is a part of the layout as the README names it: "main", "app/cli", "data/...".
func label(part string) string {
	switch part {
	case "":
		return "main"
	case "data", "pdf", "app/internal":
		return part + "/..."
	}
	return part
}

// labels lists parts for a message.
func labels(parts []string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = label(p)
	}
	return strings.Join(out, ", ")
}

// reach walks the imports from start breadth first and returns, for every package that
// is forbidden, the shortest chain of imports from start to it (not beyond it).
func reach(graph map[string][]string, start string, forbidden func(string) bool) [][]string {
	from := map[string]string{start: ""}
	queue := []string{start}
	var found [][]string
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, imp := range graph[p] {
			if _, seen := from[imp]; seen {
				continue
			}
			from[imp] = p
			if forbidden(imp) {
				chain := []string{imp}
				for q := p; q != ""; q = from[q] {
					chain = append([]string{q}, chain...)
				}
				found = append(found, chain)
				continue
			}
			queue = append(queue, imp)
		}
	}
	return found
}
