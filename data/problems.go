package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// What can go wrong with the file itself. Open and Snapshot wrap their errors in one of
// these, so the UI can explain the problem and offer the newest good backup.
var (
	ErrNotAmends = errors.New("this file is not an Amends database")
	ErrDamaged   = errors.New("the database file is damaged")
	ErrReadOnly  = errors.New("the file or its folder is read-only")
	ErrDiskFull  = errors.New("the disk is full")
)

// classify maps SQLite and system errors about the file to the errors above, keeping the cause.
func classify(err error) error {
	if err == nil {
		return nil
	}
	for _, known := range []error{ErrNotAmends, ErrDamaged, ErrReadOnly, ErrDiskFull, ErrNewerSchema} {
		if errors.Is(err, known) {
			return err
		}
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return fmt.Errorf("%w: %w", ErrNotAmends, err)
		case sqlite3.ErrCorrupt:
			return fmt.Errorf("%w: %w", ErrDamaged, err)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm:
			return fmt.Errorf("%w: %w", ErrReadOnly, err)
		case sqlite3.ErrFull:
			return fmt.Errorf("%w: %w", ErrDiskFull, err)
		case sqlite3.ErrIoErr:
			if se.SystemErrno == syscall.ENOSPC {
				return fmt.Errorf("%w: %w", ErrDiskFull, err)
			}
		case sqlite3.ErrCantOpen:
			if se.SystemErrno == syscall.EACCES || se.SystemErrno == syscall.EROFS {
				return fmt.Errorf("%w: %w", ErrReadOnly, err)
			}
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	}
	return err
}

// Classify is classify for sibling packages (backup, transfer) and the UI.
func Classify(err error) error { return classify(err) }

// Explain says in one or two sentences what a problem with the data file means for the user
// and what they can do. It returns "" for errors that are not about the file.
func Explain(err error) string {
	err = classify(err)
	switch {
	case errors.Is(err, ErrNewerSchema):
		return "This file was saved by a newer version of Amends. Install the newer version to open it; this version has not changed it."
	case errors.Is(err, ErrNotAmends):
		return "This file is not an Amends database (or it is too damaged to recognise). Check that you chose the right file; it has not been changed."
	case errors.Is(err, ErrDamaged):
		return "The database file is damaged, for example cut short by a failed copy or a disk fault. Restore the newest good backup."
	case errors.Is(err, ErrReadOnly):
		return "Amends cannot write to this file or its folder (it is read-only). Make the file and its folder writable, or copy the file somewhere you can write to."
	case errors.Is(err, ErrDiskFull):
		return "The disk is full. Free some space and try again; nothing was saved half-way."
	}
	return ""
}

// checkWritable refuses a file or folder the user has marked read-only before SQLite
// tries to write there. The mode bits are checked as well as access, because an
// administrator can write anywhere, but should not write where the user said not to.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return classify(err)
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%w: folder %q", ErrReadOnly, dir)
	}
	fi, err = os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return classify(err)
	}
	if fi.IsDir() {
		return fmt.Errorf("%w: %q is a folder", ErrNotAmends, path)
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%w: file %q", ErrReadOnly, path)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return classify(err)
	}
	return f.Close()
}

func isUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported)
}

// precheck looks at an existing file read-only before Open writes to it: setting WAL mode
// or applying migrations would change a foreign or damaged file. With full it also runs
// quick_check (page by page; about a second on a large file) and says it did. Problems
// it cannot judge read-only (a WAL file whose shared memory it may not create) are left
// to Open's own check.
func precheck(path string, full bool) (checked bool, err error) {
	if err := checkWritable(path); err != nil {
		return false, err
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		return false, nil // new or empty: nothing to protect
	}
	db, err := OpenReadOnly(path)
	if err != nil {
		return false, nil
	}
	defer db.Close()
	// Reading the header and the schema finds foreign and most damaged files at once.
	var version, tables int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		if c := classify(err); errors.Is(c, ErrNotAmends) || errors.Is(c, ErrDamaged) {
			return false, c
		}
		return false, nil
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type='table'").Scan(&tables); err != nil {
		if c := classify(err); errors.Is(c, ErrNotAmends) || errors.Is(c, ErrDamaged) {
			return false, c
		}
		return false, nil
	}
	switch {
	case version == 0 && tables > 0:
		return false, fmt.Errorf("%w: it is a database of another program", ErrNotAmends)
	case version > SchemaVersion():
		return false, fmt.Errorf("%w (file schema %d, this version knows %d): update Amends to open it", ErrNewerSchema, version, SchemaVersion())
	}
	if !full {
		return false, nil
	}
	problems, err := Integrity(context.Background(), db, "quick_check")
	if err != nil {
		if c := classify(err); errors.Is(c, ErrNotAmends) || errors.Is(c, ErrDamaged) {
			return false, c
		}
		return false, nil
	}
	if len(problems) > 0 {
		return false, &Damage{Findings: problems}
	}
	return true, nil
}

// Damage is ErrDamaged with what SQLite's check found. Its message is one sentence for
// people; Findings (SQLite's own lines, such as "Tree 48 page 77 cell 2: Rowid 30 out of
// order") are for the details and for support.
type Damage struct {
	Findings []string
}

func (d *Damage) Error() string {
	if len(d.Findings) == 1 {
		return ErrDamaged.Error() + " (SQLite's check found 1 problem)"
	}
	return fmt.Sprintf("%s (SQLite's check found %d problems)", ErrDamaged, len(d.Findings))
}

func (d *Damage) Unwrap() error { return ErrDamaged }

// Details is err's message followed by the raw findings behind it, one a line, for a
// "Details" section or a log; the message alone when there are none.
func Details(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	var d *Damage
	if errors.As(err, &d) {
		const most = 20
		for i, f := range d.Findings {
			if i == most {
				s += fmt.Sprintf("\n… and %d more", len(d.Findings)-most)
				break
			}
			s += "\n" + f
		}
	}
	return s
}

// JournalProblem says why the write-ahead log beside path belongs to another file ("" when
// it is the file's own, or there is none). Read-only commands use it to report what Open
// would set aside.
func JournalProblem(path string) (string, error) { return strayReason(path) }
