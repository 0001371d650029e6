package app

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
)

// TestScreenshots renders every screen on demo data into $AMENDS_SCREENSHOTS
// (make screenshots); it is skipped otherwise.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("AMENDS_SCREENSHOTS")
	if dir == "" {
		t.Skip("set AMENDS_SCREENSHOTS=folder to render the README screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	store, err := data.Open(filepath.Join(t.TempDir(), "shots.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Now()
	if err := demo.Fill(context.Background(), store, demo.Options{Clients: 400, Seed: 11, Now: now}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
	u := New(a, store, Info{Version: "screenshots"})
	u.win.SetPadded(false)
	u.win.Resize(fyne.NewSize(1280, 800))
	shot := func(name string) {
		t.Helper()
		// The start-up notices (overdue follow-ups) would cover every picture.
		for o := u.win.Canvas().Overlays(); o.Top() != nil; {
			o.Remove(o.Top())
		}
		img := u.win.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	u.clients.list.Select(3)
	shot("clients")
	u.client.tabs.SelectIndex(1)
	shot("timeline")
	for i, s := range u.sections {
		if i == 0 {
			continue
		}
		u.showSection(i)
		shot(strings.ToLower(strings.NewReplacer(" ", "-", "/", "-").Replace(s.title)))
	}
	// The interview wizard at its heart: a restatement confirmed after a correction.
	if ks, err := store.ListComplaints(context.Background(), data.ComplaintFilter{Restate: data.RestateConfirmed}, 50); err == nil && len(ks) > 0 {
		for _, k := range ks {
			if rs, _ := store.Rounds(context.Background(), k.ID); len(rs) == 2 {
				u.openInterview(k.ID)
				u.interview.goTo(data.StepRestate)
				shot("interview-restate")
				break
			}
		}
	}
}
