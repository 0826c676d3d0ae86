package lint

import (
	"slices"

	"cuelang.org/go/cue"
)

func init() {
	register(Rule{ID: "SG110", Severity: Error, Check: existingFunctions,
		Summary: "an existing function (by arn) declares nothing else",
		Doc:     "A function declared with `arn` belongs to another stack or was made by hand: samgen renders nothing for it and only refers to it (`invoke` access, destinations, targets). Settings, events or access on it would never be deployed, so they are errors rather than silently ignored; `defaults.function` does not apply to it."})
}

// existingFunctionFields are the fields an existing function may have.
var existingFunctionFields = []string{"arn", "ref"}

func existingFunctions(c *Context) {
	for name, fn := range c.App.Functions {
		if fn.Arn == "" {
			continue
		}
		path := "functions." + name
		it, err := c.Inst.Value(path).Fields(cue.Optional(false))
		if err != nil {
			continue
		}
		var extra []string
		for it.Next() {
			label := it.Selector().Unquoted()
			if !slices.Contains(existingFunctionFields, label) && c.Inst.Has(path+"."+label) {
				extra = append(extra, label)
			}
		}
		slices.Sort(extra)
		for _, f := range extra {
			c.Report(path+"."+f, "function %s exists (arn) and samgen does not deploy it: %s would have no effect (remove it, or drop arn to create the function)", name, f)
		}
	}
}
