// Package exampletest finds and checks the bundled examples for the tests
// of the packages that read them (review, graph). Only tests import it.
package exampletest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	res, err := engine.Check(dir, engine.Options{Tags: Tags(dir), Now: Today})
	if err != nil {
		t.Fatal(err)
	}
	if res.Template == nil {
		t.Fatalf("%s: %v", dir, res.Diags)
	}
	return res
}
