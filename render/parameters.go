package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

func (b *builder) parameters() {
	if len(b.app.Parameters) == 0 {
		return
	}
	b.t.Parameters = map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(b.app.Parameters)) {
		p := b.app.Parameters[name]
		m := map[string]any{"Type": p.Type}
		if p.Description != "" {
			m["Description"] = p.Description
		}
		if p.Default != nil {
			m["Default"] = p.Default
		}
		if len(p.Allowed) > 0 {
			m["AllowedValues"] = p.Allowed
		}
		setStr(m, "AllowedPattern", p.AllowedPattern)
		setStr(m, "ConstraintDescription", p.ConstraintDescription)
		setInt(m, "MinLength", p.MinLength)
		setInt(m, "MaxLength", p.MaxLength)
		if p.MinValue != nil {
			m["MinValue"] = *p.MinValue
		}
		if p.MaxValue != nil {
			m["MaxValue"] = *p.MaxValue
		}
		if p.NoEcho {
			m["NoEcho"] = true
		}
		// Parameters and resources share the template's IDs: !Ref names
		// either.
		b.claim(schema.ParameterID(name), owner{path: "parameters." + name})
		b.t.Parameters[schema.ParameterID(name)] = m
	}
}
