package checks

import (
	"fmt"
	"strings"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

func accessKinds(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, a := range fn.Access {
			for _, g := range a.Grants() {
				if err := verbApplies(g); err != "" {
					c.Report(fmt.Sprintf("%s.access[%d].%s", path, i, g.Verb), "%s", err)
				}
			}
		}
	})
}

// verbApplies explains why a verb does not apply to its target's kind, or
// returns "".
func verbApplies(g schema.Grant) string {
	if policies.Applies(g.Verb, g.Target.Kind) {
		return ""
	}
	return fmt.Sprintf("access %s does not apply to a %s; %s applies to: %s", g.Verb, g.Target.Kind, g.Verb, strings.Join(policies.VerbKinds(g.Verb), ", "))
}
