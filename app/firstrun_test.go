package app

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDecide(t *testing.T) {
	p := PlacesIn("/data")
	if p.Own != filepath.Join("/data", "amends.db") || p.Sample != filepath.Join("/data", "amends-sample.db") {
		t.Fatalf("places %+v", p)
	}
	cases := []struct {
		name  string
		mode  string
		files []string
		want  Decision
	}{
		{"first run", "", nil, Decision{Welcome: true}},
		{"own data", modeOwn, []string{p.Own}, Decision{Path: p.Own}},
		{"own data, no choice remembered", "", []string{p.Own}, Decision{Path: p.Own}},
		{"exploring sample data", modeSample, []string{p.Own, p.Sample}, Decision{Path: p.Sample, Sample: true}},
		{"sample only", modeSample, []string{p.Sample}, Decision{Path: p.Sample, Sample: true}},
		{"sample file removed: own data", modeSample, []string{p.Own}, Decision{Path: p.Own}},
		{"sample file removed, no own data: welcome again", modeSample, nil, Decision{Welcome: true}},
		{"left sample data: own data even if the sample file is there", modeOwn, []string{p.Own, p.Sample}, Decision{Path: p.Own}},
		{"chose own data but it is gone: welcome", modeOwn, []string{p.Sample}, Decision{Welcome: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			have := map[string]bool{}
			for _, f := range tc.files {
				have[f] = true
			}
			got := Decide(p, tc.mode, func(f string) bool { return have[f] })
			if got != tc.want {
				t.Fatalf("Decide = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestFileExists(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.db")
	if fileExists(f) {
		t.Fatal("missing file reported as there")
	}
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if !fileExists(f) {
		t.Fatal("file reported as missing")
	}
}
