package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation/serverless"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// Null is a JSON null in the written template. samgen writes no nulls
// except where one means something: an ASL `ResultPath: null` discards a
// state's result.
type Null struct{}

// stateMachines renders each state machine as an
// AWS::Serverless::StateMachine with an inline definition. Every ARN or
// name in the definition goes through DefinitionSubstitutions, so the
// definition stays plain ASL and CloudFormation fills in the values.
func (b *builder) stateMachines() {
	for _, name := range slices.Sorted(maps.Keys(b.app.StateMachines)) {
		b.stateMachine(name, b.app.StateMachines[name])
	}
}

// asl renders one state machine's definition and collects what it needs:
// substitutions and IAM statements.
type asl struct {
	b     *builder
	subs  map[string]any
	stmts []*policies.Statement
	seen  map[string]bool
	// root prefixes the paths of the machine's states.
	root string
}

func (b *builder) stateMachine(name string, sm schema.StateMachine) {
	path := "stateMachines." + name
	id := schema.LogicalID(sm.Ref)
	w := &asl{b: b, subs: map[string]any{}, seen: map[string]bool{}, root: path + ".states."}
	machine := &serverless.StateMachine{Type: ptr(sm.Type)}
	extra := map[string]any{
		"Name":                  b.optional(path+".name", sm.Name, schema.AttrName),
		"Tags":                  b.tags(path+".tags", sm.Tags),
		"PermissionsBoundary":   b.optional(path+".permissionsBoundary", sm.PermissionsBoundary, schema.AttrArn),
		"RolePath":              b.optional(path+".rolePath", sm.RolePath, ""),
		"Role":                  b.optional(path+".role", sm.Role, schema.AttrArn),
		"PropagateTags":         sm.PropagateTags,
		"UseAliasAsEventTarget": sm.AliasAsEventTarget,
	}
	if sm.Alias != "" {
		extra["AutoPublishAlias"] = sm.Alias
	}
	if d := sm.Deployment; d != nil {
		dp := map[string]any{"Type": d.Type}
		setInt(dp, "Percentage", d.Percentage)
		setInt(dp, "Interval", d.Interval)
		for i, a := range d.Alarms {
			l, _ := dp["Alarms"].([]any)
			dp["Alarms"] = append(l, b.value(fmt.Sprintf("%s.deployment.alarms[%d]", path, i), a, schema.AttrName))
		}
		extra["DeploymentPreference"] = dp
	}
	if sm.DefinitionFile != "" {
		// The file is the definition: samgen renders its substitutions and
		// derives the role from the states it bound.
		w.allowStates(path, sm.States)
		if sm.InlineDefinition {
			extra["Definition"] = withNulls(sm.Definition.Doc) // nulls mean something in ASL
		} else {
			extra["DefinitionUri"] = b.local(sm.DefinitionFile)
		}
		for _, k := range slices.Sorted(maps.Keys(sm.DefinitionSubstitutions)) {
			w.subs[k] = b.value(path+".definitionSubstitutions."+schema.Label(k), sm.DefinitionSubstitutions[k], sm.Definition.Attrs[k])
		}
	} else {
		def := map[string]any{
			"StartAt": sm.StartAt,
			"States":  w.states(path, sm.States, sm.QueryLanguage),
		}
		setStr(def, "Comment", sm.Comment)
		setStr(def, "QueryLanguage", sm.QueryLanguage)
		setInt(def, "TimeoutSeconds", sm.Timeout)
		extra["Definition"] = def
	}
	if len(w.subs) > 0 {
		extra["DefinitionSubstitutions"] = w.subs
	}
	for i, st := range sm.Statements {
		s, err := policies.UserStatement(b.app, st)
		if err != nil {
			b.valueError(fmt.Sprintf("%s.statements[%d]", path, i), err)
			continue
		}
		w.allow(s)
	}
	if l := sm.Logging; l != nil {
		lg := schema.StateMachineLogGroupID(sm.Ref, l.LogGroup)
		// /aws/vendedlogs/ keeps CloudWatch Logs' resource policy, which log
		// delivery updates, under its size limit.
		b.logGroup(lg, path+".logging", path+".logging", l.LogGroup, map[string]any{
			"LogGroupName":    cfn.Sub("/aws/vendedlogs/states/${AWS::StackName}-" + name),
			"RetentionInDays": b.value(path+".logging.retention", l.Retention, ""),
		})
		extra["Logging"] = map[string]any{
			"Level":                l.Level,
			"IncludeExecutionData": l.IncludeExecutionData,
			"Destinations": []any{map[string]any{"CloudWatchLogsLogGroup": map[string]any{
				"LogGroupArn": cfn.GetAtt(lg, "Arn"),
			}}},
		}
		w.allow(policies.StateMachineLogging())
	}
	if sm.Tracing {
		// SAM attaches AWSXrayWriteOnlyAccess to the role for tracing.
		machine.Tracing = &serverless.StateMachine_TracingConfiguration{Enabled: ptr(true)}
	}
	if len(w.stmts) > 0 && sm.Role.IsZero() {
		var list []any
		for _, s := range w.stmts {
			list = append(list, s.JSON())
		}
		extra["Policies"] = []any{map[string]any{"Version": "2012-10-17", "Statement": list}}
	}
	if evs := b.stateMachineEvents(path, id, sm.Events); len(evs) > 0 {
		extra["Events"] = evs
	}
	res := fromStruct(machine, extra)
	b.resourceAttributes(res, path, sm.Resource, nil)
	b.add(id, path, "", res)
}

