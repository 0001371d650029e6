// Command amends is the Amends desktop app and its command line.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/amends/amends/app"
	"github.com/amends/amends/app/cli"
	"github.com/amends/amends/assets"
)

// Set by the build (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

const appID = "app.amends.desktop"

func main() {
	code, gui, dbPath := cli.Run(os.Args[1:], os.Stdout, os.Stderr, version)
	if gui {
		code = runGUI(dbPath)
	}
	os.Exit(code)
}

// runGUI opens the window on dbPath and returns the exit code once it is closed.
func runGUI(dbPath string) int {
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.WindowIcon))
	// Without --db: the default data file, or the welcome on first run (sample data next to it).
	places := app.PlacesIn(a.Storage().RootURI().Path())
	return app.Launch(a, dbPath, places, app.Info{Version: version}, os.Stderr)
}
