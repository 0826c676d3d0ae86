package review

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// Role is an IAM role of a template after SAM's transform, with what it
// grants: the role's own policies, and for a role SAM generates, its
// policy templates expanded and what SAM adds for the resource's logging,
// tracing, VPC, event sources, destinations and dead-letter target. It is
// what `samgen explain` lists, read from a template instead of a spec
// (TestRolesMatchExplain and TestRolesMatchTranslator hold them equal).
type Role struct {
	// ID is the role's logical ID after the transform.
	ID string
	// For is the template resource SAM generates it for; "" for a role
	// of the template.
	For    string
	Grants []Grant
}

// Grant is one action on one resource, or a managed policy (Action
// "(managed policy)", Resource its name or ARN) whose document samgen
// does not know.
type Grant struct {
	Action string
	// Resource is formatted as explain writes it: `${OrdersTable.Arn}`.
	Resource string
	// Source is what grants it: "Policies[0] DynamoDBWritePolicy",
	// "events.Jobs (AWSLambdaSQSQueueExecutionRole)".
	Source string
	// Managed is the AWS managed policy SAM attaches that grants it, ""
	// for an inline grant.
	Managed string
}

// ManagedPolicy is the Action of a grant of a managed policy samgen does
// not know the document of.
const ManagedPolicy = "(managed policy)"

func (g Grant) key() string { return g.Action + " on " + g.Resource }

