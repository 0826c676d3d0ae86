package render

import (
	"fmt"
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

// alarms renders each alarm on the metric of its queue (AWS/SQS, by
// QueueName) or function (AWS/Lambda, by FunctionName).
func (b *builder) alarms() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Alarms)) {
		a := b.app.Alarms[name]
		path := "alarms." + name
		props := map[string]any{
			"MetricName":         a.Metric,
			"Statistic":          a.Statistic,
			"Period":             a.Period,
			"EvaluationPeriods":  a.EvaluationPeriods,
			"Threshold":          b.value(path+".threshold", a.Threshold, ""),
			"ComparisonOperator": a.Comparison,
			"TreatMissingData":   a.TreatMissingData,
		}
		switch {
		case a.Queue != nil:
			props["Namespace"] = "AWS/SQS"
			props["Dimensions"] = []any{map[string]any{"Name": "QueueName", "Value": b.resolve(path+".queue", *a.Queue, schema.AttrName)}}
		case a.Function != nil:
			props["Namespace"] = "AWS/Lambda"
			props["Dimensions"] = []any{map[string]any{"Name": "FunctionName", "Value": b.resolve(path+".function", *a.Function, schema.AttrName)}}
		}
		if a.DatapointsToAlarm != 0 {
			props["DatapointsToAlarm"] = a.DatapointsToAlarm
		}
		setValue(props, "AlarmName", b.optional(path+".name", a.Name, ""))
		setValue(props, "AlarmDescription", b.optional(path+".description", a.Description, ""))
		for _, l := range []struct {
			key, field string
			refs       []schema.Ref
		}{{"AlarmActions", "actions", a.Actions}, {"OKActions", "okActions", a.OKActions}} {
			var list []any
			for i, r := range l.refs {
				p := fmt.Sprintf("%s.%s[%d]", path, l.field, i)
				list = append(list, b.resolve(p, r, schema.AttrArn))
				// CloudWatch needs no topic policy in its own account, but
				// it does need the use of the topic's key.
				b.allowKeyUse(p, r, "cloudwatch.amazonaws.com")
			}
			if len(list) > 0 {
				props[l.key] = list
			}
		}
		b.addDeclared("AWS::CloudWatch::Alarm", path, a.Resource, nil, nil, props)
	}
}
