// Package backup keeps verified copies of the Amends database: taken on start when the
// newest is a day old, before schema migrations (data.Open does that) and on request;
// pruned to the last days, weeks and months; checked before a restore puts one back.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/amends/amends/data"
)

// Policy says how many backups are kept: the newest of each of the last Daily days,
// Weekly weeks and Monthly months (a backup may count for all three).
type Policy struct {
	Daily, Weekly, Monthly int
}

// DefaultPolicy keeps a week of days, a month of weeks and a year of months.
func DefaultPolicy() Policy { return Policy{Daily: 7, Weekly: 4, Monthly: 12} }

// MaxAge is how old the newest backup may be before the app makes a new one on start.
const MaxAge = 24 * time.Hour

// Settings is where backups go and how many are kept, as stored in the database.
type Settings struct {
	Dir    string // the folder used (resolved)
	Config string // the folder as set by the user; "" for the default
	Policy Policy
}

// Load reads the backup settings of the open store.
func Load(ctx context.Context, db *data.DB) (Settings, error) {
	conf, err := db.Setting(ctx, data.SettingBackupDir, "")
	if err != nil {
		return Settings{}, err
	}
	s := Settings{Dir: data.BackupDir(db.Path(), conf), Config: conf, Policy: DefaultPolicy()}
	for _, p := range []struct {
		key string
		dst *int
	}{{data.SettingBackupKeepDaily, &s.Policy.Daily}, {data.SettingBackupKeepWeekly, &s.Policy.Weekly},
		{data.SettingBackupKeepMonthly, &s.Policy.Monthly}} {
		v, err := db.Setting(ctx, p.key, "")
		if err != nil {
			return s, err
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
			*p.dst = n
		}
	}
	return s, nil
}

