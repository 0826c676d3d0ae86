//go:build ignore

// Gen writes a benchmark spec: go run ./internal/benchspec/gen.go [-spec
// bench|rich] [-n 500] DIR writes DIR/samgen.cue.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"samgen.dev/samgen/internal/benchspec"
)

func main() {
	n := flag.Int("n", 500, "number of functions")
	spec := flag.String("spec", "bench", "bench (the benchmark spec) or rich (every example's app, repeated)")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: gen.go [-spec bench|rich] [-n N] DIR")
	}
	gen := map[string]func(int) []byte{"bench": benchspec.Spec, "rich": benchspec.Rich}[*spec]
	if gen == nil {
		log.Fatalf("-spec must be bench or rich, not %q", *spec)
	}
	src := gen(*n)
	if err := os.WriteFile(filepath.Join(flag.Arg(0), "samgen.cue"), src, 0o644); err != nil {
		log.Fatal(err)
	}
	if err := benchspec.WriteFiles(flag.Arg(0), src); err != nil {
		log.Fatal(err)
	}
}
