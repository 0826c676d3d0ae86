package main

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		// As main runs it, garbage collector settings included.
		"samgen": func() { os.Exit(run()) },
	})
}

// TestScript runs the CLI scenarios in testdata/script. Each pins the exact
// stderr of the real binary; SAMGEN_UPDATE=1 rewrites the expected files.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("SAMGEN_UPDATE") != "",
		Cmds:                scriptCmds,
		Setup: func(e *testscript.Env) error {
			// Pin the date runtime lifecycle rules compare with, so the
			// scenarios do not change verdict as the calendar moves.
			e.Setenv("SAMGEN_TODAY", "2026-11-26")
			return setExamples(e)
		},
	})
}

// scriptCmds are the scenarios' own commands, for what testscript's
// built-in ones cannot observe: file modes and symbolic links.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// mode PATH PERM: PATH's permission bits are PERM (octal, e.g. 0600).
	"mode": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: mode PATH PERM")
		}
		want, err := strconv.ParseUint(args[1], 8, 32)
		ts.Check(err)
		st, err := os.Stat(ts.MkAbs(args[0]))
		ts.Check(err)
		if got := st.Mode().Perm(); (got == fs.FileMode(want)) == neg {
			ts.Fatalf("%s has mode %#o, want %s%#o", args[0], got, map[bool]string{true: "not "}[neg], want)
		}
	},
	// islink PATH TARGET: PATH is a symbolic link to TARGET.
	"islink": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: islink PATH TARGET")
		}
		got, err := os.Readlink(ts.MkAbs(args[0]))
		if (err == nil && got == args[1]) == neg {
			ts.Fatalf("%s links to %q (%v), want %s%q", args[0], got, err, map[bool]string{true: "not "}[neg], args[1])
		}
	},
}

// setExamples points $EXAMPLES at the repository's examples, so scenarios
// can exercise them as they are (with -o, never writing into them).
func setExamples(e *testscript.Env) error {
	dir, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		return err
	}
	e.Setenv("EXAMPLES", dir)
	return nil
}

// TestX replays one scenario for debugging: SAMGEN_SCRIPT=NAME go test -run TestX.
func TestX(t *testing.T) {
	name := os.Getenv("SAMGEN_SCRIPT")
	if name == "" {
		t.Skip("set SAMGEN_SCRIPT=name to replay testdata/script/name.txtar")
	}
	testscript.Run(t, testscript.Params{
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SAMGEN_TODAY", "2026-11-26")
			return setExamples(e)
		},
		Files: []string{"testdata/script/" + name + ".txtar"},
	})
}

// TestTuneGC follows the collector through tuneGC's phases: off until
// the first collection (minHeap's, or n × minHeap for n specs at once),
// then 150% until the spec is evaluated, then 75% (150% while other specs
// may still be evaluating).
func TestTuneGC(t *testing.T) {
	for _, tt := range []struct {
		name      string
		specs     int // checked at once: collector.several
		floor     int64
		evaluated int // GOGC once a spec is evaluated
	}{
		{"one spec", 1, minHeap, 75},
		{"two specs at once", 2, 2 * minHeap, 150},
		{"64 specs at once", 64, maxFloor, 150},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
				t.Skip("GOGC or GOMEMLIMIT is set: tuneGC leaves the collector alone")
			}
			defer debug.SetMemoryLimit(math.MaxInt64)
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			before := evaluated
			defer func() { evaluated = before }()
			collector = gcTuning{}
			tuneGC()
			collector.several(tt.specs)
			// Read, not set: setting and restoring the percentage to read
			// it would undo the cleanup's setting if it ran in between.
			percent := func() int {
				s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
				metrics.Read(s)
				return int(int64(s[0].Value.Uint64())) // off is -1
			}
			if p, limit := percent(), debug.SetMemoryLimit(-1); p != -1 || limit != tt.floor {
				t.Fatalf("before the first collection: GOGC %d, memory limit %d; want off, %d", p, limit, tt.floor)
			}
			runtime.GC() // as the memory limit's collection would
			// The cleanup runs on a goroutine of its own; it is done when
			// it has let go of the collector's lock with floored unset.
			floored := func() bool {
				collector.mu.Lock()
				defer collector.mu.Unlock()
				return collector.floored
			}
			for deadline := time.Now().Add(time.Minute); floored() && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			if p, limit := percent(), debug.SetMemoryLimit(-1); p != 150 || limit != math.MaxInt64 {
				t.Fatalf("after the first collection: GOGC %d, memory limit %d; want 150, none", p, limit)
			}
			evaluated()
			if p := percent(); p != tt.evaluated {
				t.Fatalf("once evaluated: GOGC %d, want %d", p, tt.evaluated)
			}
		})
	}
}
