package render_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// TestStateMachineDefinitionsCfnLint validates every example's state
// machine definitions with cfn-lint's ASL schema (E3601). cfn-lint does not
// check the Definition of an AWS::Serverless::StateMachine (the SAM
// transform turns it into a DefinitionString, which it skips), so each one
// is linted as the Definition of a plain AWS::StepFunctions::StateMachine.
func TestStateMachineDefinitionsCfnLint(t *testing.T) {
	bin := cfnLint(t)
	for _, dir := range examples(t) {
		inst, err := schema.Load(dir, schema.Options{Tags: exampleTags(dir)})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if len(inst.App.StateMachines) == 0 {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			full, err := render.Build(inst, render.Options{})
			if err != nil {
				t.Fatal(err)
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
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "asl.yaml")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			msg, err := exec.Command(bin, "--format", "parseable", file).CombinedOutput()
			var ee *exec.ExitError
			if errors.As(err, &ee) && ee.ExitCode()&2 != 0 {
				t.Errorf("cfn-lint found errors in the definitions:\n%s", msg)
			} else if err != nil && !errors.As(err, &ee) {
				t.Fatalf("cfn-lint: %v\n%s", err, msg)
			}
		})
	}
}
