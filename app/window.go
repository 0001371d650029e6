package app

import (
	"errors"
	"image/color"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// Preferences (per computer, not in the data file) that bring the window back as it was.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefWindowX      = "window.x"
	prefWindowY      = "window.y"
	prefLastScreen   = "window.screen"
)

// minWindow is the smallest size we restore: every screen is laid out to work at 1024x700.
var minWindow = fyne.NewSize(800, 560)

// defaultWindow is the size of the first window, when the screen has room for it.
var defaultWindow = fyne.NewSize(1200, 760)

// screenArea is the part of a screen windows may take, in pixels, and how many pixels
// the screen gives a unit of Fyne's (2 on most high-resolution screens; 0: unknown).
type screenArea struct {
	x, y, w, h int
	scale      float32
}

// titleBar is the room the system's title bar takes above a window, in Fyne units.
const titleBar = 40

// placeOnScreen fits a window of size (Fyne units, scale pixels each) onto the screen it
// was last on (at x, y in pixels; placed false for no position known), or the first
// screen when that one is gone: never larger than the screen, and wholly on it. It gives
// the size, and where to put the window (moved false: leave it to the system).
func placeOnScreen(size fyne.Size, x, y int, placed bool, screens []screenArea, scale float32) (fyne.Size, int, int, bool) {
	if len(screens) == 0 {
		return size, x, y, placed
	}
	if scale <= 0 {
		scale = 1
	}
	on := screens[0]
	found := false
	for _, s := range screens {
		if placed && x >= s.x && x < s.x+s.w && y >= s.y && y < s.y+s.h {
			on, found = s, true
			break
		}
	}
	if on.scale > scale {
		scale = on.scale // the window, not shown yet, does not know its screen's scale
	}
	size = fyne.NewSize(fyne.Min(size.Width, float32(on.w)/scale), fyne.Min(size.Height, float32(on.h)/scale-titleBar))
	if !placed {
		return size, x, y, false
	}
	w, h := int(size.Width*scale), int((size.Height+titleBar)*scale)
	if !found { // the screen it was on is gone: the middle of the first one
		x, y = on.x+(on.w-w)/2, on.y+(on.h-h)/2
	}
	x = max(on.x, min(x, on.x+on.w-w))
	y = max(on.y, min(y, on.y+on.h-h))
	return size, x, y, true
}

// restoreWindowState brings back the size, position and screen of the last session,
// clamped onto a screen there is now: a size saved on a bigger screen or a position on
// a screen since unplugged would put the window, or its buttons, out of reach.
func (u *UI) restoreWindowState() {
	p := u.app.Preferences()
	size := defaultWindow
	if w, h := float32(p.Float(prefWindowWidth)), float32(p.Float(prefWindowHeight)); w >= minWindow.Width && h >= minWindow.Height {
		size = fyne.NewSize(w, h)
	}
	x, y := p.IntWithFallback(prefWindowX, -1), p.IntWithFallback(prefWindowY, -1)
	var screens []screenArea
	if u.screens != nil {
		screens = u.screens()
	}
	size, x, y, move := placeOnScreen(size, x, y, x >= 0 && y >= 0, screens, u.win.Canvas().Scale())
	u.win.Resize(size)
	if move {
		if dw, ok := u.win.(desktop.Window); ok {
			dw.RequestPosition(x, y) // ignored where the system places windows itself (Wayland)
		}
	}
	if i := u.sectionIndex(p.String(prefLastScreen)); i > 0 {
		u.showSection(i)
	}
}

// windowSize is the size for a new window opened from d.win (the letter editor): want,
// made to fit the work area of the screen d.win is on, or of the first screen when
// that is not known. The system places the new window; on that screen it fits whole.
func (d deps) windowSize(want fyne.Size) fyne.Size {
	var screens []screenArea
	if d.screens != nil {
		screens = d.screens()
	}
	x, y, placed := windowPosition(d.win)
	size, _, _, _ := placeOnScreen(want, x, y, placed, screens, d.win.Canvas().Scale())
	return size
}

// saveWindowState remembers the size, position and screen for the next start.
func (u *UI) saveWindowState() {
	p := u.app.Preferences()
	size := u.win.Canvas().Size()
	if size.Width >= minWindow.Width && size.Height >= minWindow.Height {
		p.SetFloat(prefWindowWidth, float64(size.Width))
		p.SetFloat(prefWindowHeight, float64(size.Height))
	}
	if x, y, ok := windowPosition(u.win); ok && x >= 0 && y >= 0 {
		p.SetInt(prefWindowX, x)
		p.SetInt(prefWindowY, y)
	}
	if u.current >= 0 && u.current < len(u.sections) {
		p.SetString(prefLastScreen, u.sections[u.current].title)
	}
}

