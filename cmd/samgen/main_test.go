package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"samgen": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
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
		Setup: func(e *testscript.Env) error {
			// Pin the date runtime lifecycle rules compare with, so the
			// scenarios do not change verdict as the calendar moves.
			e.Setenv("SAMGEN_TODAY", "2026-11-26")
			return setExamples(e)
		},
	})
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
		Setup: func(e *testscript.Env) error {
			e.Setenv("SAMGEN_TODAY", "2026-11-26")
			return setExamples(e)
		},
		Files: []string{"testdata/script/" + name + ".txtar"},
	})
}
