package benchspec_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"samgen.dev/samgen/internal/benchspec"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// load checks spec as `samgen build --strict` would and returns its model.
func load(t *testing.T, spec []byte) *schema.App {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), spec, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := benchspec.WriteFiles(dir, spec); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Check(dir, engine.Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	if res.Template == nil || res.Diags.HasErrors(true) {
		var b strings.Builder
		diag.Print(&b, res.Diags, dir, true)
		t.Fatalf("the spec does not build cleanly:\n%s", b.String())
	}
	return &res.Inst.App
}

// TestRichSpecCoversExamples proves the rich benchmark spec exercises what
// users write: every field, reference kind and state, integration and
// pattern any example uses, and every kind, event type and Step Functions
// integration samgen knows.
func TestRichSpecCoversExamples(t *testing.T) {
	t.Parallel()
	// One block and a few plain functions: under the 400 resources of
	// CloudFormation's limit from which vet warns (SG004).
	const n = benchspec.RichBlockFunctions + 3
	rich := load(t, benchspec.Rich(n))
	if got := len(rich.Functions); got != n {
		t.Errorf("Rich(%d) has %d functions", n, got)
	}
	has := shapes(rich)
	dirs, err := filepath.Glob("../../examples/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, dir := range dirs {
		var tags []string
		if b, err := os.ReadFile(filepath.Join(dir, "tags.txt")); err == nil {
			tags = strings.Fields(string(b))
		}
		inst, ds, err := schema.Load(dir, schema.Options{Tags: tags})
		if err != nil || inst == nil {
			t.Fatalf("%s: %v %v", dir, err, ds)
		}
		for _, s := range sorted(shapes(&inst.App)) {
			if !has[s] && !richCannotHold(s) {
				t.Errorf("examples/%s uses %s; add it to internal/benchspec/rich.cue.tmpl", filepath.Base(dir), s)
			}
		}
	}
	for _, k := range schema.Kinds {
		if !has[k.Collection+".*.ref→"+k.Name] {
			t.Errorf("the rich spec declares no %s", k.Name)
		}
	}
	for _, e := range schema.EventTypes {
		if !has["functions.*.events.*."+e.Name] {
			t.Errorf("the rich spec has no %s event", e.Name)
		}
	}
	for _, e := range schema.StateMachineEventTypes {
		if !has["stateMachines.*.events.*."+e.Name] {
			t.Errorf("the rich spec has no state machine %s event", e.Name)
		}
	}
	for _, name := range policies.Integrations() {
		if !slices.ContainsFunc(sorted(has), func(s string) bool { return strings.HasSuffix(s, ".integration="+name) }) {
			t.Errorf("the rich spec has no %s task", name)
		}
	}
}

// TestBenchSpec checks the benchmark spec builds without a finding.
func TestBenchSpec(t *testing.T) {
	t.Parallel()
	if got := len(load(t, benchspec.Spec(30)).Functions); got != 30 {
		t.Errorf("Spec(30) has %d functions", got)
	}
}

// notInRich are the shapes the rich spec cannot hold, each a field and
// what is under it. The examples that use them are rendered, linted and
// transformed on their own.
var notInRich = []string{
	// The rich spec's defaults add a layer to every function, and an image
	// function takes none (SG406).
	"functions.*.image",
	"functions.*.imageConfig",
	// The rich spec declares REST APIs, which implicitApi's Globals.Api
	// would reach too (SG031), and HTTP APIs, which implicitHttpApi's
	// Globals.HttpApi would (SG032).
	"implicitApi",
	"implicitHttpApi",
}

// richCannotHold reports whether shape is under a field of notInRich.
func richCannotHold(shape string) bool {
	for _, field := range notInRich {
		if rest, ok := strings.CutPrefix(shape, field); ok && (rest == "" || strings.ContainsAny(rest[:1], ".[=") || strings.HasPrefix(rest, "→")) {
			return true
		}
	}
	return false
}
