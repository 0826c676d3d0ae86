package main

import "fmt"

// printError prints an error that is not the spec's (the spec's are
// diagnostics, printed by printDiagnostics) as one line.
func printError(e *env, err error) {
	fmt.Fprintf(e.stderr, "samgen: %v\n", err)
}
