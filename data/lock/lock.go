// Package lock makes sure only one Amends writes to a database file at a time: the
// first holds an operating-system lock on "<database>.lock"; a second finds it taken.
// The lock goes away with the process, so a crash never leaves a stale lock behind.
package lock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrLocked is returned when another Amends has the database open.
var ErrLocked = errors.New("Amends is already open with this file")

// Lock is a held lock; Release lets go of it.
type Lock struct {
	f    *os.File
	path string
}

// Path is the lock file for the database at dbPath.
func Path(dbPath string) string { return dbPath + ".lock" }

// Acquire takes the lock for the database at dbPath, or returns ErrLocked (with the
// other process's ID when known) if another Amends holds it.
func Acquire(dbPath string) (*Lock, error) {
	p := Path(dbPath)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("lock %q: %w", dbPath, err)
	}
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %q: %w", dbPath, err)
	}
	if err := lockFile(f); err != nil {
		b := make([]byte, 32)
		n, _ := f.ReadAt(b, 0)
		f.Close()
		if errors.Is(err, errBusy) {
			if pid := strings.TrimSpace(string(b[:n])); pid != "" {
				return nil, fmt.Errorf("%w (process %s)", ErrLocked, pid)
			}
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %q: %w", dbPath, err)
	}
	// The process ID helps the user find the other window; the lock itself is what counts.
	// (On Windows the locked byte range lies past it, so it stays readable.)
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f, path: p}, nil
}

// Release lets go of the lock. The lock file stays: removing it could let two
// processes lock two different files of the same name.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}
