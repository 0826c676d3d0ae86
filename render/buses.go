package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/events"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) buses() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Buses)) {
		bus := b.app.Buses[name]
		if !b.app.Owned(bus.Ref) {
			continue
		}
		b.add(schema.LogicalID(bus.Ref), "buses."+name, "", fromStruct(&events.EventBus{
			Name: str(cfn.Sub("${AWS::StackName}-" + name)),
			Tags: cfnTags(bus.Tags),
		}, nil))
	}
}
