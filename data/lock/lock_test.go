package lock

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecondHolderRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "amends.db")
	l, err := Acquire(db)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to the open file, so a second open in this process is refused
	// just as another process would be.
	if _, err := Acquire(db); !errors.Is(err, ErrLocked) {
		t.Fatalf("second acquire: %v", err)
	} else if !strings.Contains(err.Error(), "already open") {
		t.Errorf("message %q", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(db)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
	fi, _ := os.Stat(Path(db))
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("lock file mode %o", fi.Mode().Perm())
	}
}

// Another process holding the lock: the child takes it and waits; we must be refused,
// and after it dies (as after a crash) the lock is free again.
func TestOtherProcess(t *testing.T) {
	if p := os.Getenv("AMENDS_LOCK_CHILD"); p != "" {
		if _, err := Acquire(p); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("locked\n")
		select {}
	}
	db := filepath.Join(t.TempDir(), "amends.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOtherProcess$")
	cmd.Env = append(os.Environ(), "AMENDS_LOCK_CHILD="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("child: %q %v", buf, err)
	}
	_, err = Acquire(db)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "process") {
		t.Errorf("while the child holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(db)
	if err != nil {
		t.Fatalf("after the child died: %v", err)
	}
	l.Release()
}
