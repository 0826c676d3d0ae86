package importer

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// The template's own sections: description, parameters, mappings,
// conditions and outputs.

// templateNames names the parameters and conditions, which values refer
// to, and the outputs. Their IDs are their PascalCase names, which cannot be pinned: the
// name is the ID's camel case when that derives it, else the ID itself.
func (im *importer) templateNames() {
	im.parameters = map[string]string{}
	im.conditions = map[string]string{}
	im.outputs = map[string]string{}
	for _, sec := range []struct {
		ids map[string]any
		out map[string]string
	}{{im.t.Parameters, im.parameters}, {im.t.Conditions, im.conditions}, {im.t.Outputs, im.outputs}} {
		n := newNames()
		for _, id := range sortedIDs(sec.ids) {
			sec.out[id] = sectionName(n, id)
		}
	}
}

// sectionName names a parameter, condition or output of logical ID id.
func sectionName(n *names, id string) string {
	if name, derived := n.take(id, ""); derived {
		return name
	}
	n.taken[id] = true
	return id
}

func (im *importer) templateSections() {
	im.app.set("name", im.opts.Name)
	if d, ok := im.t.Description.(string); ok {
		im.app.set("description", d)
	}
	im.parametersSection()
	im.mappingsSection()
	im.conditionsSection()
	im.outputsSection()
}

func (im *importer) parametersSection() {
	if len(im.t.Parameters) == 0 {
		return
	}
	ps := im.app.sub("parameters")
	for _, id := range sortedIDs(im.t.Parameters) {
		p, _ := im.t.Parameters[id].(map[string]any)
		o := newObj()
		if t, ok := p["Type"].(string); ok && t != "String" {
			o.set("type", t)
		}
		if d, ok := p["Description"].(string); ok {
			o.set("description", d)
		}
		if v, ok := p["Default"]; ok {
			o.set("default", fromJSON(v))
		}
		if vs, ok := p["AllowedValues"].([]any); ok {
			o.set("allowed", fromJSON(vs))
		}
		if s, ok := p["AllowedPattern"].(string); ok {
			o.set("allowedPattern", s)
		}
		for _, f := range []struct{ key, field string }{{"MinLength", "minLength"}, {"MaxLength", "maxLength"}, {"MinValue", "minValue"}, {"MaxValue", "maxValue"}} {
			if n, ok := number(p[f.key]); ok {
				o.set(f.field, n)
			}
		}
		if s, ok := p["ConstraintDescription"].(string); ok {
			o.set("constraintDescription", s)
		}
		if b, ok := boolean(p["NoEcho"]); ok && b {
			o.set("noEcho", true)
		}
		ps.set(im.parameters[id], o)
	}
}

// mappingsSection writes the mappings under their names in the template,
// which the Fn::FindInMap of values name as they are. CloudFormation
// reads a number or a boolean of a mapping as its text, which the spec
// writes (samgen's mapping values are strings).
func (im *importer) mappingsSection() {
	if len(im.t.Mappings) == 0 {
		return
	}
	ms := im.app.sub("mappings")
	for _, name := range sortedIDs(im.t.Mappings) {
		top, _ := im.t.Mappings[name].(map[string]any)
		m := newObj()
		for _, key := range sortedIDs(top) {
			second, _ := top[key].(map[string]any)
			o := newObj()
			for _, k := range sortedIDs(second) {
				o.set(k, mappingValue(second[k]))
			}
			m.set(key, o)
		}
		ms.set(name, m)
	}
}

// mappingValue is a value of a mapping as the spec writes it: a scalar as
// its text, a list item by item; anything else as it is, for the schema
// to refuse where the user can see it.
func mappingValue(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mappingValue(e)
		}
		return out
	}
	if s, ok := cfn.ScalarString(v); ok {
		return s
	}
	return fromJSON(v)
}

// number reads a number CloudFormation takes as a number or a string.
func number(v any) (any, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64, float64:
		return x, true
	case string:
		if i, err := strconv.ParseInt(x, 10, 64); err == nil {
			return i, true
		}
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return f, true
		}
	}
	return nil, false
}

