package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Letters handed to the viewer go to a private folder of this run in the cache; it goes
// at exit, and a folder a crashed run left goes at the next start, but never the folder
// of another Amends still open.
func TestTemporaryLettersArePrivateAndGo(t *testing.T) {
	base := filepath.Join(t.TempDir(), "cache", "amends", "temp")
	crashed := filepath.Join(base, tempRunPrefix+"123")
	os.MkdirAll(crashed, 0o700)
	os.WriteFile(filepath.Join(crashed, "2026-11-23 Apology Ada Lovelace.pdf"), []byte("%PDF"), 0o600)

	run := newTempFiles(base)
	if _, err := os.Stat(crashed); err == nil {
		t.Error("the folder of a crashed run is still there")
	}
	p, err := run.path("2026-11-23 Apology Zoë Dubois.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p, base+string(filepath.Separator)) {
		t.Errorf("temporary letter at %s, not in %s", p, base)
	}
	if err := os.WriteFile(p, []byte("%PDF"), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Dir(p))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v %v", fi.Mode(), err)
	}
	// Another Amends starting meanwhile leaves this run's letters alone.
	other := newTempFiles(base)
	if _, err := os.Stat(p); err != nil {
		t.Errorf("another start removed the letters of a run still open: %v", err)
	}
	other.remove()
	if err := run.remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(p)); err == nil {
		t.Error("the run's folder is still there after exit")
	}
	left, _ := os.ReadDir(base)
	if len(left) != 0 {
		t.Errorf("left in the cache: %v", left)
	}
}
