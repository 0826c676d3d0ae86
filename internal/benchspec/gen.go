//go:build ignore

// Gen writes a benchmark spec: go run ./internal/benchspec/gen.go -n 500 DIR
// writes DIR/samgen.cue.
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
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: gen.go [-n N] DIR")
	}
	if err := os.WriteFile(filepath.Join(flag.Arg(0), "samgen.cue"), benchspec.Spec(*n), 0o644); err != nil {
		log.Fatal(err)
	}
}