// windowPosition reads where a desktop window is. Fyne 2.8 can place a window
// (desktop.Window.RequestPosition) but has no getter; its GLFW window keeps the
// position it last saw in the fields xpos and ypos, which we read without changing.
// Other drivers (tests, mobile) report false and the position is not remembered.
func windowPosition(w fyne.Window) (x, y int, ok bool) {
	v := reflect.ValueOf(w)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return 0, 0, false
	}
	fx, fy := v.Elem().FieldByName("xpos"), v.Elem().FieldByName("ypos")
	if !fx.IsValid() || !fy.IsValid() || !fx.CanInt() || !fy.CanInt() {
		return 0, 0, false
	}
	return int(fx.Int()), int(fy.Int()), true
}

// setBanner shows obj in the strip above the screens, or hides the strip for nil.
func (u *UI) setBanner(obj fyne.CanvasObject) {
	if obj == nil {
		u.banner.Objects = nil
	} else {
		u.banner.Objects = []fyne.CanvasObject{obj}
	}
	u.banner.Refresh()
}

// banner is a tinted strip with a message and actions at the right.
func banner(tint color.Color, icon fyne.Resource, text string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	msg := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(tint)
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewBorder(nil, nil, widget.NewIcon(icon), container.NewHBox(actions...), msg))
}

// sampleTint and setupTint are translucent, so they read on light and dark themes.
var (
	sampleTint = color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0x55}
	setupTint  = color.NRGBA{R: 0x29, G: 0x6f, B: 0xf6, A: 0x40}
)

// showSampleBanner marks sample data and offers the way out.
func (u *UI) showSampleBanner() {
	leave := widget.NewButtonWithIcon("Leave sample data", theme.LogoutIcon(), u.onLeaveSample)
	leave.Importance = widget.HighImportance
	u.setBanner(banner(sampleTint, theme.WarningIcon(),
		"You are exploring SAMPLE DATA: nothing here is real, and your own clients are kept in another file.", leave))
}

// startSetup opens the Settings screen for the letterhead, with a way to skip it.
func (u *UI) startSetup() {
	if i := u.sectionIndex("Settings"); i >= 0 {
		u.showSection(i)
	}
	skip := widget.NewButton("Skip for now", u.onSkipSetup)
	u.setBanner(banner(setupTint, theme.InfoIcon(),
		"Set up your letterhead: your name and address go on every letter. You can change them any time in Settings.", skip))
	u.setupShown = true
}

// onSkipSetup hides the setup strip and goes to the client list.
func (u *UI) onSkipSetup() {
	u.setBanner(nil)
	u.setupShown = false
	u.guard(func() { u.showSection(u.sectionIndex("Clients")) })
}

// letterheadChanged takes the setup strip away once the letterhead has the name and
// address every letter needs.
func (u *UI) letterheadChanged() {
	var lh data.Letterhead
	var err error
	u.run.run(func() { lh, err = u.store.Letterhead(u.ctx) }, func() {
		var dmg *data.LetterheadDamage
		if err != nil && !errors.As(err, &dmg) {
			return // Settings says what cannot be read
		}
		if u.setupShown && strings.TrimSpace(lh.Name) != "" && len(lh.AddressLines()) > 0 {
			u.setBanner(nil)
			u.setupShown = false
		}
	})
}

// onLeaveSample switches to the user's own data once unsaved changes are dealt with.
func (u *UI) onLeaveSample() {
	if u.launcher == nil {
		return
	}
	u.guard(func() { u.launcher.openOwn(u.win) })
}

// onExploreSample switches to the sample data once unsaved changes are dealt with.
func (u *UI) onExploreSample() {
	if u.launcher == nil {
		return
	}
	u.guard(func() { u.launcher.openSample(u.win, nil) })
}

// dialogSize is the size a dialog over win asks for: want, but never more than nine
// tenths of the window, so that its buttons are in view on a 1024x700 screen too.
func dialogSize(win fyne.Window, want fyne.Size) fyne.Size {
	c := win.Canvas().Size()
	if c.Width <= 0 || c.Height <= 0 {
		return want
	}
	return fyne.NewSize(fyne.Min(want.Width, c.Width*0.9), fyne.Min(want.Height, c.Height*0.9))
}
