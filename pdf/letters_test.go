package pdf

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestRenderLettersEachOnItsOwnPages(t *testing.T) {
	a := sampleLetter(A4)
	a.Recipient = []string{"Zoë Ørsted", "Hauptstraße 5", "80331 München"}
	b := sampleLetter(A4)
	b.Recipient = []string{"Łukasz Nowak", "ul. Długa 7", "00-238 Warszawa", "POLEN"}
	long := sampleLetter(A4)
	long.Recipient = []string{"Ñúñez GmbH", "Ringstraße 1", "1010 Wien"}
	for i := 0; i < 5; i++ {
		long.Body = append(long.Body, long.Body...)
	}
	// Each letter alone, for the page counts the batch must add up to.
	var want []int
	for _, l := range []Letter{a, b, long} {
		res, err := Render(&bytes.Buffer{}, l)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, res.Pages)
	}
	if want[2] < 2 {
		t.Fatalf("the long letter has %d page(s); the test needs a continuation page", want[2])
	}
	var seen []int
	var out bytes.Buffer
	res, err := RenderLetters(&out, []Letter{a, b, long}, func(i int) error { seen = append(seen, i); return nil })
	if err != nil {
		t.Fatal(err)
	}
	total := want[0] + want[1] + want[2]
	if res.Pages != total || strings.Join(strInts(seen), ",") != "0,1,2" {
		t.Fatalf("pages %d, want %d; before called for %v", res.Pages, total, seen)
	}
	if got := pdfInfo(t, out.Bytes())["Pages"]; got != strconv.Itoa(total) {
		t.Errorf("pdfinfo says %s pages, want %d", got, total)
	}
	// Every letter starts on a page of its own, with its own address and page numbers.
	first := []int{1, 1 + want[0], 1 + want[0] + want[1]}
	for i, name := range []string{"Zoë Ørsted", "Łukasz Nowak", "Ñúñez GmbH"} {
		text := pdfText(t, out.Bytes(), first[i], first[i])
		if !strings.Contains(text, name) {
			t.Errorf("page %d lacks %q:\n%s", first[i], name, text)
		}
	}
	if text := pdfText(t, out.Bytes(), first[2], first[2]); !strings.Contains(text, "Seite 1 von "+strconv.Itoa(want[2])) {
		t.Errorf("the long letter does not number its own pages:\n%s", text)
	}
}

func TestRenderLettersStopsAndWritesNothing(t *testing.T) {
	stop := errors.New("stop")
	var out bytes.Buffer
	_, err := RenderLetters(&out, []Letter{sampleLetter(A4), sampleLetter(A4)}, func(i int) error {
		if i == 1 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || out.Len() != 0 {
		t.Fatalf("err %v, %d bytes written", err, out.Len())
	}
	if _, err := RenderLetters(&out, []Letter{sampleLetter(A4), sampleLetter(USLetter)}, nil); err == nil || out.Len() != 0 {
		t.Errorf("mixed paper: err %v", err)
	}
	if _, err := RenderLetters(&out, nil, nil); err == nil {
		t.Error("no letters: no error")
	}
}

func strInts(v []int) []string {
	out := make([]string, len(v))
	for i, n := range v {
		out[i] = strconv.Itoa(n)
	}
	return out
}
