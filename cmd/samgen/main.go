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
		// evaluation, live until the end: collecting at 150% heap growth
		// instead of 100% saves about a seventh of its CPU time for about a
		// sixth more peak memory, keeping both within 1.4x of `cue export`
		// (BENCHMARKS.md).
		debug.SetGCPercent(150)
	}
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
