package data

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Every Amends file carries its own id in the SQLite header's application_id (offset 68
// of page 1). Each backup gets a new one, and every write transaction rewrites it, so
// every commit in the write-ahead log holds a copy of page 1 with the id of the file it
// was written for. Before SQLite opens a file, Amends reads the log beside it: a log
// whose page 1 carries another id, or whose page size differs, belongs to another file
// (an old amends.db-wal left beside a backup copied over amends.db). SQLite would replay
// it into the file and destroy it, so it is set aside instead.

const (
	walHeaderSize   = 32
	walFrameHeader  = 24
	dbHeaderSize    = 100
	appIDOffset     = 68
	pageSizeOffset  = 16
	walMagicLE      = 0x377f0682
	walMagicBE      = 0x377f0683
	maxSQLitePage   = 65536
	strayWALPattern = ".stray-"
)

// StrayJournal says that a write-ahead log beside the file belonged to another file and
// was set aside, unapplied: the file itself was not changed.
type StrayJournal struct {
	Path   string // the database file
	Aside  string // where the log now is
	Reason string // what did not match, for the details
}

// Message is the one sentence for the user.
func (s StrayJournal) Message() string {
	return fmt.Sprintf("A leftover journal file beside %s belonged to another copy of the file, so Amends did not apply it: your file was opened as it is, and the journal is kept as %s.",
		filepath.Base(s.Path), filepath.Base(s.Aside))
}

// fileHeader is what Amends reads of a database file's first page.
type fileHeader struct {
	pageSize int
	appID    uint32
}

func readFileHeader(path string) (fileHeader, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fileHeader{}, false, nil
		}
		return fileHeader{}, false, err
	}
	defer f.Close()
	var b [dbHeaderSize]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return fileHeader{}, false, nil // empty or too short to be a database: SQLite decides
	}
	if string(b[:16]) != "SQLite format 3\x00" {
		return fileHeader{}, false, nil
	}
	return headerOf(b[:]), true, nil
}

func headerOf(page []byte) fileHeader {
	ps := int(binary.BigEndian.Uint16(page[pageSizeOffset:]))
	if ps == 1 {
		ps = maxSQLitePage
	}
	return fileHeader{pageSize: ps, appID: binary.BigEndian.Uint32(page[appIDOffset:])}
}

// walInfo is what the valid part of a write-ahead log holds.
type walInfo struct {
	pageSize int
	commits  int    // committed transactions in the log
	page1    []byte // the newest committed copy of page 1; nil when the log has none
}

// readWAL reads the frames SQLite would replay: those with the header's salts and a
// matching running checksum, up to the last commit. ok is false when there is no log or
// nothing in it SQLite would use.
func readWAL(path string) (walInfo, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return walInfo{}, false, nil
		}
		return walInfo{}, false, err
	}
	defer f.Close()
	var h [walHeaderSize]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return walInfo{}, false, nil
	}
	magic := binary.BigEndian.Uint32(h[0:])
	if magic != walMagicLE && magic != walMagicBE {
		return walInfo{}, false, nil
	}
	var order binary.ByteOrder = binary.LittleEndian
	if magic == walMagicBE {
		order = binary.BigEndian
	}
	ps := int(binary.BigEndian.Uint32(h[8:]))
	if ps < 512 || ps > maxSQLitePage || ps&(ps-1) != 0 {
		return walInfo{}, false, nil
	}
	s0, s1 := walChecksum(order, h[:24], 0, 0)
	if s0 != binary.BigEndian.Uint32(h[24:]) || s1 != binary.BigEndian.Uint32(h[28:]) {
		return walInfo{}, false, nil // SQLite ignores a log with a bad header
	}
	salt := h[16:24]
	info := walInfo{pageSize: ps}
	frame := make([]byte, walFrameHeader+ps)
	var pending []byte // page 1 written since the last commit
	hasPending := false
	r := io.Reader(f)
	for {
		if _, err := io.ReadFull(r, frame); err != nil {
			break // the end, or a frame cut short: SQLite stops there too
		}
		if string(frame[8:16]) != string(salt) {
			break
		}
		s0, s1 = walChecksum(order, frame[:8], s0, s1)
		s0, s1 = walChecksum(order, frame[walFrameHeader:], s0, s1)
		if s0 != binary.BigEndian.Uint32(frame[16:]) || s1 != binary.BigEndian.Uint32(frame[20:]) {
			break
		}
		if binary.BigEndian.Uint32(frame[0:]) == 1 {
			pending = append(pending[:0], frame[walFrameHeader:]...)
			hasPending = true
		}
		if binary.BigEndian.Uint32(frame[4:]) != 0 { // a commit
			info.commits++
			if hasPending {
				info.page1 = append(info.page1[:0], pending...)
				hasPending = false
			}
		}
	}
	return info, info.commits > 0, nil
}

// walChecksum is SQLite's log checksum over b (a multiple of 8 bytes), continued from s0, s1.
func walChecksum(order binary.ByteOrder, b []byte, s0, s1 uint32) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}

// strayReason says why the log beside path does not belong to it, "" when it does (or
// when there is none to judge).
func strayReason(path string) (string, error) {
	wal, ok, err := readWAL(path + "-wal")
	if err != nil || !ok {
		return "", err
	}
	main, ok, err := readFileHeader(path)
	if err != nil {
		return "", err
	}
	if !ok {
		// An empty or missing file beside a log with commits: the log is of another file.
		return "the journal holds transactions, but the file has no database in it", nil
	}
	if wal.pageSize != main.pageSize {
		return fmt.Sprintf("the journal's page size is %d bytes, the file's %d", wal.pageSize, main.pageSize), nil
	}
	if wal.page1 != nil && len(wal.page1) >= dbHeaderSize {
		if id := headerOf(wal.page1).appID; id != main.appID {
			return fmt.Sprintf("the journal was written for the file with id %08x, this file has id %08x", id, main.appID), nil
		}
	}
	return "", nil
}

// setAsideStray renames a log that does not belong to path (and the shared-memory index
// built from it) to "<path>-wal.stray-<time>", where it is kept, not applied.
func setAsideStray(path, reason string, now time.Time) (*StrayJournal, error) {
	aside := path + "-wal" + strayWALPattern + now.UTC().Format("20060102-150405")
	if _, err := os.Stat(aside); err == nil {
		aside += fmt.Sprintf("-%d", now.UnixNano()%1e9)
	}
	if err := os.Rename(path+"-wal", aside); err != nil {
		return nil, fmt.Errorf("set aside the journal beside %q: %w", path, classify(err))
	}
	// The index is rebuilt from the log; the stray one would point into the wrong log.
	if err := os.Remove(path + "-shm"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("remove %q: %w", path+"-shm", classify(err))
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("set aside the journal beside %q: %w", path, classify(err))
	}
	return &StrayJournal{Path: path, Aside: aside, Reason: reason}, nil
}

// newFileID is a random non-zero id for a new file or a new copy.
func newFileID() (uint32, error) {
	var b [4]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			return 0, fmt.Errorf("make a file id: %w", err)
		}
		if id := binary.BigEndian.Uint32(b[:]) &^ (1 << 31); id != 0 {
			return id, nil // kept positive: SQLite reads the pragma as a signed number
		}
	}
}
