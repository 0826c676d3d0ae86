package importer

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// refAttr is a declaration and the attribute of it an intrinsic renders.
type refAttr struct {
	d    *decl
	attr string
}

// canon is the canonical JSON of a CloudFormation value, the key of the
// index.
func canon(v any) string {
	b, err := json.Marshal(normalizeIntrinsics(v))
	if err != nil {
		return ""
	}
	return string(b)
}

// normalizeIntrinsics spells every Fn::GetAtt as a list.
func normalizeIntrinsics(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["Fn::GetAtt"].(string); ok && len(x) == 1 {
			id, attr, _ := strings.Cut(s, ".")
			return map[string]any{"Fn::GetAtt": []any{id, attr}}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalizeIntrinsics(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeIntrinsics(e)
		}
		return out
	case int:
		return int64(x)
	}
	return v
}

// buildIndex records, for every declaration samgen renders, the intrinsic
// of each of its attributes (schema.Kinds' Attrs), so a !Ref or !GetAtt
// of the template becomes a reference.
func (im *importer) buildIndex() {
	im.index = map[string][]refAttr{}
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		k, ok := schema.KindOf(d.kind)
		if !ok || d.kind == "resource" {
			continue
		}
		for _, a := range slices.Sorted(maps.Keys(k.Attrs)) {
			if d.kind == "bucket" && (a == schema.AttrName || a == schema.AttrArn) && im.bucketNamed(d) {
				// samgen renders a named bucket's name and ARN from its
				// name, not with !Ref and !GetAtt.
				continue
			}
			key := canon(k.Attrs[a](d.id))
			im.index[key] = append(im.index[key], refAttr{d, a})
		}
	}
}

// lookup returns the reference an intrinsic stands for, with the
// attribute to give it where a plain reference renders attribute attr
// ("" when the plain reference renders it).
func (im *importer) lookup(v any, attr string) (ref, string, bool) {
	v = normalizeIntrinsics(v)
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return ref{}, "", false
	}
	// A raw resource: !Ref renders itself, !GetAtt X.A its attribute A.
	if id, ok := m["Ref"].(string); ok {
		if d := im.decls[id]; d != nil && d.kind == "resource" {
			return d.ref(), "", true
		}
	}
	if ga, ok := m["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
		id, _ := ga[0].(string)
		a, _ := ga[1].(string)
		if d := im.decls[id]; d != nil && d.kind == "resource" && a != "" {
			return d.ref(), a, true
		}
	}
	cands := im.index[canon(v)]
	if len(cands) == 0 {
		return ref{}, "", false
	}
	for _, c := range cands {
		k, _ := schema.KindOf(c.d.kind)
		if c.attr == attr || attr == "" && c.attr == k.EnvAttr {
			return c.d.ref(), "", true
		}
	}
	return cands[0].d.ref(), cands[0].attr, true
}

// refOf returns the declaration a reference-typed field (an event's
// queue, a destination) names: v must render exactly as a reference of
// that kind does there, attribute attr of the declaration.
func (im *importer) refOf(v any, kind, attr string) (*decl, bool) {
	for _, c := range im.index[canon(v)] {
		if c.d.kind == kind && c.attr == attr {
			return c.d, true
		}
	}
	return nil, false
}

// pseudo are the pseudo parameters, as schema definitions.
var pseudo = map[string]sel{
	"AWS::AccountId": "#AccountId", "AWS::NotificationARNs": "#NotificationARNs", "AWS::NoValue": "#NoValue",
	"AWS::Partition": "#Partition", "AWS::Region": "#Region", "AWS::StackId": "#StackId",
	"AWS::StackName": "#StackName", "AWS::URLSuffix": "#URLSuffix",
}

// value converts a CloudFormation value for a value field of the spec
// (#StringValue, #IntValue, ...) whose plain reference renders attribute
// attr: a !Ref or !GetAtt of a declaration becomes a reference, a !Sub
// template a string with ${...}, a parameter its reference, an
// intrinsic its JSON form with the references in it converted.
func (im *importer) value(v any, attr string) any {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "${") {
			// A literal that a spec string would make a !Sub.
			return fromJSON(map[string]any{"Fn::Join": []any{"", []any{x}}})
		}
		return x
	case int:
		return int64(x)
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 && strings.Contains(s, "${") && !escapesOnly(s) {
			return s
		}
		return im.expr(x, attr)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = im.value(e, attr)
		}
		return out
	}
	return v
}

