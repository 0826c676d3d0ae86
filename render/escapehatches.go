package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

func (b *builder) rawResources() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Resources)) {
		r := b.app.Resources[name]
		path := "resources." + name
		props, _ := b.document(path+".properties", r.Properties, false).(map[string]any)
		res := &Resource{
			Type:                r.Type,
			Properties:          props,
			DeletionPolicy:      r.DeletionPolicy,
			UpdateReplacePolicy: r.UpdateReplacePolicy,
		}
		b.resourceAttributes(res, path, r.Resource, nil)
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
			setPath(res.Properties, strings.Split(p, "."), b.document("overrides."+id+"."+schema.Label(p), b.app.Overrides[id][p], false))
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
