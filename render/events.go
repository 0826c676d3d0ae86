package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/serverless"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// event is what an event renderer knows of the event it renders.
type event struct {
	// path is the spec path of the event's options
	// ("functions.x.events.jobs.sqs").
	path string
	// id is the logical ID SAM gives the event's own resource:
	// <function ID><event ID>.
	id string
	// fn is the function's logical ID; target is what the event invokes,
	// the function or the alias it publishes (as SAM's event sources do).
	fn, target string
}

// eventRenderer renders the Properties of one event type from its typed
// options.
type eventRenderer func(b *builder, e event, options any) map[string]any

// eventRenderers has one renderer per row of [schema.EventTypes]
// (events_test.go checks it). goformation's event structs predate most
// event-source options (FunctionResponseTypes, FilterCriteria,
// ScalingConfig, stream failure handling), so each starts from the typed
// struct and the missing properties are merged in.
var eventRenderers = map[string]eventRenderer{
	"api": func(b *builder, e event, o any) map[string]any {
		r := o.(*schema.ApiEvent)
		return structMap(serverless.Function_ApiEvent{Method: r.Method, Path: r.Path}, b.apiRoute(e.path, r, true))
	},
	"httpApi": func(b *builder, e event, o any) map[string]any {
		r := o.(*schema.ApiEvent)
		return structMap(serverless.Function_HttpApiEvent{Method: ptr(r.Method), Path: ptr(r.Path)}, b.apiRoute(e.path, r, false))
	},
	"schedule": func(b *builder, e event, o any) map[string]any {
		return b.scheduleEvent(e.path, o.(*schema.ScheduleEvent))
	},
	"sqs": func(b *builder, e event, o any) map[string]any {
		q := o.(*schema.SQSEvent)
		props := map[string]any{"Queue": b.resolve(e.path+".queue", q.Queue, schema.AttrArn)}
		setValue(props, "BatchSize", b.optional(e.path+".batchSize", q.BatchSize, ""))
		setValue(props, "Enabled", b.optional(e.path+".enabled", q.Enabled, ""))
		setValue(props, "MaximumBatchingWindowInSeconds", b.optional(e.path+".batchWindow", q.BatchWindow, ""))
		setValue(props, "FilterCriteria", filterCriteria(q.Filters))
		setValue(props, "FunctionResponseTypes", responseTypes(q.ReportBatchItemFailures))
		if !q.MaxConcurrency.IsZero() {
			props["ScalingConfig"] = map[string]any{"MaximumConcurrency": b.value(e.path+".maxConcurrency", q.MaxConcurrency, "")}
		}
		b.pollerOptions(e.path, props, &q.PollerOptions)
		return props
	},
	"sns": func(b *builder, e event, o any) map[string]any {
		s := o.(*schema.SNSEvent)
		topic := b.resolve(e.path+".topic", s.Topic, schema.AttrArn)
		props := map[string]any{"Topic": topic}
		if s.FilterPolicy != nil {
			props["FilterPolicy"] = b.document(e.path+".filterPolicy", s.FilterPolicy, false)
		}
		if s.FilterPolicyScope != "" {
			props["FilterPolicyScope"] = s.FilterPolicyScope
		}
		if s.DeadLetter != nil {
			props["RedrivePolicy"] = map[string]any{"deadLetterTargetArn": b.resolve(e.path+".deadLetter", *s.DeadLetter, schema.AttrArn)}
			b.allowDelivery(e.path+".deadLetter", *s.DeadLetter, "sns.amazonaws.com", topic)
			// SAM's translator takes RedrivePolicy but SAM's schema does not:
			// samgen renders what SAM would, the subscription and the
			// permission, with SAM's IDs.
			b.snsSubscription(e, props)
			return nil
		}
		return props
	},
	"eventBridge": func(b *builder, e event, o any) map[string]any {
		return b.eventBridgeRule(e.path, e.id, o.(*schema.EventBridgeEvent))
	},
	"dynamodb": func(b *builder, e event, o any) map[string]any {
		d := o.(*schema.DynamoDBEvent)
		return b.streamEvent(e.path, &d.StreamEvent, b.resolve(e.path+".table", d.Table, schema.AttrStreamArn), schema.Value{})
	},
	"kinesis": func(b *builder, e event, o any) map[string]any {
		k := o.(*schema.KinesisEvent)
		return b.streamEvent(e.path, &k.StreamEvent, b.value(e.path+".stream", k.Stream, schema.AttrArn), k.StartingTimestamp)
	},
	"s3": func(b *builder, e event, o any) map[string]any {
		return b.s3Event(e.path, o.(*schema.S3Event))
	},
	"scheduleV2": func(b *builder, e event, o any) map[string]any {
		return b.scheduleV2Event(e.path, o.(*schema.ScheduleV2Event))
	},
	"msk": func(b *builder, e event, o any) map[string]any {
		m := o.(*schema.MSKEvent)
		props := b.kafkaEvent(e.path, &m.KafkaEvent)
		props["Stream"] = b.value(e.path+".cluster", m.Cluster, schema.AttrArn)
		setValue(props, "MaximumBatchingWindowInSeconds", b.optional(e.path+".batchWindow", m.BatchWindow, ""))
		if m.Auth != nil {
			props["SourceAccessConfigurations"] = []any{map[string]any{"Type": m.Auth.Type + "_AUTH", "URI": b.value(e.path+".auth.secret", m.Auth.Secret, schema.AttrArn)}}
		}
		setValue(props, "DestinationConfig", b.onFailure(e.path, m.OnFailure))
		return props
	},
	"selfManagedKafka": func(b *builder, e event, o any) map[string]any {
		k := o.(*schema.SelfManagedKafkaEvent)
		props := b.kafkaEvent(e.path, &k.KafkaEvent)
		props["KafkaBootstrapServers"] = toAny(k.Brokers)
		var access []any
		if k.Auth != nil {
			access = append(access, map[string]any{"Type": k.Auth.Type + "_AUTH", "URI": b.value(e.path+".auth.secret", k.Auth.Secret, schema.AttrArn)})
		}
		if !k.RootCa.IsZero() {
			access = append(access, map[string]any{"Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": b.value(e.path+".rootCa", k.RootCa, schema.AttrArn)})
		}
		if k.VPC != nil {
			access = append(access, b.vpcAccess(e.path+".vpc", k.VPC)...)
		}
		if len(access) > 0 {
			props["SourceAccessConfigurations"] = access
		}
		return props
	},
	"mq": func(b *builder, e event, o any) map[string]any {
		m := o.(*schema.MQEvent)
		access := []any{map[string]any{"Type": "BASIC_AUTH", "URI": b.value(e.path+".secret", m.Secret, schema.AttrArn)}}
		if m.VirtualHost != "" {
			access = append(access, map[string]any{"Type": "VIRTUAL_HOST", "URI": m.VirtualHost})
		}
		props := map[string]any{
			"Broker":                     b.value(e.path+".broker", m.Broker, schema.AttrArn),
			"Queues":                     []any{m.Queue},
			"SourceAccessConfigurations": access,
			// Names SAM's policy after the event, so two MQ events of one
			// function do not both take SamAutoGeneratedAMQPolicy.
			"DynamicPolicyName": true,
		}
		setValue(props, "BatchSize", b.optional(e.path+".batchSize", m.BatchSize, ""))
		setValue(props, "MaximumBatchingWindowInSeconds", b.optional(e.path+".batchWindow", m.BatchWindow, ""))
		setValue(props, "FilterCriteria", filterCriteria(m.Filters))
		setValue(props, "KmsKeyArn", b.optional(e.path+".filterKmsKey", m.FilterKmsKey, schema.AttrArn))
		setValue(props, "Enabled", b.optional(e.path+".enabled", m.Enabled, ""))
		return props
	},
	"documentDB": func(b *builder, e event, o any) map[string]any {
		d := o.(*schema.DocumentDBEvent)
		props := map[string]any{
			"Cluster":                    b.value(e.path+".cluster", d.Cluster, schema.AttrArn),
			"DatabaseName":               d.Database,
			"SourceAccessConfigurations": []any{map[string]any{"Type": "BASIC_AUTH", "URI": b.value(e.path+".secret", d.Secret, schema.AttrArn)}},
		}
		if d.Collection != "" {
			props["CollectionName"] = d.Collection
		}
		if d.FullDocument != "" {
			props["FullDocument"] = d.FullDocument
		}
		if d.StartingPosition != "" {
			props["StartingPosition"] = d.StartingPosition
		}
		setValue(props, "StartingPositionTimestamp", b.optional(e.path+".startingTimestamp", d.StartingTimestamp, ""))
		setValue(props, "BatchSize", b.optional(e.path+".batchSize", d.BatchSize, ""))
		setValue(props, "MaximumBatchingWindowInSeconds", b.optional(e.path+".batchWindow", d.BatchWindow, ""))
		setValue(props, "FilterCriteria", filterCriteria(d.Filters))
		setValue(props, "KmsKeyArn", b.optional(e.path+".filterKmsKey", d.FilterKmsKey, schema.AttrArn))
		setValue(props, "Enabled", b.optional(e.path+".enabled", d.Enabled, ""))
		return props
	},
	"cloudWatchLogs": func(b *builder, e event, o any) map[string]any {
		c := o.(*schema.CloudWatchLogsEvent)
		return map[string]any{
			"LogGroupName":  b.value(e.path+".logGroup", c.LogGroup, schema.AttrName),
			"FilterPattern": c.FilterPattern,
		}
	},
	"iot": func(b *builder, e event, o any) map[string]any {
		r := o.(*schema.IoTRuleEvent)
		props := map[string]any{"Sql": r.SQL}
		if r.SQLVersion != "" {
			props["AwsIotSqlVersion"] = r.SQLVersion
		}
		return props
	},
	"cognito": func(b *builder, e event, o any) map[string]any {
		c := o.(*schema.CognitoEvent)
		// SAM needs the pool's logical ID to add the trigger to it.
		return map[string]any{
			"UserPool": b.resolve(e.path+".userPool", c.UserPool, schema.AttrRef),
			"Trigger":  toAny(c.Triggers),
		}
	},
	"alexa": func(b *builder, e event, o any) map[string]any {
		return map[string]any{"SkillId": o.(*schema.AlexaSkillEvent).SkillID}
	},
}

