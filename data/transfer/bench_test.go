package transfer

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/amends/amends/data"
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

// csvFile is a spreadsheet of n clients as a consultant's contact export would hold them.
func csvFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("First Name,Last Name,Company,E-mail Address,Business Phone,Business Street,Business City,Business Postal Code,Business Country/Region,Notes\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Client%d,Surname%d,Company %d Ltd,client%d@example.com,+44 20 7946 %04d,%d High Street,London,N1 %dAA,United Kingdom,\"Met at the fair, year %d\"\n",
			i, i%977, i%5000, i, i%10000, i%300, i%9, 2000+i%25)
	}
	return b.Bytes()
}

// heapMB is the live heap after a collection: what an import holds on to.
func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

const benchRows = 300_000

// 300,000 CSV rows read and imported into a file that already has clients: duplicates
// are looked up in an index, so the time grows with the rows, not their square.
func BenchmarkImportCSV300k(b *testing.B) {
	file := csvFile(benchRows)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	var live float64
	for b.Loop() {
		b.StopTimer()
		db := openDB(b)
		for i := 0; i < 1000; i++ {
			db.CreateClient(ctx, data.Client{Name: fmt.Sprintf("Client%d Surname%d", i*7, (i*7)%977), Email: fmt.Sprintf("client%d@example.com", i*7)})
		}
		base := heapMB()
		b.StartTimer()
		f, err := ReadCSV(bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := ImportClients(ctx, db, f, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		live = heapMB() - base
		if rep.Count("clients") != benchRows-1000 || len(rep.Duplicates) != 1000 {
			b.Fatalf("imported %d, %d duplicates", rep.Count("clients"), len(rep.Duplicates))
		}
		runtime.KeepAlive(f)
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(live, "MB-held")
}

// One Apple Contacts card with a 4 MB photo.
func BenchmarkReadVCardPhoto4MB(b *testing.B) {
	card := photoCard(4 << 20)
	b.SetBytes(int64(len(card)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := ReadVCard(bytes.NewReader(card))
		if err != nil || len(f.Clients()) != 1 {
			b.Fatal(err)
		}
	}
}

// A JSON export of 2,000 demo clients imported: memory held stays about twice the file.
func BenchmarkImportJSONMemory(b *testing.B) {
	var file bytes.Buffer
	if err := Export(ctx, demoDB(b, 2000), &file, ExportOptions{Now: fixed}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(file.Len()))
	b.ReportAllocs()
	var held float64
	for b.Loop() {
		base := heapMB()
		doc, err := readDocument(bytes.NewReader(file.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		held = heapMB() - base
		runtime.KeepAlive(doc)
	}
	b.ReportMetric(held/(float64(file.Len())/(1<<20)), "x-file-held")
}