// Save stores the backup settings; the numbers must not be negative and keep at least one.
func Save(ctx context.Context, db *data.DB, config string, p Policy) error {
	if p.Daily < 0 || p.Weekly < 0 || p.Monthly < 0 {
		return &data.FieldError{Field: "keep", Msg: "the numbers of backups to keep cannot be negative"}
	}
	if p.Daily+p.Weekly+p.Monthly == 0 {
		return &data.FieldError{Field: "keep", Msg: "keep at least one backup"}
	}
	config = strings.TrimSpace(config)
	if config != "" {
		dir := data.BackupDir(db.Path(), config)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return &data.FieldError{Field: "folder", Msg: fmt.Sprintf("cannot use %q: %v", dir, err)}
		}
	}
	for _, kv := range [][2]string{{data.SettingBackupDir, config},
		{data.SettingBackupKeepDaily, strconv.Itoa(p.Daily)},
		{data.SettingBackupKeepWeekly, strconv.Itoa(p.Weekly)},
		{data.SettingBackupKeepMonthly, strconv.Itoa(p.Monthly)}} {
		if err := db.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// Info describes one backup file.
type Info struct {
	Path        string
	Taken       time.Time // from the file name; the file's time for other files
	Size        int64
	Schema      int
	Tables      map[string]int // rows per table
	Clients     int
	NewestEntry time.Time // the newest timeline entry; zero when there is none
}

// Now takes a backup of the open store into its backups folder and prunes old ones.
// note says why ("manual", "daily", "before-restore"); it becomes part of the name.
// A cancelled ctx interrupts the copy: no backup and no temporary file are left, and
// the older backups are kept; it returns the context's error.
func Now(ctx context.Context, db *data.DB, now time.Time, note string) (string, error) {
	out, err := snapshot(ctx, db, now, note)
	if err != nil {
		return "", err
	}
	// The backup is taken: pruning is quick and not worth leaving half done on Cancel.
	s, err := Load(context.WithoutCancel(ctx), db)
	if err != nil {
		return out, fmt.Errorf("backup written to %q, but removing old backups failed: %w", out, err)
	}
	if _, err := Prune(s.Dir, s.Policy, now); err != nil {
		return out, fmt.Errorf("backup written to %q, but removing old backups failed: %w", out, err)
	}
	return out, nil
}

// snapshot writes a backup into the backups folder without pruning.
func snapshot(ctx context.Context, db *data.DB, now time.Time, note string) (string, error) {
	s, err := Load(ctx, db)
	if err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	out := filepath.Join(s.Dir, data.BackupName(now, note))
	if _, err := os.Stat(out); err == nil {
		// Two backups in the same second: give the later one its own name.
		out = filepath.Join(s.Dir, data.BackupName(now, note+"-"+strconv.FormatInt(now.UnixNano()%1e9, 10)))
	}
	if err := db.Snapshot(ctx, out); err != nil {
		return "", err
	}
	return out, nil
}

// Auto takes a backup when the newest one in the backups folder is older than MaxAge.
// It returns the new backup's path, or "" when none was needed.
func Auto(ctx context.Context, db *data.DB, now time.Time) (string, error) {
	s, err := Load(ctx, db)
	if err != nil {
		return "", fmt.Errorf("automatic backup: %w", err)
	}
	files, err := List(s.Dir)
	if err != nil {
		return "", fmt.Errorf("automatic backup: %w", err)
	}
	if len(files) > 0 && now.Sub(files[0].Taken) < MaxAge && !files[0].Taken.After(now) {
		return "", nil
	}
	return Now(ctx, db, now, "daily")
}

// File is a backup found in a folder, newest first in List.
type File struct {
	Path  string
	Taken time.Time
}

// List returns the backups in dir, newest first. A missing folder has none.
func List(dir string) ([]File, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %q: %w", dir, err)
	}
	var out []File
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if t, ok := data.ParseBackupName(e.Name()); ok {
			out = append(out, File{Path: filepath.Join(dir, e.Name()), Taken: t})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Taken.Equal(out[j].Taken) {
			return out[i].Taken.After(out[j].Taken)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// Prune removes the backups in dir that the policy does not keep, and leftovers of
// backups that failed half-way. The newest backup is always kept.
func Prune(dir string, p Policy, now time.Time) ([]string, error) {
	files, err := List(dir)
	if err != nil {
		return nil, err
	}
	keep := Keep(files, p, now)
	var removed []string
	for _, f := range files {
		if keep[f.Path] {
			continue
		}
		if err := os.Remove(f.Path); err != nil {
			return removed, fmt.Errorf("remove old backup: %w", err)
		}
		removed = append(removed, f.Path)
	}
	removeStale(dir, backupTmp, now, time.Hour)
	return removed, nil
}

// LeftoverAge is how old a temporary copy in the backups folder must be before it is
// taken for the leftover of an interrupted backup: younger ones may be a backup that
// another Amends (of another data file sharing the folder) is writing.
const LeftoverAge = 10 * time.Minute

// CleanLeftovers removes what interrupted backups and restores of db left behind: the
// restore's copy beside the data file, and temporary backup copies in the backups folder.
// The caller holds the file's lock, so no restore of it is running. It returns what it
// removed; what cannot be removed is left for the next start.
func CleanLeftovers(ctx context.Context, db *data.DB, now time.Time) []string {
	tmp := restoreTmp(db.Path())
	removed := removeStale(filepath.Dir(tmp), func(n string) bool { return n == filepath.Base(tmp) }, now, 0)
	if s, err := Load(ctx, db); err == nil {
		removed = append(removed, removeStale(s.Dir, backupTmp, now, LeftoverAge)...)
	}
	return removed
}

// backupTmp tells the temporary copy of a backup being written (data.Snapshot's name).
func backupTmp(name string) bool {
	return strings.HasPrefix(name, ".amends-") && strings.HasSuffix(name, ".tmp")
}

// removeStale removes the files in dir whose name match takes and that are older than age.
func removeStale(dir string, match func(string) bool, now time.Time, age time.Duration) []string {
	var removed []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !match(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) >= age {
			if os.Remove(p) == nil {
				removed = append(removed, p)
			}
		}
	}
	return removed
}

// restoreTmp is the name a restore copies the backup to before it renames it over dbPath.
func restoreTmp(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore.tmp")
}

// Keep decides which of files (newest first) the policy keeps; days, weeks and months
// are counted in now's location. Everything from the last MaxAge is kept too, so a
// backup the user just made (or one about to be restored) is never pruned the same day.
func Keep(files []File, p Policy, now time.Time) map[string]bool {
	keep := map[string]bool{}
	loc := now.Location()
	for i, f := range files {
		if i == 0 || now.Sub(f.Taken) < MaxAge {
			keep[f.Path] = true
		}
	}
	buckets := []struct {
		n   int
		key func(t time.Time) string
	}{
		{p.Daily, func(t time.Time) string { return t.Format("2006-01-02") }},
		{p.Weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) }},
		{p.Monthly, func(t time.Time) string { return t.Format("2006-01") }},
	}
	for _, b := range buckets {
		seen := map[string]bool{}
		for _, f := range files {
			k := b.key(f.Taken.In(loc))
			if seen[k] {
				continue
			}
			if len(seen) == b.n {
				break
			}
			seen[k] = true
			keep[f.Path] = true
		}
	}
	return keep
}

