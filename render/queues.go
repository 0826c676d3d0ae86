package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

func (b *builder) queues() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Queues)) {
		q := b.app.Queues[name]
		if q.Exists() {
			continue
		}
		path := "queues." + name
		props := map[string]any{"VisibilityTimeout": b.value(path+".visibilityTimeout", q.VisibilityTimeout, "")}
		if q.Key != nil {
			props["KmsMasterKeyId"] = b.resolve(path+".key", *q.Key, schema.AttrArn)
		} else {
			props["SqsManagedSseEnabled"] = true
		}
		setValue(props, "QueueName", b.optional(path+".name", q.Name, schema.AttrName))
		setValue(props, "MessageRetentionPeriod", b.optional(path+".retention", q.Retention, ""))
		setValue(props, "DelaySeconds", b.optional(path+".delay", q.Delay, ""))
		if q.ContentBasedDeduplication != nil {
			props["ContentBasedDeduplication"] = *q.ContentBasedDeduplication
		}
		if q.Fifo {
			props["FifoQueue"] = true
		}
		if q.Redrive != nil {
			props["RedrivePolicy"] = map[string]any{
				"deadLetterTargetArn": b.resolve(path+".redrive.deadLetter", q.Redrive.DeadLetter, schema.AttrArn),
				"maxReceiveCount":     b.value(path+".redrive.maxReceiveCount", q.Redrive.MaxReceiveCount, ""),
			}
		}
		b.addDeclared("AWS::SQS::Queue", path, q.Resource, &q.Stateful, q.Tags, props)
	}
}
