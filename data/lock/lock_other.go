//go:build !unix && !windows

package lock

import (
	"errors"
	"os"
)

var errBusy = errors.New("locked by another process")

// Platforms without file locks (none Amends ships for) run without the check.
func lockFile(*os.File) error   { return nil }
func unlockFile(*os.File) error { return nil }
