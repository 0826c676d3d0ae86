package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

func (b *builder) tables() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Tables)) {
		t := b.app.Tables[name]
		if t.Exists() || t.Key == nil {
			continue
		}
		path := "tables." + name
		props := map[string]any{"BillingMode": t.Billing}
		var attrs, keys []any
		for _, k := range []struct {
			attr *schema.KeyAttribute
			typ  string
		}{{t.Key, "HASH"}, {t.SortKey, "RANGE"}} {
			if k.attr == nil {
				continue
			}
			attrs = append(attrs, map[string]any{"AttributeName": k.attr.Name, "AttributeType": k.attr.Type})
			keys = append(keys, map[string]any{"AttributeName": k.attr.Name, "KeyType": k.typ})
		}
		props["AttributeDefinitions"], props["KeySchema"] = attrs, keys
		setValue(props, "TableName", b.optional(path+".name", t.Name, schema.AttrName))
		if t.Capacity != nil {
			props["ProvisionedThroughput"] = map[string]any{
				"ReadCapacityUnits":  b.value(path+".capacity.read", t.Capacity.Read, ""),
				"WriteCapacityUnits": b.value(path+".capacity.write", t.Capacity.Write, ""),
			}
		}
		if t.Stream != "" {
			props["StreamSpecification"] = map[string]any{"StreamViewType": t.Stream}
		}
		if t.TTL != "" {
			props["TimeToLiveSpecification"] = map[string]any{"AttributeName": t.TTL, "Enabled": true}
		}
		if t.PointInTimeRecovery {
			props["PointInTimeRecoverySpecification"] = map[string]any{"PointInTimeRecoveryEnabled": true}
		}
		b.addDeclared("AWS::DynamoDB::Table", path, t.Resource, &t.Stateful, t.Tags, props)
	}
}
