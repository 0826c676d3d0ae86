package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/internal/cfn"
)

func (b *builder) keys() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Keys)) {
		k := b.app.Keys[name]
		if !b.app.Owned(k.Ref) {
			continue
		}
		path := "keys." + name
		props := map[string]any{
			"EnableKeyRotation": k.Rotation,
			// The default key policy: the account's IAM policies decide who
			// may use the key, so functions' access verbs take effect.
			"KeyPolicy": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Sid":       "AccountIAM",
				"Effect":    "Allow",
				"Principal": map[string]any{"AWS": cfn.Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
				"Action":    "kms:*",
				"Resource":  "*",
			}}},
		}
		setValue(props, "Description", b.optional(path+".description", k.Description, ""))
		b.addDeclared("AWS::KMS::Key", path, k.Resource, &k.Stateful, k.Tags, props)
	}
}
