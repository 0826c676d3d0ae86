// Command samgen renders AWS SAM templates from CUE specs of serverless
// applications, checking them against AWS limits and best practices first.
package main

import "os"

func main() { os.Exit(run()) }

// run is the process as main runs it: the collector's settings, the
// profile if asked for, the command.
func run() int {
	tuneGC()
	defer profileCPU()()
	return Main(os.Args[1:], os.Stdout, os.Stderr)
}

// evaluated runs once a spec is evaluated, before samgen decodes it.
var evaluated func()
