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

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/atomicfile"
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
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			name := strings.ToLower(filepath.Base(abs))
			if !validName(name) {
				name = "app"
			}
			files := map[string][]byte{
				"cue.mod/module.cue": fmt.Appendf(nil, "module: %q\nlanguage: version: \"v0.17.1\"\n", "example.com/"+name),
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
				return fmt.Errorf("init %s: %s%s already exist; nothing written", dir, strings.Join(exist, ", "), more)
			}
			if err := writeFiles(dir, files); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "created a samgen module in %s\nnext: samgen vet %s && samgen build %s\n", dir, dir, dir)
			return nil
		},
	}
}

func validName(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
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

func writeFiles(dir string, files map[string][]byte) error {
	for _, p := range slices.Sorted(maps.Keys(files)) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(full, files[p], atomicfile.Options{}); err != nil {
			return err
		}
	}
	return nil
}
