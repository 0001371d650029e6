// Package ics writes iCalendar files (RFC 5545) with to-dos, and reads them back.
// It knows only what Amends needs: a VCALENDAR of VTODOs (or, for calendars that ignore
// to-dos, VEVENTs) with text, a due time and an alarm. Everything it writes is UTF-8,
// CRLF-terminated, folded at 75 octets.
package ics

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Todo is one VTODO: something to do by Due.
type Todo struct {
	UID         string // stable across exports, so calendars update instead of duplicating
	Due         time.Time
	Summary     string
	Description string
	Categories  []string
	Alarm       time.Duration // remind this long before Due; 0 for no alarm
}

// Calendar is a whole .ics file.
type Calendar struct {
	ProdID string    // e.g. "-//Amends//Follow-ups//EN"
	Name   string    // shown by some calendar apps (X-WR-CALNAME)
	Stamp  time.Time // DTSTAMP of every to-do: when the file was made
	Todos  []Todo
	// Events writes each to-do as a VEVENT starting at its due time and lasting
	// EventLength, for calendars that do not show VTODOs (Google Calendar, most
	// phone calendars). The alarm then counts from the start.
	Events bool
}

// EventLength is how long a to-do written as an event lasts: it marks the time, and is
// shown as free time (TRANSP:TRANSPARENT), since a reminder does not book the day.
const EventLength = 30 * time.Minute

// DateTimeLayout is the UTC DATE-TIME form (RFC 5545 3.3.5, form #2).
const DateTimeLayout = "20060102T150405Z"

// MaxLineOctets is the longest a content line may be, without its CRLF (RFC 5545 3.1).
const MaxLineOctets = 75

