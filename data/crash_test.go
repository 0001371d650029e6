package data

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	execpkg "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash test runs this test binary again as a child (crashChildEnv names the
// database) that writes clients and timeline entries in a loop and prints the ID of each
// write after its commit returns. The parent kills it with SIGKILL at a random moment,
// then checks that the database opens, passes integrity_check and holds every ID the
// child reported.
const crashChildEnv = "AMENDS_CRASH_CHILD_DB"

func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("only runs as the crash test's child")
	}
	d, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	ctx := context.Background()
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	out.Flush()
	var clients []int64
	for i := 0; ; i++ {
		switch {
		case len(clients) == 0 || i%10 == 0:
			c, err := d.CreateClient(ctx, Client{Name: fmt.Sprintf("Crash client %d", i), Notes: strings.Repeat("n", i%500)})
			if err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			clients = append(clients, c.ID)
			fmt.Fprintf(out, "c %d\n", c.ID)
		case i%7 == 0:
			// Several writes in one transaction: all or none of them may survive.
			var ids []int64
			err := d.Tx(ctx, func(tx *sql.Tx) error {
				for k := 0; k < 5; k++ {
					id, err := d.AddEntryTx(ctx, tx, Entry{ClientID: clients[i%len(clients)], At: time.Now(), Kind: KindMeeting, Summary: "batch"})
					if err != nil {
						return err
					}
					ids = append(ids, id)
				}
				return nil
			})
			if err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			for _, id := range ids {
				fmt.Fprintf(out, "e %d\n", id)
			}
		default:
			e, err := d.AddEntry(ctx, Entry{ClientID: clients[i%len(clients)], At: time.Now(), Kind: KindCall,
				Summary: "call " + strconv.Itoa(i), Body: strings.Repeat("body ", i%200)})
			if err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			fmt.Fprintf(out, "e %d\n", e.ID)
		}
		// Flushed only after the commit returned: a printed ID is a committed one.
		out.Flush()
	}
}

func TestCrashKill(t *testing.T) {
	kills := 100
	if testing.Short() {
		kills = 10
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 6))
	committed := map[string]bool{}
	for k := 0; k < kills; k++ {
		cmd := execpkg.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the child to open the store, then let it write for 0-60 ms.
		if l := <-lines; l != "ready" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("kill %d: child said %q", k, l)
		}
		time.Sleep(time.Duration(rng.IntN(60_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		got := 0
		for l := range lines {
			if strings.HasPrefix(l, "error") {
				t.Fatalf("kill %d: child failed: %s", k, l)
			}
			committed[l] = true
			got++
		}
		cmd.Wait()

		d, err := Open(path)
		if err != nil {
			t.Fatalf("after kill %d: open: %v", k, err)
		}
		problems, err := Integrity(context.Background(), d.sql, "integrity_check")
		if err != nil || len(problems) > 0 {
			t.Fatalf("after kill %d: integrity %v %v", k, problems, err)
		}
		have := map[string]bool{}
		for _, q := range []struct{ prefix, sql string }{{"c ", "SELECT id FROM clients"}, {"e ", "SELECT id FROM timeline"}} {
			rows, err := d.sql.Query(q.sql)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				have[q.prefix+strconv.FormatInt(id, 10)] = true
			}
			rows.Close()
		}
		for id := range committed {
			if !have[id] {
				t.Fatalf("after kill %d: committed write %q is missing", k, id)
			}
		}
		d.Close()
		if k == kills-1 {
			t.Logf("%d kills, %d committed writes checked (last child: %d)", kills, len(committed), got)
		}
	}
}
