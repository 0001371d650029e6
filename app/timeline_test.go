package app

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
)

// recordingApp is the test app with a system tray, that remembers what it was asked
// to open and the tray menu it was given.
type recordingApp struct {
	fyne.App
	opened []*url.URL
	tray   *fyne.Menu
}

func (a *recordingApp) OpenURL(u *url.URL) error        { a.opened = append(a.opened, u); return nil }
func (a *recordingApp) SetSystemTrayMenu(m *fyne.Menu)  { a.tray = m }
func (a *recordingApp) SetSystemTrayIcon(fyne.Resource) {}
func (a *recordingApp) SetSystemTrayWindow(fyne.Window) {}

// newRecordingUI builds the window on a recording app, with the store's clock at now
// (zero: the real clock) after fill.
func newRecordingUI(t *testing.T, now time.Time, fill func(*data.DB)) (*UI, *data.DB, *recordingApp) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := &recordingApp{App: test.NewTempApp(t)}
	a.Preferences().SetBool(prefKeepInTray, true) // the tray is there for those who keep Amends in it
	store, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if !now.IsZero() {
		store.Now = func() time.Time { return now }
	}
	if fill != nil {
		fill(store)
	}
	u := New(a, store, Info{Version: "test"})
	u.win.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(u.run.stop) // before the store closes: no timer of this test outlives it
	return u, store, a
}

// overlayText is every label's text in the top dialog, one a line.
func overlayText(t *testing.T, u *UI) string {
	t.Helper()
	var b strings.Builder
	for _, o := range test.LaidOutObjects(topOverlay(t, u)) {
		if s, ok := labelText(o); ok && o.Visible() {
			b.WriteString(s + "\n")
		}
	}
	return b.String()
}

