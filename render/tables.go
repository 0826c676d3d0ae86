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
		// AttributeDefinitions declares each key attribute of the table and
		// its indexes once (SG740 checks that they agree on its type).
		var attrs []any
		defined := map[string]bool{}
		keySchema := func(hash, rng *schema.KeyAttribute) []any {
			var keys []any
			for _, k := range []struct {
				attr *schema.KeyAttribute
				typ  string
			}{{hash, "HASH"}, {rng, "RANGE"}} {
				if k.attr == nil {
					continue
				}
				if !defined[k.attr.Name] {
					defined[k.attr.Name] = true
					attrs = append(attrs, map[string]any{"AttributeName": k.attr.Name, "AttributeType": k.attr.Type})
				}
				keys = append(keys, map[string]any{"AttributeName": k.attr.Name, "KeyType": k.typ})
			}
			return keys
		}
		props["KeySchema"] = keySchema(t.Key, t.SortKey)
		var globals, locals []any
		for _, n := range slices.Sorted(maps.Keys(t.Indexes)) {
			ix := t.Indexes[n]
			key := ix.Key
			g := map[string]any{"IndexName": n, "KeySchema": keySchema(&key, ix.SortKey), "Projection": projection(ix.Projection)}
			if ix.Capacity != nil {
				ip := path + ".indexes." + schema.Label(n) + ".capacity"
				g["ProvisionedThroughput"] = map[string]any{
					"ReadCapacityUnits":  b.value(ip+".read", ix.Capacity.Read, ""),
					"WriteCapacityUnits": b.value(ip+".write", ix.Capacity.Write, ""),
				}
			}
			globals = append(globals, g)
		}
		for _, n := range slices.Sorted(maps.Keys(t.LocalIndexes)) {
			ix := t.LocalIndexes[n]
			sk := ix.SortKey
			locals = append(locals, map[string]any{"IndexName": n, "KeySchema": keySchema(t.Key, &sk), "Projection": projection(ix.Projection)})
		}
		props["AttributeDefinitions"] = attrs
		if len(globals) > 0 {
			props["GlobalSecondaryIndexes"] = globals
		}
		if len(locals) > 0 {
			props["LocalSecondaryIndexes"] = locals
		}
		if t.TableClass != "" {
			props["TableClass"] = t.TableClass
		}
		if t.ContributorInsights {
			props["ContributorInsightsSpecification"] = map[string]any{"Enabled": true}
		}
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
		if t.EncryptionKey != nil {
			// SSEEnabled with SSEType KMS and a KMSMasterKeyId is a customer
			// managed key; without the key ID it would be DynamoDB's AWS
			// managed key (aws/dynamodb).
			// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-ssespecification.html
			props["SSESpecification"] = map[string]any{
				"SSEEnabled":     true,
				"SSEType":        "KMS",
				"KMSMasterKeyId": b.resolve(path+".encryptionKey", *t.EncryptionKey, schema.AttrArn),
			}
		}
		if t.PointInTimeRecovery {
			props["PointInTimeRecoverySpecification"] = map[string]any{"PointInTimeRecoveryEnabled": true}
		}
		b.addDeclared("AWS::DynamoDB::Table", path, t.Resource, &t.Stateful, t.Tags, props)
	}
}

// projection renders the Projection of an index.
func projection(p schema.Projection) map[string]any {
	out := map[string]any{"ProjectionType": p.Projection}
	if len(p.Include) > 0 {
		out["NonKeyAttributes"] = toAny(p.Include)
	}
	return out
}
