// Command samgen renders AWS SAM templates from CUE specs of serverless
// applications, checking them against AWS limits and best practices first.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// samgen is a short-lived process whose heap is mostly CUE's
		// evaluation, live until the template is written. While CUE
		// evaluates, the heap grows and collecting at 150% growth saves
		// CPU; once the spec is evaluated (evaluated) the live heap is
		// all there is, and samgen's own phases (decode, checks, render)
		// make short-lived garbage: collecting at 75% keeps the peak near
		// `cue export`'s (BENCHMARKS.md).
		debug.SetGCPercent(150)
		evaluated = func() { debug.SetGCPercent(75) }
	}
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// evaluated runs once a spec is evaluated, before samgen decodes it.
var evaluated func()
