package importer

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// State machines: an AWS::Serverless::StateMachine with an inline
// definition becomes typed states when every state maps; one that does
// not (a definition file, a Task of an integration samgen does not type)
// is a raw resource. What the machine's role grants samgen derives from
// the states: where the template grants otherwise, the verification
// overrides Policies.

func acceptStateMachine(im *importer, id string, r cfn.Resource) string {
	if _, ok := r.Properties["Definition"].(map[string]any); !ok {
		return "its definition is neither inline nor a local file that reads as ASL (DefinitionUri)"
	}
	return ""
}

// stateMachineAbsorbs is the machine's log group, when samgen renders it
// alike: its Logging names it, and it is named as samgen names it.
func stateMachineAbsorbs(im *importer, d *decl) []string {
	if id := im.stateMachineLogGroup(d); id != "" {
		return []string{id}
	}
	return nil
}

func (im *importer) stateMachineLogGroup(d *decl) string {
	l, _ := d.res.Properties["Logging"].(map[string]any)
	dests, _ := l["Destinations"].([]any)
	if len(dests) != 1 {
		return ""
	}
	dm, _ := dests[0].(map[string]any)
	cw, _ := dm["CloudWatchLogsLogGroup"].(map[string]any)
	ga, _ := normalizeIntrinsics(cw["LogGroupArn"]).(map[string]any)
	parts, _ := ga["Fn::GetAtt"].([]any)
	if len(parts) != 2 || parts[1] != "Arn" {
		return ""
	}
	id, _ := parts[0].(string)
	r, ok := im.res[id]
	if !ok || r.Type != "AWS::Logs::LogGroup" || !onlyKeys(r.Properties, "LogGroupName", "RetentionInDays") {
		return ""
	}
	if _, ok := r.Properties["RetentionInDays"]; !ok {
		return ""
	}
	return id
}

func (im *importer) stateMachine(d *decl, p *bag) {
	o := d.spec
	def, _ := d.res.Properties["Definition"].(map[string]any)
	subs, _ := d.res.Properties["DefinitionSubstitutions"].(map[string]any)
	sm := &aslImport{im: im, subs: subs, policies: d.res.Properties["Policies"]}
	sm.ql, _ = def["QueryLanguage"].(string)
	if t, ok := p.peek("Type"); ok && (t == "STANDARD" || t == "EXPRESS") {
		p.take("Type")
		if t == "EXPRESS" {
			o.set("type", t)
		}
	}
	im.nameField(d, p, "Name")
	for _, k := range []string{"Comment", "QueryLanguage"} {
		if s, ok := def[k].(string); ok {
			o.set(lowerFirst(k), s)
		}
	}
	start, _ := def["StartAt"].(string)
	states, ok := sm.states(def["States"])
	for k := range def {
		if !slices.Contains([]string{"Comment", "QueryLanguage", "StartAt", "States", "TimeoutSeconds"}, k) {
			ok, sm.why = false, "its definition has "+k
		}
	}
	if !ok || start == "" {
		im.demote(d, "a state does not map to samgen's typed states ("+sm.why+")")
		return
	}
	o.set("startAt", start)
	o.set("states", states)
	if n, ok := intOf(def["TimeoutSeconds"]); ok {
		o.set("timeout", n)
	}
	p.take("Definition")
	if len(subs) > 0 {
		for name := range subs {
			if !sm.used[name] {
				im.demote(d, "its DefinitionSubstitutions has "+name+", which no state uses")
				return
			}
		}
		p.take("DefinitionSubstitutions")
	}
	if v, ok := p.peek("Tracing", "Enabled"); ok {
		if b, ok := v.(bool); ok {
			p.take("Tracing", "Enabled")
			if b {
				o.set("tracing", true)
			}
		}
	}
	im.samTagsField(o, p)
	// samgen derives the role's grants from the states; where the
	// template grants otherwise, the verification overrides Policies.
	p.take("Policies")
	im.stateMachineLogging(d, p)
	im.stateMachineEvents(d, p)
}

