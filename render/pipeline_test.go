package render_test

import (
	"bytes"
	"testing"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/render"
)

// check runs samgen's pipeline on the spec in dir, as `samgen build`
// does, with the example's tags, and fails on any error.
func check(t testing.TB, dir string, opts render.Options) *engine.Result {
	t.Helper()
	res, err := engine.Check(dir, engine.Options{Tags: exampleTags(dir), Now: today, Render: opts, Loader: exampletest.Loader(t)})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	if res.Template == nil {
		var buf bytes.Buffer
		diag.Print(&buf, res.Diags, "", true)
		t.Fatalf("%s:\n%s", dir, buf.String())
	}
	return res
}

// build is check, written in format.
func build(t testing.TB, dir, format string, opts render.Options) []byte {
	t.Helper()
	out, err := render.Encode(check(t, dir, opts).Template, format)
	if err != nil {
		t.Fatalf("%s: write: %v", dir, err)
	}
	return out
}
