package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) topics() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Topics)) {
		t := b.app.Topics[name]
		if t.Exists() {
			continue
		}
		path := "topics." + name
		props := map[string]any{}
		if t.ContentBasedDeduplication != nil {
			props["ContentBasedDeduplication"] = *t.ContentBasedDeduplication
		}
		setValue(props, "DisplayName", b.optional(path+".displayName", t.DisplayName, ""))
		setValue(props, "TopicName", b.optional(path+".name", t.Name, schema.AttrName))
		if t.Fifo {
			props["FifoTopic"] = true
			if t.Name.IsZero() {
				// A FIFO topic needs an explicit name ending in .fifo.
				props["TopicName"] = cfn.Sub("${AWS::StackName}-" + name + ".fifo")
			}
		}
		if tags := b.tagList(path+".tags", t.Tags); tags != nil {
			props["Tags"] = tags
		}
		res := &Resource{Type: "AWS::SNS::Topic", Properties: props}
		b.resourceAttributes(res, path, t.Resource, nil)
		b.add(schema.LogicalID(t.Ref), path, "", res)
	}
}
