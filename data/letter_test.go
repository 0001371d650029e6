package data

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestSaveLetterKeepsTextExactlyAndWritesTimeline(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, err := d.CreateClient(ctx, Client{Name: "Zoë Ørsted", Status: StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	k, err := d.StartComplaint(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	l := Letter{ClientID: c.ID, ComplaintID: k.ID, Kind: "apology", Paper: "A4", Lang: "en", Date: NewDate(2026, 11, 23),
		Place: "Berlin", Recipient: []string{"Zoë Ørsted", "Nørregade 1", "1165 København"},
		Sender:  LetterSender{Name: "Anna Berger", Address: []string{"Hauptstraße 1", "10115 Berlin"}, Email: "anna@berger.example"},
		Subject: "Your complaint of 11 November 2026", Salutation: "Dear Ms Ørsted,",
		Body:    []string{"When we spoke …\nsecond line kept", "– Παπαδόπουλος\n– Дмитрий", "  spaces kept  "},
		Closing: "Kind regards", Signer: "Anna Berger"}
	saved, err := d.SaveLetter(ctx, l, false)
	if err != nil {
		t.Fatal(err)
	}
	if saved.ID == 0 || !saved.Printed.IsZero() {
		t.Fatalf("saved = %+v", saved)
	}
	got, err := d.Letter(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	l.ID, l.Created = saved.ID, saved.Created
	if !reflect.DeepEqual(got, l) {
		t.Fatalf("letter changed on the way:\n got %+v\nwant %+v", got, l)
	}
	tl, err := d.Timeline(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range tl {
		if e.Ref == "letter:"+strconv.FormatInt(saved.ID, 10) {
			found = true
			if e.Kind != KindLetter || e.Summary != "Apology letter: Your complaint of 11 November 2026" ||
				!strings.Contains(e.Body, "– Παπαδόπουλος\n– Дмитрий") || !strings.Contains(e.Body, "Kind regards") {
				t.Fatalf("timeline entry = %+v", e)
			}
		}
	}
	if !found {
		t.Fatal("no timeline entry for the letter")
	}

	if err := d.MarkLetterPrinted(ctx, saved.ID); err != nil {
		t.Fatal(err)
	}
	latest, ok, err := d.LatestLetter(ctx, c.ID, k.ID, "apology")
	if err != nil || !ok || latest.ID != saved.ID || latest.Printed.IsZero() {
		t.Fatalf("LatestLetter = %+v %v %v", latest, ok, err)
	}
	if _, ok, _ := d.LatestLetter(ctx, c.ID, 0, "thanks"); ok {
		t.Fatal("found a thank-you letter that was never written")
	}
	all, err := d.ClientLetters(ctx, c.ID)
	if err != nil || len(all) != 1 {
		t.Fatalf("ClientLetters = %v %v", all, err)
	}
}

func TestSaveLetterIsAllOrNothing(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _ := d.CreateClient(ctx, Client{Name: "A", Status: StatusActive})
	bad := []Letter{
		{ClientID: c.ID, Kind: "poem", Paper: "A4", Lang: "en", Date: NewDate(2026, 1, 1), Body: []string{"x"}},
		{ClientID: c.ID, Kind: "thanks", Paper: "A5", Lang: "en", Date: NewDate(2026, 1, 1), Body: []string{"x"}},
		{ClientID: c.ID, Kind: "thanks", Paper: "A4", Lang: "pt", Date: NewDate(2026, 1, 1), Body: []string{"x"}},
		{ClientID: c.ID, Kind: "thanks", Paper: "A4", Lang: "en", Body: []string{"x"}},
		{ClientID: c.ID + 99, Kind: "thanks", Paper: "A4", Lang: "en", Date: NewDate(2026, 1, 1), Body: []string{"x"}},
		{ClientID: c.ID, ComplaintID: 999, Kind: "thanks", Paper: "A4", Lang: "en", Date: NewDate(2026, 1, 1), Body: []string{"x"}},
	}
	for i, l := range bad {
		if _, err := d.SaveLetter(ctx, l, true); err == nil {
			t.Errorf("bad letter %d saved", i)
		}
	}
	tl, _ := d.Timeline(ctx, c.ID)
	for _, e := range tl {
		if e.Kind == KindLetter {
			t.Fatalf("a failed letter left a timeline entry: %+v", e)
		}
	}
	if ls, _ := d.ClientLetters(ctx, c.ID); len(ls) != 0 {
		t.Fatalf("failed letters stored: %v", ls)
	}
}

func testImage(t *testing.T, format string) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(3, 3, color.Black)
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLetterheadRoundTripAndValidation(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	l, err := d.Letterhead(ctx)
	if err != nil || l.Paper != "A4" || l.Name != "" {
		t.Fatalf("empty letterhead = %+v %v", l, err)
	}
	want := Letterhead{Name: "Anna Berger", Business: "Berger Consulting", Address: "Hauptstraße 1\n10115 Berlin",
		Phone: "+49 30 1234567", Email: "anna@berger.example", Website: "berger.example",
		Logo: testImage(t, "png"), Signature: testImage(t, "jpeg"), Paper: "Letter",
		SignOffEN: "Best wishes", SignOffDE: "Herzliche Grüße", Place: "Berlin", OffsetX: -1.5, OffsetY: 2}
	if err := d.SaveLetterhead(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := d.Letterhead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("letterhead changed:\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(got.AddressLines(), []string{"Hauptstraße 1", "10115 Berlin"}) {
		t.Fatalf("address lines = %q", got.AddressLines())
	}
	for field, l := range map[string]Letterhead{
		"email":     {Paper: "A4", Email: "anna@"},
		"phone":     {Paper: "A4", Phone: "call me"},
		"paper":     {Paper: "A5"},
		"offset x":  {Paper: "A4", OffsetX: 25},
		"offset y":  {Paper: "A4", OffsetY: -20.5},
		"logo":      {Paper: "A4", Logo: []byte("GIF89a not really")},
		"signature": {Paper: "A4", Signature: testImage(t, "png")[:60]},
	} {
		err := d.SaveLetterhead(ctx, l)
		fe, ok := err.(*FieldError)
		if !ok || fe.Field != field {
			t.Errorf("%s: err = %v", field, err)
		}
	}
	if got2, _ := d.Letterhead(ctx); !reflect.DeepEqual(got2, want) {
		t.Fatal("a rejected letterhead changed the stored one")
	}
}

// A damaged logo or offset is reported by name, and the rest of the letterhead still
// loads so letters can go out.
func TestLetterheadReportsDamage(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	sig := testImage(t, "png")
	if err := d.SaveLetterhead(ctx, Letterhead{Name: "Anna Berger", Address: "Hauptstraße 1\n10115 Berlin",
		Paper: "Letter", Logo: testImage(t, "jpeg"), Signature: sig, OffsetX: 1, OffsetY: -2.5}); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{settingLHLogo: "not base64 at all!", settingLHOffsetX: "two mm",
		settingLHOffsetY: "99"} {
		if err := d.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	l, err := d.Letterhead(ctx)
	var dmg *LetterheadDamage
	if !errors.As(err, &dmg) {
		t.Fatalf("err = %v, want a *LetterheadDamage", err)
	}
	if got := strings.Join(dmg.Fields, ","); got != "offset x,offset y,logo" {
		t.Errorf("damaged fields %q, want offset x, offset y (out of range) and logo", got)
	}
	if !strings.Contains(err.Error(), "offset x, offset y and logo") {
		t.Errorf("message does not name the fields: %v", err)
	}
	want := Letterhead{Name: "Anna Berger", Address: "Hauptstraße 1\n10115 Berlin", Paper: "Letter", Signature: sig}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("loaded with damage:\n got %+v\nwant %+v", l, want)
	}
}

func TestValidateImageMessages(t *testing.T) {
	if err := ValidateImage(nil); err != nil {
		t.Fatal(err)
	}
	if err := ValidateImage([]byte("%PDF-1.4")); err == nil || !strings.Contains(err.Error(), "PNG or JPEG") {
		t.Fatalf("err = %v", err)
	}
	if err := ValidateImage(make([]byte, MaxImageBytes+1)); err == nil || !strings.Contains(err.Error(), "under 2 MB") {
		t.Fatalf("err = %v", err)
	}
}
