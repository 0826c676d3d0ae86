package checks

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// rawLocalPaths reports a local path of a raw resource that is not on
// disk (schema.RawResource.LocalPaths), at the property's value.
func rawLocalPaths(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		at := "resources." + schema.Label(name)
		for _, lp := range c.App.Resources[name].LocalPaths() {
			path := at + ".properties"
			for _, k := range strings.Split(lp.Prop, ".") {
				path += "." + schema.Label(k)
			}
			if !c.Inst.Has(path) {
				path = at
			}
			c.missingFile(path, "resource "+name+" "+lp.Prop, lp.Path)
		}
	}
}
