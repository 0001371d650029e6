package app

import "testing"

func TestNiceMax(t *testing.T) {
	for _, tc := range []struct {
		v     float64
		whole bool
		want  float64
	}{
		{5, true, 8}, {16, true, 16}, {51, true, 60}, {96.4, false, 100}, {4.3, false, 6}, {0, true, 4}, {3, true, 4}, {688, false, 800},
	} {
		if got := niceMax(tc.v, tc.whole); got != tc.want {
			t.Errorf("niceMax(%v, %v) = %v, want %v", tc.v, tc.whole, got, tc.want)
		}
	}
}
