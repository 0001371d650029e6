package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/demo"
	"github.com/amends/amends/data/letters"
)

// uiClock measures the time spent on the UI thread: the interaction itself, and every
// function the runner hands to the UI thread until none is left. Work the runner does
// off the UI thread is not counted: that is the point of it.
type uiClock struct {
	queue chan func()
}

func (c *uiClock) post(f func()) { c.queue <- f }

// measure runs act on the "UI thread" (this goroutine) and then what it hands back,
// waiting up to quiet for more, and returns the UI-thread time.
func (c *uiClock) measure(act func(), quiet time.Duration) time.Duration {
	start := time.Now()
	act()
	spent := time.Since(start)
	for {
		select {
		case f := <-c.queue:
			t := time.Now()
			f()
			spent += time.Since(t)
		case <-time.After(quiet):
			return spent
		}
	}
}

// benchStore opens (and the first time makes) a store with 100,000 sample clients, kept
// in the temporary folder between runs of the benchmark.
func benchStore(b *testing.B) *data.DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("amends-uibench-%d.db", data.SchemaVersion()))
	if _, err := os.Stat(path); err != nil {
		db, err := data.Open(path + ".new")
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.Fill(context.Background(), db, demo.Options{Clients: 100_000, Seed: 1,
			Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}, demo.Steps()...); err != nil {
			b.Fatal(err)
		}
		db.Close()
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Rename(path+".new"+sfx, path+sfx)
		}
	}
	db, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkUIThread drives the real screens with Fyne's test driver on 100,000 clients
// and reports, for each interaction, the median and 95th percentile of the time spent
// on the UI thread (the target is a frame: p95 at most 8 ms).
func BenchmarkUIThread(b *testing.B) {
	b.Setenv("LANG", "en_US.UTF-8")
	store := benchStore(b)
	clock := &uiClock{queue: make(chan func(), 10_000)}
	u := New(test.NewTempApp(b), store, Info{Version: "bench", post: clock.post})
	u.win.Resize(fyne.NewSize(1280, 800))
	const settle = 30 * time.Millisecond
	clock.measure(func() {}, 500*time.Millisecond) // the first screen's answers
	ctx := context.Background()
	ks, err := store.ListComplaints(ctx, data.ComplaintFilter{}, 50)
	if err != nil || len(ks) == 0 {
		b.Fatalf("complaints: %v", err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	clientID := func() int64 { return int64(rnd.IntN(100_000) + 1) }
	clients := u.sectionIndex("Clients")
	interactions := []struct {
		name string
		prep func()
		act  func(i int)
	}{
		{"open a client file", func() { u.showSection(clients) }, func(int) { u.showClient(clientID()) }},
		{"switch tabs", func() { u.showSection(clients); u.showClient(clientID()) }, func(i int) {
			u.client.tabs.SelectIndex(i % len(u.client.tabs.Items))
		}},
		// Each screen is built on its first visit (once a run, not a frame's work): the
		// preparation visits them all, so that what is measured is coming back to one.
		{"switch screens", func() {
			for i := range u.sections {
				u.showSection(i)
			}
		}, func(i int) { u.showSection(i % len(u.sections)) }},
		{"type a letter into search", func() { u.showSection(clients) }, func(i int) {
			if i%2 == 0 {
				test.Type(u.clients.search, "m")
			} else {
				u.clients.search.SetText("")
			}
		}},
		{"scroll the list a page", func() { u.showSection(clients); u.clients.search.SetText("") }, func(i int) {
			u.clients.list.ScrollTo((i*pageSize*37 + 50) % u.clients.total)
		}},
		{"open an interview step", func() { u.showInterview(ks[0].ID) }, func(i int) {
			u.interviews.wizard.goTo(data.Step(i % len(data.InterviewSteps())))
		}},
		{"open the letter editor", nil, func(i int) {
			if e := u.seen.letter; e != nil {
				e.win.Close() // the one opened before: a letter at a time, as a user writes them
			}
			k := ks[i%len(ks)]
			u.openLetterEditor(letters.Apology, k.ClientID, k.ID)
		}},
	}
	for _, in := range interactions {
		b.Run(in.name, func(b *testing.B) {
			if in.prep != nil {
				clock.measure(in.prep, time.Second) // until every first answer is in
			}
			var times []time.Duration
			i := 0
			for b.Loop() {
				times = append(times, clock.measure(func() { in.act(i) }, settle))
				i++
			}
			sort.Slice(times, func(a, c int) bool { return times[a] < times[c] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[(len(times)*95)/100].Microseconds())/1000, "p95-ms")
		})
	}
}
