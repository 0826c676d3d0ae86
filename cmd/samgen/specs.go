package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/schema"
)

// runSpecs runs one command on the spec its argument names, or on every
// spec under a directory when the argument is a pattern (`./...`,
// `apps/...`): each in its own goroutine, as many at once as there are
// cores, its output held and printed, in the order of the specs' paths,
// under a header naming the spec ("# apps/orders"), as `go vet ./...`
// groups its packages. The exit status is the worst of the specs'.
func runSpecs(e *env, args []string, one func(e *env, dir string) error) error {
	arg := dirArg(args)
	root, ok := engine.Pattern(arg)
	if !ok {
		return one(e, arg)
	}
	dirs, err := specDirs(root)
	if err != nil {
		return err
	}
	type result struct {
		stdout, stderr bytes.Buffer
		err            error
	}
	results := make([]result, len(dirs))
	collector.several(min(len(dirs), runtime.GOMAXPROCS(0)))
	engine.Parallel(len(dirs), func(i int) {
		r := &results[i]
		r.err = one(&env{stdout: &r.stdout, stderr: &r.stderr, cwd: e.cwd}, dirs[i])
	})
	var failed error
	for i, r := range results {
		var ue usageError
		if errors.As(r.err, &ue) {
			return ue // the same flags for every spec: say it once
		}
		if r.stderr.Len() > 0 || r.err != nil {
			fmt.Fprintf(e.stderr, "# %s\n", specName(dirs[i]))
			e.stderr.Write(r.stderr.Bytes())
		}
		if r.err != nil && !errors.Is(r.err, errPrinted) {
			printError(e, r.err)
		}
		e.stdout.Write(r.stdout.Bytes())
		if r.err != nil {
			failed = errPrinted
		}
	}
	return failed
}

// specsHint follows the message of a command of one spec given several:
// a pattern names them all.
const specsHint = "; for every spec under a directory, give it as DIR/... (./..., apps/...)"

// specDirs returns the specs under root, or an error when there is none.
func specDirs(root string) ([]string, error) {
	dirs, err := engine.Specs(root)
	if err != nil {
		return nil, err
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("no samgen spec (a .cue file importing %q) under %s", schema.ImportPath, root)
	}
	return dirs, nil
}

// specName is how a spec's header names it.
func specName(dir string) string {
	if toSlash() {
		return filepath.ToSlash(dir)
	}
	return dir
}