// stateMachineEvents renders the Events of the state machine of logical ID
// smID.
func (b *builder) stateMachineEvents(path, smID string, evs map[string]schema.StateMachineEvent) map[string]any {
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(evs)) {
		e := evs[name]
		p := path + ".events." + name
		id := schema.StateMachineEventID(name)
		switch {
		case e.Schedule != nil:
			out[id] = map[string]any{"Type": "Schedule", "Properties": b.scheduleEvent(p+".schedule", e.Schedule)}
		case e.ScheduleV2 != nil:
			out[id] = map[string]any{"Type": "ScheduleV2", "Properties": b.scheduleV2Event(p+".scheduleV2", e.ScheduleV2)}
		case e.Api != nil:
			props := map[string]any{"Method": e.Api.Method, "Path": e.Api.Path}
			maps.Copy(props, b.apiRoute(p+".api", e.Api, true))
			out[id] = map[string]any{"Type": "Api", "Properties": props}
		case e.EventBridge != nil:
			out[id] = map[string]any{"Type": "EventBridgeRule", "Properties": b.eventBridgeRule(p+".eventBridge", smID+id, e.EventBridge)}
		default:
			b.errf(p, "no event type")
		}
	}
	return out
}

// allowStates adds what the tasks of states (read from a definition file)
// need to the role, as for typed states.
func (w *asl) allowStates(path string, states map[string]schema.State) {
	for _, n := range slices.Sorted(maps.Keys(states)) {
		s := states[n]
		p := path + ".states." + schema.Label(n)
		if s.Type == "Task" && s.Integration != "" {
			stmts, err := policies.ForTask(w.b.app, s)
			if err != nil {
				w.b.errf(p, "%v", err)
			}
			w.allow(stmts...)
		}
		for i, br := range s.Branches {
			w.allowStates(fmt.Sprintf("%s.branches[%d]", p, i), br.States)
		}
		if br := s.ItemProcessor; br != nil {
			w.allowStates(p+".itemProcessor", br.States)
		}
	}
}

// allow adds statements to the role, once each.
func (w *asl) allow(stmts ...*policies.Statement) {
	for _, s := range stmts {
		k, err := json.Marshal(s)
		if err != nil {
			panic(fmt.Sprintf("render: statement: %v", err)) // built by samgen
		}
		if !w.seen[string(k)] {
			w.seen[string(k)] = true
			w.stmts = append(w.stmts, s)
		}
	}
}

// sub returns a definition placeholder for an attribute of a referenced
// resource, such as "${OrdersTableName}".
func (w *asl) sub(path string, r schema.Ref, attr string) string {
	name := schema.LogicalID(r) + strings.ToUpper(attr[:1]) + attr[1:]
	w.subs[name] = w.b.resolve(path, r, attr)
	return "${" + name + "}"
}

// value renders a JSON value of the definition (parameters, a result, a
// payload): a null stays null (it means something in ASL), and a reference
// or an intrinsic function becomes a placeholder its substitution fills
// in: a definition is plain ASL, so CloudFormation evaluates nothing in
// it but DefinitionSubstitutions.
func (w *asl) value(path string, x any) any {
	switch y := x.(type) {
	case nil:
		return Null{}
	case map[string]any:
		if r, attr, ok := schema.AsAttrRef(y); ok {
			if _, known := schema.KindOf(r.Kind); known {
				if attr == "" {
					k, _ := schema.KindOf(r.Kind)
					attr = k.EnvAttr
				}
				return w.sub(path, r, attr)
			}
		}
		if cfn.IsIntrinsic(y) {
			name := "Value" + cfn.LogicalID(strings.NewReplacer(".", "-", "[", "-", "]", "", "\"", "").Replace(strings.TrimPrefix(path, w.root)), "")
			w.subs[name] = w.b.document(path, y, false)
			return "${" + name + "}"
		}
		out := make(map[string]any, len(y))
		for _, k := range slices.Sorted(maps.Keys(y)) {
			out[k] = w.value(path+"."+schema.Label(k), y[k])
		}
		return out
	case []any:
		out := make([]any, len(y))
		for i, e := range y {
			out[i] = w.value(fmt.Sprintf("%s[%d]", path, i), e)
		}
		return out
	}
	return x
}

