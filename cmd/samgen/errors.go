package main

import (
	"fmt"

	cueerrors "cuelang.org/go/cue/errors"

	"samgen.dev/samgen/schema/lint"
)

// printError prints err once: CUE errors as `cue vet` prints them, each
// with its positions relative to the working directory; anything else as
// one line.
func printError(e *env, err error) {
	var cerr cueerrors.Error
	if cueerrors.As(err, &cerr) {
		cueerrors.Print(e.stderr, err, &cueerrors.Config{Cwd: e.cwd, ToSlash: toSlash()})
		return
	}
	fmt.Fprintf(e.stderr, "samgen: %v\n", err)
}

// printDiagnostics prints lint findings and notices.
func printDiagnostics(e *env, ds []lint.Diagnostic) {
	lint.Print(e.stderr, ds, e.cwd)
}
