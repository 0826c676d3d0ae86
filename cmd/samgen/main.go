// Command samgen renders AWS SAM templates from CUE specs of serverless
// applications, checking them against AWS limits and best practices first.
package main

import "os"

func main() {
	tuneGC()
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// evaluated runs once a spec is evaluated, before samgen decodes it.
var evaluated func()
