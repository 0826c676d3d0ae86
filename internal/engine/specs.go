package engine

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"cuelang.org/go/cue/parser"

	"samgen.dev/samgen/schema"
)

// Pattern reports whether arg names every spec under a directory, as
// `./...` or `apps/...` do, and returns the directory.
func Pattern(arg string) (root string, ok bool) {
	if arg == "..." {
		return ".", true
	}
	root, ok = strings.CutSuffix(filepath.ToSlash(arg), "/...")
	if root == "" {
		root = "/"
	}
	return filepath.FromSlash(root), ok
}

// Specs returns the directories at or under root that hold a samgen spec
// (a .cue file importing samgen's schema), sorted, as paths joined to root.
// A directory or .cue file it cannot read, or whose imports do not parse,
// counts as a spec: checking it reports why, where skipping it would pass
// a broken spec.
// Like `go build ./...`, it skips directories whose names begin with "."
// or "_", testdata, and the cue.mod of a module (the vendored schema).
func Specs(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && path == root:
			return err
		case err != nil:
			// A directory it cannot read may hold a spec: listed, its load
			// says why it fails, and the other specs are checked.
			dirs = append(dirs, path)
			if d != nil && !d.IsDir() {
				dirs[len(dirs)-1] = filepath.Dir(path)
			}
			return filepath.SkipDir
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "cue.mod" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		dir := filepath.Dir(path)
		if strings.HasSuffix(path, ".cue") && (len(dirs) == 0 || dirs[len(dirs)-1] != dir) && importsSchema(path) {
			dirs = append(dirs, dir)
		}
		return nil
	})
	slices.Sort(dirs)
	return slices.Compact(dirs), err
}

// importsSchema reports whether the CUE file imports samgen's schema,
// reading its imports only: true as well for a file it cannot read, or
// whose imports do not parse but name the schema.
func importsSchema(path string) bool {
	src, err := os.ReadFile(path)
	if err != nil {
		return true
	}
	f, err := parser.ParseFile(path, src, parser.ImportsOnly)
	if err != nil {
		return bytes.Contains(src, []byte(schema.ImportPath))
	}
	for imp := range f.ImportSpecs() {
		if strings.Trim(imp.Path.Value, `"`) == schema.ImportPath {
			return true
		}
	}
	return false
}

// Parallel calls f(i) for i in [0, n), on as many goroutines as there are
// cores (GOMAXPROCS), and returns when every call has. Each call checks
// its own spec in its own CUE context: nothing is shared but read-only
// tables.
func Parallel(n int, f func(i int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f(i)
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}
