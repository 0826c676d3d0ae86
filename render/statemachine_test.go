package render_test

import (
	"maps"
	"slices"
	"testing"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
)

// TestStateMachineDefinitionsCfnLint validates every example's state
// machine definitions with cfn-lint's ASL schema (E3601). cfn-lint does not
// check the Definition of an AWS::Serverless::StateMachine (the SAM
// transform turns it into a DefinitionString, which it skips), so each one
// is linted as the Definition of a plain AWS::StepFunctions::StateMachine
// (definitionsTemplate), in the package's one cfn-lint run (lintAll).
func TestStateMachineDefinitionsCfnLint(t *testing.T) {
	t.Parallel()
	run := lintAll(t)
	if run.aslErr != nil {
		t.Fatal(run.aslErr)
	}
	for _, name := range slices.Sorted(maps.Keys(run.asl)) {
		t.Run(name, func(t *testing.T) {
			run.requireNoErrors(t, run.asl[name])
		})
	}
}

// definitionsTemplate returns a template of res's state machines'
// definitions, each the Definition of an AWS::StepFunctions::StateMachine,
// or nil when the example has no state machine.
func definitionsTemplate(res *engine.Result) *render.Template {
	if len(res.Inst.App.StateMachines) == 0 {
		return nil
	}
	asl := &render.Template{Resources: map[string]*render.Resource{}}
	for id, r := range res.Template.Resources {
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
	return asl
}
