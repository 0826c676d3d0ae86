// Package exampletest finds and checks the bundled examples for the tests
// of the packages that read them (review, graph, importer, render). Only
// tests import it.
package exampletest

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"samgen.dev/samgen/internal/engine"
)

// Today is the date the examples are checked on, so runtime lifecycle
// rules do not change verdict as the calendar moves.
var Today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// Dirs returns the example directories, relative to a package directory
// of the repository (../examples/NAME).
func Dirs(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob("../examples/*/samgen.cue")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for i, s := range specs {
		specs[i] = filepath.Dir(s)
	}
	return specs
}

// Tags are the CUE tags an example is rendered with: its tags.txt, one
// per line, when present.
func Tags(dir string) []string {
	b, err := os.ReadFile(filepath.Join(dir, "tags.txt"))
	if err != nil {
		return nil
	}
	return strings.Fields(string(b))
}

// Check runs the pipeline on the example in dir; the example must render.
func Check(t *testing.T, dir string) *engine.Result {
	t.Helper()
	res, err := engine.Check(dir, engine.Options{Tags: Tags(dir), Now: Today, Loader: Loader(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Template == nil {
		t.Fatalf("%s: %v", dir, res.Diags)
	}
	return res
}

// Specs returns the spec of every example and every spec of the CLI
// scenarios (cmd/samgen/testdata/script), relative to a package directory
// of the repository: the seeds of the fuzz targets.
func Specs(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	examples, _ := filepath.Glob("../examples/*/samgen.cue")
	for _, p := range examples {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	scripts, _ := filepath.Glob("../cmd/samgen/testdata/script/*.txtar")
	for _, p := range scripts {
		a, err := txtar.ParseFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".cue") && bytes.Contains(file.Data, []byte("schema.#App")) {
				out = append(out, file.Data)
			}
		}
	}
	if len(out) < 20 {
		tb.Fatalf("only %d seed specs", len(out))
	}
	return out
}

// SoakSeeds are the seeds of internal/soakspec a soak test checks:
// SAMGEN_SOAK of them from SAMGEN_SOAK_SEED (default 1) on. Without
// SAMGEN_SOAK the test is skipped, with why (what says what it checks).
func SoakSeeds(t testing.TB, what string) (first, n int) {
	t.Helper()
	n, _ = strconv.Atoi(os.Getenv("SAMGEN_SOAK"))
	if n <= 0 {
		t.Skip("set SAMGEN_SOAK=N to " + what)
	}
	first, _ = strconv.Atoi(os.Getenv("SAMGEN_SOAK_SEED"))
	return max(first, 1), n
}
