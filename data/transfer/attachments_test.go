package transfer

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/amends/amends/data"
)

// binaryContent has every byte value, invalid UTF-8 and NULs: what a PDF or a photo holds.
func binaryContent(marker string) []byte {
	b := []byte(marker)
	for i := 0; i < 3000; i++ {
		b = append(b, byte(i), byte(255-i%256), 0)
	}
	return append(b, marker...)
}

// withMail gives a client an email with an attachment and a file of its own.
func withMail(t *testing.T, db *data.DB, name, marker string) (data.Client, data.Entry, []byte) {
	t.Helper()
	c, err := db.CreateClient(ctx, data.Client{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	content := binaryContent(marker)
	e, err := db.AddEmail(ctx, c.ID, data.Email{At: time.Date(2026, 2, 1, 8, 30, 0, 0, time.UTC), From: "a@example.com",
		Subject: "Signed contract " + marker, Text: "Attached " + marker, MessageID: marker + "@example.com",
		Files: []data.File{{Name: marker + ".pdf", Type: "application/pdf", Content: content}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AttachFiles(ctx, c.ID, []data.File{{Name: "scan-" + marker + ".png", Type: "image/png", Content: content[:5000]}}); err != nil {
		t.Fatal(err)
	}
	return c, e, content
}

// The JSON export carries attachments as base64 and an import gives back every byte.
func TestAttachmentsSurviveExportAndImport(t *testing.T) {
	src := demoDB(t, 5)
	c, e, content := withMail(t, src, "Ada Blobwright", "Xylophonist")
	var out bytes.Buffer
	if err := Export(ctx, src, &out, ExportOptions{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	dst := openDB(t)
	if _, err := ImportJSON(ctx, dst, bytes.NewReader(out.Bytes()), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	as, err := dst.Attachments(ctx, c.ID)
	if err != nil || len(as) != 2 {
		t.Fatalf("%d attachments after import (%v)", len(as), err)
	}
	for _, a := range as {
		got, err := dst.AttachmentContent(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := content
		if a.EntryID == 0 {
			want = content[:5000]
		} else if a.EntryID != e.ID {
			t.Fatalf("attachment belongs to entry %d, want the email %d", a.EntryID, e.ID)
		}
		if !bytes.Equal(got.Content, want) {
			t.Fatalf("%s: %d bytes back, not the %d exported", a.Name, len(got.Content), len(want))
		}
	}
	back, err := dst.Entry(ctx, e.ID)
	if err != nil || back.From != "a@example.com" || back.MessageID != "Xylophonist@example.com" {
		t.Fatalf("email entry after import %+v (%v)", back, err)
	}
	if found, _ := dst.SearchClients(ctx, "xylophonist", data.ClientFilter{}, 5); len(found) != 1 {
		t.Fatal("imported email not found by search")
	}
	// Export again: the same file, byte for byte.
	var again bytes.Buffer
	if err := Export(ctx, dst, &again, ExportOptions{Now: fixed}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Fatal("export → import → export is not the same file")
	}
	// Into a database that has clients: new IDs, the files follow their email.
	other := demoDB(t, 3)
	if _, err := ImportJSON(ctx, other, bytes.NewReader(out.Bytes()), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	found, _ := other.SearchClients(ctx, "Ada Blobwright", data.ClientFilter{}, 5)
	if len(found) != 1 {
		t.Fatalf("imported client found %d times", len(found))
	}
	items, err := other.TimelineItems(ctx, found[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var mailFiles int
	for _, it := range items {
		if it.Entry.Kind == data.KindEmail {
			mailFiles = len(it.Attachments)
		}
	}
	if mailFiles != 1 {
		t.Fatalf("the email has %d files after importing with new IDs", mailFiles)
	}
}

// Erasing a client takes their files out of the data file, bytes and all.
func TestEraseRemovesAttachmentBytes(t *testing.T) {
	db := demoDB(t, 5)
	const marker = "Quokkalicious"
	c, _, _ := withMail(t, db, "Erin Filer", marker)
	keep, _, keptContent := withMail(t, db, "Kept Filer", "Wombatastic")
	if err := db.SQL().QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(new(int), new(int), new(int)); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(db.Path())
	if !bytes.Contains(raw, []byte(marker)) {
		t.Fatal("the marker is not in the file before erasure: the test proves nothing")
	}
	if _, err := EraseClient(ctx, db, c.ID); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{db.Path(), db.Path() + "-wal"} {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if bytes.Contains(raw, []byte(marker)) {
			t.Fatalf("%s still holds the erased client's file", f)
		}
	}
	as, _ := db.Attachments(ctx, keep.ID)
	if len(as) != 2 {
		t.Fatalf("the other client has %d files left", len(as))
	}
	for _, a := range as {
		got, _ := db.AttachmentContent(ctx, a.ID)
		if a.EntryID != 0 && !bytes.Equal(got.Content, keptContent) {
			t.Fatal("the other client's file changed")
		}
	}
}
