package app

import "fyne.io/fyne/v2/widget"

// paged holds the rows of a long list (100,000 clients) a page at a time. Pages are
// read off the UI thread as they scroll into view (a page deep in the list, or a
// sorted one, takes from a few to a few hundred milliseconds) and their rows are blank
// until they come. reset starts over with a new query; a page of an older query is
// dropped when it comes. After a reset, the rows of the query before stay on screen
// until the new page for them comes, so a list asked again after a change does not
// flash blank.
type paged[T any] struct {
	deps
	list    *widget.List
	what    string                               // "Loading your clients", for an error
	load    func(offset, limit int) ([]T, error) // runs off the UI thread
	round   int
	pages   map[int][]T
	before  map[int][]T // the pages of the query before the reset, shown until replaced
	pending map[int]<-chan struct{}
}

func newPaged[T any](d deps, what string) *paged[T] {
	return &paged[T]{deps: d, what: what, pages: map[int][]T{}, pending: map[int]<-chan struct{}{}}
}

// reset forgets every page; from now on pages come from load.
func (p *paged[T]) reset(load func(offset, limit int) ([]T, error)) {
	p.round++
	p.load = load
	p.before = p.pages
	p.pages = map[int][]T{}
	p.pending = map[int]<-chan struct{}{}
}

// at returns row i, or false while its page is on its way.
func (p *paged[T]) at(i int) (T, bool) {
	var zero T
	n := i / pageSize
	page, ok := p.pages[n]
	if !ok {
		p.loadPage(n)
		if page, ok = p.pages[n]; !ok {
			if page, ok = p.before[n]; !ok {
				return zero, false // on its way
			}
		}
	}
	if j := i % pageSize; j < len(page) {
		return page[j], true
	}
	return zero, false
}

// loadPage asks for page n; the channel closes when it is there (or dropped).
func (p *paged[T]) loadPage(n int) <-chan struct{} {
	if done, ok := p.pending[n]; ok {
		return done
	}
	round, load := p.round, p.load
	var page []T
	var err error
	done := p.run.run(func() { page, err = load(n*pageSize, pageSize) }, func() {
		if round != p.round {
			return // the list changed meanwhile
		}
		if err != nil {
			p.showError(p.what, err)
			return // stays pending: not asked for again and again
		}
		p.pages[n] = page
		delete(p.before, n)
		delete(p.pending, n)
		if !p.run.inline() && p.list != nil {
			p.list.Refresh() // at once, the rows are being drawn and take the page
		}
	})
	if _, loaded := p.pages[n]; !loaded {
		p.pending[n] = done
	}
	return done
}
