package app

import (
	"sync"
	"time"
)

// runner is the one way work leaves the UI thread: store reads for lists and figures,
// printing, backups, checks and long jobs run on a goroutine, and what they found is
// handed back to the UI thread through post (fyne.Do in the app).
//
// Its one test hook is post: nil in UI tests, where run does the work and applies it at
// once on the caller's goroutine, so a test sees the result straight away. Tests of the
// off-thread path set post to a queue they drain themselves.
type runner struct {
	post func(func())

	mu      sync.Mutex
	stopped bool
	timers  map[*time.Timer]bool // after's, until they fire
	tickers []chan struct{}      // every's
}

// stop ends the timers and tickers, at the end of a UI test: one firing later would reach
// a window and a store that are gone, from another goroutine, while the next test runs.
// The app does not call it when its window closes: a draft waiting for typing to pause
// (the letter editor's, in a window of its own) is still written then.
func (r *runner) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
	for t := range r.timers {
		t.Stop()
	}
	r.timers = nil
	for _, c := range r.tickers {
		close(c)
	}
	r.tickers = nil
}

// inline reports whether work runs at once on the caller's goroutine (UI tests).
func (r *runner) inline() bool { return r.post == nil }

// run does work off the UI thread, then apply on it. The channel closes once apply ran.
func (r *runner) run(work, apply func()) <-chan struct{} {
	done := make(chan struct{})
	if r.inline() {
		work()
		apply()
		close(done)
		return done
	}
	go func() {
		work()
		r.post(func() {
			defer close(done)
			apply()
		})
	}()
	return done
}

// start does work on a goroutine of its own even in UI tests, then apply on the UI
// thread: for long work a test may stop half-way (a job with Cancel). The channel
// closes once apply ran.
func (r *runner) start(work, apply func()) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		work()
		r.do(func() {
			defer close(done)
			apply()
		})
	}()
	return done
}

// meanwhile does work on a goroutine while the UI thread goes on with something that
// touches nothing work does, and wait blocks until work is done. In UI tests work runs
// at once.
func (r *runner) meanwhile(work func()) (wait func()) {
	if r.inline() {
		work()
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	return func() { <-done }
}

// do hands f to the UI thread; from a goroutine of a UI test it runs f at once, as the
// test driver's fyne.Do does.
func (r *runner) do(f func()) {
	if r.inline() {
		f()
		return
	}
	r.post(f)
}

// after does work off the UI thread once d has passed (on the timer, even in UI tests),
// then apply on the UI thread. stop cancels it if it has not started.
func (r *runner) after(d time.Duration, work, apply func()) (stop func() bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return func() bool { return false }
	}
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		r.mu.Lock()
		live := r.timers[t]
		delete(r.timers, t)
		r.mu.Unlock()
		if !live {
			return // stopped as it fired
		}
		work()
		r.do(apply)
	})
	if r.timers == nil {
		r.timers = map[*time.Timer]bool{}
	}
	r.timers[t] = true
	return func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(r.timers, t)
		return t.Stop()
	}
}

// every runs f on the UI thread every d until stop is called; f is told the time.
func (r *runner) every(d time.Duration, f func(now time.Time)) (stop func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return func() {}
	}
	t := time.NewTicker(d)
	done := make(chan struct{})
	r.tickers = append(r.tickers, done)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				r.do(func() { f(now) })
			}
		}
	}()
	return func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		for i, c := range r.tickers {
			if c == done { // not yet closed by stop
				r.tickers = append(r.tickers[:i], r.tickers[i+1:]...)
				close(done)
				return
			}
		}
	}
}

// fetch reads with read off the UI thread and then, unless moved says the screen has
// moved on meanwhile (another client was opened, another filter chosen), shows what was
// read with show; a failure is shown as what did not work, and show gets what could be
// read. The channel closes once it is shown.
func fetch[T any](d deps, what string, read func() (T, error), moved func() bool, show func(T)) <-chan struct{} {
	var v T
	var err error
	return d.run.run(func() { v, err = read() }, func() {
		if moved() {
			return
		}
		if err != nil {
			d.showError(what, err)
		}
		show(v)
	})
}