// Roles returns the roles of t after SAM's transform, by logical ID.
// Unreadable policies (a statement that is not a mapping, a policy
// template with missing parameters) are errors.
func Roles(t *cfn.Template) (map[string]*Role, error) {
	res := t.Resources
	if t.Serverless() {
		res = effective(t)
	}
	roles := map[string]*Role{}
	var errs []string
	fail := func(id string, err error) { errs = append(errs, id+": "+err.Error()) }
	role := func(id, of string) *Role {
		if roles[id] == nil {
			roles[id] = &Role{ID: id, For: of}
		}
		return roles[id]
	}
	ids := slices.Sorted(maps.Keys(res))
	for _, id := range ids {
		r := res[id]
		p := r.Properties
		switch {
		case r.Type == "AWS::IAM::Role":
			ro := role(id, "")
			for i, pol := range cfn.List(p["Policies"]) {
				doc, _ := pol.(map[string]any)
				if err := ro.statements(fmt.Sprintf("Policies[%d]", i), doc["PolicyDocument"]); err != nil {
					fail(id, err)
				}
			}
			for _, m := range cfn.List(p["ManagedPolicyArns"]) {
				ro.managedPolicy("ManagedPolicyArns", policies.Format(m))
			}
		case !t.Serverless():
		case r.Type == "AWS::Serverless::Function":
			if err := functionRoles(id, p, role); err != nil {
				fail(id, err)
			}
		case r.Type == "AWS::Serverless::StateMachine":
			if err := stateMachineRoles(id, p, role); err != nil {
				fail(id, err)
			}
		case r.Type == "AWS::Serverless::CapacityProvider" && p["OperatorRole"] == nil:
			// The role Lambda manages the instances with
			// (samtranslator/model/capacity_provider/generators.py).
			role(id+"OperatorRole", id).managedPolicy("operator", "AWSLambdaManagedEC2ResourceOperator")
		}
		if r.Type == "AWS::Serverless::Function" && t.Serverless() {
			if dp, ok := p["DeploymentPreference"].(map[string]any); ok && dp["Role"] == nil {
				// One role for every gradual deployment of the template
				// (samtranslator/model/preferences/deployment_preference_collection.py).
				if ro := role("CodeDeployServiceRole", ""); len(ro.Grants) == 0 {
					ro.managedPolicy("DeploymentPreference", "AWSCodeDeployRoleForLambda")
				}
			}
		}
	}
	// Policies attached to roles by reference, once every role is known.
	for _, id := range ids {
		r := res[id]
		if r.Type != "AWS::IAM::Policy" && r.Type != "AWS::IAM::ManagedPolicy" {
			continue
		}
		for _, ref := range cfn.List(r.Properties["Roles"]) {
			if rid, ok := refID(ref); ok && roles[rid] != nil {
				if err := roles[rid].statements(id, r.Properties["PolicyDocument"]); err != nil {
					fail(id, err)
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return roles, nil
}

func functionRoles(id string, p map[string]any, role func(id, of string) *Role) error {
	events, _ := p["Events"].(map[string]any)
	for _, ev := range slices.Sorted(maps.Keys(events)) {
		e, _ := events[ev].(map[string]any)
		if e["Type"] != "ScheduleV2" {
			continue
		}
		ep, _ := e["Properties"].(map[string]any)
		if ep["RoleArn"] != nil {
			continue
		}
		// The role EventBridge Scheduler assumes to invoke the function.
		ro := role(id+ev+"Role", id)
		ro.add("events."+ev, "lambda:InvokeFunction", cfn.GetAtt(id, "Arn"), "")
		if dl, ok := ep["DeadLetterConfig"].(map[string]any); ok && dl["Arn"] != nil {
			ro.add("events."+ev+".DeadLetterConfig", "sqs:SendMessage", dl["Arn"], "")
		}
	}
	if p["Role"] != nil {
		return nil
	}
	ro := role(id+"Role", id)
	if p["DurableConfig"] != nil {
		// SAM attaches the durable execution policy instead of the basic
		// one: it adds the checkpoint actions.
		ro.managed("logging", "AWSLambdaBasicDurableExecutionRolePolicy")
	} else {
		ro.managed("logging", "AWSLambdaBasicExecutionRole")
	}
	if tr, _ := p["Tracing"].(string); tr != "" && tr != "Disabled" {
		ro.managed("tracing", "AWSXrayWriteOnlyAccess")
	}
	if p["VpcConfig"] != nil {
		ro.managed("vpc", "AWSLambdaVPCAccessExecutionRole")
	}
	if err := ro.samPolicies(p["Policies"]); err != nil {
		return err
	}
	for _, ev := range slices.Sorted(maps.Keys(events)) {
		e, _ := events[ev].(map[string]any)
		samType, _ := e["Type"].(string)
		i := slices.IndexFunc(schema.EventTypes, func(t schema.EventType) bool { return t.SAMType == samType })
		if i < 0 {
			continue
		}
		src := "events." + ev
		if mp := schema.EventTypes[i].ManagedPolicy; mp != "" {
			ro.managed(src, mp)
		}
		ep, _ := e["Properties"].(map[string]any)
		ro.samEventGrants(src, samType, ep)
		dc, _ := ep["DestinationConfig"].(map[string]any)
		ro.deliver(src+".OnFailure", dc["OnFailure"], func(k schema.Kind) *schema.Delivery {
			if k.StreamFailure != nil && k.StreamFailure.ByRender {
				return nil // samgen renders those grants: they are in Policies
			}
			return k.StreamFailure
		})
	}
	eic, _ := p["EventInvokeConfig"].(map[string]any)
	dests, _ := eic["DestinationConfig"].(map[string]any)
	for _, on := range []string{"OnSuccess", "OnFailure"} {
		ro.deliver("EventInvokeConfig."+on, dests[on], func(k schema.Kind) *schema.Delivery { return k.Destination })
	}
	if dlq, ok := p["DeadLetterQueue"].(map[string]any); ok {
		ro.deliver("DeadLetterQueue", map[string]any{"Type": dlq["Type"], "Destination": dlq["TargetArn"]}, func(k schema.Kind) *schema.Delivery { return k.DeadLetter })
	}
	return nil
}

func stateMachineRoles(id string, p map[string]any, role func(id, of string) *Role) error {
	events, _ := p["Events"].(map[string]any)
	for _, ev := range slices.Sorted(maps.Keys(events)) {
		// The role the rule, schedule or API assumes to start executions.
		ro := role(id+ev+"Role", id)
		ro.add("events."+ev, "states:StartExecution", cfn.Ref(id), "")
		// SAM lets a schedule's role send to its dead-letter queue.
		e, _ := events[ev].(map[string]any)
		if ep, _ := e["Properties"].(map[string]any); e["Type"] == "ScheduleV2" {
			if dl, ok := ep["DeadLetterConfig"].(map[string]any); ok && dl["Arn"] != nil {
				ro.add("events."+ev+".DeadLetterConfig", "sqs:SendMessage", dl["Arn"], "")
			}
		}
	}
	if p["Role"] != nil {
		return nil
	}
	ro := role(id+"Role", id)
	if tr, _ := p["Tracing"].(map[string]any); tr["Enabled"] == true {
		ro.managed("tracing", "AWSXrayWriteOnlyAccess")
	}
	return ro.samPolicies(p["Policies"])
}

// samPolicies adds what a SAM Policies value grants: managed policies by
// name or ARN, policy templates expanded, policy documents.
func (ro *Role) samPolicies(v any) error {
	for i, pol := range cfn.List(v) {
		src := fmt.Sprintf("Policies[%d]", i)
		switch x := pol.(type) {
		case string:
			if _, ok := policies.ManagedActions(x); ok {
				ro.managed(src, x)
			} else {
				ro.managedPolicy(src, x)
			}
		case map[string]any:
			if _, ok := x["Statement"]; ok {
				if err := ro.statements(src, x); err != nil {
					return err
				}
				continue
			}
			if len(x) == 1 {
				name := slices.Collect(maps.Keys(x))[0]
				if tpl, ok := policies.Lookup(name); ok {
					args, _ := x[name].(map[string]any)
					ss, err := tpl.Expand(args)
					if err != nil {
						return fmt.Errorf("%s: %w", src, err)
					}
					for _, s := range ss {
						ro.statement(src+" "+name, s)
					}
					continue
				}
			}
			ro.managedPolicy(src, policies.Format(x))
		}
	}
	return nil
}

// statements adds the statements of a policy document.
func (ro *Role) statements(src string, doc any) error {
	d, _ := doc.(map[string]any)
	for _, raw := range cfn.List(d["Statement"]) {
		s, err := policies.ParseStatement(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		ro.statement(src, s)
	}
	return nil
}

func (ro *Role) statement(src string, s *policies.Statement) {
	for _, a := range s.Action {
		if s.Effect != "Allow" {
			a = s.Effect + " " + a
		}
		for _, r := range s.Resource {
			ro.add(src, a, r, "")
		}
	}
}

// deliver adds the grants SAM gives a role for a delivery target
// ({Type, Destination}), per the kind whose delivery of that type it is.
func (ro *Role) deliver(src string, target any, delivery func(schema.Kind) *schema.Delivery) {
	m, _ := target.(map[string]any)
	typ, _ := m["Type"].(string)
	if typ == "" || m["Destination"] == nil {
		return
	}
	for _, k := range schema.Kinds {
		d := delivery(k)
		if d == nil || d.Type != typ {
			continue
		}
		for _, g := range d.Grants {
			r := m["Destination"]
			if str, ok := r.(string); ok {
				r = str + g.Suffix
			} else if g.Suffix != "" {
				r = cfn.Join("", r, g.Suffix)
			}
			ro.add(src, g.Action, r, "")
		}
		return
	}
}

// managed adds the grants of an AWS managed policy SAM attaches.
func (ro *Role) managed(src, policy string) {
	acts, _ := policies.ManagedActions(policy)
	for _, a := range acts {
		ro.add(src+" ("+policy+")", a, "*", policy)
	}
}

// managedPolicy adds a managed policy samgen does not know the document
// of.
func (ro *Role) managedPolicy(src, policy string) {
	ro.Grants = append(ro.Grants, Grant{Action: ManagedPolicy, Resource: policy, Source: src})
}

func (ro *Role) add(src, action string, resource any, managed string) {
	ro.Grants = append(ro.Grants, Grant{Action: action, Resource: policies.Format(resource), Source: src, Managed: managed})
}