// stateMachineLogging writes logging from the Logging the machine has and
// the log group it absorbs.
func (im *importer) stateMachineLogging(d *decl, p *bag) {
	if len(d.absorbs) == 0 {
		return
	}
	l, _ := p.peek("Logging")
	lm, _ := l.(map[string]any)
	level, _ := lm["Level"].(string)
	data, isBool := lm["IncludeExecutionData"].(bool)
	if !isBool || !slices.Contains([]string{"ALL", "ERROR", "FATAL"}, level) || len(lm) != 3 {
		return
	}
	p.take("Logging")
	lg := newObj()
	if level != "ERROR" {
		lg.set("level", level)
	}
	if data {
		lg.set("includeExecutionData", true)
	}
	id := d.absorbs[0]
	ret := im.res[id].Properties["RetentionInDays"]
	if n, ok := intOf(ret); !ok || n != 30 {
		lg.set("retention", intOrValue(im, ret))
	}
	derived := schema.StateMachineLogGroupID(d.schemaRef(), nil)
	if a := im.attrsOf(id, derived, true); !a.empty() {
		lg.set("logGroup", a)
	}
	d.spec.set("logging", lg)
}

// aslImport maps the states of one definition.
type aslImport struct {
	im   *importer
	subs map[string]any
	// policies are the machine's Policies in the template, where an SDK
	// task's statements are.
	policies any
	used     map[string]bool
	// ql is the definition's query language.
	ql string
	// why says what did not map.
	why string
}

// stateKeys are the ASL fields of a state that map one to one, by their
// samgen name; Task states' resources and parameters are mapped apart.
var stateKeys = []string{
	"Type", "Comment", "Next", "End", "QueryLanguage", "InputPath", "OutputPath", "ResultPath",
	"ResultSelector", "Output", "Assign", "TimeoutSeconds", "HeartbeatSeconds", "Result", "Seconds",
	"Timestamp", "SecondsPath", "TimestampPath", "Default", "ItemsPath", "Items", "ItemSelector",
	"MaxConcurrency", "Error", "Cause", "ErrorPath", "CausePath",
}

func (a *aslImport) fail(format string, args ...any) bool {
	if a.why == "" {
		a.why = fmt.Sprintf(format, args...)
	}
	return false
}

func (a *aslImport) states(v any) (*obj, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, a.fail("no states")
	}
	out := newObj()
	for _, name := range sortedIDs(m) {
		sm, ok := m[name].(map[string]any)
		if !ok {
			return nil, a.fail("state %s is not a mapping", name)
		}
		s, ok := a.state(name, sm)
		if !ok {
			return nil, false
		}
		out.set(name, s)
	}
	return out, true
}

func (a *aslImport) state(name string, m map[string]any) (any, bool) {
	o := newObj()
	typ, _ := m["Type"].(string)
	for _, k := range sortedIDs(m) {
		v := m[k]
		switch {
		case slices.Contains(stateKeys, k):
			if _, isMap := v.(map[string]any); isMap || k == "Result" || k == "Items" || k == "Output" {
				x, ok := a.json(v)
				if !ok {
					return nil, a.fail("state %s: %s", name, k)
				}
				v = x
			} else if n, ok := intOf(v); ok {
				v = n
			}
			o.set(lowerFirst(k), v)
		case k == "Retry":
			l, ok := a.camelList(v, []string{"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy"})
			if !ok {
				return nil, a.fail("state %s: Retry", name)
			}
			o.set("retry", l)
		case k == "Catch":
			l, ok := a.camelList(v, []string{"ErrorEquals", "Next", "ResultPath"})
			if !ok {
				return nil, a.fail("state %s: Catch", name)
			}
			o.set("catch", l)
		case k == "Choices":
			l, ok := v.([]any)
			if !ok {
				return nil, a.fail("state %s: Choices", name)
			}
			var cs []any
			for _, c := range l {
				cm, ok := c.(map[string]any)
				if !ok {
					return nil, a.fail("state %s: a choice", name)
				}
				cs = append(cs, choiceRule(cm))
			}
			o.set("choices", cs)
		case k == "Branches":
			l, _ := v.([]any)
			var bs []any
			for _, b := range l {
				bo, ok := a.branch(b)
				if !ok {
					return nil, a.fail("state %s: a branch", name)
				}
				bs = append(bs, bo)
			}
			o.set("branches", bs)
		case k == "ItemProcessor":
			bo, ok := a.branch(v)
			if !ok {
				return nil, a.fail("state %s: ItemProcessor", name)
			}
			o.set("itemProcessor", bo)
		case (k == "Parameters" || k == "Arguments") && typ != "Task":
			x, ok := a.json(v)
			if !ok {
				return nil, a.fail("state %s: %s", name, k)
			}
			o.set(lowerFirst(k), x)
		case k == "Resource" || k == "Parameters" || k == "Arguments":
			// The Task's, below.
		default:
			return nil, a.fail("state %s has %s", name, k)
		}
	}
	// The type first, as one writes a state.
	slices.SortStableFunc(o.fields, func(x, y *field) int {
		return boolInt(y.label == "type") - boolInt(x.label == "type")
	})
	if typ == "Task" {
		def, ok := a.task(name, m, o)
		if !ok {
			return nil, false
		}
		// The definition sets the type.
		o.unset("type")
		return typed{def, o}, true
	}
	return o, true
}

