package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// rawValue renders a user-given JSON value, replacing references to the
// spec's resources with the intrinsics they stand for.
func (b *builder) rawValue(path string, v any) any {
	if r, attr, ok := schema.AsAttrRef(v); ok {
		if _, known := schema.KindOf(r.Kind); known {
			return b.resolve(path, r, attr)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out[k] = b.rawValue(path+"."+schema.Label(k), x[k])
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = b.rawValue(fmt.Sprintf("%s[%d]", path, i), e)
		}
		return out
	}
	return v
}

func (b *builder) rawResources() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Resources)) {
		r := b.app.Resources[name]
		path := "resources." + name
		props, _ := b.rawValue(path+".properties", r.Properties).(map[string]any)
		res := &Resource{
			Type:                r.Type,
			Properties:          props,
			DeletionPolicy:      r.DeletionPolicy,
			UpdateReplacePolicy: r.UpdateReplacePolicy,
		}
		for _, d := range r.DependsOn {
			res.DependsOn = append(res.DependsOn, schema.LogicalID(d))
		}
		b.add(schema.LogicalID(r.Ref), path, "", res)
	}
}

// overrides merges the spec's property overrides into rendered resources.
func (b *builder) overrides() {
	for _, id := range slices.Sorted(maps.Keys(b.app.Overrides)) {
		res, ok := b.t.Resources[id]
		if !ok {
			msg := fmt.Sprintf("no resource samgen renders has logical ID %s", id)
			if s := didyoumean.Suggest(id, slices.Collect(maps.Keys(b.t.Resources))); s != "" {
				msg += fmt.Sprintf("; did you mean %s?", s)
			}
			b.report("SG715", "overrides."+id, "%s", msg)
			continue
		}
		if res.Properties == nil {
			res.Properties = map[string]any{}
		}
		for _, p := range slices.Sorted(maps.Keys(b.app.Overrides[id])) {
			setPath(res.Properties, strings.Split(p, "."), b.rawValue("overrides."+id, b.app.Overrides[id][p]))
		}
	}
}

// setPath sets m[k0][k1]...= v, creating (or replacing non-map values with)
// maps on the way.
func setPath(m map[string]any, keys []string, v any) {
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}
