package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/amends/amends/data/lock"
)

// tempFiles is where Amends puts the PDFs it hands to the system viewer (letters,
// batches, summaries, the calibration page): a folder of this run, private to the user
// (0700), inside base (the user's cache folder). The files are named after clients, so
// they do not stay: the folder goes when Amends closes, and a folder left by a run that
// crashed goes at the next start. Each run holds a lock on its folder, so a second
// Amends (on another data file) never removes the files of one still open.
type tempFiles struct {
	base string
	dir  string // "" until the first file is written
	lock *lock.Lock
}

// tempRunPrefix starts the name of each run's folder in base.
const tempRunPrefix = "run-"

// newTempFiles makes the temporary files of this run live in base and removes the
// folders earlier runs left there.
func newTempFiles(base string) *tempFiles {
	t := &tempFiles{base: base}
	t.cleanStale()
	return t
}

// defaultTempBase is the "amends/temp" folder in the user's cache, else in the system's
// temporary folder.
func defaultTempBase() string {
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "amends", "temp")
	}
	return filepath.Join(os.TempDir(), "amends-temp")
}

// path is where to write a file called name: inside this run's private folder, made on
// first use.
func (t *tempFiles) path(name string) (string, error) {
	if t.dir == "" {
		if err := os.MkdirAll(t.base, 0o700); err != nil {
			return "", fmt.Errorf("make folder %s: %w", t.base, err)
		}
		dir, err := os.MkdirTemp(t.base, tempRunPrefix)
		if err != nil {
			return "", fmt.Errorf("make a private folder in %s: %w", t.base, err)
		}
		// MkdirTemp makes it 0700; the lock file sits beside it, so it goes with it.
		l, err := lock.Acquire(dir)
		if err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("make a private folder in %s: %w", t.base, err)
		}
		t.dir, t.lock = dir, l
	}
	return filepath.Join(t.dir, name), nil
}

// remove takes this run's folder away, at exit.
func (t *tempFiles) remove() error {
	if t == nil || t.dir == "" {
		return nil
	}
	err := os.RemoveAll(t.dir)
	t.lock.Release()
	if rerr := os.Remove(lock.Path(t.dir)); err == nil && rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	t.dir, t.lock = "", nil
	return err
}

// cleanStale removes the folders of earlier runs whose lock is free: runs that ended
// without removing theirs (a crash, a power cut).
func (t *tempFiles) cleanStale() {
	entries, err := os.ReadDir(t.base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempRunPrefix) {
			continue
		}
		dir := filepath.Join(t.base, e.Name())
		l, err := lock.Acquire(dir)
		if err != nil {
			continue // that run is still open
		}
		os.RemoveAll(dir)
		l.Release()
		os.Remove(lock.Path(dir))
	}
}
