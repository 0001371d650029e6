package app

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/backup"
	"github.com/amends/amends/data/lock"
)

func safetyUI(t *testing.T) (*UI, *data.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	u := New(a, store, Info{Version: "test", temp: newTempFiles(filepath.Join(t.TempDir(), "cache"))})
	u.win.Show()
	t.Cleanup(u.run.stop) // before the store closes: no timer of this test outlives it
	return u, store
}

func addClient(t *testing.T, store *data.DB, name, email string) data.Client {
	t.Helper()
	c, err := store.CreateClient(context.Background(), data.Client{Name: name, Email: email})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wait waits for a job's outcome to be shown and returns the work's error.
func wait(j *job) error {
	<-j.done
	return j.err
}

func countClients(t *testing.T, store *data.DB) int {
	t.Helper()
	n, err := store.CountClients(context.Background(), data.ClientFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFileMenu(t *testing.T) {
	u, _ := safetyUI(t)
	m := u.win.MainMenu()
	if m == nil || len(m.Items) == 0 || m.Items[0].Label != "File" {
		t.Fatal("no File menu")
	}
	var labels []string
	for _, it := range m.Items[0].Items {
		labels = append(labels, it.Label)
		if it.ChildMenu != nil {
			for _, c := range it.ChildMenu.Items {
				labels = append(labels, it.Label+"/"+c.Label)
			}
		}
	}
	got := strings.Join(labels, "|")
	for _, want := range []string{"Back up now", "Restore from backup…", "Backup settings…", "Import/Clients from CSV…",
		"Import/Clients from vCard…", "Import/Everything from JSON…", "Export/Clients as CSV…", "Export/Clients as vCard…", "Export/Everything as JSON…"} {
		if !strings.Contains(got, want) {
			t.Errorf("menu lacks %q: %s", want, got)
		}
	}
}

func TestBackupNowAndRestore(t *testing.T) {
	u, store := safetyUI(t)
	addClient(t, store, "Kept in the backup", "")
	addClient(t, store, "Also kept", "")
	<-u.onBackupNow()
	files, _ := backup.List(filepath.Join(filepath.Dir(store.Path()), "backups"))
	if len(files) != 1 || u.safety.backupProblem != "" {
		t.Fatalf("backups after Back up now: %v (%s)", files, u.safety.backupProblem)
	}
	addClient(t, store, "Added after the backup", "")

	u.onRestore()
	r := u.safety.restore
	if r == nil || len(r.files) != 1 || !r.restore.Disabled() {
		t.Fatalf("restore dialog %+v", r)
	}
	r.list.Select(0)
	if !strings.Contains(r.details.Text, "2 clients") || r.restore.Disabled() {
		t.Fatalf("details %q", r.details.Text)
	}
	test.Tap(r.restore)
	<-u.jobs.last.done
	nu := u.safety.reopened
	if nu == nil {
		t.Fatal("no new window after restore")
	}
	if n := countClients(t, nu.store); n != 2 {
		t.Errorf("%d clients after restore, want 2", n)
	}
	if nu.clients.count.Text != "2 clients" {
		t.Errorf("client list shows %q", nu.clients.count.Text)
	}
	files, _ = backup.List(filepath.Join(filepath.Dir(store.Path()), "backups"))
	if len(files) != 2 {
		t.Errorf("the data before the restore was not backed up: %v", files)
	}
	nu.store.Close()
}

func TestRestoreRefusesBadFile(t *testing.T) {
	u, store := safetyUI(t)
	addClient(t, store, "Stays", "")
	bad := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(bad, []byte("not a database at all"), 0o600)
	u.onRestore()
	r := u.safety.restore
	r.choose(bad)
	if !r.restore.Disabled() || !strings.Contains(r.details.Text, "not an Amends database") {
		t.Errorf("bad file: %q (restore disabled %v)", r.details.Text, r.restore.Disabled())
	}
}

func TestBackupFailureIsShown(t *testing.T) {
	u, store := safetyUI(t)
	blocked := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocked, []byte("x"), 0o600)
	store.SetSetting(context.Background(), data.SettingBackupDir, blocked)
	<-u.onBackupNow()
	if !strings.Contains(u.safety.backupProblem, "did not work") {
		t.Errorf("failure not shown: %q", u.safety.backupProblem)
	}
}

func TestImportCSVPreview(t *testing.T) {
	u, store := safetyUI(t)
	addClient(t, store, "Ada Lovelace", "ada@example.com")
	path := filepath.Join(t.TempDir(), "clients.csv")
	os.WriteFile(path, []byte("\ufeffName;Email;City\nada lovelace;ADA@example.com;London\nGrace Hopper;grace@example.com;Arlington\nNo Mail;not-an-email;\n"), 0o600)
	<-u.previewImport("csv", path).done
	p := u.safety.preview
	if p == nil {
		t.Fatal("no preview")
	}
	if !strings.Contains(p.summary.Text, "1 client will be added") || !strings.Contains(p.summary.Text, "1 client is already here") ||
		!strings.Contains(p.summary.Text, "1 row cannot be imported") || !strings.Contains(p.summary.Text, "semicolon") {
		t.Errorf("summary %q", p.summary.Text)
	}
	if !strings.Contains(p.details.Text, "row 4, Email: enter an email address") || !strings.Contains(p.details.Text, "row 2 (ada lovelace): same name and email") {
		t.Errorf("details %q", p.details.Text)
	}
	if countClients(t, store) != 1 {
		t.Fatal("the preview stored clients")
	}
	test.Tap(p.merge)
	<-u.jobs.last.done
	if !strings.Contains(p.summary.Text, "nothing is overwritten") {
		t.Errorf("merge summary %q", p.summary.Text)
	}
	test.Tap(p.doIt)
	<-u.jobs.last.done
	if countClients(t, store) != 2 {
		t.Errorf("%d clients after import, want 2", countClients(t, store))
	}
	ada, _ := store.Client(context.Background(), 1)
	if ada.Address.City != "London" {
		t.Errorf("merge did not fill the city: %+v", ada)
	}
	if u.clients.count.Text != "2 clients" {
		t.Errorf("list shows %q", u.clients.count.Text)
	}
}

func TestImportRefusedFileStoresNothing(t *testing.T) {
	u, store := safetyUI(t)
	dir := t.TempDir()
	for kind, content := range map[string]string{"json": `{"format":"amends-export","version":1,"schema":999,"tables":[]}`,
		"csv": "Phone\n123\n", "vcard": "hello"} {
		path := filepath.Join(dir, "in."+kind)
		os.WriteFile(path, []byte(content), 0o600)
		u.safety.preview = nil
		<-u.previewImport(kind, path).done
		if u.safety.preview != nil {
			t.Errorf("%s: a preview was offered for a bad file", kind)
		}
	}
	if countClients(t, store) != 0 {
		t.Error("stored something")
	}
}

func TestExportAndImportJSON(t *testing.T) {
	u, store := safetyUI(t)
	c := addClient(t, store, "Zoë Ørsted", "zoe@example.com")
	store.AddEntry(context.Background(), data.Entry{ClientID: c.ID, At: time.Now(), Kind: data.KindCall, Summary: "called"})
	path := filepath.Join(t.TempDir(), "all.json")
	if err := wait(u.exportTo("json", path)); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"csv", "vcard"} {
		if err := wait(u.exportTo(kind, path+"."+kind)); err != nil {
			t.Fatal(err)
		}
	}
	u2, store2 := safetyUI(t)
	<-u2.previewImport("json", path).done
	p := u2.safety.preview
	if p == nil || !strings.Contains(p.summary.Text, "1 client will be added. With their records (timeline: 1)") {
		t.Fatalf("preview %v", p)
	}
	test.Tap(p.doIt)
	<-u2.jobs.last.done
	if countClients(t, store2) != 1 {
		t.Error("not imported")
	}
}

func TestEraseClientDialog(t *testing.T) {
	u, store := safetyUI(t)
	c := addClient(t, store, "Erin Erased", "erin@example.com")
	keep := addClient(t, store, "Kept", "")
	for i := 0; i < 3; i++ {
		store.AddEntry(context.Background(), data.Entry{ClientID: c.ID, At: time.Now(), Kind: data.KindNote, Summary: "secret"})
	}
	u.client.open(c.ID)
	var p *privacyPart
	for _, part := range u.client.parts {
		if pp, ok := part.(*privacyPart); ok {
			p = pp
		}
	}
	if p == nil || !strings.Contains(p.info.Text, "1 client file, 3 timeline entries") {
		t.Fatalf("privacy tab %v", p)
	}
	record := filepath.Join(t.TempDir(), "erin.json")
	if err := p.exportTo(c, record); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(record); !strings.Contains(string(b), `"client": `) || strings.Contains(string(b), "Kept") {
		t.Error("client record wrong")
	}
	p.onErase()
	e := u.seen.erase
	if e == nil || !e.erase.Disabled() {
		t.Fatal("erase enabled before the name is typed")
	}
	test.Type(e.typed, "Erin")
	if !e.erase.Disabled() {
		t.Error("erase enabled on part of the name")
	}
	test.Type(e.typed, " Erased")
	if e.erase.Disabled() {
		t.Fatal("erase still disabled with the name typed")
	}
	test.Tap(e.erase)
	if _, err := store.Client(context.Background(), c.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("client still there: %v", err)
	}
	if es, _ := store.Timeline(context.Background(), c.ID); len(es) != 0 {
		t.Error("timeline still there")
	}
	if _, err := store.Client(context.Background(), keep.ID); err != nil {
		t.Error("the other client was erased")
	}
	if u.client.visible() {
		t.Error("the erased client's file is still shown")
	}
}

func TestStartupOffersNewestBackup(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "amends.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, store, "Saved by the backup", "")
	if _, err := backup.Now(context.Background(), store, time.Now(), "daily"); err != nil {
		t.Fatal(err)
	}
	store.Close()
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)/3], 0o600) // cut short, as by a failed copy
	_, err = data.Open(path)
	if err == nil {
		t.Fatal("damaged file opened")
	}
	s := StartupProblemWindow(a, err, path, Info{})
	if s.openBtn == nil || !strings.Contains(s.msg.Text, "damaged") || !strings.Contains(s.msg.Text, "1 client") {
		t.Fatalf("startup window: %q", s.msg.Text)
	}
	test.Tap(s.openBtn)
	if s.started == nil {
		t.Fatal("main window not started")
	}
	defer s.started.store.Close()
	if n := countClients(t, s.started.store); n != 1 {
		t.Errorf("%d clients from the backup", n)
	}
	aside, _ := filepath.Glob(path + ".unreadable-*")
	if len(aside) != 1 {
		t.Fatalf("damaged file not kept: %v", aside)
	}
	if kept, _ := os.ReadFile(aside[0]); len(kept) != len(b)/3 {
		t.Error("damaged file changed")
	}
}

