package checks

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func eventIDs(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		seen := map[string][]string{}
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			id := cfn.LogicalID(ev, "")
			seen[id] = append(seen[id], ev)
		}
		for _, id := range slices.Sorted(maps.Keys(seen)) {
			evs := seen[id]
			if len(evs) < 2 {
				continue
			}
			for _, ev := range evs {
				others := slices.DeleteFunc(slices.Clone(evs), func(o string) bool { return o == ev })
				c.Report(path+".events."+ev, "event %s of function %s renders as %s, as %s does; rename one of them", ev, name, id, strings.Join(others, ", "))
			}
		}
	})
}
