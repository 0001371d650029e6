package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// The UI names the menu where a refusal from below it is put right.
func TestAdviceNamesTheMenu(t *testing.T) {
	err := fmt.Errorf("win-back letters: %w", documents.ErrNoLetterhead)
	if msg := userMessage("Drafting the win-back letters", err); !strings.Contains(msg, "no name or address") ||
		!strings.Contains(msg, "Settings ▸ Letterhead") {
		t.Errorf("no letterhead: %q", msg)
	}
	ws := letters.Check(letters.Thanks, letters.Draft{Body: []string{"Thank you."}}, letters.CheckOptions{})
	if len(ws) != 1 || !strings.Contains(warningText(ws[0]), "Settings ▸ Letterhead") {
		t.Errorf("no signer: %v", ws)
	}
	if msg := letterheadDamageText(&data.LetterheadDamage{Fields: []string{"logo", "signature"}}); !strings.Contains(msg, "logo and signature could not be read") ||
		!strings.Contains(msg, "Set them again under Settings ▸ Letterhead") {
		t.Errorf("letterhead damage: %q", msg)
	}
	if msg := userMessage("Saving", fmt.Errorf("disk full")); strings.Contains(msg, "Settings") {
		t.Errorf("advice for an unrelated error: %q", msg)
	}
}
