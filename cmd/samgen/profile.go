package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profileCPU writes a CPU profile of the whole run to the file
// SAMGEN_CPUPROFILE names, if any, and returns the function that ends it.
// It profiles the binary as users run it, garbage collector settings
// included, which the in-process benchmarks do not (BENCHMARKS.md).
func profileCPU() (stop func()) {
	path := os.Getenv("SAMGEN_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "samgen: SAMGEN_CPUPROFILE: %v; running without a profile\n", err)
		if f != nil {
			f.Close()
		}
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "samgen: SAMGEN_CPUPROFILE: %v\n", err)
		}
	}
}
