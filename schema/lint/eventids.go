package lint

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func init() {
	register(Rule{ID: "SG003", Severity: Error, Check: eventIDs,
		Summary: "event names of a function must give distinct logical IDs",
		Doc:     "SAM names the resources it makes for an event (permissions, rules, subscriptions) after the function and the event, and logical IDs are alphanumeric, so samgen renders an event key as `get-item` → `GetItem`. Two keys of one function that differ only in separators or the case of their first letter would collide; both places are reported."})
}

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
