package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/serverless"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// events renders a function's Events. goformation's event structs predate
// most event-source options (FunctionResponseTypes, FilterCriteria,
// ScalingConfig, stream failure handling), so each starts from the typed
// struct and the missing properties are merged in.
func (b *builder) events(path, fnID string, f schema.Function) map[string]any {
	if len(f.Events) == 0 {
		return nil
	}
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(f.Events)) {
		e := f.Events[name]
		p := path + ".events." + name
		// SAM derives logical IDs from event keys (the rule of an
		// EventBridge event is <function ID><event key>), and those must be
		// alphanumeric, so the key is a logical ID too.
		evID := cfn.LogicalID(name, "")
		var typ string
		var props map[string]any
		switch {
		case e.Api != nil:
			typ = "Api"
			props = structMap(serverless.Function_ApiEvent{Method: e.Api.Method, Path: e.Api.Path}, b.apiRoute(p+".api", e.Api, true))
		case e.HttpApi != nil:
			typ = "HttpApi"
			props = structMap(serverless.Function_HttpApiEvent{Method: ptr(e.HttpApi.Method), Path: ptr(e.HttpApi.Path)}, b.apiRoute(p+".httpApi", e.HttpApi, false))
		case e.Schedule != nil:
			typ = "Schedule"
			s := serverless.Function_ScheduleEvent{Schedule: e.Schedule.Expression, Enabled: ptr(e.Schedule.Enabled)}
			if e.Schedule.Input != "" {
				s.Input = ptr(e.Schedule.Input)
			}
			props = structMap(s, nil)
		case e.SQS != nil:
			typ = "SQS"
			q := e.SQS
			extra := map[string]any{
				"MaximumBatchingWindowInSeconds": q.BatchWindow,
				"FilterCriteria":                 filterCriteria(q.Filters),
				"FunctionResponseTypes":          responseTypes(q.ReportBatchItemFailures),
			}
			if q.MaxConcurrency != nil {
				extra["ScalingConfig"] = map[string]any{"MaximumConcurrency": *q.MaxConcurrency}
			}
			props = structMap(serverless.Function_SQSEvent{
				Queue:     str(b.resolve(p+".sqs.queue", q.Queue, schema.AttrArn)),
				BatchSize: q.BatchSize,
				Enabled:   q.Enabled,
			}, extra)
		case e.SNS != nil:
			typ = "SNS"
			s := e.SNS
			topic := b.resolve(p+".sns.topic", s.Topic, schema.AttrArn)
			extra := map[string]any{"FilterPolicy": s.FilterPolicy}
			if s.FilterPolicyScope != "" {
				extra["FilterPolicyScope"] = s.FilterPolicyScope
			}
			if s.DeadLetter != nil {
				extra["RedrivePolicy"] = map[string]any{"deadLetterTargetArn": b.resolve(p+".sns.deadLetter", *s.DeadLetter, schema.AttrArn)}
				b.allowDelivery(p+".sns.deadLetter", *s.DeadLetter, "sns.amazonaws.com", topic)
			}
			props = structMap(serverless.Function_SNSEvent{Topic: str(topic)}, extra)
		case e.EventBridge != nil:
			typ = "EventBridgeRule"
			eb := e.EventBridge
			rule := serverless.Function_EventBridgeRuleEvent{Pattern: eb.Pattern}
			if eb.Bus != nil {
				rule.EventBusName = strp(b.resolve(p+".eventBridge.bus", *eb.Bus, schema.AttrName))
			}
			extra := map[string]any{}
			if eb.DeadLetter != nil {
				extra["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(p+".eventBridge.deadLetter", *eb.DeadLetter, schema.AttrArn)}
				// SAM names the rule it generates <function ID><event name>.
				b.allowDelivery(p+".eventBridge.deadLetter", *eb.DeadLetter, "events.amazonaws.com",
					map[string]any{"Fn::GetAtt": []any{fnID + evID, "Arn"}})
			}
			if eb.Retries != nil || eb.MaxEventAge != nil {
				rp := map[string]any{}
				setInt(rp, "MaximumRetryAttempts", eb.Retries)
				setInt(rp, "MaximumEventAgeInSeconds", eb.MaxEventAge)
				extra["RetryPolicy"] = rp
			}
			props = structMap(rule, extra)
		case e.DynamoDB != nil:
			typ = "DynamoDB"
			props = b.streamEvent(p+".dynamodb", e.DynamoDB, b.resolve(p+".dynamodb.table", *e.DynamoDB.Table, schema.AttrStreamArn))
		case e.Kinesis != nil:
			typ = "Kinesis"
			props = b.streamEvent(p+".kinesis", e.Kinesis, b.kinesisStream(p+".kinesis.stream", e.Kinesis.Stream))
		case e.S3 != nil:
			typ = "S3"
			props = b.s3Event(p+".s3", e.S3)
		case e.ScheduleV2 != nil:
			typ = "ScheduleV2"
			props = b.scheduleV2Event(p+".scheduleV2", e.ScheduleV2)
		default:
			b.errf(p, "no event type")
			continue
		}
		out[evID] = map[string]any{"Type": typ, "Properties": props}
	}
	return out
}

// streamEvent renders the options DynamoDB and Kinesis events share.
func (b *builder) streamEvent(path string, s *schema.StreamEvent, stream any) map[string]any {
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
	if s.StartingTimestamp != nil {
		extra["StartingPositionTimestamp"] = *s.StartingTimestamp
	}
	if s.OnFailure != nil {
		typ := map[string]string{"queue": "SQS", "topic": "SNS", "bucket": "S3"}[s.OnFailure.Kind]
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
