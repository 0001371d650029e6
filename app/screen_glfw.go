//go:build !js && !wasm && !android && !ios

package app

import "github.com/go-gl/glfw/v3.4/glfw"

// systemScreens lists the screens' work areas (without task bars and docks), in pixels,
// the primary screen first. Fyne has no way to ask; its own window library (GLFW) does,
// on the main thread once the first window is made, which is where the UI runs. GLFW
// reports a failure as a panic: then no screen is known and nothing is clamped.
func systemScreens() (out []screenArea) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	for _, m := range glfw.GetMonitors() {
		x, y, w, h := m.GetWorkarea()
		if w <= 0 || h <= 0 { // Wayland has no work area: the whole screen
			mx, my := m.GetPos()
			if mode := m.GetVideoMode(); mode != nil {
				x, y, w, h = mx, my, mode.Width, mode.Height
			}
		}
		if w > 0 && h > 0 {
			sx, _ := m.GetContentScale()
			out = append(out, screenArea{x: x, y: y, w: w, h: h, scale: sx})
		}
	}
	return out
}
