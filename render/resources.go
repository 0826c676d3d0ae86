package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/dynamodb"
	"github.com/awslabs/goformation/v7/cloudformation/events"
	"github.com/awslabs/goformation/v7/cloudformation/sns"
	"github.com/awslabs/goformation/v7/cloudformation/sqs"
	"github.com/awslabs/goformation/v7/cloudformation/tags"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func ptr[T any](v T) *T { return &v }

func cfnTags(t map[string]string) []tags.Tag {
	var out []tags.Tag
	for _, k := range slices.Sorted(maps.Keys(t)) {
		out = append(out, tags.Tag{Key: k, Value: t[k]})
	}
	return out
}

func (b *builder) tables() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Tables)) {
		t := b.app.Tables[name]
		if t.Arn != "" || t.Key == nil {
			continue
		}
		tbl := &dynamodb.Table{
			BillingMode: ptr(t.Billing),
			Tags:        cfnTags(t.Tags),
		}
		for _, k := range []struct {
			attr *schema.KeyAttribute
			typ  string
		}{{t.Key, "HASH"}, {t.SortKey, "RANGE"}} {
			if k.attr == nil {
				continue
			}
			tbl.AttributeDefinitions = append(tbl.AttributeDefinitions, dynamodb.Table_AttributeDefinition{AttributeName: k.attr.Name, AttributeType: k.attr.Type})
			tbl.KeySchema = append(tbl.KeySchema, dynamodb.Table_KeySchema{AttributeName: k.attr.Name, KeyType: k.typ})
		}
		if t.Capacity != nil {
			tbl.ProvisionedThroughput = &dynamodb.Table_ProvisionedThroughput{ReadCapacityUnits: t.Capacity.Read, WriteCapacityUnits: t.Capacity.Write}
		}
		if t.Stream != "" {
			tbl.StreamSpecification = &dynamodb.Table_StreamSpecification{StreamViewType: t.Stream}
		}
		if t.TTL != "" {
			tbl.TimeToLiveSpecification = &dynamodb.Table_TimeToLiveSpecification{AttributeName: ptr(t.TTL), Enabled: true}
		}
		if t.PointInTimeRecovery {
			tbl.PointInTimeRecoverySpecification = &dynamodb.Table_PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: ptr(true)}
		}
		b.add(schema.LogicalID(t.Ref), fromStruct(tbl, nil))
	}
}

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
		b.add(schema.LogicalID(q.Ref), fromStruct(queue, nil))
	}
}

func (b *builder) topics() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Topics)) {
		t := b.app.Topics[name]
		if t.Arn != "" {
			continue
		}
		topic := &sns.Topic{
			ContentBasedDeduplication: t.ContentBasedDeduplication,
			Tags:                      cfnTags(t.Tags),
		}
		if t.DisplayName != "" {
			topic.DisplayName = ptr(t.DisplayName)
		}
		if t.Fifo {
			// A FIFO topic needs an explicit name ending in .fifo.
			topic.FifoTopic = ptr(true)
			topic.TopicName = strp(cfn.Sub("${AWS::StackName}-" + name + ".fifo"))
		}
		b.add(schema.LogicalID(t.Ref), fromStruct(topic, nil))
	}
}

func (b *builder) buses() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Buses)) {
		bus := b.app.Buses[name]
		if !b.app.Owned(bus.Ref) {
			continue
		}
		b.add(schema.LogicalID(bus.Ref), fromStruct(&events.EventBus{
			Name: str(cfn.Sub("${AWS::StackName}-" + name)),
			Tags: cfnTags(bus.Tags),
		}, nil))
	}
}