// pollerOptions renders the options every event source mapping takes.
func (b *builder) pollerOptions(path string, props map[string]any, p *schema.PollerOptions) {
	setValue(props, "KmsKeyArn", b.optional(path+".filterKmsKey", p.FilterKmsKey, schema.AttrArn))
	if len(p.Metrics) > 0 {
		props["MetricsConfig"] = map[string]any{"Metrics": toAny(p.Metrics)}
	}
}

// valueOption is a property of the template (key) and the spec's field
// that gives it, with its value.
type valueOption struct {
	key, field string
	v          schema.Value
}

// setOptionals sets each option given a value, as b.optional renders it.
func (b *builder) setOptionals(props map[string]any, path string, opts []valueOption) {
	for _, o := range opts {
		setValue(props, o.key, b.optional(path+"."+o.field, o.v, ""))
	}
}

// kafkaEvent renders the options MSK and self-managed Kafka events share.
func (b *builder) kafkaEvent(path string, k *schema.KafkaEvent) map[string]any {
	props := map[string]any{"Topics": []any{k.Topic}, "StartingPosition": k.StartingPosition}
	b.setOptionals(props, path, []valueOption{
		{"StartingPositionTimestamp", "startingTimestamp", k.StartingTimestamp},
		{"BatchSize", "batchSize", k.BatchSize},
		{"MaximumRetryAttempts", "retries", k.Retries},
		{"MaximumRecordAgeInSeconds", "maxRecordAge", k.MaxRecordAge},
		{"BisectBatchOnFunctionError", "bisect", k.Bisect},
		{"Enabled", "enabled", k.Enabled},
	})
	if k.ConsumerGroup != "" {
		props["ConsumerGroupId"] = k.ConsumerGroup
	}
	setValue(props, "FunctionResponseTypes", responseTypes(k.ReportBatchItemFailures))
	setValue(props, "FilterCriteria", filterCriteria(k.Filters))
	b.pollerOptions(path, props, &k.PollerOptions)
	if p := k.Pollers; p != nil {
		pc := map[string]any{}
		setValue(pc, "MinimumPollers", b.optional(path+".pollers.min", p.Min, ""))
		setValue(pc, "MaximumPollers", b.optional(path+".pollers.max", p.Max, ""))
		if p.Group != "" {
			pc["PollerGroupName"] = p.Group
		}
		props["ProvisionedPollerConfig"] = pc
	}
	return props
}

