package render_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/cfnlint"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// TestStateMachineDefinitionsCfnLint validates every example's state
// machine definitions with cfn-lint's ASL schema (E3601). cfn-lint does not
// check the Definition of an AWS::Serverless::StateMachine (the SAM
// transform turns it into a DefinitionString, which it skips), so each one
// is linted as the Definition of a plain AWS::StepFunctions::StateMachine.
func TestStateMachineDefinitionsCfnLint(t *testing.T) {
	t.Parallel()
	bin := cfnlint.Bin(t)
	tmp := t.TempDir()
	files := map[string]string{} // example name -> its definitions' template
	for _, dir := range examples(t) {
		inst, err := schema.Load(dir, schema.Options{Tags: exampleTags(dir)})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if len(inst.App.StateMachines) == 0 {
			continue
		}
		full, err := render.Build(inst, render.Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		asl := &render.Template{Resources: map[string]*render.Resource{}}
		for id, r := range full.Resources {
			if r.Type != "AWS::Serverless::StateMachine" {
				continue
			}
			subs := map[string]any{}
			for k := range r.Properties["DefinitionSubstitutions"].(map[string]any) {
				subs[k] = "value"
			}
			asl.Resources[id] = &render.Resource{Type: "AWS::StepFunctions::StateMachine", Properties: map[string]any{
				"Definition":              r.Properties["Definition"],
				"DefinitionSubstitutions": subs,
				"RoleArn":                 "arn:aws:iam::123456789012:role/samgen-test",
			}}
		}
		out, err := render.YAML(asl)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		name := filepath.Base(dir)
		files[name] = filepath.Join(tmp, name+"-asl.yaml")
		if err := os.WriteFile(files[name], out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	found := lintTemplates(t, bin, slices.Collect(maps.Values(files)))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		t.Run(name, func(t *testing.T) {
			requireNoLintErrors(t, found, files[name])
		})
	}
}

// TestStateMachineRoleMatchesExplain checks, for every example state
// machine, that the rendered role grants exactly what `samgen explain`
// derives from its tasks and logging: no action beyond them. (Tracing is
// SAM's own managed policy, not in the rendered Policies.)
func TestStateMachineRoleMatchesExplain(t *testing.T) {
	t.Parallel()
	for _, dir := range examples(t) {
		inst, err := schema.Load(dir, schema.Options{Tags: exampleTags(dir)})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		full, err := render.Build(inst, render.Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for name, sm := range inst.App.StateMachines {
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				want := map[string]bool{}
				rows, err := policies.ExplainStateMachine(&inst.App, name)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range rows {
					if !strings.HasPrefix(r.Source, "tracing ") {
						want[r.Action+" on "+r.Resource] = true
					}
				}
				got := map[string]bool{}
				props := full.Resources[schema.LogicalID(sm.Ref)].Properties
				pols, _ := props["Policies"].([]any)
				for _, p := range pols {
					for _, st := range p.(map[string]any)["Statement"].([]any) {
						s := st.(map[string]any)
						res, ok := s["Resource"].([]any)
						if !ok {
							res = []any{s["Resource"]}
						}
						for _, a := range s["Action"].([]any) {
							for _, r := range res {
								got[a.(string)+" on "+policies.Format(r)] = true
							}
						}
					}
				}
				for k := range got {
					if !want[k] {
						t.Errorf("the role grants %s, which no task, logging or tracing needs", k)
					}
				}
				for k := range want {
					if !got[k] {
						t.Errorf("the role lacks %s", k)
					}
				}
			})
		}
	}
}