func TestStartupAlreadyOpen(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "amends.db")
	l, err := lock.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	_, err = lock.Acquire(path)
	s := StartupProblemWindow(a, err, path, Info{})
	if s.openBtn != nil || !strings.Contains(s.msg.Text, "Amends is already open with this file") {
		t.Errorf("locked: %q", s.msg.Text)
	}
}

// The preview shows where each column goes; the user sends one elsewhere and chooses
// the encoding, and the import does as shown.
func TestImportPreviewColumnsCanBeChanged(t *testing.T) {
	u, store := safetyUI(t)
	path := filepath.Join(t.TempDir(), "contacts.csv")
	// Windows-1252 bytes: ü is 0xfc.
	os.WriteFile(path, []byte("First Name;Last Name;E-mail 1 - Value;Nickname;Labels\nJ\xfcrgen;M\xfcller;jm@example.com;Jogi;* myContacts\n"), 0o600)
	<-u.previewImport("csv", path).done
	p := u.safety.preview
	if p == nil || len(p.columns) != 5 {
		t.Fatalf("preview %+v", p)
	}
	if p.columns[0].Selected != "First name" || p.columns[2].Selected != "Email" || p.columns[3].Selected != notImported {
		t.Errorf("columns shown as %q %q %q", p.columns[0].Selected, p.columns[2].Selected, p.columns[3].Selected)
	}
	if !strings.Contains(p.summary.Text, "Windows-1252") || !strings.Contains(p.summary.Text, `Not imported: "Nickname" (1 with a value)`) {
		t.Errorf("summary %q", p.summary.Text)
	}
	p.columns[3].SetSelected("Salutation")
	<-u.jobs.last.done
	if strings.Contains(p.summary.Text, `"Nickname"`) || !strings.Contains(p.summary.Text, "1 client will be added") {
		t.Errorf("after choosing a field: %q", p.summary.Text)
	}
	// A choice that leaves no names says so, and the user can choose again.
	p.columns[0].SetSelected(notImported)
	<-u.jobs.last.done
	p.columns[1].SetSelected(notImported)
	<-u.jobs.last.done
	if !strings.Contains(p.summary.Text, "Nothing can be imported") || !p.doIt.Disabled() {
		t.Errorf("no name column: %q", p.summary.Text)
	}
	p.columns[0].SetSelected("First name")
	<-u.jobs.last.done
	p.columns[1].SetSelected("Last name")
	<-u.jobs.last.done
	test.Tap(p.doIt)
	<-u.jobs.last.done
	c, err := store.Client(context.Background(), 1)
	if err != nil || c.Name != "Jürgen Müller" || c.Salutation != "Jogi" || c.Email != "jm@example.com" {
		t.Errorf("imported %+v %v", c, err)
	}
}

