package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Places are the data files Amends uses when it is started without --db: the user's own,
// and a separate one for sample data, so exploring never mixes with real clients.
type Places struct {
	Own    string
	Sample string
}

// PlacesIn gives the default data files inside dir (the app's storage folder).
func PlacesIn(dir string) Places {
	return Places{Own: filepath.Join(dir, "amends.db"), Sample: filepath.Join(dir, "amends-sample.db")}
}

// Which data the user last chose, kept in the app preferences.
const (
	prefDataMode = "data.mode"
	modeOwn      = "own"
	modeSample   = "sample"
)

// Decision says what to open at start.
type Decision struct {
	Path    string // the data file to open; empty when Welcome
	Sample  bool   // Path holds sample data
	Welcome bool   // first run: nothing to open yet, ask the user
}

// Decide picks the data file for a start without --db. mode is the last choice
// ("own", "sample" or ""); exists reports whether a file is there.
func Decide(p Places, mode string, exists func(string) bool) Decision {
	switch {
	case mode == modeSample && exists(p.Sample):
		return Decision{Path: p.Sample, Sample: true}
	case exists(p.Own):
		return Decision{Path: p.Own}
	default:
		return Decision{Welcome: true}
	}
}

// fileExists is Decide's exists on the real file system. A file we cannot even stat
// counts as there, so the store reports the problem instead of a welcome hiding it.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}
