package checks

import (
	"fmt"
	"strings"

	"samgen.dev/samgen/schema"
)

// limit is a field whose literal values samgen checks: the schema's
// bounds (limits_test.go holds them equal to the CUE schema's), and the
// rules that compare the field with others. A deploy-time value escapes
// both, which SG025 says.
type limit struct {
	// Field is the model field, "Type.json" as [schema.ValueAt] names it.
	Field string
	// Min and Max bound the value; Max 0 is no upper bound.
	Min, Max int
	// Unit follows the bounds in a message ("MB").
	Unit string
	// Also says what else samgen compares the field with, for a message.
	Also string
	// Schema is the field's path in the CUE schema, when it is not
	// "#Type.json" ("#Table.capacity.read": the model's Capacity is an
	// inline struct in CUE).
	Schema string
}

// limits are the fields SG025 knows, by model field.
var limits = []limit{
	{Field: "FunctionSettings.memory", Min: 128, Max: 10240, Unit: "MB"},
	{Field: "FunctionSettings.timeout", Min: 1, Max: 900, Unit: "seconds", Also: "at most the visibility timeout of each queue the function consumes (SG302)"},
	{Field: "FunctionSettings.ephemeralStorage", Min: 512, Max: 10240, Unit: "MB"},
	{Field: "Function.reservedConcurrency", Min: 0, Also: "at least the provisioned concurrency (SG107)"},
	{Field: "Function.provisionedConcurrency", Min: 1, Also: "at most the reserved concurrency (SG107)"},
	{Field: "Async.retries", Min: 0, Max: 2},
	{Field: "Async.maxEventAge", Min: 60, Max: 21600, Unit: "seconds"},
	{Field: "SQSEvent.batchSize", Min: 1, Max: 10000, Also: "at most 10 for a FIFO queue, and with a batch window over 10 (SG301)"},
	{Field: "SQSEvent.batchWindow", Min: 0, Max: 300, Unit: "seconds", Also: "at least 1 second for a batch over 10 (SG301)"},
	{Field: "SQSEvent.maxConcurrency", Min: 2, Max: 1000},
	{Field: "StreamEvent.batchSize", Min: 1, Max: 10000},
	{Field: "StreamEvent.batchWindow", Min: 0, Max: 300, Unit: "seconds"},
	{Field: "StreamEvent.retries", Min: -1, Max: 10000},
	{Field: "StreamEvent.parallelization", Min: 1, Max: 10},
	{Field: "StreamEvent.tumblingWindow", Min: 0, Max: 900, Unit: "seconds"},
	{Field: "Queue.visibilityTimeout", Min: 0, Max: 43200, Unit: "seconds", Also: "at least the timeout of each function that consumes the queue (SG302)"},
	{Field: "Queue.retention", Min: 60, Max: 1209600, Unit: "seconds"},
	{Field: "Queue.delay", Min: 0, Max: 900, Unit: "seconds"},
	{Field: "Redrive.maxReceiveCount", Min: 1, Max: 1000},
	{Field: "Stream.retention", Min: 24, Max: 8760, Unit: "hours"},
	{Field: "Stream.shards", Min: 1},
	{Field: "ScheduleV2Event.flexibleWindow", Min: 1, Max: 1440, Unit: "minutes"},
	{Field: "ScheduleV2Event.retries", Min: 0, Max: 185},
	{Field: "ScheduleV2Event.maxEventAge", Min: 60, Max: 86400, Unit: "seconds"},
	{Field: "EventBridgeEvent.retries", Min: 0, Max: 185},
	{Field: "EventBridgeEvent.maxEventAge", Min: 60, Max: 86400, Unit: "seconds"},
	{Field: "RuleTarget.retries", Min: 0, Max: 185},
	{Field: "RuleTarget.maxEventAge", Min: 60, Max: 86400, Unit: "seconds"},
	{Field: "Capacity.read", Min: 1, Schema: "#Table.capacity.read"},
	{Field: "Capacity.write", Min: 1, Schema: "#Table.capacity.write"},
}

// bounds says what the limit checks of a literal: "128–10240 MB".
func (l limit) bounds() string {
	s := fmt.Sprintf("at least %d", l.Min)
	if l.Max != 0 {
		s = fmt.Sprintf("%d–%d", l.Min, l.Max)
	}
	if l.Unit != "" {
		s += " " + l.Unit
	}
	return s
}

// unverifiedLimits notes each deploy-time value of a field whose literal
// samgen checks: CloudFormation and the service check it at deploy time,
// samgen could not (SG025). A template parameter whose own constraints
// (minValue and maxValue, or allowed values) keep it within the bounds is
// verified.
func unverifiedLimits(c *Context) {
	byField := map[string]limit{}
	for _, l := range limits {
		byField[l.Field] = l
	}
	c.eachValue(func(at schema.ValueAt) {
		l, ok := byField[at.Field]
		if !ok || at.Value.Literal() || c.withinBounds(at.Value, l) {
			return
		}
		what := "that it is " + l.bounds()
		if l.Also != "" {
			what += ", nor that it is " + l.Also
		}
		field := at.Field[strings.IndexByte(at.Field, '.')+1:]
		c.Report(at.Path, "%s is %s, known at deploy time only: samgen cannot check %s", field, at.Value.Text(), what)
	})
}

// withinBounds reports whether v is a reference to a Number parameter
// whose own constraints keep it within l's bounds.
func (c *Context) withinBounds(v schema.Value, l limit) bool {
	r, _, ok := v.Ref()
	if !ok || r.Kind != "parameter" {
		return false
	}
	p := c.App.Parameters[r.Name]
	in := func(f float64) bool { return f >= float64(l.Min) && (l.Max == 0 || f <= float64(l.Max)) }
	if len(p.Allowed) > 0 {
		for _, a := range p.Allowed {
			f, ok := schema.V(a).Number()
			if !ok || !in(f) {
				return false
			}
		}
		return l.Also == ""
	}
	return p.MinValue != nil && p.MaxValue != nil && in(*p.MinValue) && in(*p.MaxValue) && l.Also == ""
}
