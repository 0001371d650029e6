package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestPlaceOnScreen(t *testing.T) {
	small := screenArea{x: 0, y: 0, w: 1024, h: 700}
	right := screenArea{x: 1024, y: 0, w: 1920, h: 1080}
	for _, c := range []struct {
		name       string
		size       fyne.Size
		x, y       int
		placed     bool
		screens    []screenArea
		scale      float32
		want       fyne.Size
		wx, wy     int
		wantPlaced bool
	}{
		{"fits where it was", fyne.NewSize(900, 600), 40, 30, true, []screenArea{small}, 1,
			fyne.NewSize(900, 600), 40, 30, true},
		{"a size saved on a big screen shrinks to this one", fyne.NewSize(1900, 1040), 0, 0, true, []screenArea{small}, 1,
			fyne.NewSize(1024, 700-titleBar), 0, 0, true},
		{"a position past the right edge is pulled back", fyne.NewSize(900, 600), 600, 500, true, []screenArea{small}, 1,
			fyne.NewSize(900, 600), 124, 60, true},
		{"on a screen since unplugged: the middle of the first", fyne.NewSize(1600, 900), 1500, 100, true, []screenArea{small}, 1,
			fyne.NewSize(1024, 700-titleBar), 0, 0, true},
		{"on the second screen, which is still there", fyne.NewSize(1600, 900), 1100, 100, true, []screenArea{small, right}, 1,
			fyne.NewSize(1600, 900), 1100, 100, true},
		{"no position known: only the size", fyne.NewSize(1200, 760), -1, -1, false, []screenArea{small}, 1,
			fyne.NewSize(1024, 700-titleBar), -1, -1, false},
		{"a high-resolution screen has half as many units", fyne.NewSize(1200, 760), 0, 0, false,
			[]screenArea{{w: 2048, h: 1400, scale: 2}}, 1, fyne.NewSize(1024, 700-titleBar), 0, 0, false},
		{"no screens known: as it was", fyne.NewSize(1900, 1040), 3000, 20, true, nil, 1,
			fyne.NewSize(1900, 1040), 3000, 20, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			size, x, y, placed := placeOnScreen(c.size, c.x, c.y, c.placed, c.screens, c.scale)
			if size != c.want || x != c.wx || y != c.wy || placed != c.wantPlaced {
				t.Errorf("got %v at %d,%d (%v), want %v at %d,%d (%v)", size, x, y, placed, c.want, c.wx, c.wy, c.wantPlaced)
			}
		})
	}
}

// A window last closed at 1900x1040 on a big screen opens on a 1024x700 screen at a
// size that fits it.
func TestRestoredWindowFitsTheScreen(t *testing.T) {
	u, store := newTestUI(t)
	u.win.Resize(fyne.NewSize(1900, 1040))
	u.saveWindowState()
	info := Info{Version: "test", screens: func() []screenArea { return []screenArea{{w: 1024, h: 700}} }}
	again := New(u.app, store, info)
	if got := again.win.Canvas().Size(); got.Width > 1024 || got.Height > 700-titleBar {
		t.Fatalf("the window opens at %v on a 1024x700 screen", got)
	}
	// Without a saved size, the first window fits too.
	u.app.Preferences().RemoveValue(prefWindowWidth)
	u.app.Preferences().RemoveValue(prefWindowHeight)
	first := New(u.app, store, info)
	if got := first.win.Canvas().Size(); got.Width > 1024 || got.Height > 700-titleBar {
		t.Fatalf("the first window opens at %v on a 1024x700 screen", got)
	}
}
