package render_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// TestDefinitionFilesDeriveTheTypedRole writes every typed state machine of
// every example out to an ASL file (JSON and YAML in turn), with its
// substitutions turned back into references, loads it back as a
// definitionFile, and requires the same role: samgen's rendered policies,
// and the role SAM's translator makes of each template.
func TestDefinitionFilesDeriveTheTypedRole(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	var typed, filed []any
	var names []string
	n := 0
	for _, dir := range examples(t) {
		res := checked(t, dir, render.Options{})
		if len(res.Inst.App.StateMachines) == 0 {
			continue
		}
		body, err := render.JSON(res.Template)
		if err != nil {
			t.Fatal(err)
		}
		var tmpl map[string]any
		if err := json.Unmarshal(body, &tmpl); err != nil {
			t.Fatal(err)
		}
		resources := tmpl["Resources"].(map[string]any)
		// A second instance of the same spec, whose machines become
		// file-based.
		inst, ds, err := schema.Load(dir, schema.Options{Tags: exampleTags(dir)})
		if err != nil || inst == nil {
			t.Fatalf("%s: %v %v", dir, err, ds)
		}
		for _, name := range slices.Sorted(maps.Keys(inst.App.StateMachines)) {
			sm := inst.App.StateMachines[name]
			if sm.Definition != nil {
				continue // already read from a file (examples/asl-files)
			}
			id := schema.LogicalID(sm.Ref)
			props := resources[id].(map[string]any)["Properties"].(map[string]any)
			file := filepath.Join(tmp, fmt.Sprintf("%s-%s.asl.json", filepath.Base(dir), name))
			src, _ := json.MarshalIndent(props["Definition"], "", "  ")
			if n++; n%2 == 0 {
				file = file[:len(file)-len("json")] + "yaml"
				src = toYAML(t, props["Definition"])
			}
			if err := os.WriteFile(file, src, 0o644); err != nil {
				t.Fatal(err)
			}
			subs := map[string]schema.Value{}
			rendered, _ := props["DefinitionSubstitutions"].(map[string]any)
			for k, v := range rendered {
				subs[k] = backToValue(&inst.App, v)
			}
			sm.DefinitionFile, sm.DefinitionSubstitutions = file, subs
			// What a typed task states beside its API call has no place in
			// ASL: a team writing the file states it in statements.
			sm.Statements = append(sm.Statements, typedOnlyIAM(sm.States)...)
			inst.App.StateMachines[name] = sm
			inst.ReadDefinition(name)
			if p := inst.App.StateMachines[name].Definition.Problems; len(p) > 0 {
				t.Errorf("%s: %s read back: %v", dir, name, p)
			}
		}
		found := checks.Run(inst, checks.Options{Now: today})
		for _, d := range found {
			// SG520: the spec still holds the typed states the file was
			// made from.
			if d.Severity == diag.Error && d.Rule != "SG520" {
				t.Errorf("%s: %s %s: %s", filepath.Base(dir), d.Rule, d.Path, d.Msg)
			}
		}
		t2, _, err := render.Build(inst, render.Options{})
		if err != nil || t2 == nil {
			t.Fatalf("%s: render the file-based machines: %v", dir, err)
		}
		body2, _ := render.JSON(t2)
		var tmpl2 map[string]any
		if err := json.Unmarshal(body2, &tmpl2); err != nil {
			t.Fatal(err)
		}
		for _, name := range slices.Sorted(maps.Keys(inst.App.StateMachines)) {
			id := schema.LogicalID(inst.App.StateMachines[name].Ref)
			want := resources[id].(map[string]any)["Properties"].(map[string]any)["Policies"]
			got := tmpl2["Resources"].(map[string]any)[id].(map[string]any)["Properties"].(map[string]any)["Policies"]
			if !reflect.DeepEqual(statementSet(want), statementSet(got)) {
				w, _ := json.MarshalIndent(want, "", " ")
				g, _ := json.MarshalIndent(got, "", " ")
				t.Errorf("%s: %s from a file derives\n%s\nwant (typed)\n%s", filepath.Base(dir), name, g, w)
			}
		}
		typed = append(typed, string(body))
		filed = append(filed, string(body2))
		names = append(names, filepath.Base(dir))
	}
	if len(names) == 0 {
		t.Fatal("no example has a state machine")
	}
	// The oracle: the roles SAM makes of both templates.
	stdin, _ := json.Marshal(append(typed, filed...))
	var roles []map[string]any
	if out := runSAM(t, rolesScript, stdin); json.Unmarshal(out, &roles) != nil || len(roles) != 2*len(names) {
		t.Fatalf("translator output: %s", out)
	}
	for i, name := range names {
		if !reflect.DeepEqual(roles[i], roles[len(names)+i]) {
			t.Errorf("%s: SAM's roles differ:\ntyped %v\nfile  %v", name, roles[i], roles[len(names)+i])
		}
	}
}

// backToValue turns a rendered substitution back into the value a spec
// gives: the reference (and attribute) of a declared resource for an
// intrinsic naming one, else the value as rendered.
func backToValue(a *schema.App, v any) schema.Value {
	var found schema.Value
	a.Each(func(k schema.Kind, path string, d schema.Decl) {
		if k.Suffix == "" || !found.IsZero() {
			return
		}
		for _, attr := range []string{schema.AttrArn, schema.AttrName, schema.AttrURL} {
			if x, err := a.Resolve(d.Ref, attr); err == nil && reflect.DeepEqual(normal(x), v) {
				found = schema.V(map[string]any{"ref": map[string]any{"kind": d.Ref.Kind, "name": d.Ref.Name}, "attr": attr})
				return
			}
		}
	})
	if found.IsZero() {
		return schema.V(v)
	}
	return found
}

// normal is x in its decoded JSON form.
func normal(x any) any {
	b, _ := json.Marshal(x)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func toYAML(t *testing.T, x any) []byte {
	t.Helper()
	out, err := yaml.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// typedOnlyIAM is what typed tasks grant that no ASL parameter says: the
// roles an ECS task passes, the statements of an AWS SDK task.
func typedOnlyIAM(states map[string]schema.State) []schema.Statement {
	var out []schema.Statement
	for _, name := range slices.Sorted(maps.Keys(states)) {
		s := states[name]
		if len(s.PassRoles) > 0 {
			out = append(out, schema.Statement{Actions: []string{"iam:PassRole"}, Resources: s.PassRoles,
				Conditions: map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "ecs-tasks.amazonaws.com"}}})
		}
		for _, st := range s.IAM {
			var res []schema.Value
			for _, r := range st.Resources {
				res = append(res, schema.V(r))
			}
			out = append(out, schema.Statement{Actions: st.Actions, Resources: res})
		}
		for _, br := range s.Branches {
			out = append(out, typedOnlyIAM(br.States)...)
		}
		if s.ItemProcessor != nil {
			out = append(out, typedOnlyIAM(s.ItemProcessor.States)...)
		}
	}
	return out
}

// statementSet is the statements of rendered Policies, sorted: a file's
// statements may come in another order.
func statementSet(policies any) []string {
	var out []string
	for _, p := range anyList(policies) {
		doc, _ := p.(map[string]any)
		for _, s := range anyList(doc["Statement"]) {
			b, _ := json.Marshal(s)
			out = append(out, string(b))
		}
	}
	slices.Sort(out)
	return out
}

func anyList(x any) []any {
	l, _ := x.([]any)
	return l
}
