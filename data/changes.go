package data

import (
	"sort"
	"sync"
)

// ChangeKind says which part of the store a committed write changed.
type ChangeKind int

// The parts of the store a write can change. Client is set on every change that
// belongs to one client, so a screen showing that client can tell it is concerned.
const (
	ChangedClient     ChangeKind = iota + 1 // the client's own fields, its creation or its erasure
	ChangedTimeline                         // entries added, changed or removed
	ChangedAlerts                           // red alerts logged or resolved; ID is the alert
	ChangedComplaint                        // a complaint or its interview; ID is the complaint
	ChangedFollowUps                        // follow-ups (commitments, check-ins, reminders); ID is the follow-up when one
	ChangedFeedback                         // feedback requests and answers
	ChangedLetters                          // letters recorded or printed
	ChangedLosses                           // why a client was lost, and the list of reasons
	ChangedSettings                         // one setting; Key names it
	ChangedLetterhead                       // the consultant's letterhead
	ChangedAll                              // anything: imports, restores, sample data
	// ChangedLetterPrefs: a letter draft saved as typed, or the letter language chosen for a
	// client. Client is left 0: no screen shows them but the letter editor that wrote them,
	// so a key press in a draft does not make the client's file reload.
	ChangedLetterPrefs
)

// Change is one thing a committed write changed.
type Change struct {
	Kind   ChangeKind
	Client int64  // the client it belongs to; 0 when it is not about one client
	ID     int64  // the alert, complaint, follow-up or letter, when the kind has one
	Key    string // the setting, for ChangedSettings
}

// Notice is everything one committed write changed, told to the store's subscribers.
type Notice []Change

// Has reports whether the notice holds a change of kind k (or says everything changed).
func (n Notice) Has(k ChangeKind) bool {
	for _, c := range n {
		if c.Kind == k || c.Kind == ChangedAll {
			return true
		}
	}
	return false
}

// Only reports whether every change in the notice is of kind k.
func (n Notice) Only(k ChangeKind) bool {
	for _, c := range n {
		if c.Kind != k {
			return false
		}
	}
	return len(n) > 0
}

// About reports whether the notice holds a change of kind k for client id (a change of
// everything included).
func (n Notice) About(k ChangeKind, client int64) bool {
	for _, c := range n {
		if c.Kind == ChangedAll || (c.Kind == k && c.Client == client) {
			return true
		}
	}
	return false
}

// Touches reports whether anything of client id changed.
func (n Notice) Touches(client int64) bool {
	for _, c := range n {
		if c.Kind == ChangedAll || (client != 0 && c.Client == client) {
			return true
		}
	}
	return false
}

// Complaint reports whether complaint id changed.
func (n Notice) Complaint(id int64) bool {
	for _, c := range n {
		if c.Kind == ChangedAll || (c.Kind == ChangedComplaint && c.ID == id) {
			return true
		}
	}
	return false
}

// Setting reports whether setting key changed.
func (n Notice) Setting(key string) bool {
	for _, c := range n {
		if c.Kind == ChangedAll || (c.Kind == ChangedSettings && c.Key == key) {
			return true
		}
	}
	return false
}

// Clients lists the clients the notice is about, in order, without repeats.
func (n Notice) Clients() []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, c := range n {
		if c.Client != 0 && !seen[c.Client] {
			seen[c.Client] = true
			out = append(out, c.Client)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// subscribers are the functions told about every committed write.
type subscribers struct {
	mu   sync.Mutex
	next int
	fns  map[int]func(Notice)
}

// Subscribe has f told about every write committed from now on, on the goroutine that
// wrote, after the commit. The returned function ends the subscription.
func (d *DB) Subscribe(f func(Notice)) (cancel func()) {
	s := d.subs
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fns == nil {
		s.fns = map[int]func(Notice){}
	}
	id := s.next
	s.next++
	s.fns[id] = f
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.fns, id)
	}
}

// Announce tells the subscribers what a committed write changed. The store's own writes
// announce themselves; sibling packages that write through SQL() (import, erasure)
// call it once they have committed.
func (d *DB) Announce(changes ...Change) {
	if len(changes) == 0 || d.subs == nil {
		return
	}
	s := d.subs
	s.mu.Lock()
	ids := make([]int, 0, len(s.fns))
	for id := range s.fns {
		ids = append(ids, id)
	}
	sort.Ints(ids) // in the order they subscribed
	fns := make([]func(Notice), len(ids))
	for i, id := range ids {
		fns[i] = s.fns[id]
	}
	s.mu.Unlock()
	n := Notice(changes)
	for _, f := range fns {
		f(n)
	}
}

// clientChange is the change of a client's own fields.
func clientChange(id int64) Change { return Change{Kind: ChangedClient, Client: id} }

// timelineChange is the change of a client's timeline.
func timelineChange(id int64) Change { return Change{Kind: ChangedTimeline, Client: id} }

// complaintChange is the change of complaint id of client.
func complaintChange(client, id int64) Change {
	return Change{Kind: ChangedComplaint, Client: client, ID: id}
}
