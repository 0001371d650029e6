package pdf

import (
	"slices"
	"testing"
)

func TestPaginate(t *testing.T) {
	pageArea := func(int) area { return area{0, 10} }
	pages := func(ps []placed) []int {
		var out []int
		for _, p := range ps {
			out = append(out, p.page)
		}
		return out
	}
	t.Run("simple", func(t *testing.T) {
		bs := []box{{h: 4}, {h: 4}, {h: 4, gap: 1}, {h: 4}}
		ps := paginate(bs, pageArea)
		if got := pages(ps); !slices.Equal(got, []int{0, 0, 1, 1}) {
			t.Errorf("pages %v", got)
		}
		if ps[2].y != 0 {
			t.Errorf("gap kept at the top of a page: y = %v", ps[2].y)
		}
	})
	t.Run("keep", func(t *testing.T) {
		bs := []box{{h: 3}, {h: 3}, {h: 3, keep: true}, {h: 3}}
		if got := pages(paginate(bs, pageArea)); !slices.Equal(got, []int{0, 0, 1, 1}) {
			t.Errorf("pages %v", got)
		}
	})
	t.Run("keep chain longer than a page", func(t *testing.T) {
		bs := []box{{h: 4, keep: true}, {h: 4, keep: true}, {h: 4, keep: true}, {h: 4}}
		if got := pages(paginate(bs, pageArea)); !slices.Equal(got, []int{0, 0, 1, 1}) {
			t.Errorf("pages %v", got)
		}
	})
	t.Run("oversized", func(t *testing.T) {
		bs := []box{{h: 2}, {h: 25}, {h: 2}}
		if got := pages(paginate(bs, pageArea)); !slices.Equal(got, []int{0, 1, 2}) {
			t.Errorf("pages %v", got)
		}
	})
	t.Run("head repeats", func(t *testing.T) {
		head := &box{h: 2}
		bs := []box{{h: 2, keep: true}, {h: 3, head: head}, {h: 3, head: head}, {h: 3, head: head}, {h: 3, head: head}}
		ps := paginate(bs, pageArea)
		if got := pages(ps); !slices.Equal(got, []int{0, 0, 0, 1, 1, 1}) {
			t.Errorf("pages %v", got)
		}
		if ps[3].box != head || ps[3].y != 0 || ps[4].y != 2 {
			t.Errorf("header not repeated at the top of page 2: %+v", ps[3:])
		}
		if pageCount(ps) != 2 {
			t.Errorf("pageCount = %d", pageCount(ps))
		}
	})
	if pageCount(nil) != 1 {
		t.Error("empty document should still have one page")
	}
}
