package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/render"
)

// FuzzLoad feeds specs to the whole pipeline. Its oracle: nothing panics;
// a spec that fails to load fails with at least one position; a spec that
// loads and passes lint renders, its output parses and agrees with the
// JSON writer (Verify), and a second render is byte-identical. The seeds
// are every example and every spec of the CLI scenarios; plain `go test`
// runs them, `go test -fuzz FuzzLoad ./render` explores.
func FuzzLoad(f *testing.F) {
	for _, src := range exampletest.Specs(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := engine.Check(dir, engine.Options{Now: today})
		if err != nil {
			// Not the spec's fault (an I/O error), or samgen's bug: a spec
			// the checks pass must render.
			t.Fatalf("check: %v", err)
		}
		for _, d := range res.Diags {
			if d.Rule != "" && !d.Pos.IsValid() {
				t.Fatalf("a finding without a position: %+v", d)
			}
		}
		if res.Diags.HasErrors(false) {
			return
		}
		tpl := res.Template
		if tpl == nil {
			t.Fatal("no template, and no error")
		}
		out, err := render.YAML(tpl)
		if err != nil {
			t.Fatalf("write: %v", err)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(out, &n); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		if err := render.Verify(tpl, out); err != nil {
			t.Fatal(err)
		}
		res2, err := engine.Check(dir, engine.Options{Now: today})
		if err != nil || res2.Template == nil {
			t.Fatalf("second check: %v", err)
		}
		again, err := render.YAML(res2.Template)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("two renders differ (%v)", err)
		}
	})
}
