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
// Written as an event it has a UID of its own: a to-do and an event may not share one.
func FollowUpUID(id int64, asEvent bool) string {
	if asEvent {
		return fmt.Sprintf("followup-%d-event@amends.app", id)
	}
	return fmt.Sprintf("followup-%d@amends.app", id)
}

// FollowUpsCalendar turns follow-ups into a calendar stamped at now: to-dos, or events
// for calendars that do not show to-dos.
func FollowUpsCalendar(fs []FollowUp, now time.Time, asEvents bool) ics.Calendar {
	cal := ics.Calendar{ProdID: "-//Amends//Amends follow-ups//EN", Name: "Amends follow-ups", Stamp: now, Events: asEvents}
	for _, f := range fs {
		var desc strings.Builder
		fmt.Fprintf(&desc, "Client: %s\n%s", f.ClientName, f.Source.Label())
		if f.Channel != "" {
			fmt.Fprintf(&desc, " by %s", f.Channel)
		}
		desc.WriteString("\n" + f.What)
		cal.Todos = append(cal.Todos, ics.Todo{
			UID:         FollowUpUID(f.ID, asEvents),
			Due:         f.Due,
			Summary:     f.ClientName + ": " + f.What,
			Description: desc.String(),
			Categories:  []string{"Amends", f.Source.Label()},
			Alarm:       15 * time.Minute,
		})
	}
	return cal
}

// ExportFollowUps writes every open follow-up to w as an .ics calendar (to-dos, or
// events when asEvents) and says how many.
func (d *DB) ExportFollowUps(ctx context.Context, w io.Writer, asEvents bool) (int, error) {
	fs, err := d.OpenFollowUps(ctx)
	if err != nil {
		return 0, err
	}
	if err := ics.Write(w, FollowUpsCalendar(fs, d.now(), asEvents)); err != nil {
		return 0, fmt.Errorf("export follow-ups: %w", err)
	}
	return len(fs), nil
}