// choiceRule is a choice rule in camelCase, recursing only into nested
// rules, as render's pascalKeys writes it back.
func choiceRule(m map[string]any) *obj {
	o := newObj()
	for _, k := range sortedIDs(m) {
		v := m[k]
		switch x := v.(type) {
		case map[string]any:
			if k == "Not" {
				v = choiceRule(x)
			} else {
				v = fromJSON(x)
			}
		case []any:
			if k == "And" || k == "Or" {
				list := make([]any, len(x))
				for i, e := range x {
					if em, ok := e.(map[string]any); ok {
						list[i] = choiceRule(em)
					} else {
						list[i] = fromJSON(e)
					}
				}
				v = list
			} else {
				v = fromJSON(x)
			}
		default:
			v = fromJSON(x)
		}
		o.set(lowerFirst(k), v)
	}
	return o
}

func (a *aslImport) branch(v any) (*obj, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	o := newObj()
	for _, k := range sortedIDs(m) {
		switch k {
		case "StartAt", "Comment":
			s, ok := m[k].(string)
			if !ok {
				return nil, false
			}
			o.set(lowerFirst(k), s)
		case "States":
			s, ok := a.states(m[k])
			if !ok {
				return nil, false
			}
			o.set("states", s)
		case "ProcessorConfig":
			pc, _ := m[k].(map[string]any)
			if len(pc) != 1 || pc["Mode"] != "INLINE" {
				return nil, false
			}
			o.set("processorConfig", newObj().set("mode", "INLINE"))
		default:
			return nil, false
		}
	}
	return o, true
}

// camelList maps a list of retriers or catchers, whose keys must be
// among keys.
func (a *aslImport) camelList(v any, keys []string) ([]any, bool) {
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	var out []any
	for _, e := range l {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		o := newObj()
		for _, k := range sortedIDs(m) {
			if !slices.Contains(keys, k) {
				return nil, false
			}
			o.set(lowerFirst(k), fromJSON(m[k]))
		}
		out = append(out, o)
	}
	return out, true
}

// json converts a JSON value of the definition: a string that is one
// placeholder of DefinitionSubstitutions becomes what it stands for; a
// placeholder inside a longer string does not map.
func (a *aslImport) json(v any) (any, bool) {
	switch x := v.(type) {
	case string:
		if name, ok := a.placeholder(x); ok {
			return a.im.inside(a.subs[name], ""), true
		}
		for _, name := range schema.SubVariables(x) {
			if _, ok := a.subs[name]; ok {
				return nil, false
			}
		}
		return x, true
	case map[string]any:
		o := newObj()
		for _, k := range sortedIDs(x) {
			e, ok := a.json(x[k])
			if !ok {
				return nil, false
			}
			o.set(k, e)
		}
		return o, true
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			j, ok := a.json(e)
			if !ok {
				return nil, false
			}
			out[i] = j
		}
		return out, true
	case nil:
		return nil, true
	}
	return fromJSON(v), true
}

