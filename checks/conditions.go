package checks

import (
	"strings"

	"samgen.dev/samgen/schema"
)

// conditionalRefs finds references to a conditional resource from a
// resource without the same condition, by walking the model of every
// declaration once.
func conditionalRefs(c *Context) {
	byID := map[string]string{}
	byPath := map[string]string{}
	for _, cr := range c.App.Conditionals() {
		byID[cr.ID] = cr.Condition.Name
		byPath[cr.Path] = cr.Condition.Name
	}
	if len(byID) == 0 {
		return
	}
	c.eachDeclaration(func(p, own string, entry any) {
		if own == "" {
			own = byPath[p]
		}
		schema.Refs(entry, p, func(at string, r schema.Ref) {
			if at == p+".ref" && !strings.HasPrefix(p, "outputs.") {
				return // the resource's own identity; an output's ref is what it outputs
			}
			if want, ok := byID[schema.LogicalID(r)]; ok && want != own && c.App.Declared(r) {
				c.Report(at, "%s %s exists only when condition %s holds; give %s the same condition", r.Kind, r.Name, want, p)
			}
		})
	})
}

// eachDeclaration calls f for every entry of the spec's collections and
// for defaults.function, with its path, the name of its own condition
// when it is an output ("" otherwise), and its model.
func (c *Context) eachDeclaration(f func(path, condition string, entry any)) {
	f("defaults.function", "", c.App.Defaults.Function)
	for _, k := range schema.Kinds {
		for _, name := range k.Names(c.App) {
			f(k.Collection+"."+name, "", k.Entry(c.App, name))
		}
	}
	for _, name := range sortedKeys(c.App.Rules) {
		f("rules."+name, "", c.App.Rules[name])
	}
	for _, name := range sortedKeys(c.App.Subscriptions) {
		f("subscriptions."+name, "", c.App.Subscriptions[name])
	}
	for _, name := range sortedKeys(c.App.Outputs) {
		o := c.App.Outputs[name]
		own := ""
		if o.Condition != nil {
			own = o.Condition.Name
		}
		f("outputs."+name, own, o)
	}
}