// scalar renders a value field of a task (a name, an ARN): a literal as
// written, anything else (a reference, a !Sub template, an expression) as
// a placeholder its substitution fills in.
func (w *asl) scalar(path string, v schema.Value) any {
	if s, ok := v.Str(); ok {
		return s
	}
	if r, attr, ok := v.Ref(); ok {
		if k, known := schema.KindOf(r.Kind); known {
			return w.sub(path, r, cmp.Or(attr, k.EnvAttr))
		}
	}
	name := "Value" + cfn.LogicalID(strings.NewReplacer(".", "-", "[", "-", "]", "", "\"", "").Replace(strings.TrimPrefix(path, w.root)), "")
	w.subs[name] = w.b.value(path, v, "")
	return "${" + name + "}"
}

// subArn is sub for a reference's ARN, or the ARN of an existing resource.
func (w *asl) subArn(path string, r *schema.RefOrArn) string {
	if r.Ref != nil {
		return w.sub(path, *r.Ref, schema.AttrArn)
	}
	return r.Arn
}

func (w *asl) states(path string, states map[string]schema.State, ql string) map[string]any {
	out := map[string]any{}
	for _, n := range slices.Sorted(maps.Keys(states)) {
		out[n] = w.state(path+".states."+schema.Label(n), states[n], ql)
	}
	return out
}

func (w *asl) branch(path string, br schema.Branch, ql string) map[string]any {
	m := map[string]any{"StartAt": br.StartAt, "States": w.states(path, br.States, ql)}
	setStr(m, "Comment", br.Comment)
	if br.ProcessorConfig != nil {
		m["ProcessorConfig"] = pascalKeys(br.ProcessorConfig)
	}
	return m
}

// raw turns a nullable path into its ASL value.
func raw(r json.RawMessage) any {
	if r == nil {
		return nil
	}
	var v any
	if err := json.Unmarshal(r, &v); err != nil {
		panic(fmt.Sprintf("render: raw JSON %q: %v", r, err)) // produced by the CUE decoder
	}
	if v == nil {
		return Null{}
	}
	return v
}

