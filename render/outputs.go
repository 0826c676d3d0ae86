package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) outputs() {
	if len(b.app.Outputs) == 0 {
		return
	}
	b.t.Outputs = map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(b.app.Outputs)) {
		o := b.app.Outputs[name]
		path := "outputs." + name
		m := map[string]any{}
		if o.Description != "" {
			m["Description"] = o.Description
		}
		switch {
		case o.Value != nil:
			m["Value"] = *o.Value
		case o.Sub != nil:
			m["Value"] = cfn.Sub(*o.Sub)
		case o.Ref != nil:
			attr := o.Attr
			if attr == "" {
				attr = schema.AttrArn
			}
			m["Value"] = b.resolve(path, *o.Ref, attr)
		}
		if o.Export != "" {
			m["Export"] = map[string]any{"Name": cfn.Sub(o.Export)}
		}
		b.t.Outputs[cfn.LogicalID(name, "")] = m
	}
}
