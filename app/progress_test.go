package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/demo"
)

// holdAt makes the next job's worker stop once its progress reaches at (-1: before the
// work starts) until the returned release is called; reached delivers the job then.
func holdAt(u *UI, at int) (reached <-chan *job, release func()) {
	ch := make(chan *job, 1)
	gate := make(chan struct{})
	u.jobs.hold = func(j *job, done, total int) {
		if done < at {
			return
		}
		select {
		case ch <- j:
			<-gate
		default:
		}
	}
	return ch, func() { close(gate) }
}

// cancelHalfWay checks the held job's dialog is up, taps Cancel and lets the work go on.
func cancelHalfWay(t *testing.T, u *UI, j *job, release func()) *job {
	t.Helper()
	if top := u.win.Canvas().Overlays().Top(); top == nil || !j.stop.Visible() || j.stop.Disabled() {
		t.Errorf("no progress dialog with Cancel while the work runs")
	}
	test.Tap(j.stop)
	if !j.stop.Disabled() || j.line.Text != "Cancelling…" {
		t.Errorf("after Cancel: button disabled %v, line %q", j.stop.Disabled(), j.line.Text)
	}
	release()
	<-j.done
	return j
}

func fillDemo(t *testing.T, store *data.DB, clients int) {
	t.Helper()
	if err := demo.Fill(context.Background(), store, demo.Options{Clients: clients, Seed: 3, Now: time.Now()}, demo.Steps()...); err != nil {
		t.Fatal(err)
	}
}

