package data

import (
	"sort"
	"strconv"
	"time"
)

// Departure is one time a client left, and the day they came back (zero if they did not).
type Departure struct{ Left, Returned Date }

// Span is one client's history for retention: when they became a client and when they left.
type Span struct {
	Start      Date
	Departures []Departure
}

// ActiveAt reports whether the client was a client at the start of day d (before
// anything that happened on d).
func (s Span) ActiveAt(d Date) bool {
	if s.Start.IsZero() || !s.Start.Before(d.Time) {
		return false
	}
	for _, dep := range s.Departures {
		if dep.Left.Before(d.Time) && (dep.Returned.IsZero() || !dep.Returned.Before(d.Time)) {
			return false
		}
	}
	return true
}

// YearRetention is one year of the retention report.
type YearRetention struct {
	Year    int
	Start   int // clients on 1 January
	New     int // became clients during the year
	Lost    int // left during the year (lost or let go)
	WonBack int // came back during the year
	End     int // clients on 31 December (at the end of the day)
}

// Rate is the customer retention rate (End − New) / Start; ok is false when the year
// started without clients.
func (y YearRetention) Rate() (rate float64, ok bool) {
	if y.Start == 0 {
		return 0, false
	}
	return float64(y.End-y.New) / float64(y.Start), true
}

