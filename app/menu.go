package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/assets"
)

// buildMenu sets the window's menu bar. Features put their File items (Import, Export,
// Back up, Restore, ...) into u.fileMenuItems before New calls this; they appear
// between New client and Quit.
func (u *UI) buildMenu() {
	newClient := fyne.NewMenuItem("New client", u.onNewClient)
	newClient.Icon = theme.ContentAddIcon()
	newClient.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	file := []*fyne.MenuItem{newClient}
	if len(u.fileMenuItems) > 0 {
		file = append(append(file, fyne.NewMenuItemSeparator()), u.fileMenuItems...)
	}
	quitKey := &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	quit := fyne.NewMenuItem("Quit", u.onQuit)
	quit.IsQuit = true
	quit.Shortcut = quitKey
	file = append(file, fyne.NewMenuItemSeparator(), quit)
	// Menu shortcuts are only labels outside macOS: the canvas handles the keys.
	u.win.Canvas().AddShortcut(quitKey, func(fyne.Shortcut) { u.onQuit() })

	help := []*fyne.MenuItem{fyne.NewMenuItem("About Amends", u.onAbout)}
	if u.launcher != nil {
		if u.info.Sample {
			help = append(help, fyne.NewMenuItem("Leave sample data", u.onLeaveSample))
		} else {
			help = append(help, fyne.NewMenuItem("Explore sample data", u.onExploreSample))
		}
	}
	u.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File", file...), fyne.NewMenu("Help", help...)))
}

// onQuit ends Amends once unsaved changes are dealt with.
func (u *UI) onQuit() {
	u.guard(func() {
		u.saveWindowState()
		u.app.Quit()
	})
}

// onAbout shows the version, where the data is, and the licences of the bundled fonts.
func (u *UI) onAbout() {
	icon := canvas.NewImageFromResource(u.app.Icon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	name := widget.NewLabelWithStyle("Amends "+u.info.Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tagline := widget.NewLabel("Keep your clients after something has gone wrong.")
	head := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name, tagline))

	where := widget.NewEntry()
	where.SetText(u.store.Path())
	where.Disable() // shown in full and selectable to copy, not editable
	whereNote := "Your data file (everything Amends knows is in it):"
	if u.info.Sample {
		whereNote = "The SAMPLE data file now open:"
	}

	fonts := widget.NewAccordion()
	for _, f := range assets.FontLicenses() {
		text, err := f.Text()
		if err != nil {
			text = err.Error()
		}
		body := widget.NewLabel(text)
		body.Wrapping = fyne.TextWrapWord
		body.TextStyle.Monospace = true
		scroll := container.NewVScroll(body)
		scroll.SetMinSize(fyne.NewSize(0, 180))
		fonts.Append(widget.NewAccordionItem(fmt.Sprintf("%s — %s, for %s (%s)", f.Font, f.License, f.Use, f.Source), scroll))
	}
	content := container.NewBorder(
		container.NewVBox(head, widget.NewLabel(whereNote), where, widget.NewSeparator(),
			widget.NewLabel("Fonts included in Amends, and their licences:")),
		nil, nil, nil, container.NewVScroll(fonts))
	d := dialog.NewCustom("About Amends", "Close", content, u.win)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}
