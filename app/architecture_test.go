package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// parseApp parses the package's own (non-test) files.
func parseApp(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = f
	}
	if len(files) < 30 {
		t.Fatalf("only %d files parsed: the test does not see the package", len(files))
	}
	return fset, files
}

// No screen is handed the whole window: a constructor that takes *UI could reach every
// other screen, and the screen could not be built and tested alone.
func TestScreensAreNotHandedTheUI(t *testing.T) {
	fset, files := parseApp(t)
	constructors := 0
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "new") {
				continue
			}
			constructors++
			for _, p := range fn.Type.Params.List {
				if star, ok := p.Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok && id.Name == "UI" {
						t.Errorf("%s: %s takes *UI; give it deps (and a callback if it must)", fset.Position(fn.Pos()), fn.Name.Name)
					}
				}
			}
		}
	}
	if constructors < 20 {
		t.Fatalf("only %d constructors found", constructors)
	}
}

// Work leaves the UI thread one way, through runner (runner.go), whose one test hook
// is its post function: no goroutine, fyne.Do, timer or ticker anywhere else.
func TestOneWayOffTheUIThread(t *testing.T) {
	fset, files := parseApp(t)
	for name, f := range files {
		if name == "runner.go" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch v := n.(type) {
			case *ast.GoStmt:
				t.Errorf("%s: a go statement; use the runner", fset.Position(v.Pos()))
			case *ast.SelectorExpr:
				if id, ok := v.X.(*ast.Ident); ok {
					call := id.Name + "." + v.Sel.Name
					switch call {
					case "fyne.Do", "fyne.DoAndWait", "time.AfterFunc", "time.NewTicker", "time.Tick":
						// Launch hands fyne.Do to the runner as its post; nothing calls it.
						if !(call == "fyne.Do" && name == "launch.go") {
							t.Errorf("%s: %s; use the runner", fset.Position(v.Pos()), call)
						}
					}
				}
			}
			return true
		})
	}
}