// RetentionByYear counts, for each year from first to last, the clients at its start,
// the new, lost and won back during it, and the clients at its end.
func RetentionByYear(spans []Span, first, last int) []YearRetention {
	var out []YearRetention
	for y := first; y <= last; y++ {
		from, to := NewDate(y, 1, 1), NewDate(y+1, 1, 1)
		in := func(d Date) bool { return !d.IsZero() && !d.Before(from.Time) && d.Before(to.Time) }
		r := YearRetention{Year: y}
		for _, s := range spans {
			if s.ActiveAt(from) {
				r.Start++
			}
			if s.ActiveAt(to) {
				r.End++
			}
			if in(s.Start) {
				r.New++
			}
			for _, d := range s.Departures {
				if in(d.Left) {
					r.Lost++
				}
				if in(d.Returned) {
					r.WonBack++
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// Survival is how many of the clients on From were still clients on To.
type Survival struct {
	From, To   Date
	Had, Still int
}

// Share is Still / Had, or 0 when there were none.
func (s Survival) Share() float64 {
	if s.Had == 0 {
		return 0
	}
	return float64(s.Still) / float64(s.Had)
}

// SurvivalOf counts the clients on from and how many of them were still clients on to
// (having left and come back in between counts as still there).
func SurvivalOf(spans []Span, from, to Date) Survival {
	s := Survival{From: from, To: to}
	for _, sp := range spans {
		if sp.ActiveAt(from) {
			s.Had++
			if sp.ActiveAt(to) {
				s.Still++
			}
		}
	}
	return s
}

// Tally is a count and an amount of money under a key (a reason, a band, a year).
type Tally struct {
	Key    string
	Count  int
	Income int64 // minor units
}

// LossFact is one loss as the patterns need it.
type LossFact struct {
	Reason     string
	LostOn     Date
	TenureDays int
	Income     int64
	Returned   bool // won back since
	Listed     bool // the client is on the Lost clients list now (lost, not archived)
}

// LossPatterns groups losses by reason (most frequent first), by tenure band (band order)
// and by year (oldest first).
type LossPatterns struct {
	ByReason, ByTenure, ByYear []Tally
	Total                      Tally // every loss recorded
	Listed                     Tally // of them, the clients lost now (the Lost clients list)
	Returned                   int   // of them, won back since
}

// Elsewhere is how many of the losses are neither lost now nor won back: the client was
// archived, or given another status by hand.
func (p LossPatterns) Elsewhere() int { return p.Total.Count - p.Listed.Count - p.Returned }

// tallies counts things by a key.
type tallies map[string]*Tally

// add counts one more under key, worth income.
func (t tallies) add(key string, income int64) {
	c := t[key]
	if c == nil {
		c = &Tally{Key: key}
		t[key] = c
	}
	c.Count++
	c.Income += income
}

// mostFirst lists the tallies, the most counted first, then by key.
func (t tallies) mostFirst() []Tally {
	out := make([]Tally, 0, len(t))
	for _, c := range t {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// PatternsOf tallies losses.
func PatternsOf(facts []LossFact) LossPatterns {
	p := LossPatterns{Total: Tally{Key: "all"}}
	reasons := tallies{}
	years := map[int]*Tally{}
	p.ByTenure = make([]Tally, len(TenureBands()))
	for i, b := range TenureBands() {
		p.ByTenure[i].Key = b
	}
	for _, f := range facts {
		p.Total.Count++
		p.Total.Income += f.Income
		if f.Listed {
			p.Listed.Count++
			p.Listed.Income += f.Income
		}
		if f.Returned {
			p.Returned++
		}
		reasons.add(f.Reason, f.Income)
		b := &p.ByTenure[TenureBand(f.TenureDays)]
		b.Count++
		b.Income += f.Income
		y := years[f.LostOn.Year()]
		if y == nil {
			y = &Tally{Key: strconv.Itoa(f.LostOn.Year())}
			years[f.LostOn.Year()] = y
		}
		y.Count++
		y.Income += f.Income
	}
	p.ByReason = reasons.mostFirst()
	// Every year from the first loss to the last, so a year without losses shows as zero.
	first, last := 0, 0
	for y := range years {
		if first == 0 || y < first {
			first = y
		}
		if y > last {
			last = y
		}
	}
	for y := first; first != 0 && y <= last; y++ {
		if t := years[y]; t != nil {
			p.ByYear = append(p.ByYear, *t)
		} else {
			p.ByYear = append(p.ByYear, Tally{Key: strconv.Itoa(y)})
		}
	}
	return p
}

// ComplaintFact is one complaint as the report needs it.
type ComplaintFact struct {
	RootCause string    // category; empty when not yet found
	Received  time.Time // when the alert reached us, or the complaint was opened
	Resolved  time.Time // when the outcome was set; zero while open
	Outcome   string    // open, retained, lost, let_go
}

// ComplaintStats summarises complaints.
type ComplaintStats struct {
	Total, Resolved, Retained int
	ByRootCause               []Tally // most frequent first; "not found yet" for empty causes
	MedianResolution          time.Duration
}

// ResolvedShare is the share of complaints with an outcome.
func (c ComplaintStats) ResolvedShare() float64 { return ratio(c.Resolved, c.Total) }

// RetainedShare is the share of resolved complaints whose client stayed.
func (c ComplaintStats) RetainedShare() float64 { return ratio(c.Retained, c.Resolved) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ComplaintStatsOf counts complaints by root cause and finds the median time to resolution.
func ComplaintStatsOf(facts []ComplaintFact) ComplaintStats {
	var s ComplaintStats
	causes := tallies{}
	var times []time.Duration
	for _, f := range facts {
		s.Total++
		if f.Outcome != "open" && f.Outcome != "" {
			s.Resolved++
			if f.Outcome == "retained" {
				s.Retained++
			}
			if !f.Resolved.IsZero() && !f.Received.IsZero() && !f.Resolved.Before(f.Received) {
				times = append(times, f.Resolved.Sub(f.Received))
			}
		}
		key := f.RootCause
		if key == "" {
			key = "not found yet"
		}
		causes.add(key, 0)
	}
	s.ByRootCause = causes.mostFirst()
	s.MedianResolution = Median(times)
	return s
}

// Median is the middle value (the mean of the two middle values for an even count); 0 for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// RepeatedRootCauses returns the root causes found at least min times in complaints
// received in year, most frequent first: the patterns worth fixing at the source.
func RepeatedRootCauses(facts []ComplaintFact, year, min int) []Tally {
	var in []ComplaintFact
	for _, f := range facts {
		if f.Received.Year() == year && f.RootCause != "" {
			in = append(in, f)
		}
	}
	var out []Tally
	for _, t := range ComplaintStatsOf(in).ByRootCause {
		if t.Count >= min {
			out = append(out, t)
		}
	}
	return out
}

// AlertYear counts the red alerts received in a year, by whether they are resolved now.
type AlertYear struct {
	Year           int
	Open, Resolved int
}
