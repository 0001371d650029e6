package app

import (
	"sync"
	"time"
)

// saver writes what is typed shortly after typing pauses, so every keystroke reaches the
// file within a moment without a write per key. Each pending write is a plain closure over
// values captured on the UI goroutine: it never reads widgets, so it can run on the timer.
// A later write under the same key replaces an earlier one that has not run yet.
type saver struct {
	delay time.Duration

	mu      sync.Mutex
	order   []string
	pending map[string]func() error
	stop    func() bool // stops the write waiting for typing to pause

	writing sync.Mutex // one flush at a time, so writes land in the order they were taken

	// done is told, on the UI goroutine, how the last flush went (nil: all saved).
	done func(error)
	ui   *runner // hands done to the UI goroutine
}

func newSaver(delay time.Duration, run *runner, done func(error)) *saver {
	return &saver{delay: delay, pending: map[string]func() error{}, done: done, ui: run}
}

// schedule queues write under key and (re)starts the timer.
func (s *saver) schedule(key string, write func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pending[key]; !ok {
		s.order = append(s.order, key)
	}
	s.pending[key] = write
	if s.stop != nil {
		s.stop()
	}
	var wrote bool
	var err error
	s.stop = s.ui.after(s.delay, func() { wrote, err = s.run() }, func() {
		if wrote && s.done != nil {
			s.done(err)
		}
	})
}

// flush writes everything pending now, on the caller's goroutine, and reports the first error.
func (s *saver) flush() error {
	wrote, err := s.run()
	if wrote && s.done != nil {
		s.done(err)
	}
	return err
}

// drop forgets the write pending under key (it failed in a way retrying cannot mend).
func (s *saver) drop(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pending[key]; !ok {
		return
	}
	delete(s.pending, key)
	for i, k := range s.order {
		if k == key {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
}

// idle reports whether nothing waits to be written.
func (s *saver) idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending) == 0
}

// run writes what is pending; wrote says whether there was anything.
func (s *saver) run() (wrote bool, first error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	s.mu.Lock()
	order, pending := s.order, s.pending
	s.order, s.pending = nil, map[string]func() error{}
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
	s.mu.Unlock()
	for _, k := range order {
		if err := pending[k](); err != nil {
			if first == nil {
				first = err
			}
			// Keep the failed write (unless something newer replaced it) for the next try.
			s.mu.Lock()
			if _, ok := s.pending[k]; !ok {
				s.order = append(s.order, k)
				s.pending[k] = pending[k]
			}
			s.mu.Unlock()
		}
	}
	return len(order) > 0, first
}
