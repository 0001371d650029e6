package data

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/data/ics"
)

// FollowUpUID is the calendar UID of a follow-up: the same on every export, so a
// calendar that imports the file again updates the to-do instead of adding a copy.
func FollowUpUID(id int64) string { return fmt.Sprintf("followup-%d@amends.app", id) }

// FollowUpsCalendar turns follow-ups into a calendar of to-dos stamped at now.
func FollowUpsCalendar(fs []FollowUp, now time.Time) ics.Calendar {
	cal := ics.Calendar{ProdID: "-//Amends//Amends follow-ups//EN", Name: "Amends follow-ups", Stamp: now}
	for _, f := range fs {
		var desc strings.Builder
		fmt.Fprintf(&desc, "Client: %s\n%s", f.ClientName, f.Source.Label())
		if f.Channel != "" {
			fmt.Fprintf(&desc, " by %s", f.Channel)
		}
		desc.WriteString("\n" + f.What)
		cal.Todos = append(cal.Todos, ics.Todo{
			UID:         FollowUpUID(f.ID),
			Due:         f.Due,
			Summary:     f.ClientName + ": " + f.What,
			Description: desc.String(),
			Categories:  []string{"Amends", f.Source.Label()},
			Alarm:       15 * time.Minute,
		})
	}
	return cal
}

// ExportFollowUps writes every open follow-up to w as an .ics calendar and says how many.
func (d *DB) ExportFollowUps(ctx context.Context, w io.Writer) (int, error) {
	fs, err := d.OpenFollowUps(ctx)
	if err != nil {
		return 0, err
	}
	if err := ics.Write(w, FollowUpsCalendar(fs, d.now())); err != nil {
		return 0, fmt.Errorf("export follow-ups: %w", err)
	}
	return len(fs), nil
}
