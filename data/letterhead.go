package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos and signatures may be JPEG
	_ "image/png"
	"math"
	"strconv"
	"strings"
)

// Letterhead is the consultant's own details printed on letters, with the
// letter defaults. It lives in the settings table so it travels with the data file.
type Letterhead struct {
	Name      string
	Business  string
	Address   string // postal address, one line per line
	Phone     string
	Email     string
	Website   string
	Logo      []byte // PNG or JPEG; nil for none
	Signature []byte // PNG or JPEG; nil to sign by hand
	Paper     string // "A4" or "Letter"
	SignOffEN string // "" for the default ("Kind regards")
	SignOffDE string // "" for the default ("Mit freundlichen Grüßen")
	Place     string // town in the date line: "Berlin, 23. November 2026"
	OffsetX   float64
	OffsetY   float64 // mm the address is moved right/down to suit the printer
	// Voice is how the letters speak: VoiceI for a consultant who works alone ("" is
	// taken as VoiceI), VoiceWe for a small firm.
	Voice string
	// Font is the typeface letters are printed in: "sans" ("" is taken as sans) or "serif".
	Font string
}

// The voices letters are written in.
const (
	VoiceI  = "I"
	VoiceWe = "we"
)

// We reports whether the letters speak as a firm ("we").
func (l Letterhead) We() bool { return l.Voice == VoiceWe }