func (w *asl) state(path string, s schema.State, ql string) map[string]any {
	if s.QueryLanguage != "" {
		ql = s.QueryLanguage
	}
	m := map[string]any{"Type": s.Type}
	setStr(m, "Comment", s.Comment)
	setStr(m, "Next", s.Next)
	if s.End {
		m["End"] = true
	}
	setStr(m, "QueryLanguage", s.QueryLanguage)
	for k, v := range map[string]any{
		"InputPath": raw(s.InputPath), "OutputPath": raw(s.OutputPath), "ResultPath": raw(s.ResultPath),
	} {
		if !isNil(v) {
			m[k] = v
		}
	}
	for _, f := range []struct {
		key, field string
		v          any
		set        bool
	}{
		{"ResultSelector", "resultSelector", s.ResultSelector, s.ResultSelector != nil},
		{"Output", "output", s.Output, s.Output != nil},
		{"Assign", "assign", s.Assign, s.Assign != nil},
		{"Result", "result", s.Result, s.Result != nil},
		{"Items", "items", s.Items, s.Items != nil},
		{"ItemSelector", "itemSelector", s.ItemSelector, s.ItemSelector != nil},
	} {
		if f.set {
			m[f.key] = w.value(path+"."+f.field, f.v)
		}
	}
	setInt(m, "TimeoutSeconds", s.TimeoutSeconds)
	setInt(m, "HeartbeatSeconds", s.HeartbeatSeconds)
	setInt(m, "Seconds", s.Seconds)
	setInt(m, "MaxConcurrency", s.MaxConcurrency)
	for k, v := range map[string]string{
		"Timestamp": s.Timestamp, "SecondsPath": s.SecondsPath, "TimestampPath": s.TimestampPath,
		"Default": s.Default, "ItemsPath": s.ItemsPath,
		"Error": s.Error, "Cause": s.Cause, "ErrorPath": s.ErrorPath, "CausePath": s.CausePath,
	} {
		setStr(m, k, v)
	}
	if len(s.Retry) > 0 {
		m["Retry"] = retriers(s.Retry)
	}
	if len(s.Catch) > 0 {
		m["Catch"] = catchers(s.Catch)
	}
	if len(s.Choices) > 0 {
		var cs []any
		for _, c := range s.Choices {
			cs = append(cs, pascalKeys(c))
		}
		m["Choices"] = cs
	}
	for i, br := range s.Branches {
		bs, _ := m["Branches"].([]any)
		m["Branches"] = append(bs, w.branch(fmt.Sprintf("%s.branches[%d]", path, i), br, ql))
	}
	if s.ItemProcessor != nil {
		m["ItemProcessor"] = w.branch(path+".itemProcessor", *s.ItemProcessor, ql)
	}
	if s.Type != "Task" {
		if s.Parameters != nil {
			m["Parameters"] = w.value(path+".parameters", s.Parameters)
		}
		if s.Arguments != nil {
			m["Arguments"] = w.value(path+".arguments", s.Arguments)
		}
		return m
	}
	stmts, err := policies.ForTask(w.b.app, s)
	if err != nil {
		w.b.errf(path, "%v", err)
		return m
	}
	w.allow(stmts...)
	resource, params := w.task(path, s, ql == "JSONata")
	m["Resource"] = resource
	if ql == "JSONata" {
		if args, ok := w.value(path+".arguments", s.Arguments).(map[string]any); ok {
			maps.Copy(params, args)
		}
		m["Arguments"] = params
	} else {
		if ps, ok := w.value(path+".parameters", s.Parameters).(map[string]any); ok {
			maps.Copy(params, ps)
		}
		m["Parameters"] = params
	}
	return m
}

// resourceSuffix is the Resource ARN suffix of an integration pattern.
var resourceSuffix = map[string]string{"": "", "requestResponse": "", "sync": ".sync", "sync:2": ".sync:2", "waitForTaskToken": ".waitForTaskToken"}

