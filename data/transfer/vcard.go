package transfer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"

	"github.com/amends/amends/data"
)

// vCard fields Amends reads; others are listed in ClientFile.Ignored.
var vcardUsed = map[string]bool{
	vcard.FieldVersion: true, vcard.FieldFormattedName: true, vcard.FieldName: true, vcard.FieldOrganization: true,
	vcard.FieldEmail: true, vcard.FieldTelephone: true, vcard.FieldAddress: true, vcard.FieldNote: true,
	vcard.FieldUID: true, vcard.FieldProductID: true, vcard.FieldRevision: true, vcard.FieldKind: true,
}

// ReadVCard reads clients from a vCard file (3.0 or 4.0, one or many cards), as address
// books export them. Cards that cannot be imported are listed with their number and why.
func ReadVCard(r io.Reader) (*ClientFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("read vCard: %w", err)
	}
	if len(b) > MaxImportSize {
		return nil, fmt.Errorf("%w: the file is larger than %d MB; is it really an address book?", ErrBadFile, MaxImportSize>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("%w: the file is not UTF-8 text; export the contacts as vCard 3.0 or 4.0", ErrBadFile)
	}
	if !bytes.Contains(bytes.ToUpper(b[:min(len(b), 4096)]), []byte("BEGIN:VCARD")) {
		return nil, fmt.Errorf("%w: it is not a vCard file (no BEGIN:VCARD)", ErrBadFile)
	}
	f := &ClientFile{Kind: "vCard"}
	ignored := map[string]bool{}
	dec := vcard.NewDecoder(bufio.NewReader(bytes.NewReader(b)))
	for n := 1; ; n++ {
		card, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: card %d cannot be read: %v", ErrBadFile, n, err)
		}
		if v := card.Value(vcard.FieldVersion); v != "" && v != "3.0" && v != "4.0" {
			f.Problems = append(f.Problems, RowError{Row: n, Field: "VERSION", Msg: fmt.Sprintf("vCard %s is not supported; export as vCard 3.0 or 4.0", v)})
			continue
		}
		for k := range card {
			if !vcardUsed[strings.ToUpper(k)] {
				ignored[strings.ToUpper(k)] = true
			}
		}
		c, perr := clientFromCard(card)
		if perr != nil {
			perr.Row = n
			f.Problems = append(f.Problems, *perr)
			continue
		}
		f.Clients = append(f.Clients, Incoming{Row: n, Client: c})
	}
	for k := range ignored {
		f.Ignored = append(f.Ignored, k)
	}
	sort.Strings(f.Ignored)
	return f, nil
}

func clientFromCard(card vcard.Card) (data.Client, *RowError) {
	get := map[string]string{}
	get["Name"] = strings.TrimSpace(card.PreferredValue(vcard.FieldFormattedName))
	if get["Name"] == "" {
		if n := card.Name(); n != nil {
			get["Name"] = strings.Join(strings.Fields(strings.Join([]string{n.HonorificPrefix, n.GivenName, n.AdditionalName, n.FamilyName, n.HonorificSuffix}, " ")), " ")
		}
	}
	org, _, _ := strings.Cut(card.PreferredValue(vcard.FieldOrganization), ";")
	get["Company"] = org
	get["Email"] = card.PreferredValue(vcard.FieldEmail)
	get["Phone"] = strings.TrimPrefix(card.PreferredValue(vcard.FieldTelephone), "tel:")
	if a := preferredAddress(card); a != nil {
		var lines []string
		for _, l := range []string{a.PostOfficeBox, a.ExtendedAddress, a.StreetAddress} {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		get["Address"] = strings.Join(lines, "\n")
		get["Postcode"], get["City"], get["Country"] = a.PostalCode, a.Locality, a.Country
		if a.Region != "" && a.Locality != "" {
			get["City"] = a.Locality + ", " + a.Region
		}
	}
	get["Notes"] = card.Value(vcard.FieldNote)
	return clientFromFields(func(h string) string { return strings.TrimSpace(get[h]) })
}

func preferredAddress(card vcard.Card) *vcard.Address {
	f := card.Preferred(vcard.FieldAddress)
	if f == nil {
		return nil
	}
	for _, a := range card.Addresses() {
		if a.Field == f {
			return a
		}
	}
	return card.Address()
}

// WriteVCard writes every client as a vCard of the given version ("3.0" or "4.0").
// opts.Progress is told the clients written; a cancelled ctx stops it between clients.
func WriteVCard(ctx context.Context, db *data.DB, w io.Writer, version string, opts ExportOptions) error {
	if version != "3.0" && version != "4.0" {
		return fmt.Errorf("vCard version %q: use 3.0 or 4.0", version)
	}
	clients, err := allClients(ctx, db)
	if err != nil {
		return err
	}
	enc := vcard.NewEncoder(w)
	pr := &counter{ctx: ctx, total: len(clients), report: opts.Progress}
	for _, c := range clients {
		if err := pr.step(); err != nil {
			return err
		}
		if err := enc.Encode(cardOf(c, version)); err != nil {
			return fmt.Errorf("write vCard: %w", data.Classify(err))
		}
	}
	pr.report.Report(pr.done, pr.total)
	return nil
}

func cardOf(c data.Client, version string) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, version)
	card.SetValue(vcard.FieldFormattedName, c.Name)
	// N is required in 3.0: the last word is taken as the family name.
	given, family := "", c.Name
	if i := strings.LastIndex(c.Name, " "); i > 0 {
		given, family = c.Name[:i], c.Name[i+1:]
	}
	card.SetName(&vcard.Name{FamilyName: semi(family), GivenName: semi(given)})
	if c.Company != "" {
		card.SetValue(vcard.FieldOrganization, semi(c.Company))
	}
	if c.Email != "" {
		card.SetValue(vcard.FieldEmail, c.Email)
	}
	if c.Phone != "" {
		card.SetValue(vcard.FieldTelephone, c.Phone)
	}
	if c.Address != (data.Address{}) {
		card.SetAddress(&vcard.Address{StreetAddress: semi(c.Address.Lines), PostalCode: semi(c.Address.Postcode),
			Locality: semi(c.Address.City), Country: semi(c.Address.Country)})
	}
	if c.Notes != "" {
		card.SetValue(vcard.FieldNote, c.Notes)
	}
	if version == "4.0" {
		card.SetKind(vcard.KindIndividual)
		if c.Company != "" && c.Company == c.Name {
			card.SetKind(vcard.KindOrganization)
		}
	}
	return card
}

// semi replaces semicolons in a part of a structured vCard value (N, ORG, ADR), where
// the vCard library would not escape them and they would shift the parts.
func semi(s string) string { return strings.ReplaceAll(s, ";", ",") }