func TestExportShowsProgressAndCancels(t *testing.T) {
	u, store := safetyUI(t)
	fillDemo(t, store, 120)
	dir := t.TempDir()
	path := filepath.Join(dir, "all.json")
	os.WriteFile(path, nil, 0o600) // as the save dialog leaves it
	reached, release := holdAt(u, 256)
	u.exportTo("json", path)
	j := <-reached
	if !j.bar.Visible() || j.spin.Visible() || !strings.HasPrefix(j.bar.TextFormatter(), "256 of ") {
		t.Errorf("progress bar shown %v (%q), stripes %v", j.bar.Visible(), j.bar.TextFormatter(), j.spin.Visible())
	}
	j = cancelHalfWay(t, u, j, release)
	if j.result != "Export cancelled: no file was written." {
		t.Errorf("told %q", j.result)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	// Not cancelled, the same export writes the file.
	u.jobs.hold = nil
	if err := wait(u.exportTo("json", path)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Errorf("export: %v", err)
	}
}

func TestImportCancelledStoresNothing(t *testing.T) {
	u, store := safetyUI(t)
	addClient(t, store, "Already here", "here@example.com")
	var csv strings.Builder
	csv.WriteString("Name,Email,City\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&csv, "Zoë %d,zoe%d@example.com,Łódź\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "clients.csv")
	os.WriteFile(path, []byte(csv.String()), 0o600)
	if err := wait(u.previewImport("csv", path)); err != nil {
		t.Fatal(err)
	}
	p := u.safety.preview
	if p == nil || !strings.Contains(p.summary.Text, "1000 clients will be added") {
		t.Fatalf("preview %v", p)
	}
	reached, release := holdAt(u, 256)
	test.Tap(p.doIt)
	j := cancelHalfWay(t, u, <-reached, release)
	if j.result != importCancelled {
		t.Errorf("told %q", j.result)
	}
	if n := countClients(t, store); n != 1 {
		t.Errorf("%d clients after a cancelled import, want 1", n)
	}
	// Cancelling the preview's reading says the same.
	reached, release = holdAt(u, -1)
	u.previewImport("csv", path)
	if j := cancelHalfWay(t, u, <-reached, release); j.result != importCancelled {
		t.Errorf("preview cancelled: told %q", j.result)
	}
}

func TestBackupCancelled(t *testing.T) {
	u, store := safetyUI(t)
	addClient(t, store, "Zoë Ørsted", "")
	reached, release := holdAt(u, -1)
	u.onBackupNow()
	j := cancelHalfWay(t, u, <-reached, release)
	if !strings.HasPrefix(j.result, "Backup cancelled: no backup was made") {
		t.Errorf("told %q", j.result)
	}
	files, _ := backup.List(filepath.Join(filepath.Dir(store.Path()), "backups"))
	if len(files) != 0 {
		t.Errorf("backups after Cancel: %v", files)
	}
}

func TestReportCancelled(t *testing.T) {
	u, store := newTestUI(t)
	fillDemo(t, store, 30)
	u.showSection(u.sectionIndex("Reports"))
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	reached, release := holdAt(u, 1) // the figures are done, the layout is next
	u.reports.exportTo(path)
	j := cancelHalfWay(t, u, <-reached, release)
	if j.result != "Report cancelled: no file was written." {
		t.Errorf("told %q", j.result)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	u.jobs.hold = nil
	if err := wait(u.reports.exportTo(path)); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("report: %v", err)
	}
}

// lostOnMailingList stores lost clients who stay on the mailing list (one without an
// address) and one who does not.
func lostOnMailingList(t *testing.T, store *data.DB) {
	t.Helper()
	ctx := context.Background()
	if err := store.SaveLetterhead(ctx, data.Letterhead{Name: "Maria Berger", Address: "Friedrichstraße 12\n10117 Berlin",
		Place: "Berlin", Paper: "A4"}); err != nil {
		t.Fatal(err)
	}
	reasons, err := store.LossReasons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, lines, city string
		keep              bool
	}{{"Zoë Ørsted", "Nørregade 4", "København", true}, {"Łukasz Wiśniewski", "ul. Długa 7", "Warszawa", true},
		{"Nowhere Known", "", "", true}, {"No More Mail", "Weg 1", "Bonn", false}} {
		cl := mustCreate(t, store, data.Client{Name: c.name, Status: data.StatusActive, Since: data.DateOf(time.Now().AddDate(-3, 0, 0)),
			Address: data.Address{Lines: c.lines, City: c.city}})
		if _, err := store.MarkLost(ctx, data.Loss{ClientID: cl.ID, LostOn: data.DateOf(time.Now().AddDate(0, -1, 0)),
			ReasonID: reasons[0].ID, KeepMailing: c.keep}); err != nil {
			t.Fatal(err)
		}
	}
}

func countLetters(t *testing.T, store *data.DB) (letters, entries int) {
	t.Helper()
	store.SQL().QueryRow("SELECT count(*) FROM letters").Scan(&letters)
	store.SQL().QueryRow("SELECT count(*) FROM timeline WHERE kind = 'letter'").Scan(&entries)
	return letters, entries
}