// vpcAccess renders a VPC as the source access configurations of a
// self-managed source: one VPC_SUBNET per subnet and one
// VPC_SECURITY_GROUP per group, each "subnet:ID" or "security_group:ID".
func (b *builder) vpcAccess(path string, v *schema.VPC) []any {
	var out []any
	for _, l := range []struct {
		field, typ, prefix string
		list               schema.ListValue
	}{{"subnets", "VPC_SUBNET", "subnet:", v.Subnets}, {"securityGroups", "VPC_SECURITY_GROUP", "security_group:", v.SecurityGroups}} {
		items, _ := b.list(path+"."+l.field, l.list, "").([]any)
		for _, it := range items {
			uri := cfn.Prefixed(l.prefix, it)
			if id, ok := it.(string); ok {
				uri = l.prefix + id
			}
			out = append(out, map[string]any{"Type": l.typ, "URI": uri})
		}
	}
	return out
}

// onFailure renders the DestinationConfig of a failure destination, nil
// for none.
func (b *builder) onFailure(path string, r *schema.Ref) any {
	if r == nil {
		return nil
	}
	k, _ := schema.KindOf(r.Kind)
	typ := ""
	if k.StreamFailure != nil {
		typ = k.StreamFailure.Type
	}
	return map[string]any{"OnFailure": map[string]any{
		// Type lets SAM add the matching send permission to the role.
		"Type":        typ,
		"Destination": b.resolve(path+".onFailure", *r, schema.AttrArn),
	}}
}

