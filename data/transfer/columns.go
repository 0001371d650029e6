package transfer

import (
	"regexp"
	"strings"
)

// Field is where a column of a contact file goes in a client's file. The names are the
// ones Amends' own CSV export writes as its header, and the ones the preview shows.
type Field string

// The fields a column can go to; "" leaves the column out.
const (
	FieldNone           Field = ""
	FieldName           Field = "Name"
	FieldTitle          Field = "Title"
	FieldFirst          Field = "First name"
	FieldMiddle         Field = "Middle name"
	FieldLast           Field = "Last name"
	FieldSuffix         Field = "Name suffix"
	FieldCompany        Field = "Company"
	FieldEmail          Field = "Email"
	FieldPhone          Field = "Phone"
	FieldAddress        Field = "Address"
	FieldWholeAddress   Field = "Address (whole)"
	FieldPostcode       Field = "Postcode"
	FieldCity           Field = "City"
	FieldRegion         Field = "Region"
	FieldCountry        Field = "Country"
	FieldSalutation     Field = "Salutation"
	FieldSince          Field = "Client since"
	FieldYearlyIncome   Field = "Yearly income"
	FieldReferrals      Field = "Referrals"
	FieldReferralIncome Field = "Referral income"
	FieldStatus         Field = "Status"
	FieldNotes          Field = "Notes"
	FieldArchived       Field = "Archived"
)

// Fields lists every field a column can go to, in the order the preview offers them.
func Fields() []Field {
	return []Field{FieldName, FieldTitle, FieldFirst, FieldMiddle, FieldLast, FieldSuffix, FieldCompany,
		FieldEmail, FieldPhone, FieldAddress, FieldWholeAddress, FieldPostcode, FieldCity, FieldRegion,
		FieldCountry, FieldSalutation, FieldSince, FieldYearlyIncome, FieldReferrals, FieldReferralIncome,
		FieldStatus, FieldNotes, FieldArchived}
}

// exportFields are the columns Amends' CSV export writes, in order.
var exportFields = []Field{FieldName, FieldCompany, FieldEmail, FieldPhone, FieldAddress, FieldPostcode,
	FieldCity, FieldCountry, FieldSalutation, FieldSince, FieldYearlyIncome, FieldReferrals,
	FieldReferralIncome, FieldStatus, FieldNotes, FieldArchived}

// fieldAliases are the headers spreadsheets and address books use for each field, in
// English and German, normalised by normHeader. Google Contacts' and Outlook's numbered
// and grouped headers ("E-mail 1 - Value", "Business Street") are matched by the
// patterns below.
var fieldAliases = map[Field][]string{
	FieldName:           {"name", "fullname", "contact", "contactname", "displayname", "kontakt", "vollständigername", "anzeigename"},
	FieldTitle:          {"title", "nameprefix", "prefix", "honorificprefix", "titel", "namenspräfix"},
	FieldFirst:          {"firstname", "givenname", "forename", "vorname"},
	FieldMiddle:         {"middlename", "additionalname", "secondname", "zweitervorname", "weiterevornamen"},
	FieldLast:           {"lastname", "familyname", "surname", "nachname", "familienname"},
	FieldSuffix:         {"suffix", "namesuffix", "honorificsuffix", "namenssuffix"},
	FieldCompany:        {"company", "organisation", "organization", "organizationname", "organisationname", "firm", "business", "companyname", "firma", "unternehmen", "firmenname", "organisation1name", "organization1name"},
	FieldEmail:          {"email", "emailaddress", "mail", "emailadresse", "mailadresse"},
	FieldPhone:          {"phone", "telephone", "tel", "mobile", "phonenumber", "telefon", "telefonnummer", "mobil", "handy", "mobiltelefon", "primaryphone"},
	FieldAddress:        {"address", "street", "addresslines", "streetaddress", "adresse", "straße", "strasse", "anschrift", "straßeundhausnummer", "strasseundhausnummer"},
	FieldWholeAddress:   {"formattedaddress", "fulladdress"},
	FieldPostcode:       {"postcode", "postalcode", "zip", "zipcode", "plz", "postleitzahl"},
	FieldCity:           {"city", "town", "locality", "ort", "stadt", "wohnort"},
	FieldRegion:         {"region", "state", "county", "province", "bundesland", "kanton"},
	FieldCountry:        {"country", "countryregion", "land", "staat"},
	FieldSalutation:     {"salutation", "greeting", "anrede", "briefanrede"},
	FieldSince:          {"clientsince", "since", "customersince", "kundeseit"},
	FieldYearlyIncome:   {"yearlyincome", "income", "annualincome", "jahresumsatz", "jahreseinkommen", "umsatz"},
	FieldReferrals:      {"referrals", "empfehlungen"},
	FieldReferralIncome: {"referralincome", "empfehlungsumsatz"},
	FieldStatus:         {"status"},
	FieldNotes:          {"notes", "note", "comments", "comment", "notizen", "notiz", "bemerkungen", "bemerkung", "kommentar", "anmerkungen"},
	FieldArchived:       {"archived", "archiviert"},
}

