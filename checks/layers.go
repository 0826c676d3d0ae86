package checks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/layers"
	"samgen.dev/samgen/schema"
)

// eachUse calls f for every layer a zip function uses, with the
// function's effective runtime and architecture.
func (c *Context) eachUse(f func(fn, runtime, arch string, u layers.Use, l schema.Layer)) {
	c.each(func(name string, fn schema.Function, path string) {
		if !fn.Image.IsZero() {
			return
		}
		e, _ := c.effective(name)
		for _, u := range layers.Of(c.App, name) {
			f(name, e.Runtime, e.Architecture, u, c.App.Layers[u.Ref.Name])
		}
	})
}

func layerCount(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		uses := layers.Of(c.App, name)
		if len(uses) <= layers.MaxPerFunction {
			return
		}
		at := path + ".layers"
		if len(fn.Layers) == 0 {
			at = "defaults.function.layers"
		}
		inherited := len(c.App.Defaults.Function.Layers)
		c.Report(at, "function %s uses %d layers (%s, %d of them from defaults.function); Lambda allows at most %d",
			name, len(uses), strings.Join(layers.Names(uses), ", "), inherited, layers.MaxPerFunction)
	})
}

func layerDuplicates(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		seen := map[string]layers.Use{}
		for _, u := range layers.Of(c.App, name) {
			id := layers.Identity(c.App.Layers[u.Ref.Name])
			prev, dup := seen[id]
			switch {
			case !dup:
				seen[id] = u
			case prev.Ref.Name == u.Ref.Name:
				c.Report(u.Path, "function %s lists layer %s twice (also at %s)", name, u.Ref.Name, prev.Path)
			default:
				c.Report(u.Path, "function %s uses layers %s and %s, two versions of the same layer %s; Lambda allows one", name, prev.Ref.Name, u.Ref.Name, id)
			}
		}
	})
}

func layerRuntimes(c *Context) {
	c.eachUse(func(fn, rt, _ string, u layers.Use, l schema.Layer) {
		if rt == "" || layers.SupportsRuntime(l, rt) {
			return
		}
		c.Report(u.Path, "layer %s is compatible with runtimes %s, not %s, the runtime of function %s",
			u.Ref.Name, strings.Join(l.Runtimes, ", "), rt, fn)
	})
}

func layerArchitectures(c *Context) {
	c.eachUse(func(fn, _, arch string, u layers.Use, l schema.Layer) {
		if layers.SupportsArchitecture(l, arch) {
			return
		}
		which := "the architecture"
		if arch == "" {
			which = "Lambda's default architecture"
		}
		c.Report(u.Path, "layer %s is built for %s, not %s, %s of function %s",
			u.Ref.Name, strings.Join(l.Architectures, ", "), layers.Architecture(arch), which, fn)
	})
}

// usedBy describes which functions use a layer.
func (c *Context) usedBy(layer string) string {
	users := layers.Users(c.App, layer)
	if len(users) == 0 {
		return "used by no function"
	}
	if len(users) == 1 {
		return "used by function " + users[0]
	}
	return "used by functions " + strings.Join(users, ", ")
}

func layerArchDeclared(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Layers)) {
		if l := c.App.Layers[name]; l.Source != "" && l.Owned() && len(l.Architectures) == 0 {
			c.Report("layers."+name, "layer %s declares no architectures, so functions using it cannot be checked (%s)", name, c.usedBy(name))
		}
	}
}

func layerImage(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.Image.IsZero() {
			return
		}
		for _, u := range layers.Of(c.App, name) {
			if u.FromDefaults {
				c.Report(path+".image", "function %s is packaged as an image and cannot use layer %s, which %s adds to every function", name, u.Ref.Name, u.Path)
				continue
			}
			c.Report(u.Path, "function %s is packaged as an image and cannot use layer %s", name, u.Ref.Name)
		}
	})
}

func layerSize(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Layers)) {
		l := c.App.Layers[name]
		if !l.Owned() || l.Source == "" {
			continue
		}
		dir, ok := c.Inst.LocalPath(l.Source)
		if !ok {
			continue
		}
		size, found, err := layers.DirSize(dir, layers.MaxUnzippedBytes)
		switch {
		case !found:
		case err != nil:
			c.Report("layers."+name+".source", "layer %s: cannot measure %s: %v (%s)", name, l.Source, err, c.usedBy(name))
		case size > layers.MaxUnzippedBytes:
			c.Report("layers."+name+".source", "layer %s: %s already holds over %d MB, Lambda's unzipped limit for a function with all its layers (%s)",
				name, l.Source, layers.MaxUnzippedBytes>>20, c.usedBy(name))
		}
	}
}

// layerSource reports an owned layer's source that is not on disk.
func layerSource(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Layers)) {
		if l := c.App.Layers[name]; l.Owned() && l.Source != "" {
			c.missingFile("layers."+name+".source", "layer "+name, l.Source)
		}
	}
}

func layerShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Layers)) {
		l := c.App.Layers[name]
		p := "layers." + name
		var kinds []string
		for _, k := range []struct {
			field string
			set   bool
		}{{"source", l.Source != ""}, {"arn", !l.Arn.IsZero()}, {"ssm", l.SSM != ""}} {
			if k.set {
				kinds = append(kinds, k.field)
			}
		}
		if len(kinds) != 1 {
			c.Report(p, "layer %s needs exactly one of source (a layer the app publishes), arn or ssm (an existing layer version), found %d", name, len(kinds))
			continue
		}
		if l.Owned() {
			continue
		}
		for _, f := range []struct {
			field string
			set   bool
		}{
			{"name", !l.Name.IsZero()}, {"description", !l.Description.IsZero()}, {"license", !l.License.IsZero()}, {"retention", l.Retention != ""},
			{"build", l.Build != ""}, {"buildProperties", l.BuildProperties != nil}, {"publishVersion", l.PublishVersion != nil}, {"export", l.Export != ""},
		} {
			if f.set {
				c.Report(p+"."+f.field, "layer %s is an existing layer (%s); %s applies only to a layer the app publishes (source)", name, kinds[0], f.field)
			}
		}
	}
}

func layerRuntimeKnown(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Layers)) {
		for i, rt := range c.App.Layers[name].Runtimes {
			if _, ok := Runtimes[rt]; ok {
				continue
			}
			msg := fmt.Sprintf("layer %s: %s is not a Lambda runtime identifier", name, rt)
			if s := didyoumean.Suggest(rt, slices.Collect(maps.Keys(Runtimes))); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			c.Report(fmt.Sprintf("layers.%s.runtimes[%d]", name, i), "%s", msg)
		}
	}
}

func layerExports(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Layers)) {
		if c.App.Layers[name].Export == "" {
			continue
		}
		id := schema.LayerOutputID(name)
		for _, o := range slices.Sorted(maps.Keys(c.App.Outputs)) {
			if cfn.LogicalID(o, "") == id {
				c.Report("layers."+name+".export", "layer %s is exported as output %s, which outputs.%s also declares; rename that output", name, id, o)
			}
		}
	}
}
