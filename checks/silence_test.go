package checks

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/specfixture"
	"samgen.dev/samgen/schema"
)

// checkSpec loads the spec of a rule case and runs the rules on it.
func checkSpec(t *testing.T, body string) diag.List {
	t.Helper()
	src := CaseSpec(body)
	dir := t.TempDir()
	specfixture.Sources(t, dir, src)
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inst, ds, err := schema.Load(dir, schema.Options{})
	if err != nil || inst == nil {
		t.Fatalf("load:\n%s\n%v %v", src, err, ds)
	}
	return Run(inst, Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
}

// TestSilence checks a silenced warning carries its reason, does not fail
// the check, and that defaults.function silences apply to every function.
func TestSilence(t *testing.T) {
	const silenced = "lint: ignore: SG801: \"sampled upstream\""
	for _, tc := range []struct {
		body string
		want int // silenced SG801 findings
	}{
		{defaultsWithout("tracing") + "\tfunctions: f: " + silenced + "\n", 1},
		{"\tdefaults: function: {\n\t\t" + goodDefaults["runtime"] + "\n\t\t" + goodDefaults["handler"] + "\n\t\t" + goodDefaults["memory"] +
			"\n\t\t" + goodDefaults["timeout"] + "\n\t\t" + goodDefaults["logging"] + "\n\t\t" + silenced + "\n\t}\n", 1},
		// A name that is not a CUE identifier.
		{defaultsWithout("tracing") + "\tfunctions: \"get-item\": {source: \"src\", " + silenced + "}\n\tfunctions: f: " + silenced + "\n", 2},
	} {
		ds := checkSpec(t, tc.body)
		n := 0
		for _, d := range ds {
			if d.Rule == "SG801" {
				n++
				if d.Silenced != "sampled upstream" {
					t.Errorf("SG801 not silenced: %+v", d)
				}
			}
		}
		if n != tc.want || ds.HasErrors(true) {
			t.Errorf("want %d silenced SG801 and no failure, got %+v", tc.want, ds)
		}
	}
}

// TestSilenceSource: a source a build step writes is acknowledged on its
// function or layer (SG124 and SG411 are acknowledgeable errors), with
// the reason shown and nothing failing.
func TestSilenceSource(t *testing.T) {
	src := CaseSpec("\tfunctions: g: {source: \"dist/g\", lint: ignore: SG124: \"built by make bundle\"}\n" +
		"\tlayers: l: {source: \"dist/l\", architectures: [\"x86_64\"], lint: ignore: SG411: \"built by make bundle\"}\n")
	dir := t.TempDir()
	// The source of CaseSpec's function f only: dist is not there.
	if err := os.Mkdir(filepath.Join(dir, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inst, lds, err := schema.Load(dir, schema.Options{})
	if err != nil || inst == nil {
		t.Fatalf("load:\n%s\n%v %v", src, err, lds)
	}
	ds := Run(inst, Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	n := 0
	for _, d := range ds {
		if d.Rule == "SG124" || d.Rule == "SG411" {
			n++
			if d.Silenced != "built by make bundle" {
				t.Errorf("%s not silenced: %+v", d.Rule, d)
			}
		}
	}
	if n != 2 || ds.HasErrors(true) {
		t.Errorf("want SG124 and SG411 silenced and no failure, got %+v", ds)
	}
}