// task renders a Task's Resource and the API parameters its typed
// integration fields stand for.
func (w *asl) task(path string, s schema.State, jsonata bool) (string, map[string]any) {
	p := map[string]any{}
	// val sets a parameter that takes the user's data, from the field at
	// path+"."+field. A JSONPath string ("$.order", "$$.Task.Token",
	// "States.Format(...)") is selected from the input: its key gets ASL's
	// ".$" suffix.
	val := func(k, field string, v any) {
		if isNil(v) || v == "" {
			return
		}
		if str, ok := v.(string); ok && !jsonata && (strings.HasPrefix(str, "$") || strings.HasPrefix(str, "States.")) {
			k += ".$"
		}
		p[k] = w.value(path+"."+field, v)
	}
	api := s.Integration
	switch s.Integration {
	case "dynamodb:getItem", "dynamodb:putItem", "dynamodb:updateItem", "dynamodb:deleteItem":
		p["TableName"] = w.sub(path+".table", *s.Table, schema.AttrName)
		val("Key", "key", s.Key)
		val("Item", "item", s.Item)
		val("UpdateExpression", "updateExpression", s.UpdateExpression)
	case "sqs:sendMessage":
		p["QueueUrl"] = w.sub(path+".queue", *s.Queue, schema.AttrURL)
		val("MessageBody", "messageBody", s.MessageBody)
	case "sns:publish":
		p["TopicArn"] = w.sub(path+".topic", *s.Topic, schema.AttrArn)
		val("Message", "message", s.Message)
		val("Subject", "subject", s.Subject)
	case "events:putEvents":
		var entries []any
		for i, e := range s.Entries {
			em := map[string]any{"Source": e.Source, "DetailType": e.DetailType}
			if str, ok := e.Detail.(string); ok && !jsonata && strings.HasPrefix(str, "$") {
				em["Detail.$"] = str
			} else {
				em["Detail"] = w.value(fmt.Sprintf("%s.entries[%d].detail", path, i), e.Detail)
			}
			if e.Bus != nil {
				em["EventBusName"] = w.sub(fmt.Sprintf("%s.entries[%d].bus", path, i), *e.Bus, schema.AttrName)
			}
			entries = append(entries, em)
		}
		p["Entries"] = entries
	case "lambda:invoke":
		p["FunctionName"] = w.subArn(path+".function", s.Function)
		if s.Payload == nil && !jsonata {
			p["Payload.$"] = "$"
		}
		val("Payload", "payload", s.Payload)
		val("InvocationType", "invocationType", s.InvocationType)
	case "states:startExecution":
		p["StateMachineArn"] = w.subArn(path+".stateMachine", s.StateMachine)
		if s.Input == nil && !jsonata {
			p["Input.$"] = "$"
		}
		val("Input", "input", s.Input)
	case "glue:startJobRun":
		p["JobName"] = w.scalar(path+".job", s.Job)
		if len(s.JobArguments) > 0 {
			p["Arguments"] = stringMap(s.JobArguments)
		}
	case "batch:submitJob":
		p["JobName"] = s.JobName
		p["JobDefinition"] = w.scalar(path+".jobDefinition", s.JobDefinition)
		p["JobQueue"] = w.scalar(path+".jobQueue", s.JobQueue)
	case "ecs:runTask":
		p["Cluster"] = w.scalar(path+".cluster", s.Cluster)
		p["TaskDefinition"] = w.scalar(path+".taskDefinition", s.TaskDefinition)
		val("LaunchType", "launchType", s.LaunchType)
	case "sagemaker:createTrainingJob":
		p["TrainingJobName"] = s.TrainingJobName
		p["RoleArn"] = w.scalar(path+".role", s.Role)
	case "athena:startQueryExecution":
		p["QueryString"] = s.QueryString
		p["WorkGroup"] = s.WorkGroup
		p["QueryExecutionContext"] = map[string]any{"Database": s.Database}
		p["ResultConfiguration"] = map[string]any{"OutputLocation": s.OutputLocation}
	case "bedrock:invokeModel":
		p["ModelId"] = s.Model
		val("Body", "body", s.Body)
	case "http:invoke":
		p["ApiEndpoint"] = s.Endpoint
		p["Method"] = s.Method
		p["Authentication"] = map[string]any{"ConnectionArn": w.scalar(path+".connection", s.Connection)}
	case "apigateway:invoke":
		w.subs["AWSRegion"] = cfn.Ref("AWS::Region")
		api := w.scalar(path+".api", s.Api)
		if r, _, ok := s.Api.Ref(); ok {
			api = w.sub(path+".api", r, schema.AttrName) // the API's ID
		}
		p["ApiEndpoint"] = fmt.Sprint(api) + ".execute-api.${AWSRegion}.amazonaws.com"
		p["Method"] = s.Method
		p["Stage"] = s.Stage
		p["Path"] = s.Path
	case "codebuild:startBuild":
		p["ProjectName"] = w.scalar(path+".project", s.Project)
	case "aws-sdk":
		api = "aws-sdk:" + s.Service + ":" + s.Action
	}
	return "arn:aws:states:::" + api + resourceSuffix[s.Pattern], p
}

func retriers(rs []schema.Retrier) []any {
	var out []any
	for _, r := range rs {
		m := map[string]any{"ErrorEquals": toAny(r.ErrorEquals)}
		setInt(m, "IntervalSeconds", r.IntervalSeconds)
		setInt(m, "MaxAttempts", r.MaxAttempts)
		setInt(m, "MaxDelaySeconds", r.MaxDelaySeconds)
		if r.BackoffRate != nil {
			m["BackoffRate"] = *r.BackoffRate
		}
		setStr(m, "JitterStrategy", r.JitterStrategy)
		out = append(out, m)
	}
	return out
}

func catchers(cs []schema.Catcher) []any {
	var out []any
	for _, c := range cs {
		m := map[string]any{"ErrorEquals": toAny(c.ErrorEquals), "Next": c.Next}
		if v := raw(c.ResultPath); v != nil {
			m["ResultPath"] = v
		}
		if c.Output != nil {
			m["Output"] = c.Output
		}
		if c.Assign != nil {
			m["Assign"] = c.Assign
		}
		out = append(out, m)
	}
	return out
}

// pascalKeys renders a camelCase ASL structure (a choice rule, a processor
// config) with ASL's PascalCase keys, recursing only into nested rules
// (and, or, not): values such as an assign map keep the user's keys.
func pascalKeys(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		switch x := v.(type) {
		case map[string]any:
			if k == "not" {
				v = pascalKeys(x)
			}
		case []any:
			if k == "and" || k == "or" {
				list := make([]any, len(x))
				for i, e := range x {
					if em, ok := e.(map[string]any); ok {
						list[i] = pascalKeys(em)
					} else {
						list[i] = e
					}
				}
				v = list
			}
		}
		out[strings.ToUpper(k[:1])+k[1:]] = v
	}
	return out
}
