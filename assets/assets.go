// Package assets holds the files Amends ships inside its binary: the app icon, other
// icons, the default letter templates and the licences of the bundled fonts.
package assets

import (
	"embed"
	"fmt"
)

// Icon is the app icon, 1024x1024 PNG.
//
//go:embed icon.png
var Icon []byte

// WindowIcon is the same icon at 256x256, for the window and the tray: a window icon is
// decoded at start, and the 1024-pixel one took a tenth of a second of it (the packaged
// app keeps the large one, FyneApp.toml).
//
//go:embed icon-256.png
var WindowIcon []byte

// LockIcon is a padlock (24x24 SVG, drawn for Amends): an interview step that waits
// for the client to confirm the restatement.
//
//go:embed icons/lock.svg
var LockIcon []byte

//go:embed letters/*.tmpl
var letterFS embed.FS

// LetterTemplate returns the default template for a letter kind ("apology",
// "thanks", "winback", "followup", "closing") in a language ("en", "de").
func LetterTemplate(kind, lang string) (string, error) {
	b, err := letterFS.ReadFile("letters/" + kind + "." + lang + ".tmpl")
	if err != nil {
		return "", fmt.Errorf("no default %s template in language %q: %w", kind, lang, err)
	}
	return string(b), nil
}