// Write writes c as an iCalendar stream.
func Write(w io.Writer, c Calendar) error {
	if c.ProdID == "" {
		return errors.New("write calendar: PRODID is required")
	}
	bw := bufio.NewWriter(w)
	line := func(name, value string) { bw.WriteString(Fold(name + ":" + value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", EscapeText(c.ProdID))
	line("CALSCALE", "GREGORIAN")
	if c.Name != "" {
		line("X-WR-CALNAME", EscapeText(c.Name))
	}
	stamp := c.Stamp.UTC().Format(DateTimeLayout)
	for _, t := range c.Todos {
		if t.UID == "" || t.Due.IsZero() {
			return fmt.Errorf("write calendar: to-do %q needs a UID and a due time", t.Summary)
		}
		comp := "VTODO"
		if c.Events {
			comp = "VEVENT"
		}
		line("BEGIN", comp)
		line("UID", EscapeText(t.UID))
		line("DTSTAMP", stamp)
		if c.Events {
			line("DTSTART", t.Due.UTC().Format(DateTimeLayout))
			line("DURATION", Duration(EventLength))
		} else {
			line("DUE", t.Due.UTC().Format(DateTimeLayout))
		}
		line("SUMMARY", EscapeText(t.Summary))
		if t.Description != "" {
			line("DESCRIPTION", EscapeText(t.Description))
		}
		if len(t.Categories) > 0 {
			cs := make([]string, len(t.Categories))
			for i, s := range t.Categories {
				cs[i] = EscapeText(s)
			}
			line("CATEGORIES", strings.Join(cs, ","))
		}
		if c.Events {
			line("TRANSP", "TRANSPARENT")
		} else {
			line("STATUS", "NEEDS-ACTION")
		}
		if t.Alarm > 0 {
			line("BEGIN", "VALARM")
			line("ACTION", "DISPLAY")
			line("DESCRIPTION", EscapeText(t.Summary))
			if c.Events {
				line("TRIGGER", "-"+Duration(t.Alarm)) // before DTSTART
			} else {
				// Relative to DUE: a VTODO without DTSTART must say RELATED=END (RFC 5545 3.8.6.3).
				line("TRIGGER;RELATED=END", "-"+Duration(t.Alarm))
			}
			line("END", "VALARM")
		}
		line("END", comp)
	}
	line("END", "VCALENDAR")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// Duration formats a positive duration as an RFC 5545 DURATION value, e.g. "PT15M", "P1D".
func Duration(d time.Duration) string {
	if d <= 0 {
		return "PT0S"
	}
	s := int64(d / time.Second)
	days, s := s/86400, s%86400
	h, s := s/3600, s%3600
	m, s := s/60, s%60
	var b strings.Builder
	b.WriteString("P")
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if h > 0 || m > 0 || s > 0 {
		b.WriteString("T")
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if s > 0 {
			fmt.Fprintf(&b, "%dS", s)
		}
	}
	return b.String()
}

// EscapeText makes s a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma are
// escaped, line breaks become \n, other control characters (which TEXT may not hold) are
// dropped and invalid UTF-8 is replaced by U+FFFD.
func EscapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// CONTROL characters are not allowed in TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// UnescapeText is the inverse of EscapeText.
func UnescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default: // \\ \; \, and, leniently, any other escaped character
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// Fold splits one content line into lines of at most 75 octets joined by CRLF and a
// space (RFC 5545 3.1), never inside a UTF-8 sequence, and ends it with CRLF.
func Fold(line string) string {
	var b strings.Builder
	b.Grow(len(line) + len(line)/MaxLineOctets*3 + 2)
	limit := MaxLineOctets
	n := 0
	for _, r := range line {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 3 // written as U+FFFD
		}
		if n+size > limit {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}

// Prop is one property of a component: name, parameters and the raw (still escaped) value.
type Prop struct {
	Name   string
	Params map[string]string
	Value  string
}

// Component is a BEGIN/END block with its properties and sub-components.
type Component struct {
	Name       string
	Props      []Prop
	Components []*Component
}

// Get returns the first property called name (case-insensitive).
func (c *Component) Get(name string) (Prop, bool) {
	for _, p := range c.Props {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Prop{}, false
}

// Text returns the unescaped value of the first property called name, or "".
func (c *Component) Text(name string) string {
	p, _ := c.Get(name)
	return UnescapeText(p.Value)
}

// Parse reads an iCalendar stream and returns its top-level component (VCALENDAR).
// It insists on CRLF line ends, as RFC 5545 requires, and unfolds continuation lines.
func Parse(r io.Reader) (*Component, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read calendar: %w", err)
	}
	text := string(raw)
	if !strings.HasSuffix(text, "\r\n") {
		return nil, errors.New("parse calendar: the last line does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("parse calendar: line %d has a bare CR or LF", i+1)
		}
		if l != "" && (l[0] == ' ' || l[0] == '\t') {
			if len(lines) == 0 {
				return nil, errors.New("parse calendar: starts with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []*Component
	var root *Component
	for i, l := range lines {
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("parse calendar: line %d: %w", i+1, err)
		}
		switch strings.ToUpper(p.Name) {
		case "BEGIN":
			c := &Component{Name: strings.ToUpper(p.Value)}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Components = append(top.Components, c)
			} else if root == nil {
				root = c
			} else {
				return nil, errors.New("parse calendar: more than one top-level component")
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != strings.ToUpper(p.Value) {
				return nil, fmt.Errorf("parse calendar: line %d: END:%s does not match", i+1, p.Value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("parse calendar: line %d: property outside a component", i+1)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if root == nil || len(stack) > 0 {
		return nil, errors.New("parse calendar: incomplete: BEGIN without END")
	}
	return root, nil
}

// parseLine splits "NAME;PARAM=VAL;P2=\"x:y\":value".
func parseLine(l string) (Prop, error) {
	p := Prop{}
	i := strings.IndexAny(l, ";:")
	if i <= 0 {
		return p, fmt.Errorf("%q is not NAME:VALUE", l)
	}
	p.Name = strings.ToUpper(l[:i])
	for l[i] == ';' {
		rest := l[i+1:]
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			return p, fmt.Errorf("parameter without '=' in %q", l)
		}
		key := strings.ToUpper(rest[:eq])
		j := i + 1 + eq + 1
		var val string
		if j < len(l) && l[j] == '"' {
			end := strings.IndexByte(l[j+1:], '"')
			if end < 0 {
				return p, fmt.Errorf("unterminated quote in %q", l)
			}
			val = l[j+1 : j+1+end]
			j = j + 1 + end + 1
		} else {
			end := strings.IndexAny(l[j:], ";:")
			if end < 0 {
				return p, fmt.Errorf("no value in %q", l)
			}
			val = l[j : j+end]
			j += end
		}
		if p.Params == nil {
			p.Params = map[string]string{}
		}
		p.Params[key] = val
		if j >= len(l) {
			return p, fmt.Errorf("no value in %q", l)
		}
		i = j
	}
	if l[i] != ':' {
		return p, fmt.Errorf("expected ':' in %q", l)
	}
	p.Value = l[i+1:]
	return p, nil
}