// placeholder reports whether s is exactly "${NAME}" of a substitution,
// and marks it used.
func (a *aslImport) placeholder(s string) (string, bool) {
	name, ok := strings.CutPrefix(s, "${")
	if !ok || !strings.HasSuffix(name, "}") {
		return "", false
	}
	name = strings.TrimSuffix(name, "}")
	if _, ok := a.subs[name]; !ok {
		return "", false
	}
	if a.used == nil {
		a.used = map[string]bool{}
	}
	a.used[name] = true
	return name, true
}

// taskIntegrations are the integrations a Task state is typed as: the
// parameter naming its resource, the typed field, the kind and the
// attribute it renders, and the parameters with typed fields.
var taskIntegrations = map[string]struct {
	def                      sel // the typed definition of schema
	param, field, kind, attr string
	typed                    map[string]string // ASL parameter → field
	// whole is the parameter samgen passes the whole input as when the
	// typed field is unset ("Payload.$": "$").
	whole string
}{
	"lambda:invoke":         {"#LambdaInvoke", "FunctionName", "function", "function", schema.AttrArn, map[string]string{"Payload": "payload", "InvocationType": "invocationType"}, "Payload"},
	"sqs:sendMessage":       {"#SQSSendMessage", "QueueUrl", "queue", "queue", schema.AttrURL, map[string]string{"MessageBody": "messageBody"}, ""},
	"sns:publish":           {"#SNSPublish", "TopicArn", "topic", "topic", schema.AttrArn, map[string]string{"Message": "message", "Subject": "subject"}, ""},
	"dynamodb:getItem":      {"#DynamoDBGetItem", "TableName", "table", "table", schema.AttrName, map[string]string{"Key": "key"}, ""},
	"dynamodb:putItem":      {"#DynamoDBPutItem", "TableName", "table", "table", schema.AttrName, map[string]string{"Item": "item"}, ""},
	"dynamodb:updateItem":   {"#DynamoDBUpdateItem", "TableName", "table", "table", schema.AttrName, map[string]string{"Key": "key", "UpdateExpression": "updateExpression"}, ""},
	"dynamodb:deleteItem":   {"#DynamoDBDeleteItem", "TableName", "table", "table", schema.AttrName, map[string]string{"Key": "key"}, ""},
	"states:startExecution": {"#StartExecution", "StateMachineArn", "stateMachine", "stateMachine", schema.AttrArn, map[string]string{"Input": "input"}, "Input"},
}

// patterns are the integration patterns by Resource suffix.
var patterns = map[string]string{"": "", ".sync": "sync", ".sync:2": "sync:2", ".waitForTaskToken": "waitForTaskToken"}

