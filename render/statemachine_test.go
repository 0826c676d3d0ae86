package render_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"samgen.dev/samgen/internal/cfnlint"
	"samgen.dev/samgen/render"
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
		res := check(t, dir, render.Options{})
		if len(res.Inst.App.StateMachines) == 0 {
			continue
		}
		full := res.Template
		asl := &render.Template{Resources: map[string]*render.Resource{}}
		for id, r := range full.Resources {
			if r.Type != "AWS::Serverless::StateMachine" {
				continue
			}
			props := map[string]any{
				"Definition": r.Properties["Definition"],
				"RoleArn":    "arn:aws:iam::123456789012:role/samgen-test",
			}
			// A definition without ${...} has no substitutions, and
			// CloudFormation takes no empty map.
			if given, _ := r.Properties["DefinitionSubstitutions"].(map[string]any); len(given) > 0 {
				subs := map[string]any{}
				for k := range given {
					subs[k] = "value"
				}
				props["DefinitionSubstitutions"] = subs
			}
			asl.Resources[id] = &render.Resource{Type: "AWS::StepFunctions::StateMachine", Properties: props}
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
