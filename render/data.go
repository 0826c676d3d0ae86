package render

import (
	"encoding/json"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Data returns t as cfn.Parse reads back the YAML that [YAML] writes of it,
// size bytes long: intrinsics in their JSON form, whole numbers as int, a
// short-form tag's scalar argument as its text. It is what the engine's
// budget measures, without parsing the template it has just written
// (TestDataEqualsParse compares the two on every example and on random
// templates).
func Data(t *Template, size int) *cfn.Template {
	top := t.tree()
	d := &cfn.Template{Resources: map[string]cfn.Resource{}, Size: size}
	for i, k := range top.keys {
		switch v := top.vals[i]; k {
		case "Transform":
			d.Transform = data(v)
		case "Parameters":
			d.Parameters, _ = data(v).(map[string]any)
		case "Conditions":
			d.Conditions, _ = data(v).(map[string]any)
		case "Globals":
			d.Globals, _ = data(v).(map[string]any)
		case "Outputs":
			d.Outputs, _ = data(v).(map[string]any)
		case "Description":
			d.Description = data(v)
		case "Metadata":
			d.Metadata, _ = data(v).(map[string]any)
		case "Mappings":
			d.Mappings, _ = data(v).(map[string]any)
		case "Resources":
			res := v.(*omap)
			for j, id := range res.keys {
				d.Resources[id] = resourceData(res.vals[j].(*Resource))
			}
		default:
			if d.Other == nil {
				d.Other = map[string]any{}
			}
			d.Other[k] = data(v)
		}
	}
	return d
}

func resourceData(r *Resource) cfn.Resource {
	m, _ := data(r.tree()).(map[string]any)
	out := cfn.Resource{Metadata: object(m["Metadata"]), Properties: object(m["Properties"]), Other: cfn.Others(m, cfn.ResourceKeys)}
	out.Type, _ = m["Type"].(string)
	out.Condition, _ = m["Condition"].(string)
	out.DeletionPolicy, _ = m["DeletionPolicy"].(string)
	out.UpdateReplacePolicy, _ = m["UpdateReplacePolicy"].(string)
	if l, ok := m["DependsOn"].([]any); ok {
		for _, x := range l {
			if s, ok := x.(string); ok {
				out.DependsOn = append(out.DependsOn, s)
			}
		}
	}
	if out.Properties == nil {
		out.Properties = map[string]any{}
	}
	return out
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// data converts a value of the ordered tree as reading its YAML would.
func data(v any) any {
	switch x := v.(type) {
	case *omap:
		if tag, arg, ok := intrinsic(x); ok {
			return intrinsicData(tag, arg)
		}
		m := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			m[k] = data(x.vals[i])
		}
		return m
	case *Resource:
		return data(x.tree())
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = data(e)
		}
		return l
	case string:
		return x
	case Null:
		return nil
	}
	text, tag, err := scalarText(v)
	if err != nil {
		return v
	}
	switch tag {
	case "!!bool":
		return text == "true"
	case "!!int":
		if resolveTag(text) == "!!int" {
			return intValue(v)
		}
	}
	return v
}

func intValue(v any) any {
	switch x := v.(type) {
	case float64:
		return int(x)
	case int64:
		return int(x)
	case json.Number:
		if i, err := strconv.Atoi(x.String()); err == nil {
			return i
		}
	}
	return v
}

// intrinsicData is the JSON form of an intrinsic the writer tags, as the
// tag reads back: a scalar argument is its text, !GetAtt's "X.Attr" the
// list [X, Attr].
func intrinsicData(tag string, arg any) any {
	if tag == "!GetAtt" {
		if parts, ok := arg.([]any); ok && len(parts) == 2 {
			a, aok := parts[0].(string)
			b, bok := parts[1].(string)
			if aok && bok {
				arg = a + "." + b
			}
		}
	}
	var v any
	switch x := arg.(type) {
	case *omap:
		m := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			m[k] = data(x.vals[i])
		}
		v = m
	case []any:
		v = data(x)
	default:
		text, ok := x.(string)
		if !ok {
			text, _, _ = scalarText(x)
		}
		v = text
		if tag == "!GetAtt" {
			id, attr, _ := strings.Cut(text, ".")
			v = []any{id, attr}
		}
	}
	name := "Fn::" + strings.TrimPrefix(tag, "!")
	if tag == "!Ref" || tag == "!Condition" {
		name = tag[1:]
	}
	return map[string]any{name: v}
}