// events renders a function's Events.
func (b *builder) events(path, fnID string, f schema.Function) map[string]any {
	if len(f.Events) == 0 {
		return nil
	}
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(f.Events)) {
		t, opts, ok := f.Events[name].Type()
		if !ok {
			b.errf(path+".events."+name, "no event type")
			continue
		}
		// SAM derives logical IDs from event keys, and those must be
		// alphanumeric, so the key is rendered as a logical ID too.
		evID := schema.EventID(name)
		target := fnID
		if alias := schema.FunctionAlias(f); alias != "" {
			target = schema.AliasID(fnID, alias)
		}
		props := eventRenderers[t.Name](b, event{path + ".events." + name + "." + t.Name, fnID + evID, fnID, target}, opts)
		if props == nil {
			continue // rendered as resources of its own
		}
		out[evID] = map[string]any{"Type": t.SAMType, "Properties": props}
	}
	if len(out) == 0 {
		return nil // every event rendered as resources of its own
	}
	return out
}

// streamEvent renders the options DynamoDB and Kinesis events share.
func (b *builder) streamEvent(path string, s *schema.StreamEvent, stream any, timestamp schema.Value) map[string]any {
	props := map[string]any{"Stream": stream, "StartingPosition": s.StartingPosition}
	b.setOptionals(props, path, []valueOption{
		{"BatchSize", "batchSize", s.BatchSize},
		{"MaximumBatchingWindowInSeconds", "batchWindow", s.BatchWindow},
		{"MaximumRetryAttempts", "retries", s.Retries},
		{"MaximumRecordAgeInSeconds", "maxRecordAge", s.MaxRecordAge},
		{"BisectBatchOnFunctionError", "bisect", s.Bisect},
		{"ParallelizationFactor", "parallelization", s.Parallelization},
		{"TumblingWindowInSeconds", "tumblingWindow", s.TumblingWindow},
		{"Enabled", "enabled", s.Enabled},
		{"StartingPositionTimestamp", "startingTimestamp", timestamp},
	})
	setValue(props, "FunctionResponseTypes", responseTypes(s.ReportBatchItemFailures))
	setValue(props, "FilterCriteria", filterCriteria(s.Filters))
	setValue(props, "DestinationConfig", b.onFailure(path, s.OnFailure))
	b.pollerOptions(path, props, &s.PollerOptions)
	return props
}

