package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"cuelang.org/go/mod/module"
	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"samgen.dev/samgen/internal/atomicfile"
	"samgen.dev/samgen/internal/shell"
	"samgen.dev/samgen/schema"
)

const initDoc = `Init creates a samgen module in DIR (default "."): cue.mod/module.cue, the
schema vendored into cue.mod/pkg/samgen.dev/schema/ (so 'cue vet' and the
CUE language server resolve the import offline) and a starter spec,
samgen.cue, with one function. It never overwrites a file: if any of them
exists, init changes nothing and says which.`

const starterSpec = `package app

import "samgen.dev/schema"

// stage is chosen at build time: samgen build -t stage=prod
stage: *"dev" | "prod" @tag(stage)

app: schema.#App & {
	name: %q

	defaults: function: {
		runtime:      "python3.13"
		architecture: "arm64"
		memory:       256
		timeout:      10
		tracing:      "Active"
		logging: {format: "JSON", retention: 30}
		env: STAGE: stage
	}

	functions: hello: {
		handler: "app.handler"
		source:  "src/hello"
		events: get: httpApi: {method: "GET", path: "/hello"}
	}
}
`

const starterHandler = `import json


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"message": "hello"})}
`

func newInitCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a samgen module with a starter spec",
		Long:  initDoc,
		Args:  arguments(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			name := moduleName(filepath.Base(abs))
			files := map[string][]byte{
				"cue.mod/module.cue": fmt.Appendf(nil, "module: %q\nlanguage: version: \"v0.17.1\"\n", modulePrefix+name),
				"samgen.cue":         fmt.Appendf(nil, starterSpec, name),
				"src/hello/app.py":   []byte(starterHandler),
			}
			maps.Copy(files, vendoredFiles())
			var exist []string
			for _, p := range slices.Sorted(maps.Keys(files)) {
				if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
					exist = append(exist, p)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
			if len(exist) > 0 {
				more := ""
				if len(exist) > 3 {
					more = fmt.Sprintf(" and %d more", len(exist)-3)
					exist = exist[:3]
				}
				verb := "exist"
				if len(exist) == 1 {
					verb = "exists"
				}
				return fmt.Errorf("init %s: %s%s already %s; nothing written", dir, strings.Join(exist, ", "), more, verb)
			}
			if err := writeFiles(dir, files); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "created a samgen module in %s\nnext: samgen vet %s && samgen build %[2]s\n", dir, shell.Word(dir))
			return nil
		},
	}
}

// modulePrefix starts the module path init writes: a domain, as CUE
// requires of a module path's first element, that is nobody's.
const modulePrefix = "example.com/"

// moduleName derives from a directory name the app's name, which is also
// the last element of its CUE module path, so it must be valid as both:
// CUE's module paths (cuelang.org/go/mod/module.CheckPath) allow lower-case
// ASCII letters and digits joined by single '.', '_' or '-' (runs of '-'
// too), none leading or trailing, and schema's #Name wants a letter first
// and no dots. So accents are dropped (Café -> cafe), a single '_' is kept,
// any other run of characters outside [a-z0-9] becomes one '-', a name
// starting with a digit gets "app-" before it, and a name with nothing left
// is "app". CUE also rejects Windows device names (con, nul, com1...); its
// own check finds those, and they get "-app" after them.
func moduleName(dir string) string {
	var b strings.Builder
	sep := "" // the separator due before the next letter or digit
	for _, r := range norm.NFD.String(dir) {
		r = unicode.ToLower(r)
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
			sep = ""
		case unicode.Is(unicode.Mn, r):
			// An accent, decomposed from the letter before it.
		case r == '_' && sep == "":
			sep = "_"
		default:
			sep = "-"
		}
	}
	name := b.String()
	switch {
	case name == "":
		return "app"
	case name[0] >= '0' && name[0] <= '9':
		name = "app-" + name
	}
	if module.CheckPath(modulePrefix+name) != nil {
		name += "-app"
	}
	return name
}

// vendoredFiles are the schema files as `samgen init` and `schema sync`
// write them, keyed by path relative to the module root.
func vendoredFiles() map[string][]byte {
	out := map[string][]byte{}
	for name, b := range schema.Files() {
		out[filepath.ToSlash(filepath.Join(schema.VendorDir, name))] = b
	}
	return out
}

// writeFiles writes a module's files into dir, all or none.
func writeFiles(dir string, files map[string][]byte) error {
	return atomicfile.WriteFiles(dir, files, atomicfile.Options{})
}