// escapesOnly reports whether every ${ of s is an escape (${!x}), which a
// spec string does not make a !Sub.
func escapesOnly(s string) bool { return len(schema.SubVariables(s)) == 0 }

// expr converts an intrinsic (or a JSON structure) of a value field.
func (im *importer) expr(x map[string]any, attr string) any {
	if r, a, ok := im.lookup(x, attr); ok {
		return refValue(r, a)
	}
	if id, ok := x["Ref"].(string); ok && len(x) == 1 {
		if p, ok := pseudo[id]; ok {
			return p
		}
		if name, ok := im.parameters[id]; ok {
			return ref{"parameters", name}
		}
	}
	if args, ok := x["Fn::If"].([]any); ok && len(x) == 1 && len(args) == 3 {
		cond := any(args[0])
		if c, ok := args[0].(string); ok {
			if name, ok := im.conditions[c]; ok {
				cond = ref{"conditions", name}
			}
		}
		return fromOrdered("Fn::If", []any{cond, im.inside(args[1], attr), im.inside(args[2], attr)})
	}
	return im.document(x)
}

// inside converts a value inside an intrinsic: a reference renders attr.
func (im *importer) inside(v any, attr string) any {
	if m, ok := v.(map[string]any); ok {
		if r, a, ok := im.lookup(m, attr); ok {
			return refValue(r, a)
		}
	}
	return im.document(v)
}

// document converts a JSON document of the spec (a raw resource's
// properties, an override, a pattern): references become refs (a plain
// ref renders its kind's default attribute there), pseudo parameters
// their definitions, and everything else, strings included, stays as
// written.
func (im *importer) document(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if isIntrinsicMap(x) {
			if r, a, ok := im.lookup(x, ""); ok {
				return refValue(r, a)
			}
			if id, ok := x["Ref"].(string); ok {
				if p, ok := pseudo[id]; ok {
					return p
				}
				if name, ok := im.parameters[id]; ok {
					return ref{"parameters", name}
				}
			}
			if args, ok := x["Fn::If"].([]any); ok && len(args) == 3 {
				cond := any(args[0])
				if c, ok := args[0].(string); ok {
					if name, ok := im.conditions[c]; ok {
						cond = ref{"conditions", name}
					}
				}
				return fromOrdered("Fn::If", []any{cond, im.document(args[1]), im.document(args[2])})
			}
			if ga, ok := normalizeIntrinsics(x).(map[string]any)["Fn::GetAtt"].([]any); ok {
				return fromOrdered("Fn::GetAtt", ga)
			}
		}
		o := newObj()
		for _, k := range slices.Sorted(maps.Keys(x)) {
			o.set(k, im.document(x[k]))
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = im.document(e)
		}
		return out
	case int:
		return int64(x)
	}
	return v
}

// fromOrdered is the one-key struct {name: args}.
func fromOrdered(name string, args []any) *obj {
	return newObj().set(name, args)
}

// refValue is a reference, with the attribute it chooses.
func refValue(r ref, attr string) any {
	if attr == "" {
		return r
	}
	return newObj().set("ref", r).set("attr", attr)
}

// bucketNamed reports whether samgen names the bucket d (so references
// to it render its name rather than !Ref): it has a BucketName.
func (im *importer) bucketNamed(d *decl) bool {
	_, ok := d.res.Properties["BucketName"]
	return ok
}

// scalar reports whether v is a literal string, number or boolean.
// stringOrList reads a property that is one string or a list of them (an
// S3 event's Events, a Cognito event's Trigger) as a list; nil for
// anything else.
func stringOrList(v any) []any {
	switch x := v.(type) {
	case string:
		return []any{x}
	case []any:
		return x
	}
	return nil
}

func scalar(v any) bool {
	switch x := v.(type) {
	case string:
		return !strings.Contains(x, "${")
	case int, int64, float64, bool:
		return true
	}
	return false
}