func responseTypes(report bool) []any {
	if !report {
		return nil
	}
	return []any{"ReportBatchItemFailures"}
}

func filterCriteria(fs []schema.Filter) map[string]any {
	if len(fs) == 0 {
		return nil
	}
	var list []any
	for _, f := range fs {
		list = append(list, map[string]any{"Pattern": f.Pattern})
	}
	return map[string]any{"Filters": list}
}

// apiRoute renders what a route of a declared API adds to its event: the
// API and the route's authorization.
func (b *builder) apiRoute(path string, e *schema.ApiEvent, rest bool) map[string]any {
	extra := map[string]any{}
	if e.Api != nil {
		key := "ApiId"
		if rest {
			key = "RestApiId"
		}
		extra[key] = cfn.Ref(schema.LogicalID(*e.Api))
	}
	auth := map[string]any{}
	authorizer := e.Authorizer
	if authorizer == "" && len(e.Scopes) > 0 && e.Api != nil {
		// SAM takes scopes only with a named authorizer: the default one.
		authorizer = b.app.Apis[e.Api.Name].DefaultAuthorizer
		if e.Api.Kind == "httpApi" {
			authorizer = b.app.HttpApis[e.Api.Name].DefaultAuthorizer
		}
	}
	if authorizer != "" {
		auth["Authorizer"] = authorizer
	}
	if len(e.Scopes) > 0 {
		auth["AuthorizationScopes"] = toAny(e.Scopes)
	}
	if e.ApiKeyRequired != nil {
		auth["ApiKeyRequired"] = *e.ApiKeyRequired
	}
	if len(auth) > 0 {
		extra["Auth"] = auth
	}
	return extra
}

// s3Event renders a bucket notification. SAM adds the notification to the
// bucket and the permission to the function, and needs the bucket's
// logical ID for that.
func (b *builder) s3Event(path string, e *schema.S3Event) map[string]any {
	props := map[string]any{
		"Bucket": cfn.Ref(schema.LogicalID(b.declared(e.Bucket))),
		"Events": toAny(e.Events),
	}
	var rules []any
	for _, f := range []struct {
		name string
		v    schema.Value
	}{{"prefix", e.Prefix}, {"suffix", e.Suffix}} {
		if !f.v.IsZero() {
			rules = append(rules, map[string]any{"Name": f.name, "Value": b.value(path+"."+f.name, f.v, "")})
		}
	}
	if len(rules) > 0 {
		props["Filter"] = map[string]any{"S3Key": map[string]any{"Rules": rules}}
	}
	return props
}

