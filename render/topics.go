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
		if t.Key != nil {
			props["KmsMasterKeyId"] = b.resolve(path+".key", *t.Key, schema.AttrArn)
		}
		setValue(props, "TopicName", b.optional(path+".name", t.Name, schema.AttrName))
		if t.Fifo {
			props["FifoTopic"] = true
			if t.Name.IsZero() {
				// A FIFO topic needs an explicit name ending in .fifo.
				props["TopicName"] = cfn.Sub("${AWS::StackName}-" + name + ".fifo")
			}
		}
		b.addDeclared("AWS::SNS::Topic", path, t.Resource, nil, t.Tags, props)
	}
}
