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
		sc := o.(*schema.ScheduleEvent)
		s := serverless.Function_ScheduleEvent{Schedule: sc.Expression, Enabled: ptr(sc.Enabled)}
		if sc.Input != "" {
			s.Input = ptr(sc.Input)
		}
		return structMap(s, nil)
	},
	"sqs": func(b *builder, e event, o any) map[string]any {
		q := o.(*schema.SQSEvent)
		extra := map[string]any{
			"MaximumBatchingWindowInSeconds": q.BatchWindow,
			"FilterCriteria":                 filterCriteria(q.Filters),
			"FunctionResponseTypes":          responseTypes(q.ReportBatchItemFailures),
		}
		if q.MaxConcurrency != nil {
			extra["ScalingConfig"] = map[string]any{"MaximumConcurrency": *q.MaxConcurrency}
		}
		return structMap(serverless.Function_SQSEvent{
			Queue:     str(b.resolve(e.path+".queue", q.Queue, schema.AttrArn)),
			BatchSize: q.BatchSize,
			Enabled:   q.Enabled,
		}, extra)
	},
	"sns": func(b *builder, e event, o any) map[string]any {
		s := o.(*schema.SNSEvent)
		topic := b.resolve(e.path+".topic", s.Topic, schema.AttrArn)
		extra := map[string]any{"FilterPolicy": s.FilterPolicy}
		if s.FilterPolicyScope != "" {
			extra["FilterPolicyScope"] = s.FilterPolicyScope
		}
		if s.DeadLetter != nil {
			extra["RedrivePolicy"] = map[string]any{"deadLetterTargetArn": b.resolve(e.path+".deadLetter", *s.DeadLetter, schema.AttrArn)}
			b.allowDelivery(e.path+".deadLetter", *s.DeadLetter, "sns.amazonaws.com", topic)
		}
		return structMap(serverless.Function_SNSEvent{Topic: str(topic)}, extra)
	},
	"eventBridge": func(b *builder, e event, o any) map[string]any {
		eb := o.(*schema.EventBridgeEvent)
		rule := serverless.Function_EventBridgeRuleEvent{Pattern: b.rawValue(e.path+".pattern", eb.Pattern)}
		if eb.Bus != nil {
			rule.EventBusName = strp(b.resolve(e.path+".bus", *eb.Bus, schema.AttrName))
		}
		extra := map[string]any{"RetryPolicy": retryPolicy(eb.Retries, eb.MaxEventAge)}
		if eb.DeadLetter != nil {
			extra["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(e.path+".deadLetter", *eb.DeadLetter, schema.AttrArn)}
			// The rule SAM generates for the event is <function ID><event ID>.
			b.allowDelivery(e.path+".deadLetter", *eb.DeadLetter, "events.amazonaws.com", cfn.GetAtt(e.id, "Arn"))
		}
		return structMap(rule, extra)
	},
	"dynamodb": func(b *builder, e event, o any) map[string]any {
		d := o.(*schema.DynamoDBEvent)
		return b.streamEvent(e.path, &d.StreamEvent, b.resolve(e.path+".table", d.Table, schema.AttrStreamArn), nil)
	},
	"kinesis": func(b *builder, e event, o any) map[string]any {
		k := o.(*schema.KinesisEvent)
		return b.streamEvent(e.path, &k.StreamEvent, b.kinesisStream(e.path+".stream", k.Stream), k.StartingTimestamp)
	},
	"s3": func(b *builder, e event, o any) map[string]any {
		return b.s3Event(e.path, o.(*schema.S3Event))
	},
	"scheduleV2": func(b *builder, e event, o any) map[string]any {
		return b.scheduleV2Event(e.path, o.(*schema.ScheduleV2Event))
	},
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
		props := eventRenderers[t.Name](b, event{path + ".events." + name + "." + t.Name, fnID + evID}, opts)
		out[evID] = map[string]any{"Type": t.SAMType, "Properties": props}
	}
	return out
}

// streamEvent renders the options DynamoDB and Kinesis events share.
func (b *builder) streamEvent(path string, s *schema.StreamEvent, stream any, timestamp *float64) map[string]any {
	ev := serverless.Function_DynamoDBEvent{
		Stream:                         str(stream),
		StartingPosition:               s.StartingPosition,
		BatchSize:                      s.BatchSize,
		MaximumBatchingWindowInSeconds: s.BatchWindow,
		MaximumRetryAttempts:           s.Retries,
		MaximumRecordAgeInSeconds:      s.MaxRecordAge,
		BisectBatchOnFunctionError:     s.Bisect,
		ParallelizationFactor:          s.Parallelization,
		Enabled:                        s.Enabled,
	}
	extra := map[string]any{
		"TumblingWindowInSeconds": s.TumblingWindow,
		"FunctionResponseTypes":   responseTypes(s.ReportBatchItemFailures),
		"FilterCriteria":          filterCriteria(s.Filters),
	}
	if timestamp != nil {
		extra["StartingPositionTimestamp"] = *timestamp
	}
	if s.OnFailure != nil {
		k, _ := schema.KindOf(s.OnFailure.Kind)
		typ := ""
		if k.StreamFailure != nil {
			typ = k.StreamFailure.Type
		}
		extra["DestinationConfig"] = map[string]any{"OnFailure": map[string]any{
			// Type lets SAM add the matching send permission to the role.
			"Type":        typ,
			"Destination": b.resolve(path+".onFailure", *s.OnFailure, schema.AttrArn),
		}}
	}
	return structMap(ev, extra)
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

// kinesisStream renders a kinesis event's stream: an ARN, or a reference.
func (b *builder) kinesisStream(path string, v any) any {
	if r, _, ok := schema.AsAttrRef(v); ok {
		return b.resolve(path, r, schema.AttrArn)
	}
	return v
}

// s3Event renders a bucket notification. SAM adds the notification to the
// bucket and the permission to the function, and needs the bucket's
// logical ID for that.
func (b *builder) s3Event(path string, e *schema.S3Event) map[string]any {
	props := map[string]any{
		"Bucket": cfn.Ref(schema.LogicalID(e.Bucket)),
		"Events": toAny(e.Events),
	}
	var rules []any
	for _, f := range []struct {
		name string
		v    *string
	}{{"prefix", e.Prefix}, {"suffix", e.Suffix}} {
		if f.v != nil {
			rules = append(rules, map[string]any{"Name": f.name, "Value": *f.v})
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
	if e.Timezone != "" {
		props["ScheduleExpressionTimezone"] = e.Timezone
	}
	if e.FlexibleWindow != nil {
		props["FlexibleTimeWindow"] = map[string]any{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": *e.FlexibleWindow}
	}
	if e.Input != "" {
		props["Input"] = e.Input
	}
	if rp := retryPolicy(e.Retries, e.MaxEventAge); rp != nil {
		props["RetryPolicy"] = rp
	}
	if e.DeadLetter != nil {
		props["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(path+".deadLetter", *e.DeadLetter, schema.AttrArn)}
	}
	return props
}

// retryPolicy renders an EventBridge or Scheduler retry policy.
func retryPolicy(retries, maxAge *int) map[string]any {
	if retries == nil && maxAge == nil {
		return nil
	}
	rp := map[string]any{}
	setInt(rp, "MaximumRetryAttempts", retries)
	setInt(rp, "MaximumEventAgeInSeconds", maxAge)
	return rp
}
