//go:build js || wasm || android || ios

package app

// systemScreens knows no screens where windows fill the screen anyway.
func systemScreens() []screenArea { return nil }