// normHeader lowercases a header and drops spaces and punctuation, so "E-mail 1 - Value",
// "e_mail1value" and "E-Mail1Value" read the same.
func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '/', '\'', '’', ':', '(', ')', '#', '\u00a0':
			return -1
		}
		return r
	}, h)
}

var (
	// Google Contacts: "Address 1 - Street", "E-mail 2 - Value", "Phone 1 - Value",
	// "Organization 1 - Name" (older), "Address 1 - Postal Code".
	googleAddress = regexp.MustCompile(`^address(\d+)(street|city|pobox|region|postalcode|country|extendedaddress|formatted)$`)
	googleValue   = regexp.MustCompile(`^(email|phone)(\d+)value$`)
	googleOrg     = regexp.MustCompile(`^organi[sz]ation(\d+)name$`)
	// Outlook: "Business Street 2", "Home Postal Code", "Other Country/Region",
	// "E-mail 2 Address", "Mobile Phone", "Business Phone 2".
	outlookAddress = regexp.MustCompile(`^(business|home|other|work|private|geschäftlich|privat|weitere)(street|street2|street3|city|state|postalcode|country|countryregion|pobox|straße|strasse|ort|plz|postleitzahl|land|bundesland)(\d*)$`)
	outlookEmail   = regexp.MustCompile(`^email(\d*)address$`)
	outlookPhone   = regexp.MustCompile(`^(primary|business|home|mobile|other|car|companymain|work|private|geschäftlich|privat)(phone|telefon)(\d*)$`)
)

var addressPart = map[string]Field{
	"street": FieldAddress, "street2": FieldAddress, "street3": FieldAddress, "extendedaddress": FieldAddress,
	"pobox": FieldAddress, "straße": FieldAddress, "strasse": FieldAddress, "formatted": FieldWholeAddress,
	"city": FieldCity, "ort": FieldCity, "region": FieldRegion, "state": FieldRegion, "bundesland": FieldRegion,
	"postalcode": FieldPostcode, "plz": FieldPostcode, "postleitzahl": FieldPostcode,
	"country": FieldCountry, "countryregion": FieldCountry, "land": FieldCountry,
}

// classifyHeader says which field a header means and, for addresses, which address of
// several it belongs to ("1", "business", …): the parts of one address are taken together.
func classifyHeader(h string) (Field, string) {
	n := normHeader(h)
	if n == "" {
		return FieldNone, ""
	}
	for f, as := range fieldAliases {
		for _, a := range as {
			if n == a {
				return f, ""
			}
		}
	}
	if m := googleAddress.FindStringSubmatch(n); m != nil {
		return addressPart[m[2]], m[1]
	}
	if m := googleValue.FindStringSubmatch(n); m != nil {
		if m[1] == "email" {
			return FieldEmail, ""
		}
		return FieldPhone, ""
	}
	if googleOrg.MatchString(n) {
		return FieldCompany, ""
	}
	if m := outlookAddress.FindStringSubmatch(n); m != nil {
		return addressPart[m[2]], m[1]
	}
	if outlookEmail.MatchString(n) {
		return FieldEmail, ""
	}
	if outlookPhone.MatchString(n) {
		return FieldPhone, ""
	}
	return FieldNone, ""
}

// ParseField reads a field name as the preview and the command line's --map write it,
// ignoring case and spaces; "", "-" and "none" leave the column out.
func ParseField(s string) (Field, bool) {
	n := normHeader(s)
	switch n {
	case "", "none", "skip", "ignore":
		return FieldNone, true
	}
	for _, f := range Fields() {
		if normHeader(string(f)) == n {
			return f, true
		}
	}
	if f, _ := classifyHeader(s); f != FieldNone {
		return f, true
	}
	return FieldNone, false
}