// task maps a JSONPath Task state's Resource and Parameters to its
// integration's typed fields.
func (a *aslImport) task(name string, m map[string]any, o *obj) (sel, bool) {
	res, _ := m["Resource"].(string)
	rest, ok := strings.CutPrefix(res, "arn:aws:states:::")
	if !ok {
		return "", a.fail("state %s: Resource %s", name, res)
	}
	ql := a.ql
	if q, ok := m["QueryLanguage"].(string); ok {
		ql = q
	}
	// JSONata passes the parameters as Arguments, and no selection
	// suffix (".$") or whole input by default.
	jsonata := ql == "JSONata"
	paramsKey := "Parameters"
	if jsonata {
		paramsKey = "Arguments"
	}
	if _, other := m[map[bool]string{true: "Parameters", false: "Arguments"}[jsonata]]; other {
		return "", a.fail("state %s: parameters of another query language", name)
	}
	api, pattern := rest, ""
	for suffix, p := range patterns {
		if suffix != "" && strings.HasSuffix(rest, suffix) {
			api, pattern = strings.TrimSuffix(rest, suffix), p
		}
	}
	if api == "events:putEvents" && pattern == "" && !jsonata {
		return a.putEvents(name, m, o)
	}
	if call, ok := strings.CutPrefix(api, "aws-sdk:"); ok {
		return a.sdkTask(name, call, pattern, m[paramsKey], lowerFirst(paramsKey), o)
	}
	if li, ok := literalIntegrations[api]; ok {
		def, ok := a.literalTask(name, api, pattern, m[paramsKey], lowerFirst(paramsKey), li, o)
		if ok && api == "ecs:runTask" {
			// The task's roles, which the definition does not name: the
			// machine's Policies pass them to ECS tasks.
			if roles := a.passRoles("ecs-tasks.amazonaws.com"); len(roles) > 0 {
				o.set("passRoles", roles)
			}
		}
		return def, ok
	}
	in, ok := taskIntegrations[api]
	if !ok {
		return "", a.fail("state %s: integration %s", name, api)
	}
	params, _ := m[paramsKey].(map[string]any)
	target, _ := params[in.param].(string)
	sub, ok := a.placeholder(target)
	if !ok {
		return "", a.fail("state %s: %s", name, in.param)
	}
	d, ok := a.im.refOf(a.subs[sub], in.kind, in.attr)
	if !ok {
		return "", a.fail("state %s: %s is no %s of the app", name, in.param, in.kind)
	}
	if pattern != "" {
		o.set("pattern", pattern)
	}
	o.set(in.field, d.ref())
	left := newObj()
	for _, k := range sortedIDs(params) {
		if k == in.param {
			continue
		}
		v := params[k]
		key, selected := strings.CutSuffix(k, ".$")
		if jsonata {
			key, selected = k, false
		}
		if field, typed := in.typed[key]; typed {
			if selected {
				if s, ok := v.(string); ok && strings.HasPrefix(s, "$") {
					if key == in.whole && s == "$" {
						continue // samgen passes the whole input by default
					}
					o.set(field, s)
					continue
				}
				return "", a.fail("state %s: %s", name, k)
			}
			x, ok := a.json(v)
			if !ok {
				return "", a.fail("state %s: %s", name, k)
			}
			o.set(field, x)
			continue
		}
		x, ok := a.json(v)
		if !ok {
			return "", a.fail("state %s: %s", name, k)
		}
		left.set(k, x)
	}
	if in.whole != "" && !jsonata && !o.has(in.typed[in.whole]) {
		if _, ok := params[in.whole+".$"]; !ok {
			// samgen would pass the whole input: the template does not.
			return "", a.fail("state %s passes no %s", name, in.whole)
		}
	}
	if !left.empty() {
		o.set(lowerFirst(paramsKey), left)
	}
	return in.def, true
}

