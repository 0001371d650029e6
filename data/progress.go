package data

// Progress is told how far a long piece of work has come: done of total steps (rows,
// letters), total 0 while it is not known. Long operations call it from their own
// goroutine every few hundred rows and once more at the end, so a window can show a
// progress bar. A nil Progress is fine: nobody is watching.
type Progress func(done, total int)

// Report calls p when there is one.
func (p Progress) Report(done, total int) {
	if p != nil {
		p(done, total)
	}
}

// ProgressEvery is how many rows long operations handle between two reports and two
// looks at their context: often enough that Cancel is felt at once, rarely enough to cost
// nothing measurable.
const ProgressEvery = 256
