package render_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// check runs samgen's pipeline on the spec in dir, as `samgen build`
// does, with the example's tags, and fails on any error.
func check(t testing.TB, dir string, opts render.Options) *engine.Result {
	t.Helper()
	res, err := checkWith(exampletest.Loader(t), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func checkWith(l *schema.Loader, dir string, opts render.Options) (*engine.Result, error) {
	res, err := engine.Check(dir, engine.Options{Tags: exampleTags(dir), Now: today, Render: opts, Loader: l})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	if res.Template == nil {
		var buf bytes.Buffer
		diag.Print(&buf, res.Diags, "", true)
		return nil, fmt.Errorf("%s:\n%s", dir, buf.String())
	}
	return res, nil
}

// checked is check, done once per spec and options for the whole package:
// for tests that read the result's template and model, never its CUE
// values (its Loader is lent to other checks next: exampletest.Borrow).
// TestExamples checks each example twice of its own, so that a render
// that differs from the last is still caught.
func checked(t testing.TB, dir string, opts render.Options) *engine.Result {
	t.Helper()
	res, err := checkedResult(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkedResult is checked, for callers without a test.
func checkedResult(dir string, opts render.Options) (*engine.Result, error) {
	v, _ := checkedRuns.LoadOrStore(checkedKey{dir, opts}, &checkedRun{})
	run := v.(*checkedRun)
	run.once.Do(func() {
		exampletest.Borrow(func(l *schema.Loader) { run.res, run.err = checkWith(l, dir, opts) })
	})
	return run.res, run.err
}

type checkedKey struct {
	dir  string
	opts render.Options
}

type checkedRun struct {
	once sync.Once
	res  *engine.Result
	err  error
}

// checkedRuns is checked's memo.
var checkedRuns sync.Map // checkedKey → *checkedRun

// build is checked, written in format.
func build(t testing.TB, dir, format string, opts render.Options) []byte {
	t.Helper()
	out, err := render.Encode(checked(t, dir, opts).Template, format)
	if err != nil {
		t.Fatalf("%s: write: %v", dir, err)
	}
	return out
}