// putEvents maps an events:putEvents Task: its Entries, each with its
// bus (a placeholder of a bus's name), source, detail type and detail.
func (a *aslImport) putEvents(name string, m map[string]any, o *obj) (sel, bool) {
	params, _ := m["Parameters"].(map[string]any)
	list, ok := params["Entries"].([]any)
	if !ok || len(params) != 1 || len(list) == 0 {
		return "", a.fail("state %s: Parameters", name)
	}
	var entries []any
	for _, e := range list {
		em, _ := e.(map[string]any)
		src, _ := em["Source"].(string)
		dt, _ := em["DetailType"].(string)
		if src == "" || dt == "" {
			return "", a.fail("state %s: an entry", name)
		}
		eo := newObj()
		for _, k := range sortedIDs(em) {
			switch k {
			case "Source", "DetailType":
			case "EventBusName":
				bus, _ := em[k].(string)
				sub, ok := a.placeholder(bus)
				if !ok {
					return "", a.fail("state %s: EventBusName", name)
				}
				r, ok := a.im.busRef(a.subs[sub])
				if !ok {
					return "", a.fail("state %s: EventBusName is no bus of the app", name)
				}
				eo.set("bus", r)
			case "Detail.$":
				s, ok := em[k].(string)
				if !ok || !strings.HasPrefix(s, "$") {
					return "", a.fail("state %s: Detail.$", name)
				}
				eo.set("detail", s)
			case "Detail":
				x, ok := a.json(em[k])
				if _, isStr := em[k].(string); !ok || isStr && strings.HasPrefix(em[k].(string), "$") {
					return "", a.fail("state %s: Detail", name)
				}
				eo.set("detail", x)
			default:
				return "", a.fail("state %s: entry %s", name, k)
			}
		}
		eo.set("source", src)
		eo.set("detailType", dt)
		if !eo.has("detail") {
			return "", a.fail("state %s: an entry without Detail", name)
		}
		entries = append(entries, eo)
	}
	o.set("entries", entries)
	return "#EventBridgePutEvents", true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// literalIntegration is an integration whose typed fields are literals
// of the state's parameters.
type literalIntegration struct {
	def sel
	// fields maps an ASL parameter to its typed field.
	fields map[string]string
}

// literalIntegrations are typed by their literal parameters (render's
// task writes them back).
var literalIntegrations = map[string]literalIntegration{
	"glue:startJobRun":            {"#GlueStartJobRun", map[string]string{"JobName": "job", "Arguments": "jobArguments"}},
	"batch:submitJob":             {"#BatchSubmitJob", map[string]string{"JobName": "jobName", "JobDefinition": "jobDefinition", "JobQueue": "jobQueue"}},
	"ecs:runTask":                 {"#ECSRunTask", map[string]string{"Cluster": "cluster", "TaskDefinition": "taskDefinition", "LaunchType": "launchType"}},
	"sagemaker:createTrainingJob": {"#SageMakerCreateTrainingJob", map[string]string{"TrainingJobName": "trainingJobName", "RoleArn": "role"}},
	"bedrock:invokeModel":         {"#BedrockInvokeModel", map[string]string{"ModelId": "model", "Body": "body"}},
	"codebuild:startBuild":        {"#CodeBuildStartBuild", map[string]string{"ProjectName": "project"}},
	"http:invoke":                 {"#HTTPInvoke", map[string]string{"ApiEndpoint": "endpoint", "Method": "method", "Authentication.ConnectionArn": "connection"}},
	"apigateway:invoke":           {"#APIGatewayInvoke", map[string]string{"Method": "method", "Stage": "stage", "Path": "path"}},
	"athena:startQueryExecution": {"#AthenaStartQueryExecution", map[string]string{"QueryString": "queryString", "WorkGroup": "workGroup",
		"QueryExecutionContext.Database": "database", "ResultConfiguration.OutputLocation": "outputLocation"}},
}

func (a *aslImport) literalTask(name, api, pattern string, params any, paramsField string, li literalIntegration, o *obj) (sel, bool) {
	if pattern != "" {
		o.set("pattern", pattern)
	}
	pm, _ := params.(map[string]any)
	pm = maps.Clone(pm)
	// A nested parameter ("Authentication.ConnectionArn") is typed when
	// its block holds it alone.
	for key := range li.fields {
		top, sub, nested := strings.Cut(key, ".")
		if !nested {
			continue
		}
		if bm, ok := pm[top].(map[string]any); ok && len(bm) == 1 && bm[sub] != nil {
			delete(pm, top)
			pm[key] = bm[sub]
		}
	}
	if api == "apigateway:invoke" {
		// ID.execute-api.${AWSRegion}.amazonaws.com, the region a
		// substitution of AWS::Region.
		ep, _ := pm["ApiEndpoint"].(string)
		id, ok := strings.CutSuffix(ep, ".execute-api.${AWSRegion}.amazonaws.com")
		if !ok || canon(a.subs["AWSRegion"]) != canon(map[string]any{"Ref": "AWS::Region"}) {
			return "", a.fail("state %s: ApiEndpoint", name)
		}
		a.placeholder("${AWSRegion}")
		delete(pm, "ApiEndpoint")
		o.set("api", id)
	}
	left := newObj()
	for _, k := range sortedIDs(pm) {
		v := pm[k]
		if field, ok := li.fields[k]; ok {
			switch x := v.(type) {
			case string:
				if _, sub := a.placeholder(x); sub || strings.HasPrefix(x, "$") {
					return "", a.fail("state %s: %s is not a literal", name, k)
				}
				o.set(field, x)
				continue
			case map[string]any:
				if field == "body" || field == "jobArguments" {
					j, ok := a.json(x)
					if !ok {
						return "", a.fail("state %s: %s", name, k)
					}
					o.set(field, j)
					continue
				}
			}
			return "", a.fail("state %s: %s", name, k)
		}
		x, ok := a.json(v)
		if !ok {
			return "", a.fail("state %s: %s", name, k)
		}
		left.set(k, x)
	}
	if !left.empty() {
		o.set(paramsField, left)
	}
	return li.def, true
}

// sdkTask maps an SDK integration's Task (aws-sdk:SERVICE:ACTION) to a
// #AWSSDKTask. Its iam, the statements the call needs, which the
// definition does not say, are the statements of the machine's Policies
// that allow that call alone: exactly its IAM action (s3:PutObjectTagging
// for s3:putObjectTagging), on literal ARNs, with no condition. samgen
// renders them from iam again, beside what it derives for the other
// states; where the template grants otherwise, the verification
// overrides Policies.
func (a *aslImport) sdkTask(name, call, pattern string, params any, paramsField string, o *obj) (sel, bool) {
	service, action, _ := strings.Cut(call, ":")
	if !sdkService.MatchString(service) || !sdkAction.MatchString(action) {
		return "", a.fail("state %s: SDK call %s", name, call)
	}
	if pattern != "" && pattern != "waitForTaskToken" {
		return "", a.fail("state %s: an SDK task runs request-response or waitForTaskToken, not %s", name, pattern)
	}
	iam := a.sdkStatements(service + ":" + action)
	if len(iam) == 0 {
		return "", a.fail("state %s: an SDK task, whose grants (iam) the machine's Policies do not hold as statements of %s:%s alone", name, service, strings.ToUpper(action[:1])+action[1:])
	}
	o.set("service", service)
	o.set("action", action)
	if pattern != "" {
		o.set("pattern", pattern)
	}
	if params != nil {
		x, ok := a.json(params)
		if !ok {
			return "", a.fail("state %s: %s", name, paramsField)
		}
		o.set(paramsField, x)
	}
	o.set("iam", iam)
	return "#AWSSDKTask", true
}

var (
	sdkService = regexp.MustCompile(`^[a-z0-9]+$`)
	sdkAction  = regexp.MustCompile(`^[a-z][A-Za-z0-9]+$`)
)

// sdkStatements are the statements of the machine's Policies that allow
// call (service:action, the SDK's spelling) alone, as #SDKStatements.
func (a *aslImport) sdkStatements(call string) []any {
	var out []any
	a.allowing(call, func(m map[string]any, actions, resources []any) {
		if onlyKeys(m, "Effect", "Action", "Resource") {
			out = append(out, newObj().set("actions", actions).set("resources", resources))
		}
	})
	return out
}

// passRoles are the roles the machine's Policies let it pass to service,
// as samgen grants them (iam:PassRole, conditioned on
// iam:PassedToService).
func (a *aslImport) passRoles(service string) []any {
	var out []any
	want := canon(map[string]any{"StringEquals": map[string]any{"iam:PassedToService": service}})
	a.allowing("iam:PassRole", func(m map[string]any, _, resources []any) {
		if onlyKeys(m, "Effect", "Action", "Resource", "Condition") && canon(m["Condition"]) == want {
			out = append(out, resources...)
		}
	})
	return out
}

// allowing calls f with each statement of the machine's Policies that
// allows action alone, on literal ARNs.
func (a *aslImport) allowing(action string, f func(st map[string]any, actions, resources []any)) {
	for _, m := range allowStatements(a.policies) {
		actions := stringOrList(m["Action"])
		if len(actions) == 0 || slices.ContainsFunc(actions, func(x any) bool { s, _ := x.(string); return !strings.EqualFold(s, action) }) {
			continue
		}
		resources := stringOrList(m["Resource"])
		if len(resources) == 0 || slices.ContainsFunc(resources, func(x any) bool {
			s, ok := x.(string)
			return !ok || s == "*" || strings.Contains(s, "${")
		}) {
			continue
		}
		f(m, actions, resources)
	}
}
