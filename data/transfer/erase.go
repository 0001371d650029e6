package transfer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/amends/amends/data"
)

// Erased says how many rows of each table an erasure removed.
type Erased map[string]int

// ErrFileInUse is returned when another program reads the data file, so that old copies
// of a client's data cannot be cleared from it.
var ErrFileInUse = errors.New("another program has the data file open")

// ErrEraseUnfinished is returned when a client's records are removed but earlier copies
// of their data could not yet be cleared from the file (another program started reading
// it meanwhile). They go at the next full checkpoint, when no other program reads it.
var ErrEraseUnfinished = errors.New("the erasure could not finish")

// ConfirmsErase reports whether typed confirms erasing the client called name: their name
// as it is, surrounding spaces aside. The window and the command line ask the same.
func ConfirmsErase(typed, name string) bool {
	return strings.TrimSpace(name) != "" && strings.TrimSpace(typed) == strings.TrimSpace(name)
}

// EraseClient removes a client and every record about them, in every table that points
// at them (directly or through another of their records), in one transaction. SQLite's
// secure_delete overwrites the freed space, the search index is rewritten without
// them, the file is rebuilt (VACUUM), so that no earlier value (a name saved before it
// was changed) survives in free space, and the write-ahead log is emptied: their words
// are gone from the file. While another program reads the file, the log cannot be
// emptied: then nothing is erased (ErrFileInUse). Backups taken earlier still hold them:
// the UI says so.
func EraseClient(ctx context.Context, db *data.DB, clientID int64) (Erased, error) {
	if _, err := db.Client(ctx, clientID); err != nil {
		return nil, err
	}
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, err)
	}
	defer conn.Close()
	// Ask first whether the log can be emptied: if another program reads the file, the
	// erasure could not be completed, so it is not begun.
	if err := emptyLog(ctx, conn); err != nil {
		return nil, fmt.Errorf("erase client %d: nothing was erased: %w", clientID, err)
	}
	// secure_delete is per connection: on for this one, off again before it goes back to the pool.
	if _, err := conn.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA secure_delete = OFF")
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, data.Classify(err))
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	tables, err := loadTables(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, err)
	}
	owned, err := clientRows(ctx, conn, tables, clientID)
	if err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, err)
	}
	erased := Erased{}
	for t, ids := range owned {
		erased[t] = len(ids)
	}
	// Parents before children, as a cascade would go: guards like "an answered restatement
	// round is only deleted with its complaint" expect that order. References are checked
	// at commit, when every row of theirs is gone.
	if _, err := conn.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, err)
	}
	for _, t := range tables {
		ids := owned[t.name]
		if len(ids) == 0 {
			continue
		}
		if _, err := conn.ExecContext(ctx, "DELETE FROM "+data.QuoteIdent(t.name)+" WHERE rowid IN ("+placeholders(len(ids))+")", int64s(ids)...); err != nil {
			return nil, fmt.Errorf("erase client %d: %s: %w", clientID, t.name, data.Classify(err))
		}
	}
	// Rows that cascades or triggers wrote meanwhile would show up here.
	left, err := clientRows(ctx, conn, tables, clientID)
	if err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, err)
	}
	for t, ids := range left {
		if t == "clients" {
			var n int
			if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM clients WHERE id = ?", clientID).Scan(&n); err != nil || n > 0 {
				return nil, fmt.Errorf("erase client %d: the client row is left; nothing was erased", clientID)
			}
			continue
		}
		if len(ids) > 0 {
			return nil, fmt.Errorf("erase client %d: %d %s rows are left; nothing was erased", clientID, len(ids), t)
		}
	}
	// Rewrite the full-text index in one segment without the deleted rows' words.
	if _, err := conn.ExecContext(ctx, "INSERT INTO client_search (client_search) VALUES ('optimize')"); err != nil {
		return nil, fmt.Errorf("erase client %d: rewrite search index: %w", clientID, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, fmt.Errorf("erase client %d: %w", clientID, data.Classify(err))
	}
	committed = true
	// Their alerts, follow-ups and letters leave every list too.
	db.Announce(data.Change{Kind: data.ChangedAll, Client: clientID})
	// Free space in pages and free pages still hold values saved before secure_delete was
	// on (a name before it was changed): rebuilding the file leaves none. Then copy the
	// pages into the database file and empty the log, which still holds old copies.
	ctx = context.WithoutCancel(ctx)
	if _, err := conn.ExecContext(ctx, "VACUUM"); err != nil {
		return erased, fmt.Errorf("client %d: their records are removed, but %w: rebuilding the file failed: %w", clientID, ErrEraseUnfinished, data.Classify(err))
	}
	if err := emptyLog(ctx, conn); err != nil {
		return erased, fmt.Errorf("client %d: their records are removed, but %w: earlier copies stay in the file until no other program reads it: %w", clientID, ErrEraseUnfinished, err)
	}
	return erased, nil
}

// emptyLog copies the write-ahead log into the file and truncates it, without waiting:
// ErrFileInUse when another connection's read keeps it from doing so.
func emptyLog(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA busy_timeout = 5000")
	var busy, log, done int
	err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &log, &done)
	if err != nil {
		if c := data.Classify(err); errors.Is(c, data.ErrReadOnly) || errors.Is(c, data.ErrDiskFull) || errors.Is(c, data.ErrDamaged) {
			return c
		}
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return fmt.Errorf("%w (reading it); close it and try again", ErrFileInUse)
		}
		return fmt.Errorf("empty the write-ahead log: %w", err)
	}
	if busy != 0 || log > 0 {
		return fmt.Errorf("%w (reading it); close it and try again", ErrFileInUse)
	}
	return nil
}

// ClientRecordCounts counts a client's rows in each table (their client row included):
// what "Export this client's data" writes and "Erase client permanently" removes.
func ClientRecordCounts(ctx context.Context, db *data.DB, clientID int64) (map[string]int, error) {
	tables, err := loadTables(ctx, db.SQL())
	if err != nil {
		return nil, err
	}
	owned, err := clientRows(ctx, db.SQL(), tables, clientID)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for t, ids := range owned {
		out[t] = len(ids)
	}
	return out, nil
}
