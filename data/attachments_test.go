package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestAttachFilesAndRemoveWithUndo(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, err := d.CreateClient(ctx, Client{Name: "Hana Novák"})
	if err != nil {
		t.Fatal(err)
	}
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 5000)...)
	as, err := d.AttachFiles(ctx, c.ID, []File{{Name: `C:\Users\me\Vertrag 2026.pdf`, Type: "application/pdf", Content: pdf}, {Name: "empty.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Name != "Vertrag 2026.pdf" || as[0].Size != int64(len(pdf)) || as[1].Size != 0 {
		t.Fatalf("attached %+v", as)
	}
	got, err := d.AttachmentContent(ctx, as[0].ID)
	if err != nil || !bytes.Equal(got.Content, pdf) || got.Type != "application/pdf" {
		t.Fatalf("content back: %v, %d bytes, type %q", err, len(got.Content), got.Type)
	}
	items, err := d.TimelineItems(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("timeline has %d items, want the 2 files", len(items))
	}
	if f, ok := items[0].File(); !ok || f.Content != nil {
		t.Fatalf("first item %+v is not a file listed without content", items[0])
	}
	// Attaching a file is not a contact with the client.
	if c2, _ := d.Client(ctx, c.ID); !c2.LastContact.IsZero() {
		t.Fatalf("last contact %v after attaching a file", c2.LastContact)
	}
	if found, _ := d.SearchClients(ctx, "vertrag", ClientFilter{}, 5); len(found) != 1 {
		t.Fatalf("search for the file name found %d", len(found))
	}

	del, err := d.RemoveAttachment(ctx, as[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.AttachmentContent(ctx, as[0].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removed file still there: %v", err)
	}
	if found, _ := d.SearchClients(ctx, "vertrag", ClientFilter{}, 5); len(found) != 0 {
		t.Fatal("search still finds the removed file")
	}
	if err := d.RestoreDeleted(ctx, del); err != nil {
		t.Fatal(err)
	}
	got, err = d.AttachmentContent(ctx, as[0].ID)
	if err != nil || !bytes.Equal(got.Content, pdf) {
		t.Fatalf("undo did not bring the file back whole: %v", err)
	}
}

func TestAttachmentOverTheLimitIsRefused(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "Big Files Ltd"})
	at := make([]byte, MaxAttachmentSize)
	if _, err := d.AttachFiles(ctx, c.ID, []File{{Name: "exactly.bin", Content: at}}); err != nil {
		t.Fatalf("a file of exactly the limit: %v", err)
	}
	_, err := d.AttachFiles(ctx, c.ID, []File{{Name: "scan.tiff", Content: append(at, 0)}})
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Name != "scan.tiff" {
		t.Fatalf("over the limit: %v", err)
	}
	if !strings.Contains(err.Error(), "25 MB") {
		t.Fatalf("message does not name the limit: %q", err)
	}
	if as, _ := d.Attachments(ctx, c.ID); len(as) != 1 {
		t.Fatalf("%d files kept, want 1", len(as))
	}
}

func TestEmailEntryWithAttachmentsDeleteAndUndo(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "Olu Adeyemi"})
	sent := time.Date(2026, 3, 3, 9, 15, 0, 0, time.UTC)
	m := Email{At: sent, From: "Olu <olu@example.com>", To: "me@example.com", Subject: "Revised report",
		Text: "The quarterly figures look wrong in section 3 (Zanzibarite).", MessageID: "abc@example.com",
		Files: []File{{Name: "report.pdf", Type: "application/pdf", Content: []byte("%PDF report")}}}
	e, err := d.AddEmail(ctx, c.ID, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.AddEmail(ctx, c.ID, m); !errors.Is(err, ErrDuplicateEmail) {
		t.Fatalf("the same email twice: %v", err)
	}
	items, _ := d.TimelineItems(ctx, c.ID)
	if len(items) != 1 || items[0].Entry.ID != e.ID || len(items[0].Attachments) != 1 || items[0].Attachments[0].Name != "report.pdf" {
		t.Fatalf("items %+v", items)
	}
	got := items[0].Entry
	if got.From != m.From || got.To != m.To || got.Summary != "Revised report" || !got.At.Equal(sent) || !got.FromFile() {
		t.Fatalf("email entry %+v", got)
	}
	if got.ReadOnly() == "" || !got.Deletable() {
		t.Fatal("an email from a file is kept as received but can be deleted")
	}
	// A word only in the body is found, and the result says where.
	found, err := d.SearchClients(ctx, "zanzibar", ClientFilter{}, 5)
	if err != nil || len(found) != 1 || found[0].ID != c.ID {
		t.Fatalf("search for a word in the body: %v %v", found, err)
	}
	places, err := d.SearchPlaces(ctx, "zanzibar", []int64{c.ID})
	if err != nil {
		t.Fatal(err)
	}
	p := places[c.ID]
	if p.Part != "Email “Revised report”" || !p.At.Equal(sent) || !strings.Contains(p.Snippet, "Zanzibarite") || p.Match != "Zanzibarite" {
		t.Fatalf("place %+v", p)
	}

	del, err := d.DeleteEntry(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if as, _ := d.Attachments(ctx, c.ID); len(as) != 0 {
		t.Fatal("the email's file stayed after the email was deleted")
	}
	if err := d.RestoreDeleted(ctx, del); err != nil {
		t.Fatal(err)
	}
	items, _ = d.TimelineItems(ctx, c.ID)
	if len(items) != 1 || items[0].Entry.ID != e.ID || len(items[0].Attachments) != 1 {
		t.Fatalf("after undo: %+v", items)
	}
	if back, _ := d.AttachmentContent(ctx, items[0].Attachments[0].ID); string(back.Content) != "%PDF report" {
		t.Fatalf("attachment after undo: %q", back.Content)
	}
}

func TestEditEntryAndAmendsOwnEntriesStayReadOnly(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "Ines Carvalho"})
	e, err := d.AddEntry(ctx, Entry{ClientID: c.ID, At: time.Date(2026, 5, 1, 14, 0, 0, 0, time.UTC), Kind: KindCall, Summary: "Called"})
	if err != nil {
		t.Fatal(err)
	}
	e.Summary, e.Body, e.Kind = "Called about the invoice", "She will pay on Friday", KindMeeting
	saved, err := d.EditEntry(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	back, _ := d.Entry(ctx, e.ID)
	if back.Summary != "Called about the invoice" || back.Kind != KindMeeting || back.Body != "She will pay on Friday" || back.Edited.IsZero() || !saved.Edited.Equal(back.Edited) {
		t.Fatalf("edited entry %+v", back)
	}
	if err := d.SetStatus(ctx, c.ID, StatusAtRisk); err != nil {
		t.Fatal(err)
	}
	es, _ := d.Timeline(ctx, c.ID)
	var status Entry
	for _, x := range es {
		if x.Kind == KindStatus {
			status = x
		}
	}
	if status.ReadOnly() == "" || status.Deletable() {
		t.Fatal("a status entry is editable or deletable")
	}
	status.Summary = "rewritten history"
	status.Kind = KindNote
	var fe *FieldError
	if _, err := d.EditEntry(ctx, status); !errors.As(err, &fe) || !strings.Contains(fe.Msg, "status") {
		t.Fatalf("editing a status entry: %v", err)
	}
	if _, err := d.DeleteEntry(ctx, status.ID); !errors.As(err, &fe) {
		t.Fatalf("deleting a status entry: %v", err)
	}
	del, err := d.DeleteEntry(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c2, _ := d.Client(ctx, c.ID); c2.LastContact.Equal(e.At) {
		t.Fatal("last contact still the deleted entry's")
	}
	if err := d.RestoreDeleted(ctx, del); err != nil {
		t.Fatal(err)
	}
	if back, _ := d.Entry(ctx, e.ID); back.Summary != "Called about the invoice" || !back.Created.Equal(e.Created) {
		t.Fatalf("after undo %+v", back)
	}
}

func TestRepeatedSavesOfALetterAreOneItem(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "Lars Berg", Address: Address{Lines: "Gata 1", City: "Oslo", Country: "Norway"}})
	l := Letter{ClientID: c.ID, Kind: "thanks", Paper: "A4", Lang: "en", Date: DateOf(d.Now()), Subject: "Thank you", Body: []string{"Thanks."}}
	for i := 0; i < 3; i++ {
		if _, err := d.SaveLetter(ctx, l, i == 2); err != nil {
			t.Fatal(err)
		}
	}
	l.Kind = "winback"
	if _, err := d.SaveLetter(ctx, l, false); err != nil {
		t.Fatal(err)
	}
	items, err := d.TimelineItems(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("%d items, want a win-back and a thank-you with versions", len(items))
	}
	thanks := items[1]
	if len(thanks.Versions) != 3 || thanks.Versions[0].ID != thanks.Entry.ID || !thanks.Versions[0].At.After(thanks.Versions[2].At) {
		t.Fatalf("thank-you item %+v", thanks)
	}
	if len(items[0].Versions) != 0 {
		t.Fatal("a letter saved once has versions")
	}
}

