package assets

import (
	"embed"
	"fmt"
)

//go:embed licenses/*.txt
var licenseFiles embed.FS

// FontLicense is a font family shipped inside Amends and the licence it comes under.
type FontLicense struct {
	Font    string // family name
	Use     string // where Amends uses it
	License string // short name of the licence
	Source  string // where it comes from
	file    string
}

// FontLicenses lists every font bundled in the binary. The texts were copied from the
// module cache of the versions in go.mod (see each Source).
func FontLicenses() []FontLicense {
	return []FontLicense{
		{Font: "Liberation Sans and Liberation Serif", Use: "letters, summaries and reports (PDF)", License: "SIL Open Font Licence 1.1",
			Source: "github.com/go-fonts/liberation", file: "liberation-fonts.txt"},
		{Font: "Noto Sans", Use: "the interface (Fyne)", License: "SIL Open Font Licence 1.1",
			Source: "fyne.io/fyne/v2/theme", file: "noto-sans.txt"},
		{Font: "Inter Symbols", Use: "the interface (Fyne)", License: "SIL Open Font Licence 1.1",
			Source: "fyne.io/fyne/v2/theme", file: "inter.txt"},
		{Font: "DejaVu Sans Mono", Use: "the interface (Fyne)", License: "Bitstream Vera / public domain",
			Source: "fyne.io/fyne/v2/theme", file: "dejavu-sans-mono.txt"},
		{Font: "EmojiOne Color", Use: "the interface (Fyne)", License: "MIT",
			Source: "fyne.io/fyne/v2/theme", file: "emojione-color.txt"},
	}
}

// Text is the full licence text.
func (f FontLicense) Text() (string, error) {
	b, err := licenseFiles.ReadFile("licenses/" + f.file)
	if err != nil {
		return "", fmt.Errorf("licence of %s: %w", f.Font, err)
	}
	return string(b), nil
}
