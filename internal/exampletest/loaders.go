package exampletest

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"

	"samgen.dev/samgen/schema"
)

// loanUses is how many specs a lent Loader checks before it is dropped:
// its CUE context keeps every value it evaluates.
const loanUses = 50

// loaders are the Loaders no test holds, with the specs each has checked.
var loaders struct {
	sync.Mutex
	free []*loan
}

type loan struct {
	l    *schema.Loader
	uses int
}

// Loader lends t a Loader until t ends: its CUE context has the schema
// parsed and evaluated already, which a fresh one spends most of a small
// spec's check on. A Loader is not safe for concurrent use, and values it
// evaluated (a result's Inst) are read until the test ends, so each test
// holds its own; parallel tests share a few between them.
func Loader(t testing.TB) *schema.Loader {
	ln := borrow()
	t.Cleanup(func() { giveBack(ln) })
	return ln.l
}

// Borrow lends f a Loader for the length of the call: for a check whose
// result is read afterwards for its model and template only, never its
// CUE values, which the Loader's next borrower may be evaluating.
func Borrow(f func(*schema.Loader)) {
	ln := borrow()
	defer giveBack(ln)
	f(ln.l)
}

func borrow() *loan {
	loaders.Lock()
	defer loaders.Unlock()
	var ln *loan
	if n := len(loaders.free); n > 0 {
		ln, loaders.free = loaders.free[n-1], loaders.free[:n-1]
	} else {
		ln = &loan{l: schema.NewLoader()}
	}
	ln.uses++
	return ln
}

func giveBack(ln *loan) {
	if ln.uses >= loanUses {
		return
	}
	loaders.Lock()
	loaders.free = append(loaders.free, ln)
	loaders.Unlock()
}

// specRoot is the module every SpecDir is made in.
var specRoot struct {
	sync.Mutex
	dir string
}

// SpecDir returns a new, empty directory for a test's spec, removed when
// t ends. Every such directory is in one module (the test binary's, made
// on first use), and a Loader keeps the schema it parsed and evaluated by
// module: specs checked in them with a lent Loader share one schema. The
// package's TestMain removes the module with [RemoveSpecDirs].
func SpecDir(t testing.TB) string {
	t.Helper()
	specRoot.Lock()
	if specRoot.dir == "" {
		dir, err := os.MkdirTemp("", "samgen-specs-")
		if err == nil {
			err = os.MkdirAll(filepath.Join(dir, "cue.mod"), 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "cue.mod", "module.cue"), []byte("module: \"samgen.local/app\"\nlanguage: version: \"v0.17.1\"\n"), 0o644)
		}
		if err != nil {
			specRoot.Unlock()
			t.Fatal(err)
		}
		specRoot.dir = dir
	}
	root := specRoot.dir
	specRoot.Unlock()
	dir, err := os.MkdirTemp(root, "spec")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// RemoveSpecDirs removes the module of the SpecDirs; a package whose tests
// use SpecDir calls it from TestMain once its tests have run.
func RemoveSpecDirs() {
	specRoot.Lock()
	defer specRoot.Unlock()
	if specRoot.dir != "" {
		os.RemoveAll(specRoot.dir)
		specRoot.dir = ""
	}
}

// CollectLess makes the test binary's garbage collector run at 200% heap
// growth rather than Go's 100%, unless GOGC says otherwise: a test binary
// checks hundreds of specs in one process, each leaving its evaluation as
// garbage, and at 100% the collector took a quarter of render's test CPU
// outside cfn-lint (BENCHMARKS.md, "Test loop"). Call it from TestMain.
func CollectLess() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}
