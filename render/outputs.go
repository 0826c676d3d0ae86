package render

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// outputs renders the stack outputs. An output's value is any value; a
// list is joined with commas, as outputs are strings.
func (b *builder) outputs() {
	if len(b.app.Outputs) == 0 {
		return
	}
	if b.t.Outputs == nil {
		b.t.Outputs = map[string]any{}
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Outputs)) {
		o := b.app.Outputs[name]
		path := "outputs." + name
		m := map[string]any{}
		setValue(m, "Description", b.optional(path+".description", o.Description, ""))
		switch {
		case b.app.ListValued(o.Value):
			// Outputs are strings.
			m["Value"] = map[string]any{"Fn::Join": []any{",", b.list(path+".value", schema.ListValue{Value: o.Value}, "")}}
		case !o.Value.IsZero():
			m["Value"] = b.value(path+".value", o.Value, "")
		case o.Sub != nil:
			m["Value"] = cfn.Sub(*o.Sub)
			b.uses(path+".sub", m["Value"])
		case o.Ref != nil:
			m["Value"] = b.resolve(path+".ref", *o.Ref, outputAttr(*o.Ref, o.Attr))
			// A generated role is gone when an override gives the
			// resource its own (SG022).
			b.uses(path+".ref", m["Value"])
		}
		if !o.Export.IsZero() {
			m["Export"] = map[string]any{"Name": b.value(path+".export", o.Export, "")}
		}
		id := schema.OutputID(name)
		b.claimOutput(id, path)
		b.t.Outputs[id] = m
	}
}

// outputAttr is the attribute an output of ref renders: the one it asks
// for, else a declared resource's ARN and a raw resource's !Ref (its
// attributes depend on its type: a security group has no Arn).
func outputAttr(r schema.Ref, attr string) string {
	switch {
	case attr != "":
		return attr
	case r.Kind == "resource":
		return schema.AttrRef
	}
	return schema.AttrArn
}

// claimOutput records that the output at path takes output ID id: two
// names that differ only in separators or case take one (SG001).
func (b *builder) claimOutput(id, path string) {
	b.outputOwners[id] = append(b.outputOwners[id], path)
}

// outputFindings reports output IDs claimed twice.
func (b *builder) outputFindings() {
	for _, id := range slices.Sorted(maps.Keys(b.outputOwners)) {
		ps := b.outputOwners[id]
		if len(ps) < 2 {
			continue
		}
		for i, p := range ps {
			others := slices.Delete(slices.Clone(ps), i, i+1)
			b.report("SG001", p, "output ID %s is also that of %s; rename one of them", id, strings.Join(others, ", "))
		}
	}
}
