package pdf

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Helpers that inspect rendered PDFs with poppler-utils.

func needTools(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (apt-get install poppler-utils): %v", tool, err)
		}
	}
}

// tempPDF writes data to a file in a test directory and returns its path.
func tempPDF(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	needTools(t, name)
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	if errb.Len() > 0 {
		t.Errorf("%s %v complained: %s", name, args, errb.String())
	}
	return out.String()
}

// pdfInfo returns pdfinfo's fields.
func pdfInfo(t testing.TB, data []byte) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, l := range strings.Split(run(t, "pdfinfo", tempPDF(t, data)), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// pdfText returns the text of pages first..last (0 for all).
func pdfText(t testing.TB, data []byte, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return run(t, "pdftotext", append(args, tempPDF(t, data), "-")...)
}

// word is a word's box in mm from the page's top-left corner.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	pageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words runs pdftotext -bbox and converts the boxes to mm.
func words(t testing.TB, data []byte) []word {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", tempPDF(t, data), "-")
	var ws []word
	page := 0
	for _, l := range strings.Split(out, "\n") {
		if pageRe.MatchString(l) {
			page++
			continue
		}
		m := wordRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		f := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			return v * mmPerInch / 72
		}
		ws = append(ws, word{page, html.UnescapeString(m[5]), f(m[1]), f(m[2]), f(m[3]), f(m[4])})
	}
	if len(ws) == 0 {
		t.Fatal("pdftotext -bbox found no words")
	}
	return ws
}

func (w word) inside(r Rect, tol float64) bool {
	return w.xMin >= r.X-tol && w.xMax <= r.X+r.W+tol && w.yMin >= r.Y-tol && w.yMax <= r.Y+r.H+tol
}

func (w word) overlaps(r Rect) bool {
	return w.xMin < r.X+r.W && w.xMax > r.X && w.yMin < r.Y+r.H && w.yMax > r.Y
}

// greyPage rasterises one page at dpi and returns a lookup of the darkest
// pixel (0 black, 255 white) within r (mm).
func greyPage(t testing.TB, data []byte, page, dpi int) func(r Rect) int {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p := strconv.Itoa(page)
	run(t, "pdftoppm", "-gray", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", in, filepath.Join(dir, "page"))
	raw, err := os.ReadFile(filepath.Join(dir, "page.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	// Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
	var w, h, maxv int
	var magic string
	br := bytes.NewReader(raw)
	if _, err := fmt.Fscan(br, &magic, &w, &h, &maxv); err != nil || magic != "P5" {
		t.Fatalf("not a binary PGM (%q): %v", magic, err)
	}
	pix := raw[len(raw)-br.Len()+1:]
	if len(pix) < w*h {
		t.Fatalf("PGM has %d bytes for %dx%d", len(pix), w, h)
	}
	px := func(mm float64) int { return int(mm / mmPerInch * float64(dpi)) }
	return func(r Rect) int {
		darkest := 255
		for y := max(px(r.Y), 0); y <= min(px(r.Y+r.H), h-1); y++ {
			for x := max(px(r.X), 0); x <= min(px(r.X+r.W), w-1); x++ {
				darkest = min(darkest, int(pix[y*w+x]))
			}
		}
		return darkest
	}
}
