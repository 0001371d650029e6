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
	key := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	// The keys live in the menu: GLFW offers a focused text field every other shortcut
	// first, and the field swallows it, so Ctrl+S typed in a field would never save.
	newClient := fyne.NewMenuItem("New client", u.onNewClient)
	newClient.Icon = theme.ContentAddIcon()
	newClient.Shortcut = key(fyne.KeyN)
	save := fyne.NewMenuItem("Save client", func() {
		if u.client.visible() {
			u.client.saveByKey()
		}
	})
	save.Icon = theme.DocumentSaveIcon()
	save.Shortcut = key(fyne.KeyS)
	find := fyne.NewMenuItem("Find client", u.onFocusSearch)
	find.Icon = theme.SearchIcon()
	find.Shortcut = key(fyne.KeyF)
	file := []*fyne.MenuItem{newClient, save, find}
	if len(u.fileMenuItems) > 0 {
		file = append(append(file, fyne.NewMenuItemSeparator()), u.fileMenuItems...)
	}
	quit := fyne.NewMenuItem("Quit", u.onQuit)
	quit.IsQuit = true
	quit.Shortcut = key(fyne.KeyQ)
	file = append(file, fyne.NewMenuItemSeparator(), quit)

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
		u.quit()
	})
}

// quit closes every window and ends the app, as fyne.App's Quit does but for closing
// the watcher of Fyne's settings file: when Fyne could not watch it (the user's inotify
// instances were used up, seen in make test), its Quit closes a nil watcher and Amends
// crashed on the way out.
func (u *UI) quit() {
	d := u.app.Driver()
	for _, w := range append([]fyne.Window(nil), d.AllWindows()...) { // closing one takes it out
		w.Close()
	}
	d.Quit()
}

// onAbout shows the version, where the data is, and the licences of the bundled fonts.
func (u *UI) onAbout() {
	icon := canvas.NewImageFromResource(u.app.Icon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	name := widget.NewLabelWithStyle("Amends "+u.info.Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tagline := widget.NewLabel("Keep your clients after something has gone wrong.")
	head := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name, tagline))

	where := widget.NewLabel(u.store.Path())
	where.Selectable = true // to copy it, e.g. into a file manager
	where.Wrapping = fyne.TextWrapBreak
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
		// The header stays short: an accordion's header does not wrap, and a long one
		// would widen the dialog past a small window.
		body := widget.NewLabel(fmt.Sprintf("For %s (%s).\n\n%s", f.Use, f.Source, text))
		body.Wrapping = fyne.TextWrapWord
		body.TextStyle.Monospace = true
		scroll := container.NewVScroll(body)
		scroll.SetMinSize(fyne.NewSize(0, 180))
		fonts.Append(widget.NewAccordionItem(f.Font+" — "+f.License, scroll))
	}
	content := container.NewBorder(
		container.NewVBox(head, widget.NewLabel(whereNote), where, widget.NewSeparator(),
			widget.NewLabel("Fonts included in Amends, and their licences:")),
		nil, nil, nil, container.NewVScroll(fonts))
	d := dialog.NewCustom("About Amends", "Close", content, u.win)
	d.Resize(dialogSize(u.win, fyne.NewSize(720, 560)))
	d.Show()
}
