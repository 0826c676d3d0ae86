package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/dynamodb"

	"samgen.dev/samgen/schema"
)

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
		b.add(schema.LogicalID(t.Ref), "tables."+name, "", fromStruct(tbl, nil))
	}
}
