package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/sns"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

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
		b.add(schema.LogicalID(t.Ref), "topics."+name, "", fromStruct(topic, nil))
	}
}
