package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
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
		if tags := b.tagList(path+".tags", k.Tags); tags != nil {
			props["Tags"] = tags
		}
		res := &Resource{Type: "AWS::KMS::Key", Properties: props}
		b.resourceAttributes(res, path, k.Resource, nil)
		stateful(res, k.Stateful)
		b.add(schema.LogicalID(k.Ref), path, "", res)
	}
}
