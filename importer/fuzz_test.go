package importer

import (
	"os"
	"path/filepath"
	"testing"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/render"
)

// FuzzRoundTrip: any spec samgen accepts builds a template whose import
// is a spec that builds the same template again (Compare finds nothing).
// The seeds are every example and every spec of the CLI scenarios; plain
// `go test` runs them, `go test -fuzz FuzzRoundTrip ./importer` explores.
func FuzzRoundTrip(f *testing.F) {
	for _, src := range exampletest.Specs(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := exampletest.SpecDir(t)
		if err := os.WriteFile(filepath.Join(dir, specFile), src, 0o644); err != nil {
			t.Fatal(err)
		}
		loader := exampletest.Loader(t)
		res, err := engine.Check(dir, engine.Options{Now: exampletest.Today, Loader: loader})
		if err != nil || res.Diags.HasErrors(false) || res.Template == nil {
			return
		}
		tmpl, err := render.YAML(res.Template)
		if err != nil {
			t.Fatal(err)
		}
		// Checked in a directory of the same module (a new one, so that no
		// file of the spec joins the import's package): the Loader's
		// schema is the one it evaluated for the spec.
		imp, err := Import(tmpl, Options{TemplateDir: dir, Dir: exampletest.SpecDir(t), Now: exampletest.Today, Loader: loader})
		if err != nil {
			t.Fatalf("a template samgen built does not import: %v\n%s", err, tmpl)
		}
		for _, d := range imp.Differences {
			t.Errorf("%s", d)
		}
	})
}

// FuzzImport imports any bytes as a template: the importer reads what a
// template holds, so it must never panic on one, and an import that
// succeeds writes its spec. The seeds are templates of testdata/templates
// that reach the readers of documents, policies and state machines.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"openapi.yaml", "sdk-tasks.yaml", "websocket.yaml"} {
		src, err := os.ReadFile(filepath.Join("testdata", "templates", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := filepath.Join("testdata", "templates")
		res, err := Import(src, Options{Name: "fuzzed", TemplateDir: dir, Dir: exampletest.SpecDir(t), Now: exampletest.Today, Loader: exampletest.Loader(t)})
		if err == nil && len(res.Files[specFile]) == 0 {
			t.Fatalf("an import succeeded and wrote no spec")
		}
	})
}
