package importer

import (
	"regexp"
	"samgen.dev/samgen/internal/cfn"
	"slices"
)

// attributeDefinitions reads a table's AttributeDefinitions: each
// attribute's type by name, and the names in the order written (nil when
// an entry holds more than a name and a type).
func attributeDefinitions(v any) (types map[string]string, order []string) {
	types = map[string]string{}
	plain := true
	for _, a := range cfn.List(v) {
		m, _ := a.(map[string]any)
		n, _ := m["AttributeName"].(string)
		t, _ := m["AttributeType"].(string)
		types[n] = t
		order = append(order, n)
		plain = plain && len(m) == 2
	}
	if !plain {
		order = nil
	}
	return types, order
}

// keySchema reads the KeySchema of a table or an index, a HASH key and an
// optional RANGE key, each an attribute of type S, N or B: their names.
func keySchema(v any, types map[string]string) ([]string, bool) {
	keys := cfn.List(v)
	if len(keys) < 1 || len(keys) > 2 {
		return nil, false
	}
	var names []string
	for i, k := range keys {
		m, _ := k.(map[string]any)
		n, _ := m["AttributeName"].(string)
		if len(m) != 2 || m["KeyType"] != []string{"HASH", "RANGE"}[i] || n == "" || !slices.Contains([]string{"S", "N", "B"}, types[n]) {
			return nil, false
		}
		names = append(names, n)
	}
	return names, true
}

// keyAttribute is the spec's key attribute name, of its type.
func keyAttribute(name string, types map[string]string) *obj {
	ka := newObj().set("name", name)
	if types[name] != "S" {
		ka.set("type", types[name])
	}
	return ka
}

// throughput reads a ProvisionedThroughput: read and write capacity.
func throughput(im *importer, v any) (*obj, bool) {
	m, _ := v.(map[string]any)
	if len(m) != 2 || m["ReadCapacityUnits"] == nil || m["WriteCapacityUnits"] == nil {
		return nil, false
	}
	return newObj().set("read", intOrValue(im, m["ReadCapacityUnits"])).set("write", intOrValue(im, m["WriteCapacityUnits"])), true
}

// tableIndexes maps a table's secondary indexes (its key, keys, already
// mapped) and takes its AttributeDefinitions when they are what render
// writes for the key and the indexes mapped: each attribute once, in the
// order the key, then the global and then the local indexes (each list by
// name) first use it. Indexes in another order, or attributes samgen would
// not declare, stay overrides, as the template has them.
func (im *importer) tableIndexes(o *obj, p *bag, keys []string, types map[string]string, declared []string) {
	order := slices.Clone(keys)
	use := func(attrs []string) {
		for _, a := range attrs {
			if !slices.Contains(order, a) {
				order = append(order, a)
			}
		}
	}
	for _, list := range []struct {
		prop, field string
		local       bool
	}{{"GlobalSecondaryIndexes", "indexes", false}, {"LocalSecondaryIndexes", "localIndexes", true}} {
		v, ok := p.peek(list.prop)
		if !ok {
			continue
		}
		ixs, attrs, ok := im.indexes(v, keys[0], types, list.local)
		if !ok {
			continue
		}
		p.take(list.prop)
		o.set(list.field, ixs)
		use(attrs)
	}
	if slices.Equal(declared, order) {
		p.take("AttributeDefinitions")
	}
}

var indexNameRe = regexp.MustCompile(`^[a-zA-Z0-9_.-]{3,255}$`)

// indexes maps a list of a table's global (or local) secondary indexes,
// sorted by name as render writes them, and returns the key attributes
// they use, in order.
func (im *importer) indexes(v any, tableKey string, types map[string]string, local bool) (*obj, []string, bool) {
	list := cfn.List(v)
	if len(list) == 0 {
		return nil, nil, false
	}
	out := newObj()
	var attrs, names []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		name, _ := m["IndexName"].(string)
		if !indexNameRe.MatchString(name) || !onlyKeys(m, "IndexName", "KeySchema", "Projection", "ProvisionedThroughput") {
			return nil, nil, false
		}
		ix := newObj()
		keys, ok := keySchema(m["KeySchema"], types)
		if !ok {
			return nil, nil, false
		}
		attrs = append(attrs, keys...)
		switch {
		case !local:
			ix.set("key", keyAttribute(keys[0], types))
		case len(keys) != 2 || keys[0] != tableKey:
			return nil, nil, false // a local index: the table's partition key, a sort key of its own
		}
		if len(keys) == 2 {
			ix.set("sortKey", keyAttribute(keys[1], types))
		}
		pm, _ := m["Projection"].(map[string]any)
		switch pt := pm["ProjectionType"]; {
		case pt == "ALL" && len(pm) == 1:
		case pt == "KEYS_ONLY" && len(pm) == 1:
			ix.set("projection", pt)
		case pt == "INCLUDE" && len(pm) == 2:
			l, ok := stringList(pm["NonKeyAttributes"])
			if !ok || len(l) == 0 {
				return nil, nil, false
			}
			ix.set("projection", pt).set("include", l)
		default:
			return nil, nil, false
		}
		if pt, ok := m["ProvisionedThroughput"]; ok {
			c, ok := throughput(im, pt)
			if local || !ok {
				return nil, nil, false
			}
			ix.set("capacity", c)
		}
		names = append(names, name)
		out.set(name, ix)
	}
	if !strictlySorted(names) {
		return nil, nil, false
	}
	return out, attrs, true
}
