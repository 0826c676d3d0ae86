package checks

import "samgen.dev/samgen/schema"

// outputShapes checks that an output has one value and that attr names an
// attribute of its ref (SG029).
func outputShapes(c *Context) {
	for _, name := range sortedKeys(c.App.Outputs) {
		o := c.App.Outputs[name]
		path := "outputs." + schema.Label(name)
		if n := btoi(!o.Value.IsZero()) + btoi(o.Sub != nil) + btoi(o.Ref != nil); n != 1 {
			c.Report(path, "output %s gives %d of value, sub and ref; give exactly one", name, n)
			continue
		}
		if o.Attr != "" && o.Ref == nil {
			c.Report(path+".attr", "attr chooses an attribute of ref, and output %s has no ref", name)
		}
		if o.Ref != nil && o.Attr != "" && c.App.Declared(*o.Ref) {
			if _, err := c.App.Resolve(*o.Ref, o.Attr); err != nil {
				c.Report(path+".attr", "%v", err)
			}
		}
	}
}
