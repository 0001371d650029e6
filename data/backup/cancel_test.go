package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

// leftovers lists the files in dir other than want.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		found := false
		for _, w := range want {
			found = found || filepath.Join(dir, e.Name()) == w
		}
		if !found {
			out = append(out, e.Name())
		}
	}
	return out
}

// A cancelled backup is interrupted (mattn/go-sqlite3 calls sqlite3_interrupt on the
// VACUUM INTO when ctx is done): it leaves no backup and no temporary file, and the
// older backups stay.
func TestCancelledBackupLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	db := openStore(t, path, 2)
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	older, err := Now(ctx, db, t0, "manual")
	if err != nil {
		t.Fatal(err)
	}
	// Tens of megabytes, so that the copy takes long enough to be cut off half-way.
	big := strings.Repeat("Zoë Łukasz ", 100_000)
	for i := 0; i < 40; i++ {
		if err := db.SetSetting(ctx, "test.big."+strconv.Itoa(i), big+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	interrupted := 0
	for i, after := range []time.Duration{0, 2 * time.Millisecond, 10 * time.Millisecond, 30 * time.Millisecond} {
		c, cancel := context.WithCancel(ctx)
		if after == 0 {
			cancel()
		} else {
			time.AfterFunc(after, cancel)
		}
		p, err := Now(c, db, t0.Add(time.Duration(i+1)*time.Hour), "manual")
		cancel()
		if err == nil { // the copy was quicker than the cancel: a sound backup, not this test's case
			os.Remove(p)
			continue
		}
		interrupted++
		t.Logf("cancelled after %v: %v", after, err)
		if !errors.Is(err, context.Canceled) || p != "" {
			t.Errorf("after %v: %q, %v; want context.Canceled and no backup", after, p, err)
		}
		if left := leftovers(t, filepath.Join(dir, "backups"), older); len(left) != 0 {
			t.Errorf("after %v: left behind %v", after, left)
		}
	}
	if interrupted == 0 {
		t.Error("no backup was cancelled, not even with a context cancelled before the start")
	}
	if _, err := Inspect(ctx, older); err != nil {
		t.Errorf("the older backup: %v", err)
	}
}

func TestCancelledRestoreChangesNothing(t *testing.T) {
	for _, at := range []string{StageCheck, StageSafety, StageReplace} {
		t.Run(at, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "amends.db")
			db := openStore(t, path, 2)
			now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
			b, err := Now(ctx, db, now, "manual")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.CreateClient(ctx, data.Client{Name: "Added after the backup"}); err != nil {
				t.Fatal(err)
			}
			c, cancel := context.WithCancel(ctx)
			defer cancel()
			var stages []string
			safety, err := RestoreWith(c, db, b, now.Add(time.Hour), func(s string) {
				stages = append(stages, s)
				if s == at {
					cancel()
				}
			})
			if at == StageReplace {
				// Past the point of no return: the restore runs to the end.
				if err != nil || safety == "" || len(stages) != 3 {
					t.Fatalf("cancel at %s: %q, %v, stages %v", at, safety, err, stages)
				}
				db2, err := data.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer db2.Close()
				if n, _ := db2.CountClients(ctx, data.ClientFilter{}); n != 2 {
					t.Errorf("after restore %d clients, want 2", n)
				}
				return
			}
			if !errors.Is(err, context.Canceled) || safety != "" {
				t.Fatalf("cancel at %s: %q, %v", at, safety, err)
			}
			if n, err := db.CountClients(ctx, data.ClientFilter{}); err != nil || n != 3 {
				t.Errorf("the open store after a cancelled restore: %d clients, %v", n, err)
			}
			if left := leftovers(t, filepath.Join(dir, "backups"), b); len(left) != 0 {
				t.Errorf("left behind %v", left)
			}
		})
	}
}
