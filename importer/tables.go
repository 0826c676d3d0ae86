package importer

import (
	"cmp"
	"regexp"
	"slices"
)

// tableIndexes maps a table's secondary indexes (its key, keys, already
// mapped) and takes its AttributeDefinitions when they are what render
// writes for the key and the indexes mapped: each attribute once, in the
// order the key, then the global and then the local indexes (each list by
// name) first use it. Indexes in another order, or attributes samgen would
// not declare, stay overrides, as the template has them.
func (im *importer) tableIndexes(o *obj, p *bag, keys []string, types map[string]string) {
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
	ads, _ := p.peek("AttributeDefinitions")
	var declared []string
	for _, a := range asList(ads) {
		m, _ := a.(map[string]any)
		n, _ := m["AttributeName"].(string)
		if len(m) != 2 {
			return
		}
		declared = append(declared, n)
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
	list := asList(v)
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
		keys := asList(m["KeySchema"])
		if len(keys) < 1 || len(keys) > 2 || (local && len(keys) != 2) {
			return nil, nil, false
		}
		for i, k := range keys {
			km, _ := k.(map[string]any)
			n, _ := km["AttributeName"].(string)
			kt := km["KeyType"]
			if len(km) != 2 || kt != []string{"HASH", "RANGE"}[i] || n == "" || !slices.Contains([]string{"S", "N", "B"}, types[n]) {
				return nil, nil, false
			}
			attrs = append(attrs, n)
			switch {
			case local && i == 0:
				if n != tableKey {
					return nil, nil, false // a local index shares the table's partition key
				}
			default:
				ka := newObj().set("name", n)
				if types[n] != "S" {
					ka.set("type", types[n])
				}
				ix.set([]string{"key", "sortKey"}[i], ka)
			}
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
			c, _ := pt.(map[string]any)
			if local || len(c) != 2 || c["ReadCapacityUnits"] == nil || c["WriteCapacityUnits"] == nil {
				return nil, nil, false
			}
			ix.set("capacity", newObj().set("read", intOrValue(im, c["ReadCapacityUnits"])).set("write", intOrValue(im, c["WriteCapacityUnits"])))
		}
		names = append(names, name)
		out.set(name, ix)
	}
	if !slices.IsSortedFunc(names, cmp.Compare[string]) || len(slices.Compact(slices.Clone(names))) != len(names) {
		return nil, nil, false
	}
	return out, attrs, true
}