// While another program reads the data file, erasing says it could not be done and
// erases nothing; the client's file stays open.
func TestEraseWhileAnotherProgramReads(t *testing.T) {
	u, store := safetyUI(t)
	c := addClient(t, store, "Rhiannon Vexley", "rhiannon@vexley.example")
	other, err := sql.Open("sqlite3", "file:"+store.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	reader, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Rollback()
	var n int
	if err := reader.QueryRow("SELECT count(*) FROM clients").Scan(&n); err != nil {
		t.Fatal(err)
	}
	u.client.open(c.ID)
	var p *privacyPart
	for _, part := range u.client.parts {
		if pp, ok := part.(*privacyPart); ok {
			p = pp
		}
	}
	p.onErase()
	test.Type(u.seen.erase.typed, c.Name)
	test.Tap(u.seen.erase.erase)
	shown := strings.Join(labelTexts(topOverlay(t, u)), "\n")
	if !strings.Contains(shown, "another program is reading your data file") || !strings.Contains(shown, "nothing was erased") {
		t.Errorf("told %q", shown)
	}
	if _, err := store.Client(context.Background(), c.ID); err != nil {
		t.Errorf("the client is gone: %v", err)
	}
	if !u.client.visible() {
		t.Error("the client's file was closed although nothing was erased")
	}
}
