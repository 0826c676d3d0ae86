package checks

import (
	"samgen.dev/samgen/schema"
)

func sqsFifoWindow(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if s := e.SQS; s != nil && positive(s.BatchWindow) && c.App.Fifo(s.Queue) {
			c.Report(path+".sqs.batchWindow", "FIFO queue %s takes no batching window (Lambda: \"Batching window is not supported for FIFO queues\"); drop batchWindow, and let batchSize (at most 10) bound the batch", s.Queue.Name)
		}
	})
}

func snsFifoTargets(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if s := e.SNS; s != nil && c.App.Fifo(s.Topic) {
			c.Report(path+".sns.topic", "FIFO topic %s delivers to SQS queues only, not to functions; subscribe a FIFO queue to it (subscriptions) and consume the queue with an sqs event", s.Topic.Name)
		}
	})
}

// positive reports whether v is a literal number above 0; an expression is
// known at deploy time only.
func positive(v schema.Value) bool {
	n, ok := v.Number()
	return ok && n > 0
}
