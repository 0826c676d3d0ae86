package importer

import (
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func acceptRule(im *importer, id string, r cfn.Resource) string {
	if _, ok := r.Properties["Targets"].([]any); !ok {
		return "samgen rules have targets, and this one has none"
	}
	return ""
}

// ruleAbsorbs finds what samgen renders for a rule: the role its state
// machine targets assume, and the permissions of its function targets.
func ruleAbsorbs(im *importer, d *decl) []string {
	var out []string
	ruleArn := canon(cfn.GetAtt(d.id, "Arn"))
	for _, t := range cfn.List(d.res.Properties["Targets"]) {
		m, _ := t.(map[string]any)
		ga, _ := normalizeIntrinsics(m["RoleArn"]).(map[string]any)
		if args, ok := ga["Fn::GetAtt"].([]any); ok && len(args) == 2 && args[1] == "Arn" {
			if id, _ := args[0].(string); im.res[id].Type == "AWS::IAM::Role" && !contains(out, id) {
				out = append(out, id)
			}
		}
	}
	for _, id := range sortedIDs(im.res) {
		r := im.res[id]
		if r.Type != "AWS::Lambda::Permission" || r.Condition != d.res.Condition || canon(r.Properties["SourceArn"]) != ruleArn {
			continue
		}
		if r.Properties["Principal"] == "events.amazonaws.com" && r.Properties["Action"] == "lambda:InvokeFunction" && onlyKeys(r.Properties, "Action", "FunctionName", "Principal", "SourceArn") {
			out = append(out, id)
		}
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// rule imports an AWS::Events::Rule whose targets are each a queue, a
// topic, a state machine or a function of the app.
func (im *importer) rule(d *decl, p *bag) {
	o := d.spec
	targets := newObj()
	n := newNames()
	var roleID string
	for _, t := range cfn.List(d.res.Properties["Targets"]) {
		m, _ := t.(map[string]any)
		tid, _ := m["Id"].(string)
		key, derived := n.take(tid, "")
		if tid == "" || !derived {
			im.demote(d, "samgen derives a target's Id from its name, and target "+tid+" has no such name")
			return
		}
		to, role, ok := im.ruleTarget(d, key, m)
		if !ok {
			im.demote(d, "target "+tid+" is not a queue, topic, state machine or function samgen renders it for")
			return
		}
		if role != "" {
			roleID = role
		}
		targets.set(key, to)
	}
	p.take("Targets")
	if v, ok := p.take("Name"); ok {
		o.set("name", im.value(v, schema.AttrName))
	}
	if v, ok := p.take("Description"); ok {
		o.set("description", im.value(v, ""))
	}
	if v, ok := p.peek("EventPattern"); ok {
		if m, ok := v.(map[string]any); ok {
			p.take("EventPattern")
			o.set("pattern", im.document(m))
		}
	}
	if v, ok := p.take("ScheduleExpression"); ok {
		o.set("schedule", im.value(v, ""))
	}
	if v, ok := p.peek("EventBusName"); ok {
		if b, ok := im.busRef(v); ok {
			p.take("EventBusName")
			o.set("bus", b)
		}
	}
	switch s, _ := p.peek("State"); s {
	case "ENABLED":
		p.take("State")
	case "DISABLED":
		p.take("State")
		o.set("enabled", false)
	}
	o.set("targets", targets)
	if roleID != "" {
		if a := im.attrsOf(roleID, d.id+"Role", false); !a.empty() {
			o.set("role", a)
		}
	}
}

// ruleTarget reads one target of a rule.
func (im *importer) ruleTarget(d *decl, key string, m map[string]any) (*obj, string, bool) {
	b := newBag(m)
	b.take("Id")
	o := newObj()
	arn := m["Arn"]
	role := ""
	switch {
	case im.isKind(arn, "queue", schema.AttrArn):
		q, _ := im.refOf(arn, "queue", schema.AttrArn)
		o.set("queue", q.ref())
		if g, ok := b.take("SqsParameters", "MessageGroupId"); ok {
			o.set("messageGroupId", im.value(g, ""))
		}
	case im.isKind(arn, "topic", schema.AttrArn):
		t, _ := im.refOf(arn, "topic", schema.AttrArn)
		o.set("topic", t.ref())
	case im.isKind(arn, "function", schema.AttrArn):
		f, _ := im.refOf(arn, "function", schema.AttrArn)
		o.set("function", f.ref())
		perm := im.rulePermission(d, arn)
		if perm == "" {
			return nil, "", false
		}
		if a := im.attrsOf(perm, d.id+cfn.LogicalID(key, "Permission"), false); !a.empty() {
			o.set("permission", a)
		}
	default:
		sm, ok := im.refOf(arn, "stateMachine", schema.AttrArn)
		var r ref
		if ok {
			r = sm.ref()
		} else if id, _ := mapOf(arn)["Ref"].(string); id != "" && im.decls[id] != nil && im.decls[id].kind == "resource" &&
			(im.res[id].Type == "AWS::StepFunctions::StateMachine" || im.res[id].Type == "AWS::Serverless::StateMachine") {
			r = im.decls[id].ref()
		} else {
			return nil, "", false
		}
		ga, _ := normalizeIntrinsics(m["RoleArn"]).(map[string]any)
		args, _ := ga["Fn::GetAtt"].([]any)
		if len(args) != 2 {
			return nil, "", false
		}
		role, _ = args[0].(string)
		if im.absorbed[role] != d {
			return nil, "", false
		}
		b.take("RoleArn")
		o.set("stateMachine", r)
	}
	b.take("Arn")
	if v, ok := b.take("Input"); ok {
		o.set("input", im.value(v, ""))
	}
	if it, ok := b.peek("InputTransformer"); ok {
		t, ok := inputTransformer(it)
		if !ok {
			return nil, "", false
		}
		b.take("InputTransformer")
		o.set("transform", t)
	}
	im.intOpt(o, b, "retries", "RetryPolicy", "MaximumRetryAttempts")
	im.intOpt(o, b, "maxEventAge", "RetryPolicy", "MaximumEventAgeInSeconds")
	if dl, ok := b.peek("DeadLetterConfig"); ok {
		if dm, ok := dl.(map[string]any); ok && len(dm) == 1 {
			if q, ok := im.queueRef(b, "DeadLetterConfig", "Arn"); ok {
				o.set("deadLetter", q)
			}
		}
	}
	if !b.empty() {
		return nil, "", false
	}
	return o, role, true
}

// isKind reports whether v is attribute attr of a declaration of kind.
func (im *importer) isKind(v any, kind, attr string) bool {
	_, ok := im.refOf(v, kind, attr)
	return ok
}

// rulePermission returns the permission rule d absorbed for a function
// target of ARN arn.
func (im *importer) rulePermission(d *decl, arn any) string {
	for _, id := range d.absorbs {
		r := im.res[id]
		if r.Type == "AWS::Lambda::Permission" && (canon(r.Properties["FunctionName"]) == canon(arn) || functionNamed(r.Properties["FunctionName"], arn)) {
			return id
		}
	}
	return ""
}

// functionNamed reports whether name is !Ref of the function whose ARN
// is arn.
func functionNamed(name, arn any) bool {
	ga, _ := normalizeIntrinsics(arn).(map[string]any)
	args, _ := ga["Fn::GetAtt"].([]any)
	if len(args) != 2 {
		return false
	}
	return canon(name) == canon(cfn.Ref(args[0].(string)))
}

func acceptSubscription(im *importer, id string, r cfn.Resource) string {
	switch r.Properties["Protocol"] {
	case "sqs":
		return ""
	case "lambda":
		// A function's SNS event with a dead-letter queue, written as
		// samgen writes it, is taken by the function (asSNSEvent).
		return "a function subscribes through its sns event, which the importer reads from a lambda subscription only as samgen writes one: <Function><Event>, with a redrive policy and its permission"
	}
	return "samgen subscribes queues and functions only, and this subscription's protocol is neither sqs nor lambda"
}

// subscription imports an SNS → SQS subscription.
func (im *importer) subscription(d *decl, p *bag) {
	o := d.spec
	t, okT := im.refAt(p, "topic", "TopicArn")
	q, okQ := im.peekRef(p, "queue", "Endpoint")
	if !okT || !okQ {
		im.demote(d, "samgen subscribes a queue it declares to a topic, and this subscription's are not")
		return
	}
	p.take("Endpoint")
	p.take("Protocol")
	o.set("topic", t).set("queue", q)
	if b, ok := p.boolean("RawMessageDelivery"); ok {
		if b {
			o.set("raw", true)
		}
	}
	im.snsDelivery(o, p)
}

// peekRef returns the declaration (of kind, owned) whose ARN is at path.
func (im *importer) peekRef(p *bag, kind string, path ...string) (ref, bool) {
	v, ok := p.peek(path...)
	if !ok {
		return ref{}, false
	}
	d, ok := im.refOf(v, kind, schema.AttrArn)
	if !ok {
		return ref{}, false
	}
	return d.ref(), true
}

var _ = strings.Cut

// inputTransformer reads an EventBridge target's InputTransformer: its
// template, and the paths it names, if any (a rule's target and an
// EventBridge event take the same).
func inputTransformer(v any) (*obj, bool) {
	m, _ := v.(map[string]any)
	tmpl, ok := m["InputTemplate"].(string)
	if !ok || !onlyKeys(m, "InputTemplate", "InputPathsMap") {
		return nil, false
	}
	o := newObj()
	if pv, has := m["InputPathsMap"]; has {
		paths, ok := pv.(map[string]any)
		if !ok {
			return nil, false
		}
		po := newObj()
		for _, k := range sortedIDs(paths) {
			s, ok := paths[k].(string)
			if !ok {
				return nil, false
			}
			po.set(k, s)
		}
		o.set("paths", po)
	}
	return o.set("template", tmpl), true
}
