package review

import "samgen.dev/samgen/schema"

// Specs maps the logical ID of every resource the app declares and
// creates to its spec path ("tables.purchases"), for [Options.Specs].
func Specs(a *schema.App) map[string]string {
	out := map[string]string{}
	a.Each(func(k schema.Kind, path string, d schema.Decl) {
		if d.Owned {
			out[schema.LogicalID(d.Ref)] = path
		}
	})
	return out
}
