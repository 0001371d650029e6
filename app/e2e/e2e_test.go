// Package e2e drives the real amends binary under Xvfb the way a user would:
// keys into its window, and the database to check what was saved.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png" // screenshots are PNG
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

// tools the test needs besides Go: make deps-test installs them on Debian/Ubuntu.
var tools = []string{"Xvfb", "xdotool", "import"}

func TestNewClientInRealApp(t *testing.T) {
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("end-to-end test skipped: %s is not installed (make deps-test installs Xvfb, xdotool and ImageMagick)", tool)
		}
	}
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	bin := buildAmends(t, dir)
	db := filepath.Join(dir, "e2e.db")
	run(t, 2*time.Minute, nil, bin, "demo", "--db", db, "--clients", "200", "--seed", "7")

	// The demo data has overdue follow-ups: the app says so in a dialog after it starts.
	overdue := countOverdue(t, db)

	display := startXvfb(t)
	// A private HOME: the app's preferences and caches stay in the test's folder.
	for _, d := range []string{"config", "cache"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "LANG=en_US.UTF-8", "WAYLAND_DISPLAY=")
	logPath := filepath.Join(dir, "app.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	app := exec.Command(bin, "--db", db)
	app.Env = env
	app.Stdout, app.Stderr = logFile, logFile // a crash dump is long: keep it out of the test output
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		if app.ProcessState == nil {
			_ = app.Process.Kill()
			<-exited
		}
	}()
	showLog := func() string {
		b, _ := os.ReadFile(logPath)
		if len(b) > 4000 {
			b = b[:4000]
		}
		return string(b)
	}

	xdo := func(args ...string) string {
		t.Helper()
		return run(t, 30*time.Second, env, "xdotool", args...)
	}
	win := strings.Fields(xdo("search", "--sync", "--onlyvisible", "--name", "^Amends"))
	if len(win) == 0 {
		t.Fatalf("no Amends window appeared; app log:\n%s", showLog())
	}
	id := win[0]

	// The first frame: wait until the screen is no longer one flat colour.
	shot := filepath.Join(dir, "shot.png")
	deadline := time.Now().Add(30 * time.Second)
	var v float64
	for {
		run(t, 30*time.Second, env, "import", "-window", "root", shot)
		v = variance(t, shot)
		if v > 100 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if v <= 100 {
		t.Fatalf("the window stays blank (pixel variance %.1f); app log:\n%s", v, showLog())
	}

	// No window manager under Xvfb: give the window the keyboard focus ourselves, then type
	// through XTEST as a keyboard would (GLFW ignores synthetic events sent to a window).
	xdo("windowfocus", "--sync", id)
	xdo("mousemove", "--window", id, "600", "10")
	if overdue > 0 {
		// Answer "Later" from the keyboard, as a user without a mouse would: Tab to the
		// dialog's first button, Space to press it.
		time.Sleep(1500 * time.Millisecond)
		xdo("key", "--clearmodifiers", "Tab")
		time.Sleep(200 * time.Millisecond)
		xdo("key", "--clearmodifiers", "space")
		time.Sleep(500 * time.Millisecond)
	}
	name := fmt.Sprintf("Ada E2E %d", time.Now().UnixNano()%100000)
	xdo("key", "--clearmodifiers", "ctrl+n")
	time.Sleep(500 * time.Millisecond)
	xdo("type", "--delay", "40", name)
	time.Sleep(300 * time.Millisecond)
	xdo("key", "--clearmodifiers", "ctrl+s")
	time.Sleep(time.Second)
	run(t, 30*time.Second, env, "import", "-window", "root", filepath.Join(dir, "saved.png"))
	xdo("key", "--clearmodifiers", "ctrl+q")

	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("amends did not exit cleanly: %v; app log:\n%s", err, showLog())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("amends still running 20s after Ctrl+Q; app log:\n%s", showLog())
	}

	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	found, err := store.SearchClients(context.Background(), name, data.ClientFilter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].Name != name {
		if keep := os.Getenv("AMENDS_E2E_KEEP"); keep != "" {
			_ = os.Rename(dir, keep)
		}
		t.Fatalf("client %q typed into the app was not saved (found %d); app log:\n%s", name, len(found), showLog())
	}
}

func countOverdue(t *testing.T, db string) int {
	t.Helper()
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n, err := store.CountOverdue(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// buildAmends builds the app the way the Makefile does into dir.
func buildAmends(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "amends")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-tags", "migrated_fynedo,sqlite_fts5", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startXvfb starts a private X server on a free display (Xvfb picks it) and stops it at the end.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		_ = x.Process.Kill()
		_ = x.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not report its display within 20s")
	}
	return ""
}

// run runs a command with a timeout and returns its standard output.
func run(t *testing.T, timeout time.Duration, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Fatalf("%s %s: no result within %s", name, strings.Join(args, " "), timeout)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// variance is the variance of the grey levels of a picture: near 0 for a blank screen.
func variance(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	var n, sum, sumSq float64
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			l := (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
			n++
			sum += l
			sumSq += l * l
		}
	}
	mean := sum / n
	return sumSq/n - mean*mean
}
