// Package assets holds the files Amends ships inside its binary: the icon and,
// as features add them, default letter templates.
package assets

import _ "embed"

// Icon is the app icon, 1024x1024 PNG.
//
//go:embed icon.png
var Icon []byte