func TestSearchReachesAlertsAndInterviews(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "Ruth Okafor"})
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Received: d.Now(), Severity: SeveritySerious,
		Note: "Furious about the Pemberton invoice"}, AlertOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k, err := d.StartComplaint(ctx, c.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	k.Feeling = "felt ignored by the Quillfeather team"
	if err := d.SaveInterview(ctx, k); err != nil {
		t.Fatal(err)
	}
	_, _ = d.DraftRound(ctx, k.ID, RoundDraft{Text: "the Marmalade deadline slipped"})
	for _, tc := range []struct{ q, part string }{{"pemberton", "Red alert"}, {"quillfeath", "Complaint interview"}, {"marmalade", "Complaint interview"}} {
		found, err := d.SearchClients(ctx, tc.q, ClientFilter{}, 5)
		if err != nil || len(found) != 1 {
			t.Fatalf("%q: %v %v", tc.q, found, err)
		}
		places, err := d.SearchPlaces(ctx, tc.q, []int64{c.ID})
		if err != nil || places[c.ID].Part != tc.part {
			t.Fatalf("%q is in %+v, want %s (%v)", tc.q, places[c.ID], tc.part, err)
		}
	}
	// A match in the name needs no place.
	if places, _ := d.SearchPlaces(ctx, "okafor", []int64{c.ID}); len(places) != 0 {
		t.Fatalf("name match has a place: %+v", places)
	}
	// A bulk rebuild (import, sample data) keeps every column.
	if err := d.Bulk(ctx, func(*sql.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if found, _ := d.SearchClients(ctx, "quillfeather", ClientFilter{}, 5); len(found) != 1 {
		t.Fatal("interview text not found after a rebuild")
	}
}
