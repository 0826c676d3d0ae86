package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

func (b *builder) streams() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Streams)) {
		st := b.app.Streams[name]
		if !b.app.Owned(st.Ref) {
			continue
		}
		path := "streams." + name
		props := map[string]any{
			"RetentionPeriodHours": b.value(path+".retention", st.Retention, ""),
			"StreamModeDetails":    map[string]any{"StreamMode": st.Mode},
		}
		setValue(props, "Name", b.optional(path+".name", st.Name, schema.AttrName))
		setValue(props, "ShardCount", b.optional(path+".shards", st.Shards, ""))
		if st.Encryption {
			key := any("alias/aws/kinesis")
			if st.Key != nil {
				key = b.resolve(path+".key", *st.Key, schema.AttrArn)
			}
			props["StreamEncryption"] = map[string]any{"EncryptionType": "KMS", "KeyId": key}
		}
		b.addDeclared("AWS::Kinesis::Stream", path, st.Resource, &st.Stateful, st.Tags, props)
	}
}
