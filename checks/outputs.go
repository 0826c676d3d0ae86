package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/schema"
)

// The template's sections have limits of their own (CloudFormation
// quotas): at most 200 outputs and 200 parameters.
const (
	maxOutputs    = 200
	maxParameters = 200
)

func outputValues(c *Context) {
	for _, name := range sortedKeys(c.App.Outputs) {
		o := c.App.Outputs[name]
		p := "outputs." + schema.Label(name)
		n := btoi(o.Value != nil) + btoi(o.Sub != nil) + btoi(o.Ref != nil)
		switch {
		case n == 0:
			c.Report(p, "output %s has no value; give one of value (a literal), sub (a !Sub string) or ref (a resource's attribute)", name)
		case n > 1:
			c.Report(p, "output %s has %d values; give one of value, sub and ref", name, n)
		case o.Attr != "" && o.Ref == nil:
			c.Report(p+".attr", "attr chooses an attribute of ref; output %s has no ref", name)
		}
	}
}

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
		if e := c.App.Outputs[name].Export; e != "" {
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

func outputIDs(c *Context) {
	byID := map[string][]string{}
	for _, name := range sortedKeys(c.App.Outputs) {
		id := schema.OutputID(name)
		byID[id] = append(byID[id], name)
	}
	for _, id := range sortedKeys(byID) {
		names := byID[id]
		if len(names) < 2 {
			continue
		}
		for _, n := range names {
			others := slices.DeleteFunc(slices.Clone(names), func(o string) bool { return o == n })
			c.Report("outputs."+schema.Label(n), "output %s renders as %s, as %s does; rename one of them", n, id, strings.Join(others, ", "))
		}
	}
	for _, name := range sortedKeys(c.App.Outputs) {
		if id := schema.OutputID(name); len(id) > 255 {
			c.Report("outputs."+schema.Label(name), "output ID %s is %d characters; the limit is 255", id[:20]+"...", len(id))
		}
	}
}

func parameterValues(c *Context) {
	for _, name := range sortedKeys(c.App.Parameters) {
		p := c.App.Parameters[name]
		path := "parameters." + schema.Label(name)
		numeric := p.Type == "Number" || p.Type == "List<Number>"
		if numeric {
			if p.Default != nil && !numbers(p.Type, p.Default) {
				c.Report(path+".default", "default %s of %s parameter %s is not a number%s", lit(p.Default), p.Type, name, listHint(p.Type))
			}
			for i, a := range p.Allowed {
				if !numbers("Number", a) {
					c.Report(fmt.Sprintf("%s.allowed[%d]", path, i), "allowed value %s of %s parameter %s is not a number", lit(a), p.Type, name)
				}
			}
		}
		if p.Default != nil && len(p.Allowed) > 0 && !allowed(p, p.Default) {
			var vals []string
			for _, a := range p.Allowed {
				vals = append(vals, lit(a))
			}
			c.Report(path+".default", "default %s of parameter %s is not one of its allowed values (%s)", lit(p.Default), name, strings.Join(vals, ", "))
		}
	}
}

// numbers reports whether v is a number (or, for List<Number>, a comma
// separated list of numbers), as CloudFormation reads a parameter value.
func numbers(typ string, v any) bool {
	switch x := v.(type) {
	case float64, int, int64:
		return true
	case string:
		parts := []string{x}
		if typ == "List<Number>" {
			parts = strings.Split(x, ",")
		}
		for _, p := range parts {
			if !numberText.MatchString(strings.TrimSpace(p)) {
				return false
			}
		}
		return true
	}
	return false
}

var numberText = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

// allowed reports whether a default is among a parameter's allowed values,
// compared as CloudFormation compares them: as text (each item, for a
// list type).
func allowed(p schema.Parameter, v any) bool {
	items := []string{show(v)}
	if p.Type == "CommaDelimitedList" || p.Type == "List<Number>" || strings.HasPrefix(p.Type, "List<") {
		items = strings.Split(show(v), ",")
	}
	for _, it := range items {
		if !slices.ContainsFunc(p.Allowed, func(a any) bool { return show(a) == strings.TrimSpace(it) }) {
			return false
		}
	}
	return true
}

// show prints a parameter value as the template holds it.
func show(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// lit prints a parameter value for a message, a string quoted.
func lit(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

func listHint(typ string) string {
	if typ == "List<Number>" {
		return " (a List<Number> default is numbers separated by commas: \"1,2\")"
	}
	return ""
}
