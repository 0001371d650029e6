package app

import (
	"errors"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// The packages below the UI refuse with plain errors and warning codes and name no menu
// or screen: where in this window the user puts a thing right is said here.

// advice is where in the window the user can put right what err refuses, or "".
func advice(err error) string {
	if errors.Is(err, documents.ErrNoLetterhead) {
		return "Fill in your name and address under Settings ▸ Letterhead, then make the letters."
	}
	return ""
}

// damageAdvice says where the letterhead settings that could not be read are set again.
func damageAdvice(d *data.LetterheadDamage) string {
	if len(d.Fields) > 1 {
		return "Set them again under Settings ▸ Letterhead and save."
	}
	return "Set it again under Settings ▸ Letterhead and save."
}

// warningText is a warning of the letter check as the editor and the template preview
// show it, with where to fix it when that is somewhere else in the window.
func warningText(w letters.Warning) string {
	if w.Code == letters.CodeNoSigner {
		return w.Msg + " Add your name in Settings ▸ Letterhead or type it here."
	}
	return w.Msg
}
