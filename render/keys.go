package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/kms"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) keys() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Keys)) {
		k := b.app.Keys[name]
		if !b.app.Owned(k.Ref) {
			continue
		}
		key := &kms.Key{
			EnableKeyRotation: ptr(k.Rotation),
			Tags:              cfnTags(k.Tags),
			// The default key policy: the account's IAM policies decide who
			// may use the key, so functions' access verbs take effect.
			KeyPolicy: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Sid":       "AccountIAM",
				"Effect":    "Allow",
				"Principal": map[string]any{"AWS": cfn.Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
				"Action":    "kms:*",
				"Resource":  "*",
			}}},
		}
		if k.Description != "" {
			key.Description = ptr(k.Description)
		}
		b.add(schema.LogicalID(k.Ref), "keys."+name, "", fromStruct(key, nil))
	}
}
