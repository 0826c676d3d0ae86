package checks

import "samgen.dev/samgen/schema"

// tableAttributes: a table declares each key attribute once
// (AttributeDefinitions), so the table's keys and its indexes' keys agree
// on the type of an attribute they share.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html
func tableAttributes(c *Context) {
	for _, name := range sortedKeys(c.App.Tables) {
		t := c.App.Tables[name]
		p := "tables." + name
		first := map[string]string{} // attribute → its type
		where := map[string]string{} // attribute → the path declaring it first
		see := func(path string, k *schema.KeyAttribute) {
			if k == nil {
				return
			}
			if typ, ok := first[k.Name]; ok && typ != k.Type {
				c.Report(path+".type", "attribute %s of table %s is of type %s at app.%s; one attribute has one type", k.Name, name, typ, where[k.Name])
				return
			}
			first[k.Name], where[k.Name] = k.Type, path
		}
		see(p+".key", t.Key)
		see(p+".sortKey", t.SortKey)
		for _, n := range sortedKeys(t.Indexes) {
			ix := t.Indexes[n]
			ip := p + ".indexes." + schema.Label(n)
			see(ip+".key", &ix.Key)
			see(ip+".sortKey", ix.SortKey)
		}
		for _, n := range sortedKeys(t.LocalIndexes) {
			ix := t.LocalIndexes[n]
			see(p+".localIndexes."+schema.Label(n)+".sortKey", &ix.SortKey)
		}
	}
}

// tableIndexes: DynamoDB takes at most 20 global and 5 local secondary
// indexes; a local index sorts the table's partitions, so the table needs a
// sort key; a global index has its own capacity with PROVISIONED billing
// and none on demand; INCLUDE lists the attributes, and only INCLUDE does.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-secondary-indexes
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
func tableIndexes(c *Context) {
	for _, name := range sortedKeys(c.App.Tables) {
		t := c.App.Tables[name]
		p := "tables." + name
		if n := len(t.Indexes); n > 20 {
			c.Report(p+".indexes", "table %s has %d global secondary indexes; DynamoDB takes at most 20", name, n)
		}
		if n := len(t.LocalIndexes); n > 5 {
			c.Report(p+".localIndexes", "table %s has %d local secondary indexes; DynamoDB takes at most 5", name, n)
		}
		if len(t.LocalIndexes) > 0 && t.SortKey == nil {
			c.Report(p+".localIndexes", "table %s has local secondary indexes but no sortKey: a local index needs a table with a sort key", name)
		}
		projections := map[string]schema.Projection{}
		for _, n := range sortedKeys(t.Indexes) {
			ix := t.Indexes[n]
			ip := p + ".indexes." + schema.Label(n)
			projections[ip] = ix.Projection
			switch {
			case t.Billing == "PROVISIONED" && ix.Capacity == nil:
				c.Report(ip, "index %s of table %s needs capacity: the table's billing is PROVISIONED", n, name)
			case t.Billing != "PROVISIONED" && ix.Capacity != nil:
				c.Report(ip+".capacity", "index %s of table %s takes no capacity: the table is billed on demand", n, name)
			}
		}
		for _, n := range sortedKeys(t.LocalIndexes) {
			projections[p+".localIndexes."+schema.Label(n)] = t.LocalIndexes[n].Projection
		}
		included, last := 0, ""
		for _, ip := range sortedKeys(projections) {
			pr := projections[ip]
			switch {
			case pr.Projection == "INCLUDE" && len(pr.Include) == 0:
				c.Report(ip+".projection", "an INCLUDE projection lists the attributes to include")
			case pr.Projection != "INCLUDE" && len(pr.Include) > 0:
				c.Report(ip+".include", "include lists attributes of an INCLUDE projection only, not %s", pr.Projection)
			case len(pr.Include) > 0:
				included, last = included+len(pr.Include), ip
			}
		}
		// DynamoDB Projection.NonKeyAttributes: "the total count of
		// NonKeyAttributes summed across all of the secondary indexes, must
		// not exceed 100", an attribute counted once per index.
		if included > 100 {
			c.Report(last+".include", "the INCLUDE projections of the indexes of table %s list %d attributes in all; DynamoDB takes at most 100, counting an attribute once per index", name, included)
		}
	}
}