func TestTimelineEntryEditDeleteAndUndo(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Saoirse Kelly"})
	long := strings.Repeat("She explained every step of the delay in detail. ", 12) + "The end of the note."
	e, err := store.AddEntry(ctx, data.Entry{ClientID: c.ID, At: time.Date(2026, 4, 2, 11, 30, 0, 0, time.Local),
		Kind: data.KindCall, Summary: "Called about the delay", Body: long})
	if err != nil {
		t.Fatal(err)
	}
	u.showClient(c.ID)
	tl := u.client.timeline
	if len(tl.items) != 1 {
		t.Fatalf("timeline shows %d items", len(tl.items))
	}
	// Opened, the entry is there whole.
	tl.list.Select(0)
	v := tl.opened
	if v == nil || v.body.Text != long || v.edit == nil || v.del == nil || v.reason != nil {
		t.Fatalf("opened entry: %+v", v)
	}
	test.Tap(v.edit)
	f := tl.form
	f.summary.SetText("Called about the delayed report")
	f.kind.SetSelected(data.KindMeeting.Label())
	f.clock.SetText("16:45")
	tapButton(t, topOverlay(t, u), "Save")
	got, err := store.Entry(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Summary != "Called about the delayed report" || got.Kind != data.KindMeeting || got.At.Local().Format("15:04") != "16:45" ||
		got.Body != long || got.Edited.IsZero() {
		t.Fatalf("after edit: %+v", got)
	}
	if tl.items[0].Entry.Summary != "Called about the delayed report" {
		t.Fatal("the timeline does not show the edit")
	}

	// Delete, then Undo.
	tl.list.Select(0)
	test.Tap(tl.opened.del)
	if _, err := store.Entry(ctx, e.ID); err == nil {
		t.Fatal("the entry is still in the store")
	}
	if len(tl.items) != 0 || !tl.undoBar.Visible() || !strings.Contains(tl.undoText.Text, "Called about the delayed report") {
		t.Fatalf("after delete: %d items, undo bar %v %q", len(tl.items), tl.undoBar.Visible(), tl.undoText.Text)
	}
	tapButton(t, tl.undoBar, "Undo")
	back, err := store.Entry(ctx, e.ID)
	if err != nil || back.Summary != "Called about the delayed report" || back.Body != long {
		t.Fatalf("after undo: %+v (%v)", back, err)
	}
	if len(tl.items) != 1 || tl.undoBar.Visible() {
		t.Fatal("the timeline does not show the entry back")
	}

	// Amends' own entries open read-only, with the reason.
	if err := store.SetStatus(ctx, c.ID, data.StatusAtRisk); err != nil {
		t.Fatal(err)
	}
	for i, it := range tl.items {
		if it.Entry.Kind == data.KindStatus {
			tl.list.Select(i)
		}
	}
	v = tl.opened
	if v.edit != nil || v.del != nil || v.reason == nil || !strings.Contains(v.reason.Text, "status") {
		t.Fatalf("a status entry offers edit %v / delete %v, reason %v", v.edit != nil, v.del != nil, v.reason)
	}
}

// report.eml (data/mail/testdata) is an email from Jörg Müller with a PDF.
func emailFile(t *testing.T, dir, name string) fyne.URI {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "data", "mail", "testdata", "report.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if name != "report.eml" { // another email: another Message-ID and subject
		b = bytes.ReplaceAll(b, []byte("4711@"), []byte(name+"@"))
		b = bytes.ReplaceAll(b, []byte("Subject: =?UTF-8?Q?Korrigierter"), []byte("Subject: =?UTF-8?Q?"+strings.TrimSuffix(name, ".eml")+"_Korrigierter"))
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return storage.NewFileURI(p)
}

func TestDroppedEmailsBecomeEntriesAndTheirAttachmentOpens(t *testing.T) {
	u, store, a := newRecordingUI(t, time.Time{}, nil)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Jörg Müller", Company: "Müller Bau"})
	dir := t.TempDir()
	msg := filepath.Join(dir, "Antwort.msg")
	os.WriteFile(msg, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, 0o600)

	// Dropped before a client is open: nothing is attached, and the user is told why.
	u.onDropped([]fyne.URI{emailFile(t, dir, "report.eml")})
	if !strings.Contains(overlayText(t, u), "Open a client first") {
		t.Fatal("no word on where dropped files go")
	}
	u.win.Canvas().Overlays().Top().Hide()

	u.showClient(c.ID)
	// Two emails at once, as a mail program exports them, and an Outlook .msg.
	u.onDropped([]fyne.URI{emailFile(t, dir, "report.eml"), emailFile(t, dir, "second.eml"), storage.NewFileURI(msg)})
	if text := overlayText(t, u); !strings.Contains(text, "Antwort.msg") || !strings.Contains(text, ".eml") {
		t.Fatalf("the .msg file is not explained: %q", text)
	}
	tl := u.client.timeline
	var emails []data.Item
	for _, it := range tl.items {
		if it.Entry.Kind == data.KindEmail {
			emails = append(emails, it)
		}
	}
	if len(emails) != 2 {
		t.Fatalf("%d email entries, want 2", len(emails))
	}
	var it data.Item
	for i, x := range tl.items {
		if x.Entry.Summary == "Korrigierter Bericht für März" {
			it = x
			tl.list.Select(i)
		}
	}
	e := it.Entry
	if e.From != "Jörg Müller <jorg@mueller-bau.example>" || e.To != "Anna Consultant <anna@example.com>" ||
		!e.At.Equal(time.Date(2026, 3, 3, 9, 15, 0, 0, time.UTC)) || !strings.Contains(e.Body, "Grüße aus Köln") {
		t.Fatalf("email entry %+v", e)
	}
	if len(it.Attachments) != 1 || it.Attachments[0].Name != "Bericht März.pdf" {
		t.Fatalf("attachments %+v", it.Attachments)
	}
	// Opened, the attachment goes to the OS viewer, whole.
	v := tl.opened
	if len(v.files) != 1 || v.reason == nil {
		t.Fatalf("opened email: %d files, reason %v", len(v.files), v.reason)
	}
	test.Tap(v.files[0].open)
	if len(a.opened) != 1 || a.opened[0].Scheme != "file" {
		t.Fatalf("opened %v", a.opened)
	}
	got, err := os.ReadFile(filepath.FromSlash(a.opened[0].Path))
	want, _ := os.ReadFile(filepath.Join("..", "data", "mail", "testdata", "pdf.pdf.bytes"))
	if err != nil || !bytes.Equal(got, want) || filepath.Base(a.opened[0].Path) != "Bericht März.pdf" {
		t.Fatalf("the viewer got %s, %d bytes (%v)", a.opened[0].Path, len(got), err)
	}
	// The same email dropped again is not doubled.
	u.win.Canvas().Overlays().Top().Hide()
	u.onDropped([]fyne.URI{emailFile(t, dir, "report.eml")})
	if !strings.Contains(overlayText(t, u), "already on this client's timeline") {
		t.Fatal("a repeated email is not explained")
	}
	if es, _ := store.Timeline(ctx, c.ID); len(es) != 2 {
		t.Fatalf("%d entries after dropping the same email again", len(es))
	}
	// Search finds a word that is only in an email's body, and says where.
	test.Type(u.clients.search, "stimmen")
	if u.clients.total != 1 {
		t.Fatalf("search for a word in an email body shows %d", u.clients.total)
	}
	if p, ok := u.clients.places[c.ID]; !ok || !strings.HasPrefix(placeText(p), "Email “") {
		t.Fatalf("the result does not say where: %+v", p)
	}
}

func TestAttachmentOverTheLimitIsRefusedWithAMessage(t *testing.T) {
	u, store := newTestUI(t)
	c := mustCreate(t, store, data.Client{Name: "Ngozi Eze"})
	u.showClient(c.ID)
	dir := t.TempDir()
	big := filepath.Join(dir, "site survey.tiff")
	if err := os.WriteFile(big, make([]byte, 26<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "contract.pdf")
	os.WriteFile(small, []byte("%PDF-1.4 contract"), 0o600)
	u.onDropped([]fyne.URI{storage.NewFileURI(big), storage.NewFileURI(small)})
	text := overlayText(t, u)
	if !strings.Contains(text, "site survey.tiff is 26 MB") || !strings.Contains(text, "up to 25 MB") {
		t.Fatalf("message %q", text)
	}
	as, err := store.Attachments(context.Background(), c.ID)
	if err != nil || len(as) != 1 || as[0].Name != "contract.pdf" {
		t.Fatalf("kept %+v (%v): want only the small file", as, err)
	}
	if f, ok := u.client.timeline.items[0].File(); !ok || f.Name != "contract.pdf" {
		t.Fatal("the attached file is not on the timeline")
	}
}