// AddressLines splits the postal address into its printed lines.
func (l Letterhead) AddressLines() []string {
	var out []string
	for _, s := range strings.Split(l.Address, "\n") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Sender is the letterhead text as recorded with each letter.
func (l Letterhead) Sender() LetterSender {
	return LetterSender{Name: strings.TrimSpace(l.Name), Business: strings.TrimSpace(l.Business), Address: l.AddressLines(),
		Phone: strings.TrimSpace(l.Phone), Email: strings.TrimSpace(l.Email), Website: strings.TrimSpace(l.Website)}
}

// Letterhead setting keys.
const (
	settingLHName      = "letterhead.name"
	settingLHBusiness  = "letterhead.business"
	settingLHAddress   = "letterhead.address"
	settingLHPhone     = "letterhead.phone"
	settingLHEmail     = "letterhead.email"
	settingLHWebsite   = "letterhead.website"
	settingLHLogo      = "letterhead.logo"      // base64
	settingLHSignature = "letterhead.signature" // base64
	settingLHPaper     = "letterhead.paper"
	settingLHSignOffEN = "letterhead.signoff.en"
	settingLHSignOffDE = "letterhead.signoff.de"
	settingLHPlace     = "letterhead.place"
	settingLHOffsetX   = "letterhead.offset_x"
	settingLHOffsetY   = "letterhead.offset_y"
	settingLHVoice     = "letterhead.voice"
	settingLHFont      = "letterhead.font"
)

// MaxOffset is the largest address offset accepted, in mm either way.
const MaxOffset = 20.0

// MaxImageBytes bounds a logo or signature file.
const MaxImageBytes = 2 << 20

// ValidateImage accepts a PNG or JPEG that decodes, with a message that says
// what to do otherwise.
func ValidateImage(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if len(b) > MaxImageBytes {
		return fmt.Errorf("the image is %.1f MB; use one under 2 MB (a logo needs no more than 1000 pixels across)", float64(len(b))/(1<<20))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return errors.New("this file is not a PNG or JPEG image Amends can read; save it as PNG or JPEG and try again")
	}
	if format != "png" && format != "jpeg" {
		return fmt.Errorf("the image is %s; use PNG or JPEG", strings.ToUpper(format))
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > 10000 || cfg.Height > 10000 {
		return fmt.Errorf("the image is %d×%d pixels; use one between 1 and 10000 pixels each way", cfg.Width, cfg.Height)
	}
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		return errors.New("this image file is damaged and cannot be read; export it again as PNG or JPEG")
	}
	return nil
}

// Validate checks the letterhead before it is saved.
func (l *Letterhead) Validate() error {
	if err := ValidateEmail(l.Email); err != nil {
		return &FieldError{"email", err.Error()}
	}
	if err := ValidatePhone(l.Phone); err != nil {
		return &FieldError{"phone", err.Error()}
	}
	if l.Paper != "A4" && l.Paper != "Letter" {
		return &FieldError{"paper", "choose A4 or Letter"}
	}
	if l.Voice != "" && l.Voice != VoiceI && l.Voice != VoiceWe {
		return &FieldError{"voice", `choose "I" (you work alone) or "we" (a small firm)`}
	}
	if l.Font != "" && l.Font != "sans" && l.Font != "serif" {
		return &FieldError{"font", "choose sans or serif"}
	}
	for _, o := range []struct {
		field string
		v     float64
	}{{"offset x", l.OffsetX}, {"offset y", l.OffsetY}} {
		if math.IsNaN(o.v) || math.Abs(o.v) > MaxOffset {
			return &FieldError{o.field, fmt.Sprintf("enter between -%.0f and %.0f mm", MaxOffset, MaxOffset)}
		}
	}
	if err := ValidateImage(l.Logo); err != nil {
		return &FieldError{"logo", err.Error()}
	}
	if err := ValidateImage(l.Signature); err != nil {
		return &FieldError{"signature", err.Error()}
	}
	return nil
}

// LetterheadDamage names letterhead settings that are stored but cannot be read: a logo
// or signature that is not base64, an offset that is not a number of mm in range.
// Letterhead returns it wrapped, together with the letterhead loaded without those
// fields, so a letter can still go out while the user is told what to set again.
type LetterheadDamage struct {
	Fields []string // as Validate names them: "logo", "signature", "offset x", "offset y"
}

func (e *LetterheadDamage) Error() string {
	f, is := strings.Join(e.Fields, ", "), "is"
	if n := len(e.Fields); n > 1 {
		f, is = strings.Join(e.Fields[:n-1], ", ")+" and "+e.Fields[n-1], "are"
	}
	// Where they are set again is the UI's to say (app.damageAdvice).
	return fmt.Sprintf("the letterhead's %s could not be read from the data file and %s left out", f, is)
}

// Letterhead loads the letterhead settings; unset ones are empty, the paper A4. A stored
// value that cannot be read is left empty (or 0) and reported as a *LetterheadDamage,
// wrapped, with the rest of the letterhead returned as loaded.
func (d *DB) Letterhead(ctx context.Context) (Letterhead, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT key, value FROM settings WHERE key LIKE 'letterhead.%'`)
	if err != nil {
		return Letterhead{}, fmt.Errorf("load letterhead: %w", err)
	}
	defer rows.Close()
	v := map[string]string{}
	for rows.Next() {
		var k, s string
		if err := rows.Scan(&k, &s); err != nil {
			return Letterhead{}, fmt.Errorf("load letterhead: %w", err)
		}
		v[k] = s
	}
	if err := rows.Err(); err != nil {
		return Letterhead{}, fmt.Errorf("load letterhead: %w", err)
	}
	l := Letterhead{
		Name: v[settingLHName], Business: v[settingLHBusiness], Address: v[settingLHAddress], Phone: v[settingLHPhone],
		Email: v[settingLHEmail], Website: v[settingLHWebsite], Paper: v[settingLHPaper],
		SignOffEN: v[settingLHSignOffEN], SignOffDE: v[settingLHSignOffDE], Place: v[settingLHPlace],
		Voice: v[settingLHVoice], Font: v[settingLHFont],
	}
	if l.Paper == "" {
		l.Paper = "A4"
	}

	// A damaged value is left out rather than blocking every letter, and reported so the
	// user can set it again; Settings shows it empty.
	var damaged []string
	for _, o := range []struct {
		field, key string
		dst        *float64
	}{{"offset x", settingLHOffsetX, &l.OffsetX}, {"offset y", settingLHOffsetY, &l.OffsetY}} {
		s := v[o.key]
		if s == "" {
			continue
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.Abs(f) > MaxOffset {
			damaged = append(damaged, o.field)
			continue
		}
		*o.dst = f
	}
	for _, o := range []struct {
		field, key string
		dst        *[]byte
	}{{"logo", settingLHLogo, &l.Logo}, {"signature", settingLHSignature, &l.Signature}} {
		s := v[o.key]
		if s == "" {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			damaged = append(damaged, o.field)
			continue
		}
		*o.dst = b
	}
	if len(damaged) > 0 {
		return l, fmt.Errorf("load letterhead: %w", &LetterheadDamage{Fields: damaged})
	}
	return l, nil
}

// SaveLetterhead validates and stores the letterhead in one transaction.
func (d *DB) SaveLetterhead(ctx context.Context, l Letterhead) error {
	if err := l.Validate(); err != nil {
		return err // as it is: the form shows it next to the field
	}
	if err := d.tx(ctx, func(tx *sql.Tx) error { return saveLetterheadTx(ctx, tx, l) }); err != nil {
		return fmt.Errorf("save letterhead: %w", err)
	}
	d.Announce(Change{Kind: ChangedLetterhead})
	return nil
}

// SaveLetterheadEdit saves what the user changed in the letterhead form: base is the
// letterhead as the form was loaded, edited as it is now. Only changed fields are
// written; one changed in the store meanwhile to another value gives a
// *Conflict[Letterhead] naming it (e.g. "phone") and nothing is written.
func (d *DB) SaveLetterheadEdit(ctx context.Context, base, edited Letterhead) error {
	if err := edited.Validate(); err != nil {
		return err
	}
	wrote, err := d.saveSettings(ctx, letterheadValues(base), letterheadValues(edited))
	var c *Conflict[map[string]string]
	if errors.As(err, &c) {
		cur, lerr := d.Letterhead(ctx)
		if lerr != nil {
			return fmt.Errorf("save letterhead: %w", lerr)
		}
		names := make([]string, len(c.Fields))
		for i, k := range c.Fields {
			names[i] = strings.TrimPrefix(k, "letterhead.")
		}
		return &Conflict[Letterhead]{Fields: names, Current: cur}
	}
	if err != nil {
		return fmt.Errorf("save letterhead: %w", err)
	}
	if len(wrote) > 0 {
		d.Announce(Change{Kind: ChangedLetterhead})
	}
	return nil
}

// SaveLetterheadTx validates and stores the letterhead in tx (sample data uses it).
func SaveLetterheadTx(ctx context.Context, tx *sql.Tx, l Letterhead) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return saveLetterheadTx(ctx, tx, l)
}

// letterheadValues is the letterhead as it is stored, by setting key.
func letterheadValues(l Letterhead) map[string]string {
	return map[string]string{
		settingLHName: strings.TrimSpace(l.Name), settingLHBusiness: strings.TrimSpace(l.Business),
		settingLHAddress: strings.TrimSpace(l.Address), settingLHPhone: strings.TrimSpace(l.Phone),
		settingLHEmail: strings.TrimSpace(l.Email), settingLHWebsite: strings.TrimSpace(l.Website),
		settingLHPaper: l.Paper, settingLHSignOffEN: strings.TrimSpace(l.SignOffEN), settingLHSignOffDE: strings.TrimSpace(l.SignOffDE),
		settingLHPlace: strings.TrimSpace(l.Place), settingLHVoice: l.Voice, settingLHFont: l.Font,
		settingLHOffsetX: strconv.FormatFloat(l.OffsetX, 'f', -1, 64), settingLHOffsetY: strconv.FormatFloat(l.OffsetY, 'f', -1, 64),
		settingLHLogo: base64.StdEncoding.EncodeToString(l.Logo), settingLHSignature: base64.StdEncoding.EncodeToString(l.Signature),
	}
}

func saveLetterheadTx(ctx context.Context, tx *sql.Tx, l Letterhead) error {
	for k, v := range letterheadValues(l) {
		if err := putSetting(ctx, tx, k, v); err != nil {
			return err
		}
	}
	return nil
}
