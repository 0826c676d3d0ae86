package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/kinesis"

	"samgen.dev/samgen/schema"
)

func (b *builder) streams() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Streams)) {
		st := b.app.Streams[name]
		if !b.app.Owned(st.Ref) {
			continue
		}
		path := "streams." + name
		s := &kinesis.Stream{
			RetentionPeriodHours: ptr(st.Retention),
			StreamModeDetails:    &kinesis.Stream_StreamModeDetails{StreamMode: st.Mode},
			ShardCount:           st.Shards,
			Tags:                 cfnTags(st.Tags),
		}
		if st.Encryption {
			key := any("alias/aws/kinesis")
			if st.Key != nil {
				key = b.resolve(path+".key", *st.Key, schema.AttrArn)
			}
			s.StreamEncryption = &kinesis.Stream_StreamEncryption{EncryptionType: "KMS", KeyId: str(key)}
		}
		b.add(schema.LogicalID(st.Ref), "streams."+name, "", fromStruct(s, nil))
	}
}
