package checks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

func oneOf(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			types := fn.Events[ev].Types()
			if len(types) != 1 {
				c.Report(path+".events."+ev, "an event has exactly one type (%s), found %d", strings.Join(schema.EventTypeNames(), ", "), len(types))
			}
		}
		for i, a := range fn.Access {
			if n := len(a.Grants()); n != 1 {
				c.Report(fmt.Sprintf("%s.access[%d]", path, i), "an access entry has exactly one verb, found %d", n)
			}
		}
	})
}
