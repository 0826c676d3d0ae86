package render_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/cfnschema"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/schema"
)

// TestExampleEscapeHatches, over every example:
//   - overrides are checked against the property schema of the resource's
//     type, so every type samgen renders (raw resources aside) has one in
//     internal/cfnschema;
//   - the type a raw resource would need to stand for a declared one is
//     known to SG735, for every kind samgen renders;
//   - an example's raw resources are of types samgen does not model (no
//     SG735), its overrides set only properties samgen does not render,
//     and vet lists each raw resource (SG734) and each override (SG716).
func TestExampleEscapeHatches(t *testing.T) {
	t.Parallel()
	missing := map[string]string{}
	kinds := map[string]bool{}
	for _, dir := range exampletest.Dirs(t) {
		name := filepath.Base(dir)
		res := exampletest.Check(t, dir)
		app := &res.Inst.App
		listed := map[string]string{}
		for _, d := range res.Diags {
			listed[d.Rule+" "+d.Path] = d.Msg
			// An example's raw resource is of a type samgen does not
			// model, and its override sets a property samgen does not
			// render, discarding none of the IAM it derives.
			if d.Rule == "SG735" || d.Rule == "SG716" && (strings.Contains(d.Msg, "replacing") || strings.Contains(d.Msg, "discarding")) {
				t.Errorf("%s: %s: %s", name, d.Path, d.Msg)
			}
		}
		raw := map[string]bool{}
		for n, r := range app.Resources {
			raw[schema.LogicalID(r.Ref)] = true
			if _, ok := listed["SG734 app.resources."+schema.Label(n)]; !ok {
				t.Errorf("%s: vet does not list raw resource %s", name, n)
			}
		}
		for id, props := range app.Overrides {
			for p := range props {
				if _, ok := listed["SG716 app.overrides."+id+"."+schema.Label(p)]; !ok {
					t.Errorf("%s: vet does not list the override %s of %s", name, p, id)
				}
			}
		}
		for id, r := range res.Template.Resources {
			if !raw[id] && !cfnschema.HasProperties(r.Type) {
				missing[r.Type] = name + " " + id
			}
		}
		app.Each(func(k schema.Kind, path string, d schema.Decl) {
			r, ok := res.Template.Resources[schema.LogicalID(d.Ref)]
			if !d.Owned || k.Collection == "resources" || !ok {
				return
			}
			kinds[k.Collection] = true
			if c, ok := checks.ModelledBy(r.Type); !ok || c != k.Collection {
				t.Errorf("%s: %s renders %s, which SG735 maps to %q", name, path, r.Type, c)
			}
		})
	}
	if len(kinds) < 10 {
		t.Errorf("the examples render only %d kinds: %v", len(kinds), slices.Sorted(maps.Keys(kinds)))
	}
	for _, typ := range slices.Sorted(maps.Keys(missing)) {
		t.Errorf("no property schema for %s (%s): add it to internal/cfnschema/properties.txt and run python3 scripts/cfnschemas.py", typ, missing[typ])
	}
}

// TestScenarioTypesHaveSchemas: every type the CLI scenarios render, but
// their raw resources' (whose type the spec names), has a property schema.
func TestScenarioTypesHaveSchemas(t *testing.T) {
	t.Parallel()
	specs := scenarioSpecs(t)
	for name, text := range scriptTemplates(t) {
		var tmpl struct {
			Resources map[string]struct{ Type string }
		}
		if err := yaml.Unmarshal(text, &tmpl); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		spec := specs[strings.SplitN(name, "/", 2)[0]]
		for _, id := range slices.Sorted(maps.Keys(tmpl.Resources)) {
			typ := tmpl.Resources[id].Type
			if !cfnschema.HasProperties(typ) && !strings.Contains(spec, `type: "`+typ+`"`) {
				t.Errorf("no property schema for %s (%s %s): add it to internal/cfnschema/properties.txt and run python3 scripts/cfnschemas.py", typ, name, id)
			}
		}
	}
}

// scenarioSpecs returns the text of each CLI scenario, by name.
func scenarioSpecs(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../cmd/samgen/testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".txtar")] = string(b)
	}
	return out
}
