package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) buses() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Buses)) {
		bus := b.app.Buses[name]
		if !b.app.Owned(bus.Ref) {
			continue
		}
		path := "buses." + name
		// A bus needs a name; without one of its own, the stack's.
		var busName any = cfn.Sub("${AWS::StackName}-" + name)
		if !bus.Name.IsZero() {
			busName = b.value(path+".name", bus.Name, schema.AttrName)
		}
		props := map[string]any{"Name": busName}
		b.addDeclared("AWS::Events::EventBus", path, bus.Resource, nil, bus.Tags, props)
	}
}
