package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/sqs"

	"samgen.dev/samgen/schema"
)

func (b *builder) queues() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Queues)) {
		q := b.app.Queues[name]
		if q.Arn != "" {
			continue
		}
		path := "queues." + name
		queue := &sqs.Queue{
			VisibilityTimeout:         ptr(q.VisibilityTimeout),
			MessageRetentionPeriod:    q.Retention,
			DelaySeconds:              q.Delay,
			ContentBasedDeduplication: q.ContentBasedDeduplication,
			SqsManagedSseEnabled:      ptr(true),
			Tags:                      cfnTags(q.Tags),
		}
		if q.Fifo {
			queue.FifoQueue = ptr(true)
		}
		if q.Redrive != nil {
			queue.RedrivePolicy = map[string]any{
				"deadLetterTargetArn": b.resolve(path+".redrive.deadLetter", q.Redrive.DeadLetter, schema.AttrArn),
				"maxReceiveCount":     q.Redrive.MaxReceiveCount,
			}
		}
		b.add(schema.LogicalID(q.Ref), "queues."+name, "", fromStruct(queue, nil))
	}
}
