package render

import (
	"maps"
	"slices"
)

// mappings renders the Mappings section: each mapping as declared, its
// keys the template's own (the section is literal, so nothing in it is
// resolved).
func (b *builder) mappings() {
	if len(b.app.Mappings) == 0 {
		return
	}
	b.t.Mappings = map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(b.app.Mappings)) {
		top := map[string]any{}
		for key, second := range b.app.Mappings[name] {
			m := map[string]any{}
			maps.Copy(m, second)
			top[key] = m
		}
		b.t.Mappings[name] = top
	}
}