// Inspect checks that path is a sound Amends database this version can open
// (integrity_check, schema not newer) and says what it holds. It changes nothing.
func Inspect(ctx context.Context, path string) (Info, error) {
	info := Info{Path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return info, fmt.Errorf("check %q: %w", path, err)
	}
	if fi.IsDir() {
		return info, fmt.Errorf("check %q: %w: it is a folder", path, data.ErrNotAmends)
	}
	info.Size = fi.Size()
	info.Taken = fi.ModTime()
	if t, ok := data.ParseBackupName(filepath.Base(path)); ok {
		info.Taken = t
	}
	if fi.Size() == 0 {
		return info, fmt.Errorf("check %q: %w: the file is empty", path, data.ErrNotAmends)
	}
	db, err := data.OpenReadOnly(path)
	if err != nil {
		return info, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	defer db.Close()
	problems, err := data.Integrity(ctx, db, "integrity_check")
	if err != nil {
		return info, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	if len(problems) > 0 {
		return info, fmt.Errorf("check %q: %w", path, &data.Damage{Findings: problems})
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&info.Schema); err != nil {
		return info, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	if info.Schema > data.SchemaVersion() {
		return info, fmt.Errorf("check %q: %w (file schema %d, this version knows %d)", path, data.ErrNewerSchema, info.Schema, data.SchemaVersion())
	}
	tables, err := data.UserTables(ctx, db)
	if err != nil {
		return info, fmt.Errorf("check %q: %w", path, data.Classify(err))
	}
	info.Tables = map[string]int{}
	for _, t := range tables {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+data.QuoteIdent(t)).Scan(&n); err != nil {
			return info, fmt.Errorf("check %q: count %s: %w", path, t, err)
		}
		info.Tables[t] = n
	}
	if _, ok := info.Tables["clients"]; !ok || info.Schema < 1 {
		return info, fmt.Errorf("check %q: %w", path, data.ErrNotAmends)
	}
	if _, ok := info.Tables["timeline"]; !ok {
		return info, fmt.Errorf("check %q: %w", path, data.ErrNotAmends)
	}
	info.Clients = info.Tables["clients"]
	var newest sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT max(at) FROM timeline").Scan(&newest); err == nil && newest.Valid {
		info.NewestEntry, _ = time.Parse(time.RFC3339Nano, newest.String)
	}
	return info, nil
}

// Newest returns the newest backup in dir that passes Inspect.
func Newest(ctx context.Context, dir string) (Info, bool) {
	files, err := List(dir)
	if err != nil {
		return Info{}, false
	}
	for _, f := range files {
		if info, err := Inspect(ctx, f.Path); err == nil {
			return info, true
		}
	}
	return Info{}, false
}

// Restore puts the backup from in place of the open store: it checks from, backs up the
// current data (into the backups folder, named "before-restore"), closes db and swaps the
// files. The caller opens dbPath again. On error before the swap, db is still open and
// unchanged; it returns the path of the safety backup.
func Restore(ctx context.Context, db *data.DB, from string, now time.Time) (string, error) {
	return RestoreWith(ctx, db, from, now, nil)
}

// The stages of a restore, told to RestoreWith's stage function in this order.
const (
	StageCheck   = "Checking the backup"
	StageSafety  = "Backing up your current data first"
	StageReplace = "Putting the backup in place" // from here on a restore cannot be cancelled
)

// RestoreWith is Restore telling stage (when not nil) what it is doing. Until
// StageReplace a cancelled ctx stops it with nothing changed (the safety backup taken
// so far is removed again); from StageReplace on it runs to the end whatever ctx says,
// because the database is already closed.
func RestoreWith(ctx context.Context, db *data.DB, from string, now time.Time, stage func(string)) (string, error) {
	if stage == nil {
		stage = func(string) {}
	}
	stage(StageCheck)
	if _, err := Inspect(ctx, from); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("restore: %w", err)
	}
	if same(db.Path(), from) {
		return "", errors.New("restore: the backup is the database itself; choose a backup file")
	}
	stage(StageSafety)
	// Not Now: pruning must not remove the backup being restored.
	safety, err := snapshot(ctx, db, now, "before-restore")
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("restore: backing up the current data first failed, so nothing was changed: %w", err)
	}
	if err := ctx.Err(); err != nil {
		os.Remove(safety) // cancelled: leave things exactly as they were
		return "", err
	}
	stage(StageReplace)
	ctx = context.WithoutCancel(ctx)
	path := db.Path()
	if err := db.Close(); err != nil {
		return safety, fmt.Errorf("restore: close the database: %w", err)
	}
	if err := Replace(ctx, path, from); err != nil {
		return safety, err
	}
	return safety, nil
}

// Replace swaps the database file at dbPath for a checked copy of from. The database
// must be closed. The copy is written beside dbPath and renamed over it; -wal and -shm
// files of the old database are removed first, so they are never applied to the new one.
func Replace(ctx context.Context, dbPath, from string) error {
	dir := filepath.Dir(dbPath)
	tmp := restoreTmp(dbPath)
	os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: copy %q: %w", from, data.Classify(err))
	}
	if _, err := Inspect(ctx, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: the copy failed its check, nothing was changed: %w", err)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("restore: remove %s: %w", dbPath+side, err)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: put the copy in place: %w", data.Classify(err))
	}
	return data.SyncDir(dir)
}

// SetAside renames a database that cannot be opened (and its -wal and -shm files) to
// "<name>.unreadable-<time>" beside it, so a backup can take its place without
// anything being overwritten. It returns the new name.
func SetAside(dbPath string, now time.Time) (string, error) {
	aside := dbPath + ".unreadable-" + now.UTC().Format("20060102-150405")
	for _, side := range []string{"", "-wal", "-shm"} {
		err := os.Rename(dbPath+side, aside+side)
		if err != nil && !(side != "" && errors.Is(err, os.ErrNotExist)) {
			return "", fmt.Errorf("set aside %q: %w", dbPath+side, data.Classify(err))
		}
	}
	return aside, data.SyncDir(filepath.Dir(dbPath))
}

// copyFile copies src to a new private file dst and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func same(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