// scheduleV2Event renders an EventBridge Scheduler schedule. SAM creates
// the scheduler's role: it may invoke the function and, with a
// dead-letter queue, send to that queue.
func (b *builder) scheduleV2Event(path string, e *schema.ScheduleV2Event) map[string]any {
	state := "ENABLED"
	if !e.Enabled {
		state = "DISABLED"
	}
	props := map[string]any{
		"ScheduleExpression": e.Expression,
		"State":              state,
		// Without OmitName SAM names the schedule after its logical ID,
		// which collides when the template is deployed twice.
		"OmitName": true,
	}
	if !e.Name.IsZero() {
		delete(props, "OmitName")
		props["Name"] = b.value(path+".name", e.Name, "")
	}
	setValue(props, "Description", b.optional(path+".description", e.Description, ""))
	if e.Timezone != "" {
		props["ScheduleExpressionTimezone"] = e.Timezone
	}
	if !e.FlexibleWindow.IsZero() {
		props["FlexibleTimeWindow"] = map[string]any{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": b.value(path+".flexibleWindow", e.FlexibleWindow, "")}
	}
	setValue(props, "Input", b.optional(path+".input", e.Input, ""))
	setValue(props, "RetryPolicy", b.retryPolicy(path, e.Retries, e.MaxEventAge))
	if e.DeadLetter != nil {
		props["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(path+".deadLetter", *e.DeadLetter, schema.AttrArn)}
		// The scheduler sends its dead letters with the role SAM generates
		// for the schedule, which samgen cannot give the key.
		if d, _ := b.app.Decl(*e.DeadLetter); d.Key != nil {
			b.report("SG744", path+".deadLetter", "queue %s is encrypted with key %s, and the schedule's dead letters are sent with the role SAM generates for it, which may not use the key: every dead letter would be lost; give the schedule a queue under SQS's own encryption", e.DeadLetter.Name, d.Key.Name)
		}
	}
	return props
}

// scheduleEvent renders an EventBridge schedule (of a function or a state
// machine).
func (b *builder) scheduleEvent(path string, sc *schema.ScheduleEvent) map[string]any {
	props := map[string]any{"Schedule": sc.Expression, "Enabled": sc.Enabled}
	setValue(props, "Name", b.optional(path+".name", sc.Name, ""))
	setValue(props, "Description", b.optional(path+".description", sc.Description, ""))
	setValue(props, "Input", b.optional(path+".input", sc.Input, ""))
	return props
}

// eventBridgeRule renders an EventBridge rule event (of a function or a
// state machine) whose rule SAM generates as ruleID: <target ID><event ID>.
func (b *builder) eventBridgeRule(path, ruleID string, eb *schema.EventBridgeEvent) map[string]any {
	props := map[string]any{"Pattern": b.document(path+".pattern", eb.Pattern, true)}
	if eb.Bus != nil {
		props["EventBusName"] = b.resolve(path+".bus", *eb.Bus, schema.AttrName)
	}
	setValue(props, "RetryPolicy", b.retryPolicy(path, eb.Retries, eb.MaxEventAge))
	if eb.DeadLetter != nil {
		props["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(path+".deadLetter", *eb.DeadLetter, schema.AttrArn)}
		b.allowDelivery(path+".deadLetter", *eb.DeadLetter, "events.amazonaws.com", cfn.GetAtt(ruleID, "Arn"))
	}
	if it := eb.InputTransformer; it != nil {
		t := map[string]any{"InputTemplate": it.Template}
		if len(it.Paths) > 0 {
			paths := map[string]any{}
			for k, v := range it.Paths {
				paths[k] = v
			}
			t["InputPathsMap"] = paths
		}
		props["InputTransformer"] = t
	}
	return props
}

// retryPolicy renders an EventBridge or Scheduler retry policy (of the
// options at path), nil when it sets nothing.
func (b *builder) retryPolicy(path string, retries, maxAge schema.Value) any {
	if retries.IsZero() && maxAge.IsZero() {
		return nil
	}
	rp := map[string]any{}
	setValue(rp, "MaximumRetryAttempts", b.optional(path+".retries", retries, ""))
	setValue(rp, "MaximumEventAgeInSeconds", b.optional(path+".maxEventAge", maxAge, ""))
	return rp
}

// snsSubscription renders an SNS event as SAM's transform would
// (samtranslator/model/eventsources/push.py, SNS): the subscription of the
// function (or its alias) to the topic, and the permission that lets the
// topic invoke it.
func (b *builder) snsSubscription(e event, props map[string]any) {
	// A function's ARN is an attribute, an alias's its Ref.
	var endpoint any = cfn.Ref(e.target)
	if e.target == e.fn {
		endpoint = cfn.GetAtt(e.fn, "Arn")
	}
	sub := map[string]any{"Protocol": "lambda", "Endpoint": endpoint, "TopicArn": props["Topic"]}
	for _, k := range []string{"FilterPolicy", "FilterPolicyScope", "RedrivePolicy"} {
		if v, ok := props[k]; ok {
			sub[k] = v
		}
	}
	b.add(e.id, e.path, "the subscription", &Resource{Type: "AWS::SNS::Subscription", Properties: sub})
	b.add(e.id+"Permission", e.path, "the permission", &Resource{Type: "AWS::Lambda::Permission", Properties: map[string]any{
		"Action":       "lambda:InvokeFunction",
		"FunctionName": cfn.Ref(e.target),
		"Principal":    "sns.amazonaws.com",
		"SourceArn":    props["Topic"],
	}})
}