func TestWinBackLettersForTheMailingList(t *testing.T) {
	u, store := newTestUI(t)
	lostOnMailingList(t, store)
	u.showSection(u.sectionIndex("Lost clients"))
	s := u.lost
	if s.mailing == nil || s.mailing.Text != "Win-back letters for the mailing list…" {
		t.Fatal("no batch button in the Lost clients folder")
	}

	// Cancelled half-way: nothing made, nothing stored.
	reached, release := holdAt(u, 1)
	test.Tap(s.mailing)
	j := cancelHalfWay(t, u, <-reached, release)
	if j.result != "Win-back letters cancelled: no letter was made or recorded." || s.batch != nil {
		t.Errorf("told %q", j.result)
	}
	if l, e := countLetters(t, store); l != 0 || e != 0 {
		t.Fatalf("%d letters, %d timeline entries after Cancel", l, e)
	}

	u.jobs.hold = nil
	if err := wait(s.onWinBackBatch()); err != nil {
		t.Fatal(err)
	}
	b := s.batch
	if b == nil || len(b.batch.Letters) != 2 || b.res.Pages != 2 {
		t.Fatalf("batch %+v", b)
	}
	if !strings.Contains(u.jobs.last.result, "2 win-back letters for the mailing list are ready (2 pages)") ||
		!strings.Contains(u.jobs.last.result, "Nowhere Known has no postal address") {
		t.Errorf("told %q", u.jobs.last.result)
	}
	if l, _ := countLetters(t, store); l != 0 {
		t.Fatal("recorded before the PDF was written")
	}
	path := filepath.Join(t.TempDir(), "winback.pdf")
	if err := b.saveTo(path); err != nil {
		t.Fatal(err)
	}
	if l, e := countLetters(t, store); l != 2 || e != 2 {
		t.Errorf("%d letters, %d timeline entries after saving, want 2 and 2", l, e)
	}
	if !strings.Contains(b.status.Text, "recorded in each client's timeline") {
		t.Errorf("status %q", b.status.Text)
	}
	// Saving again records nothing twice.
	if err := b.saveTo(path); err != nil {
		t.Fatal(err)
	}
	if l, _ := countLetters(t, store); l != 2 {
		t.Errorf("%d letters after saving twice", l)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	info, _ := exec.Command("pdfinfo", path).Output()
	if !strings.Contains(string(info), "Pages:           2") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	for page, name := range b.batch.Names {
		out, _ := exec.Command("pdftotext", "-enc", "UTF-8", "-f", fmt.Sprint(page+1), "-l", fmt.Sprint(page+1), path, "-").Output()
		if !strings.Contains(string(out), name) {
			t.Errorf("page %d lacks %q:\n%s", page+1, name, out)
		}
	}
}

func TestClosingDuringExportAsksAndStopsIt(t *testing.T) {
	u, store := safetyUI(t)
	fillDemo(t, store, 120)
	dir := t.TempDir()
	path := filepath.Join(dir, "all.json")
	os.WriteFile(path, nil, 0o600)
	reached, release := holdAt(u, 256)
	u.exportTo("json", path)
	j := <-reached

	closed := make(chan struct{})
	u.stopJobThen(func() { close(closed) })
	ask := u.safety.stopAsk
	if ask == nil {
		t.Fatal("closing during an export did not ask")
	}
	test.Tap(ask.keep)
	select {
	case <-closed:
		t.Fatal("Keep it running closed the window")
	default:
	}
	if j.ctx.Err() != nil {
		t.Fatal("Keep it running stopped the export")
	}
	u.safety.stopAsk = nil
	closed = make(chan struct{})
	u.stopJobThen(func() { close(closed) })
	test.Tap(u.safety.stopAsk.stop)
	release()
	select {
	case <-closed: // once the worker has stopped and handed back
	case <-time.After(10 * time.Second):
		t.Fatal("the window was not closed after the export stopped")
	}
	if j.result != "Export cancelled: no file was written." {
		t.Fatalf("told %q", j.result)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	// With nothing running, closing goes ahead at once.
	now := false
	u.stopJobThen(func() { now = true })
	if !now {
		t.Error("closing with no work running waited")
	}
}

// Every Save/Export button opens its file dialog: Fyne 2.8's file dialog crashed when
// it was sized before it was shown.
func TestExportButtonsOpenTheirFileDialog(t *testing.T) {
	u, store := newTestUI(t)
	fillDemo(t, store, 10)
	u.showSection(u.sectionIndex("Reports"))
	before := len(u.win.Canvas().Overlays().List())
	u.reports.onExport()
	if n := len(u.win.Canvas().Overlays().List()); n != before+1 {
		t.Fatalf("report export: %d dialogs, had %d", n, before)
	}
	u.showSection(u.sectionIndex("Follow-ups"))
	u.followups.chooseCalendarFile(true)
	if n := len(u.win.Canvas().Overlays().List()); n != before+2 {
		t.Fatalf("calendar export: %d dialogs, had %d", n, before+1)
	}
}
