package app

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/data/letters"
)

// TestScreenshots renders every screen on demo data into $AMENDS_SCREENSHOTS
// (make screenshots): the README's pictures in the dark theme at 1280x800, some in the
// light theme and at 1024x700 too. With AMENDS_SCREENSHOTS_ALL=folder it also renders
// every screen and dialog of the layout walk, in both themes, at 1024x700 and 1920x1080,
// into that folder, to look at. It is skipped otherwise.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("AMENDS_SCREENSHOTS")
	if dir == "" {
		t.Skip("set AMENDS_SCREENSHOTS=folder to render the README screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LANG", "en_GB.UTF-8") // the pictures show dates as 1 Dec 2026
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "shots.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Now()
	if err := demo.Fill(context.Background(), store, demo.Options{Clients: 400, Seed: 11, Now: now}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
	letterPicture(t, store, dir)
	ui := func(choice string, size fyne.Size) *UI {
		a.Preferences().SetString(prefTheme, choice)
		u := New(a, store, Info{Version: "screenshots", temp: newTempFiles(filepath.Join(t.TempDir(), "cache"))})
		u.win.SetPadded(false)
		u.win.Resize(size)
		return u
	}
	shotOf := func(win fyne.Window, name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		relayout(win.Content())
		if top := win.Canvas().Overlays().Top(); top != nil {
			relayout(top)
		}
		img := win.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	shot := func(u *UI, name string) {
		t.Helper()
		shotOf(u.win, name)
	}
	// The start-up notices (overdue follow-ups) would cover every picture.
	readme := func(choice string, size fyne.Size, suffix string, only ...string) {
		u := ui(choice, size)
		defer u.win.Close()
		closeOverlays(u)
		wanted := func(name string) bool {
			if len(only) == 0 {
				return true
			}
			for _, o := range only {
				if o == name {
					return true
				}
			}
			return false
		}
		u.clients.list.Select(3)
		if wanted("clients") {
			shot(u, "clients"+suffix)
		}
		if wanted("timeline") {
			u.client.tabs.SelectIndex(1)
			shot(u, "timeline"+suffix)
		}
		for i, s := range u.sections {
			name := strings.ToLower(strings.NewReplacer(" ", "-", "/", "-").Replace(s.title))
			if i == 0 || !wanted(name) {
				continue
			}
			u.showSection(i)
			shot(u, name+suffix)
		}
		// The interview wizard at its heart: a restatement confirmed after a correction.
		if !wanted("interview-restate") {
			return
		}
		if ks, err := store.ListComplaints(context.Background(), data.ComplaintFilter{Restate: data.RestateConfirmed}, 50); err == nil && len(ks) > 0 {
			for _, k := range ks {
				if rs, _ := store.Rounds(context.Background(), k.ID); len(rs) == 2 {
					u.showInterview(k.ID)
					u.interviews.wizard.goTo(data.StepRestate)
					shot(u, "interview-restate"+suffix)
					break
				}
			}
		}
	}
	readme("Dark", fyne.NewSize(1280, 800), "")
	readme("Light", fyne.NewSize(1280, 800), "-light", "clients", "follow-ups", "reports")
	readme("Light", fyne.NewSize(1024, 700), "-1024x700", "clients", "lost-clients", "reports")
	// The letter editor on a 1024x700 screen: sized to it, Print and the check in view.
	func() {
		u := ui("Light", fyne.NewSize(1024, 700))
		defer u.win.Close()
		closeOverlays(u)
		u.screens = func() []screenArea { return []screenArea{{w: 1024, h: 700, scale: 1}} }
		ks, err := store.ListComplaints(context.Background(), data.ComplaintFilter{Restate: data.RestateConfirmed}, 1)
		if err != nil || len(ks) == 0 {
			t.Fatalf("no confirmed complaint in the demo data: %v", err)
		}
		e := openEditor(u, letters.Apology, ks[0].ClientID, ks[0].ID)
		if e == nil {
			t.Fatal("the letter editor did not open")
		}
		defer e.win.Close()
		shotOf(e.win, "letter-editor-1024x700")
	}()
	all := os.Getenv("AMENDS_SCREENSHOTS_ALL")
	if all == "" {
		return
	}
	dir = all
	for _, choice := range []string{"Light", "Dark"} {
		for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1920, Height: 1080}} {
			u := ui(choice, size)
			closeOverlays(u)
			n := 0
			walkEverything(t, u, func(where string) {
				n++
				name := fmt.Sprintf("%s-%.0fx%.0f/%03d %s", strings.ToLower(choice), size.Width, size.Height, n,
					strings.NewReplacer("/", "-", "…", "", "→", "-", " ", "_").Replace(where))
				shot(u, name)
			})
			walkLetterEditors(t, u, int(size.Width), int(size.Height)+titleBar, func(_ *letterEditor, win fyne.Window, where string) {
				n++
				shotOf(win, fmt.Sprintf("%s-%.0fx%.0f/%03d %s", strings.ToLower(choice), size.Width, size.Height, n,
					strings.NewReplacer("/", "-", "…", "", "→", "-", " ", "_").Replace(where)))
			})
			u.win.Close()
		}
	}
}

// letterPicture renders the apology for a resolved, confirmed demo complaint and turns
// its first page into letter.png with pdftoppm.
func letterPicture(t *testing.T, store *data.DB, dir string) {
	t.Helper()
	ctx := context.Background()
	lh := data.Letterhead{Name: "Clara Whitfield", Business: "Whitfield Advisory",
		Address: "14 Market Street\nCambridge CB2 3QF\nUnited Kingdom", Phone: "+44 1223 555 014",
		Email: "clara@whitfield-advisory.co.uk", Website: "whitfield-advisory.co.uk", Paper: "A4", Place: "Cambridge"}
	if err := store.SaveLetterhead(ctx, lh); err != nil {
		t.Fatal(err)
	}
	var clientID, complaintID int64
	err := store.SQL().QueryRow(`SELECT k.client_id, k.id FROM complaints k JOIN clients c ON c.id = k.client_id
		WHERE k.restate_state = 'confirmed' AND k.outcome = 'retained' AND c.address_lines <> ''
		  AND c.country IN ('United Kingdom', 'Singapore') AND EXISTS (SELECT 1 FROM remedies r WHERE r.complaint_id = k.id) ORDER BY k.id LIMIT 1`).Scan(&clientID, &complaintID)
	if err != nil {
		t.Fatalf("no confirmed complaint in the demo data: %v", err)
	}
	// A fresh draft from the interview, as the letter editor first shows it.
	in, src, err := documents.Gather(ctx, store, letters.Apology, clientID, complaintID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := documents.Template(ctx, store, letters.Apology, in.Lang)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := letters.Write(in, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	l, err := letters.Record(letters.Apology, in.Lang, "A4", time.Now(), draft, src)
	if err != nil {
		t.Fatal(err)
	}
	head := src.Letterhead
	file := filepath.Join(t.TempDir(), "letter.pdf")
	if _, err := documents.WriteLetterFile(file, l, head); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file,
		filepath.Join(dir, "letter")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
}
