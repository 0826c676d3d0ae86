// Package schema holds samgen's CUE schema, the loader that evaluates a
// user's spec against it, and the typed Go model the rest of samgen reads.
//
// The CUE files are the single source of truth: they give the editor its
// hover docs and `cue vet` its checks, and [Load] decodes what they accept
// into [App].
package schema

import (
	"embed"
	"io/fs"
	"slices"
)

// ImportPath is the CUE import path of the schema in a user's module.
const ImportPath = "samgen.dev/schema"

// Version identifies the schema; `samgen version` prints it and a vendored
// copy records it.
const Version = "v0.1.0"

//go:embed *.cue
var files embed.FS

// Files returns the schema's CUE files by name, sorted.
func Files() map[string][]byte {
	out := map[string][]byte{}
	names, err := fs.Glob(files, "*.cue")
	if err != nil {
		panic(err) // the pattern is constant
	}
	slices.Sort(names)
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			panic(err) // embedded at build time; a unit test loads every file
		}
		out[n] = b
	}
	return out
}
