package checks

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

func sqsBatch(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			p := path + ".events." + ev + ".sqs"
			size, ok := s.BatchSize.Int()
			if !ok {
				continue // unset, or known at deploy time only (SG025)
			}
			window, literal := s.BatchWindow.Int()
			if c.App.Fifo(s.Queue) && size > 10 {
				c.Report(p+".batchSize", "batch size %d is over 10, the maximum for FIFO queue %s", size, s.Queue.Name)
			} else if size > 10 && (s.BatchWindow.IsZero() || literal && window < 1) {
				c.Report(p+".batchSize", "batch size %d is over 10 and needs a batchWindow of at least 1 second", size)
			}
		}
	})
}

func sqsVisibility(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e, _ := c.effective(name)
		timeout := 3
		if !e.Timeout.IsZero() {
			t, ok := e.Timeout.Int()
			if !ok {
				return // known at deploy time only (SG025)
			}
			timeout = t
		}
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			q, ok := c.App.Queues[s.Queue.Name]
			if !ok || q.Exists() {
				continue
			}
			if v, ok := q.VisibilityTimeout.Int(); ok && v < timeout {
				c.Report("queues."+s.Queue.Name+".visibilityTimeout", "visibility timeout %ds of queue %s is shorter than the %ds timeout of function %s, which consumes it", v, s.Queue.Name, timeout, name)
			}
		}
	})
}

func filters(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			t, opts, _ := e.Type()
			if f, ok := opts.(schema.Filtered); ok && len(f.FilterList()) > 5 {
				c.Report(path+".events."+ev+"."+t.Name+".filters", "%d filters; an event source takes at most 5", len(f.FilterList()))
			}
		}
	})
}

func streams(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			p := path + ".events." + ev
			if d := e.DynamoDB; d != nil {
				t := c.App.Tables[d.Table.Name]
				if !t.Exists() && t.Stream == "" {
					c.Report(p+".dynamodb.table", "table %s has no stream; set its `stream` view to consume it", d.Table.Name)
				}
				if t.Exists() && t.StreamArn.IsZero() {
					c.Report(p+".dynamodb.table", "existing table %s declares no streamArn to consume", d.Table.Name)
				}
			}
			if k := e.Kinesis; k != nil && k.StartingPosition == "AT_TIMESTAMP" && k.StartingTimestamp.IsZero() {
				c.Report(p+".kinesis.startingPosition", "AT_TIMESTAMP needs startingTimestamp")
			}
		}
	})
}

func eventTargets(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			p := path + ".events." + ev
			if t, opts, _ := e.Type(); opts != nil {
				if s, ok := opts.(schema.Streamed); ok && s.StreamOptions().OnFailure != nil {
					r := *s.StreamOptions().OnFailure
					at := p + "." + t.Name + ".onFailure"
					switch k, _ := schema.KindOf(r.Kind); {
					case k.StreamFailure == nil:
						c.Report(at, "an on-failure destination is %s, not a %s", kindList(func(k schema.Kind) bool { return k.StreamFailure != nil }), r.Kind)
					case c.App.Fifo(r):
						c.Report(at, "FIFO %s %s cannot be an on-failure destination", r.Kind, r.Name)
					}
				}
			}
			if k := e.Kinesis; k != nil {
				// The stream takes any value (an ARN, an expression): a
				// reference in it must be a stream's.
				if r, _, ok := k.Stream.Ref(); ok && r.Kind != "stream" {
					c.Report(p+".kinesis.stream", "a kinesis event consumes a stream, not a %s", r.Kind)
				}
			}
			if e.SNS != nil && e.SNS.DeadLetter != nil && c.App.Fifo(*e.SNS.DeadLetter) {
				c.Report(p+".sns.deadLetter", "FIFO queue %s cannot be the dead-letter queue of a standard subscription", e.SNS.DeadLetter.Name)
			}
			if e.EventBridge != nil && e.EventBridge.DeadLetter != nil && c.App.Fifo(*e.EventBridge.DeadLetter) {
				c.Report(p+".eventBridge.deadLetter", "FIFO queue %s cannot be an EventBridge dead-letter queue", e.EventBridge.DeadLetter.Name)
			}
		}
	})
}

func s3Events(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].S3
			if s == nil {
				continue
			}
			if !c.App.Owned(s.Bucket) {
				c.Report(path+".events."+ev+".s3.bucket", "bucket %s belongs to another stack (declared by arn); SAM can only add notifications to a bucket of this template — notify through EventBridge instead", s.Bucket.Name)
			}
		}
	})
}

// kindList names the kinds keep accepts, for a message: "a queue, a topic
// or a bucket".
func kindList(keep func(schema.Kind) bool) string {
	var names []string
	for _, k := range schema.Kinds {
		if keep(k) {
			names = append(names, "a "+k.Name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
