package checks

import (
	"regexp"
	"slices"

	"samgen.dev/samgen/schema"
)

// The template's sections have limits of their own (CloudFormation
// quotas): at most 200 outputs and 200 parameters.
const (
	maxOutputs    = 200
	maxParameters = 200
)

// exported is one export name the template declares, and where.
type exported struct {
	path, name string
}

// exports returns the export names of the template: those of outputs and
// of exported layers, sorted by path.
func (c *Context) exports() []exported {
	var out []exported
	for _, name := range sortedKeys(c.App.Layers) {
		if e := c.App.Layers[name].Export; e != "" {
			out = append(out, exported{"layers." + schema.Label(name) + ".export", e})
		}
	}
	for _, name := range sortedKeys(c.App.Outputs) {
		if e, ok := c.App.Outputs[name].Export.Template(); ok && e != "" {
			out = append(out, exported{"outputs." + schema.Label(name) + ".export", e})
		}
	}
	return out
}

func outputCounts(c *Context) {
	n := len(c.App.Outputs)
	for _, l := range c.App.Layers {
		if l.Export != "" {
			n++
		}
	}
	if n > maxOutputs {
		c.Report("outputs", "the template would have %d outputs (exported layers included); CloudFormation allows %d: export fewer, or group values into one output", n, maxOutputs)
	}
	if n := len(c.App.Parameters); n > maxParameters {
		c.Report("parameters", "the template has %d parameters; CloudFormation allows %d: choose build-time values with CUE tags instead", n, maxParameters)
	}
}

// exportText is what an export name holds once its ${...} are resolved.
var exportText = regexp.MustCompile(`^[A-Za-z0-9:-]*$`)

// subVar matches the ${...} of a !Sub string.
var subVar = regexp.MustCompile(`\$\{([^}]*)\}`)

// pseudoParameters are CloudFormation's pseudo parameters.
var pseudoParameters = []string{"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}

func exportNames(c *Context) {
	first := map[string]string{}
	for _, e := range c.exports() {
		if prev, dup := first[e.name]; dup {
			c.Report(e.path, "export name %q is also that of %s; export names are unique in an account and region", e.name, prev)
			continue
		}
		first[e.name] = e.path
		if len(e.name) > 255 {
			c.Report(e.path, "export name is %d characters; the limit is 255", len(e.name))
		}
		for _, m := range subVar.FindAllStringSubmatch(e.name, -1) {
			v := m[1]
			if slices.Contains(pseudoParameters, v) {
				continue
			}
			if _, ok := c.App.Parameters[paramName(c, v)]; ok {
				continue
			}
			c.Report(e.path, "export name %q uses ${%s}; an export name may use pseudo parameters (${AWS::StackName}) and template parameters only, never a resource", e.name, v)
		}
		if lit := subVar.ReplaceAllString(e.name, ""); !exportText.MatchString(lit) {
			c.Report(e.path, "export name %q has characters CloudFormation does not accept; use letters, digits, ':' and '-' (and ${AWS::StackName})", e.name)
		}
	}
}

// paramName returns the name of the parameter whose ID is id, or "".
func paramName(c *Context, id string) string {
	for _, name := range sortedKeys(c.App.Parameters) {
		if schema.ParameterID(name) == id {
			return name
		}
	}
	return ""
}

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
