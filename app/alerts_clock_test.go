package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// The Red alerts row shows the clock against the targets: the next stage first, overdue
// or with the time left, then each stage reached, a late one said so.
func TestAlertClockAgainstTargets(t *testing.T) {
	received := time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local) // a Monday
	targets := data.DefaultTargets()
	c := data.SpeedClock{AlertID: 1, Received: received}

	// Nothing yet, within the day: first contact due.
	text, imp := clockText(c, targets, received.Add(2*time.Hour))
	if !strings.HasPrefix(text, "⏱ First contact due in") || imp != widget.MediumImportance {
		t.Fatalf("fresh alert: %q %v", text, imp)
	}
	// Two working days on, still no contact: overdue, in red.
	text, imp = clockText(c, targets, received.AddDate(0, 0, 2))
	if !strings.HasPrefix(text, "⏱ First contact overdue by") || !strings.Contains(text, "(target 1 working day)") ||
		imp != widget.DangerImportance {
		t.Fatalf("no contact after two days: %q %v", text, imp)
	}
	// Contacted late; the interview is next, and comes first in the line.
	c.At[data.StageContact] = received.Add(25 * time.Hour)
	text, imp = clockText(c, targets, received.Add(26*time.Hour))
	if !strings.HasPrefix(text, "⏱ Interview due in") ||
		!strings.Contains(text, " · First contact after ") || !strings.HasSuffix(text, "(late: target 1 working day)") ||
		imp != widget.WarningImportance {
		t.Fatalf("late contact: %q %v", text, imp)
	}
	// Every stage in time: green, and no next stage.
	for i, st := range data.Stages() {
		c.At[st] = received.Add(time.Duration(i+1) * time.Hour)
	}
	text, imp = clockText(c, targets, received.AddDate(0, 0, 1))
	if imp != widget.SuccessImportance || strings.Contains(text, "due in") || strings.Contains(text, "late") {
		t.Fatalf("all in time: %q %v", text, imp)
	}
}
