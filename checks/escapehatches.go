package checks

import (
	"fmt"
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

// walkRefs calls f for every reference in a raw JSON value, including the
// conditions named by Fn::If and Condition intrinsics.
func walkRefs(path string, v any, f func(path string, r schema.Ref)) {
	if r, _, ok := schema.AsAttrRef(v); ok {
		f(path, r)
		return
	}
	switch x := v.(type) {
	case map[string]any:
		if id := conditionID(x); id != "" {
			f(path, schema.Ref{Kind: conditionIDKind, Name: id})
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			walkRefs(path+"."+schema.Label(k), x[k], f)
		}
	case []any:
		for i, e := range x {
			walkRefs(fmt.Sprintf("%s[%d]", path, i), e, f)
		}
	}
}

func (c *Context) checkRef(path string, r schema.Ref) {
	if r.Kind == conditionIDKind {
		for name := range c.App.Conditions {
			if schema.ConditionID(name) == r.Name {
				return
			}
		}
		c.Report(path, "no condition %s is declared in conditions", r.Name)
		return
	}
	if _, ok := schema.KindOf(r.Kind); !ok {
		c.Report(path, "%q is not a kind of resource", r.Kind)
		return
	}
	if !c.App.Declared(r) {
		c.Report(path, "no %s named %s is declared", r.Kind, r.Name)
	}
}

func rawRefs(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		r := c.App.Resources[name]
		p := "resources." + name
		walkRefs(p+".properties", r.Properties, c.checkRef)

	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Overrides)) {
		for _, k := range slices.Sorted(maps.Keys(c.App.Overrides[name])) {
			walkRefs("overrides."+name+"."+schema.Label(k), c.App.Overrides[name][k], c.checkRef)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Conditions)) {
		cd := c.App.Conditions[name]
		p := "conditions." + name
		for i, v := range cd.Equals {
			if r, _, ok := v.Ref(); ok && r.Kind != "parameter" {
				c.Report(fmt.Sprintf("%s.equals[%d]", p, i), "a condition can compare parameters only, not a %s", r.Kind)
			}
		}
		refs := append(slices.Clone(cd.And), cd.Or...)
		if cd.Not != nil {
			refs = append(refs, *cd.Not)
		}
		for _, r := range refs {
			if r.Name == name {
				c.Report(p, "condition %s refers to itself", name)
			}
		}
		if btoi(cd.Equals != nil)+btoi(cd.Not != nil)+btoi(cd.And != nil)+btoi(cd.Or != nil) != 1 {
			c.Report(p, "a condition has exactly one of equals, not, and, or")
		}
	}
	for _, cr := range c.App.Conditionals() {
		c.checkRef(cr.Path+".condition", cr.Condition)
	}
	// A reference written as a literal {kind, name} anywhere else (an
	// async destination, an event's queue) must name a declaration too.
	c.eachDeclaration(func(path, _ string, entry any) {
		schema.Refs(entry, path, c.checkRef)
	})
}

func rawListed(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		c.Report("resources."+schema.Label(name), "raw %s, rendered as written: samgen checks its references only", c.App.Resources[name].Type)
	}
}

func rawModelled(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		r := c.App.Resources[name]
		if field, ok := modelledTypes[r.Type]; ok {
			c.Report("resources."+schema.Label(name)+".type", "samgen models %s: declare it in %s, with logicalId: %q to keep its ID", r.Type, field, schema.LogicalID(r.Ref))
		}
	}
}

// modelledTypes maps each CloudFormation type samgen renders from fields of
// its own (and the Lambda, Step Functions and API Gateway types the SAM
// ones become) to the collection of #App that declares one. Rules and
// subscriptions are not listed: samgen models some of their targets and
// protocols only.
var modelledTypes = map[string]string{
	"AWS::ApiGateway::RestApi":          "apis",
	"AWS::ApiGatewayV2::Api":            "httpApis",
	"AWS::CloudWatch::Alarm":            "alarms",
	"AWS::DynamoDB::Table":              "tables",
	"AWS::Events::EventBus":             "buses",
	"AWS::KMS::Key":                     "keys",
	"AWS::Kinesis::Stream":              "streams",
	"AWS::Lambda::CapacityProvider":     "capacityProviders",
	"AWS::Lambda::Function":             "functions",
	"AWS::Lambda::LayerVersion":         "layers",
	"AWS::Logs::LogGroup":               "logGroups",
	"AWS::S3::Bucket":                   "buckets",
	"AWS::SNS::Topic":                   "topics",
	"AWS::SQS::Queue":                   "queues",
	"AWS::Serverless::Api":              "apis",
	"AWS::Serverless::CapacityProvider": "capacityProviders",
	"AWS::Serverless::Function":         "functions",
	"AWS::Serverless::HttpApi":          "httpApis",
	"AWS::Serverless::LayerVersion":     "layers",
	"AWS::Serverless::SimpleTable":      "tables",
	"AWS::Serverless::StateMachine":     "stateMachines",
	"AWS::Serverless::WebSocketApi":     "webSocketApis",
	"AWS::StepFunctions::StateMachine":  "stateMachines",
}

// ModelledBy returns the collection of #App that declares resources of
// CloudFormation type typ, and whether samgen models the type.
func ModelledBy(typ string) (string, bool) {
	c, ok := modelledTypes[typ]
	return c, ok
}

// conditionIDKind marks a condition named by its template ID, in an
// intrinsic, rather than by a reference.
const conditionIDKind = "condition ID"

// conditionID returns the condition an Fn::If or Condition intrinsic names,
// or "".
func conditionID(m map[string]any) string {
	var id string
	switch {
	case len(m) != 1:
	case m["Condition"] != nil:
		id, _ = m["Condition"].(string)
	case m["Fn::If"] != nil:
		if args, ok := m["Fn::If"].([]any); ok && len(args) == 3 {
			id, _ = args[0].(string)
		}
	}
	return id
}
