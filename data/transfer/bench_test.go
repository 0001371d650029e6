package transfer

import (
	"bytes"
	"io"
	"testing"
)

// 500 demo clients with everything the demo steps write.
func BenchmarkExportJSON(b *testing.B) {
	db := demoDB(b, 500)
	b.ReportAllocs()
	for b.Loop() {
		if err := Export(ctx, db, io.Discard, ExportOptions{Now: fixed}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportJSONIntoEmpty(b *testing.B) {
	var file bytes.Buffer
	if err := Export(ctx, demoDB(b, 500), &file, ExportOptions{Now: fixed}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		db := openDB(b)
		b.StartTimer()
		if _, err := ImportJSON(ctx, db, bytes.NewReader(file.Bytes()), ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
