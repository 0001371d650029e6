package app

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data/letters"
)

// cupsTools are what the real print test needs: make test installs them on Debian
// (cups and printer-driver-cups-pdf, see .ci/deps).
var cupsTools = []string{"/usr/sbin/cupsd", "/usr/sbin/lpadmin", "/usr/bin/lp", "/usr/bin/lpstat",
	"/usr/lib/cups/backend/cups-pdf", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd", "/usr/bin/pdftoppm", "/usr/bin/pdfinfo"}

// privateCUPS starts a cupsd of the test's own, listening on a socket in dir, with a
// cups-pdf printer named AmendsPDF as its default; nothing system-wide is touched
// (no system cupsd, no network). It points lp and lpstat at it through CUPS_SERVER.
func privateCUPS(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the CUPS print test runs on Linux")
	}
	var missing []string
	for _, p := range cupsTools {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("the CUPS print test needs root: the cups-pdf backend runs as root (make test runs as root on CI)")
	}
	if len(missing) > 0 {
		if _, err := exec.LookPath("dpkg"); err == nil {
			t.Fatalf("missing %v: make test installs cups and printer-driver-cups-pdf (.ci/deps)", missing)
		}
		t.Skipf("missing %v", missing)
	}
	dir, err := os.MkdirTemp("", "amends-cups-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, d := range []string{"spool", "tmp", "cache", "state", "log", "ppd", "ssl"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(filepath.Join(dir, "tmp"), 0o1777)
	os.Chmod(dir, 0o755)
	sock := filepath.Join(dir, "cups.sock")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cupsd.conf", "Listen "+sock+"\nLogLevel info\nWebInterface No\nBrowsing Off\nDefaultAuthType None\n"+
		"<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"+
		"<Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n</Policy>\n")
	write("cups-files.conf", fmt.Sprintf("ServerRoot %[1]s\nRequestRoot %[1]s/spool\nTempDir %[1]s/tmp\nCacheDir %[1]s/cache\n"+
		"StateDir %[1]s/state\nErrorLog %[1]s/log/error_log\nAccessLog %[1]s/log/access_log\nPageLog %[1]s/log/page_log\n"+
		"Printcap %[1]s/printcap\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\nDocumentRoot /usr/share/cups/doc-root\n"+
		"SystemGroup root\n", dir))
	cupsd := exec.Command("/usr/sbin/cupsd", "-f", "-c", filepath.Join(dir, "cupsd.conf"), "-s", filepath.Join(dir, "cups-files.conf"))
	var out bytes.Buffer
	cupsd.Stdout, cupsd.Stderr = &out, &out
	if err := cupsd.Start(); err != nil {
		t.Fatalf("start cupsd: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cupsd.Wait() }()
	t.Cleanup(func() {
		cupsd.Process.Kill()
		<-exited
	})
	// Said when the printed file does not come: whether cupsd died (it did, on a
	// document name that is not ASCII, before printer.send gave lp a plain one).
	cupsdState = func() string {
		select {
		case err := <-exited:
			exited <- err
			return fmt.Sprintf("cupsd exited: %v\n%s", err, out.String())
		default:
			return "cupsd is running"
		}
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "log", "error_log"))
			t.Fatalf("cupsd did not start: %s\n%s", out.String(), log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Setenv("CUPS_SERVER", sock)
	for _, args := range [][]string{
		{"-p", "AmendsPDF", "-E", "-v", "cups-pdf:/", "-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"},
		{"-p", "Spare", "-E", "-v", "cups-pdf:/", "-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"},
		{"-d", "AmendsPDF"},
	} {
		if b, err := exec.Command("/usr/sbin/lpadmin", args...).CombinedOutput(); err != nil {
			t.Fatalf("lpadmin %v: %v\n%s", args, err, b)
		}
	}
}

// cupsdState says whether the private cupsd is still running.
var cupsdState func() string

// pdfOutDir is where cups-pdf writes what root prints (Out ${HOME}/PDF in cups-pdf.conf).
func pdfOutDir(t *testing.T) string {
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(u.HomeDir, "PDF")
}

// A letter printed through the Print… dialog's own code reaches a real CUPS printer:
// the dialog lists the private cupsd's printers with its default chosen, and the PDF
// printer writes the letter, one A4 page that looks as Amends laid it out.
func TestPrintThroughCUPS(t *testing.T) {
	privateCUPS(t)
	u, store := newTestUI(t)
	*u.print = printer{} // the real lp and lpstat
	c, k := interviewedComplaint(t, store)
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	start := time.Now().Add(-time.Second)

	e.onPrint()
	pd := u.seen.print
	if pd == nil || pd.printers == nil {
		t.Fatal("no Print dialog")
	}
	if !contains(pd.printers.Options, "AmendsPDF") || !contains(pd.printers.Options, "Spare") || pd.printers.Selected != "AmendsPDF" {
		t.Fatalf("printers offered %v, chosen %q", pd.printers.Options, pd.printers.Selected)
	}
	test.Tap(pd.printBtn)
	if !strings.Contains(e.status.Text, "Sent to the printer") || !strings.Contains(e.status.Text, "AmendsPDF-") {
		t.Fatalf("status %q", e.status.Text)
	}

	// cups-pdf names the file after the job; find the one this test printed.
	var printed string
	deadline := time.Now().Add(20 * time.Second)
	for printed == "" && time.Now().Before(deadline) {
		ms, _ := filepath.Glob(filepath.Join(pdfOutDir(t), "*.pdf"))
		for _, m := range ms {
			if fi, err := os.Stat(m); err == nil && fi.ModTime().After(start) && strings.Contains(filepath.Base(m), "Apology") {
				printed = m
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	if printed == "" {
		jobs, _ := exec.Command("lpstat", "-t", "-l").CombinedOutput()
		log, _ := os.ReadFile(filepath.Join(os.Getenv("CUPS_SERVER"), "..", "log", "error_log"))
		t.Fatalf("the PDF printer wrote nothing in %s (%s); jobs:\n%s\n%s", pdfOutDir(t), cupsdState(), jobs, log)
	}
	t.Cleanup(func() { os.Remove(printed) })
	if dir := os.Getenv("AMENDS_PDF_SAMPLES"); dir != "" {
		b, _ := os.ReadFile(printed)
		os.WriteFile(filepath.Join(dir, "printed-through-cups.pdf"), b, 0o644)
	}
	info, err := exec.Command("pdfinfo", printed).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !strings.Contains(string(info), "Pages:           1") || !strings.Contains(string(info), "595") {
		t.Fatalf("the printed PDF is not one A4 page:\n%s", info)
	}
	// The printer's page looks like Amends' own PDF of the letter.
	_, own, err := e.render()
	if err != nil {
		t.Fatal(err)
	}
	ownPath := filepath.Join(t.TempDir(), "own.pdf")
	os.WriteFile(ownPath, own, 0o600)
	// The printer path scales the page a little (pdftops fits it to the printable area),
	// so the pages are compared by their lines of text: as many, spread over the same height.
	a, b := inkRows(pageImage(t, ownPath)), inkRows(pageImage(t, printed))
	if len(a) < 15 || len(b) < len(a)-1 || len(b) > len(a)+1 {
		t.Fatalf("the printed page has %d lines of ink, the letter %d", len(b), len(a))
	}
	if d := a[len(a)-1] - a[0] - (b[len(b)-1] - b[0]); d > 15 || d < -15 {
		t.Fatalf("the printed text spans %d rows, the letter's %d", b[len(b)-1]-b[0], a[len(a)-1]-a[0])
	}
}

// inkRows lists where each run of rows with dark pixels (a line of text, a rule) starts.
func inkRows(img image.Image) []int {
	var starts []int
	inked := false
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		row := false
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X && !row; x++ {
			row = grey(img, x, y) < 128
		}
		if row && !inked {
			starts = append(starts, y)
		}
		inked = row
	}
	return starts
}

func pageImage(t *testing.T, path string) image.Image {
	t.Helper()
	out, err := exec.Command("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", path).Output()
	if err != nil {
		t.Fatalf("pdftoppm %s: %v", path, err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func grey(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int((r + g + b) / 3 >> 8)
}