// boolean reads a boolean CloudFormation takes as a boolean or a string.
func boolean(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(x) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// conditionsSection writes the conditions. samgen's conditions are one
// Fn::Equals, Fn::Not, Fn::And or Fn::Or each, whose operands are other
// conditions: a condition nested inside another is lifted into a
// condition of its own, named after its parent.
func (im *importer) conditionsSection() {
	if len(im.t.Conditions) == 0 {
		return
	}
	cs := im.app.sub("conditions")
	taken := map[string]bool{}
	for _, name := range im.conditions {
		taken[name] = true
	}
	var write func(name string, v any)
	write = func(name string, v any) {
		o := newObj()
		m, _ := v.(map[string]any)
		lift := func(i int, x any) any {
			if c, ok := mapOf(x)["Condition"].(string); ok {
				if n, ok := im.conditions[c]; ok {
					return ref{"conditions", n}
				}
			}
			sub := name + strconv.Itoa(i+1)
			for taken[sub] {
				sub += "x"
			}
			taken[sub] = true
			im.note("conditions.%s: the condition nested in %s at %d is lifted into conditions.%s (samgen's conditions combine other conditions)", sub, name, i, sub)
			write(sub, x)
			return ref{"conditions", sub}
		}
		switch {
		case m["Fn::Equals"] != nil:
			args, _ := m["Fn::Equals"].([]any)
			var vs []any
			for _, a := range args {
				vs = append(vs, im.document(a))
			}
			o.set("equals", vs)
		case m["Fn::Not"] != nil:
			args, _ := m["Fn::Not"].([]any)
			if len(args) == 1 {
				o.set("not", lift(0, args[0]))
			}
		case m["Fn::And"] != nil || m["Fn::Or"] != nil:
			op := "and"
			args, _ := m["Fn::And"].([]any)
			if m["Fn::Or"] != nil {
				op = "or"
				args, _ = m["Fn::Or"].([]any)
			}
			var rs []any
			for i, a := range args {
				rs = append(rs, lift(i, a))
			}
			o.set(op, rs)
		case m["Condition"] != nil:
			// A condition that is another one: Fn::And of it alone is not
			// allowed (2–10 operands), so it is both of it.
			c := lift(0, v)
			o.set("and", []any{c, c})
		}
		cs.set(name, o)
	}
	for _, id := range sortedIDs(im.t.Conditions) {
		write(im.conditions[id], im.t.Conditions[id])
	}
	cs.sortFields()
}

func (im *importer) outputsSection() {
	if len(im.t.Outputs) == 0 {
		return
	}
	os := im.app.sub("outputs")
	for _, id := range sortedIDs(im.t.Outputs) {
		out, _ := im.t.Outputs[id].(map[string]any)
		o := newObj()
		if d, ok := out["Description"]; ok {
			o.set("description", im.value(d, ""))
		}
		v := out["Value"]
		switch r, attr, ok := im.outputRef(v); {
		case ok:
			o.set("ref", r)
			if attr != "" {
				o.set("attr", attr)
			}
		default:
			if m, isMap := v.(map[string]any); isMap {
				if j, ok := m["Fn::Join"].([]any); ok && len(j) == 2 && j[0] == "," {
					// Outputs join a list value with commas themselves.
					if l, ok := j[1].([]any); ok {
						o.set("value", im.value(l, ""))
						break
					}
				}
			}
			o.set("value", im.value(v, ""))
		}
		if e, ok := out["Export"].(map[string]any); ok {
			o.set("export", im.value(e["Name"], ""))
		}
		if c, ok := out["Condition"].(string); ok {
			if name, ok := im.conditions[c]; ok {
				o.set("condition", ref{"conditions", name})
			}
		}
		os.set(im.outputs[id], o)
	}
}

// outputRef returns the reference an output's value is, with the
// attribute samgen must be told (outputs render a declared resource's
// ARN by default, a raw resource's !Ref).
func (im *importer) outputRef(v any) (ref, string, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return ref{}, "", false
	}
	r, attr, ok := im.lookup(m, schema.AttrArn)
	if !ok {
		return ref{}, "", false
	}
	if r.collection == "resources" {
		if attr == "" {
			return r, "", true
		}
		if attr == "Arn" {
			return r, "arn", true
		}
		return r, attr, true
	}
	return r, attr, true
}

// placeExisting declares the existing resources that references of the
// template named by ARN.
func (im *importer) placeExisting() {
	for _, key := range slices.Sorted(maps.Keys(im.existing)) {
		d := im.existing[key]
		im.app.sub(d.collection).set(d.name, d.spec)
	}
}

// existingDecl declares (once) an existing resource of kind, known by
// its ARN (a literal or an expression), and returns it.
func (im *importer) existingDecl(kind string, arn any) *decl {
	key := kind + " " + canon(arn)
	if d := im.existing[key]; d != nil {
		return d
	}
	k, _ := schema.KindOf(kind)
	d := &decl{kind: kind, collection: k.Collection, spec: newObj()}
	n := im.names[k.Collection]
	if n == nil {
		n = newNames()
		im.names[k.Collection] = n
	}
	d.name = n.unique(existingName(layerName(kind, arn)))
	d.spec.set("arn", im.value(arn, schema.AttrArn))
	im.existing[key] = d
	// A reference to it renders the ARN.
	im.index[canon(arn)] = append(im.index[canon(arn)], refAttr{d, schema.AttrArn})
	return d
}

// layerName drops the version that ends a layer version's ARN, so that
// the name derives from the layer's:
// arn:aws:lambda:...:layer:Powertools:18 is named powertools.
func layerName(kind string, arn any) any {
	if kind != "layer" {
		return arn
	}
	trim := func(s string) string {
		if i := strings.LastIndexByte(s, ':'); i > 0 && strings.Trim(s[i+1:], "0123456789") == "" {
			return s[:i]
		}
		return s
	}
	switch x := arn.(type) {
	case string:
		return trim(x)
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 {
			return map[string]any{"Fn::Sub": trim(s)}
		}
	}
	return arn
}

// existingName derives a name for an existing resource from its ARN: the
// resource's own name in it, an export's or a parameter's name.
func existingName(arn any) string {
	switch x := arn.(type) {
	case string:
		return camel(cfn.LogicalID(strings.TrimSuffix(schema.ArnName(x), ".fifo"), ""))
	case map[string]any:
		if s, ok := x["Fn::ImportValue"].(string); ok {
			return camel(cfn.LogicalID(s, ""))
		}
		if s, ok := x["Fn::Sub"].(string); ok {
			return camel(cfn.LogicalID(strings.TrimSuffix(schema.ArnName(s), ".fifo"), ""))
		}
		if s, ok := x["Ref"].(string); ok {
			return camel(s)
		}
	}
	return "existing"
}

// fmtPath joins path segments for a message.
func fmtPath(p ...string) string { return strings.Join(p, ".") }

var _ = fmt.Sprint
