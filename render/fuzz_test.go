package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/specfixture"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// FuzzLoad feeds specs to the whole pipeline. Its oracle: nothing panics;
// a spec that fails to load fails with at least one position; a spec that
// loads and passes lint renders, its output parses and agrees with the
// JSON writer (Verify), and a second render is byte-identical. The seeds
// are every example and every spec of the CLI scenarios; plain `go test`
// runs them, `go test -fuzz FuzzLoad ./render` explores.
//
// Each input is checked in-process, in one directory per fuzzing process,
// with a Loader kept from one input to the next: the schema is parsed and
// evaluated once, not per input. The Loader is replaced every
// [fuzzLoaderRuns] inputs, since its CUE context keeps every value it
// evaluated.
func FuzzLoad(f *testing.F) {
	for _, src := range exampletest.Specs(f) {
		f.Add(src)
	}
	dir := f.TempDir()
	spec := filepath.Join(dir, "samgen.cue")
	var loader *schema.Loader
	runs := 0
	f.Fuzz(func(t *testing.T, src []byte) {
		if runs%fuzzLoaderRuns == 0 {
			loader = schema.NewLoader()
		}
		runs++
		if err := os.WriteFile(spec, src, 0o644); err != nil {
			t.Fatal(err)
		}
		// The source directories it names, so that the checks get past
		// them to rendering (the seeds are the examples, whose code is
		// not copied).
		specfixture.Sources(t, dir, string(src))
		opts := engine.Options{Now: today, Loader: loader}
		res, err := engine.Check(dir, opts)
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
		res2, err := engine.Check(dir, opts)
		if err != nil || res2.Template == nil {
			t.Fatalf("second check: %v", err)
		}
		again, err := render.YAML(res2.Template)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("two renders differ (%v)", err)
		}
	})
}

// fuzzLoaderRuns is how many inputs one Loader checks.
const fuzzLoaderRuns = 500
