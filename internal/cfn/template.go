package cfn

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Template is a CloudFormation (or SAM) template as data: what samgen
// reads back to compare a template with another one, whoever wrote it.
// Values are in their JSON form: intrinsics written with YAML short tags
// (`!Ref X`, `!GetAtt X.Arn`) are read as {"Ref": "X"} and
// {"Fn::GetAtt": ["X", "Arn"]}, integers as int.
type Template struct {
	// Transform is the Transform section ("AWS::Serverless-2016-10-31"),
	// a string or a list.
	Transform  any
	Parameters map[string]any
	Conditions map[string]any
	Globals    map[string]any
	Resources  map[string]Resource
	Outputs    map[string]any
	// Size is the length of the template's text in bytes.
	Size int
}

// Resource is one entry of a template's Resources.
type Resource struct {
	Type                string
	Condition           string
	DependsOn           []string
	Metadata            map[string]any
	Properties          map[string]any
	DeletionPolicy      string
	UpdateReplacePolicy string
}

// Parse reads a template in YAML (with or without short-form intrinsic
// tags) or JSON, which is YAML too.
func Parse(data []byte) (*Template, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not a template: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("not a template: the file is empty")
	}
	v, err := value(doc.Content[0])
	if err != nil {
		return nil, err
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a template: the top level is not a mapping")
	}
	t := &Template{
		Transform:  top["Transform"],
		Parameters: object(top["Parameters"]),
		Conditions: object(top["Conditions"]),
		Globals:    object(top["Globals"]),
		Outputs:    object(top["Outputs"]),
		Resources:  map[string]Resource{},
		Size:       len(data),
	}
	for id, r := range object(top["Resources"]) {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("resource %s is not a mapping", id)
		}
		res := Resource{Metadata: object(m["Metadata"]), Properties: object(m["Properties"])}
		res.Type, _ = m["Type"].(string)
		res.Condition, _ = m["Condition"].(string)
		res.DeletionPolicy, _ = m["DeletionPolicy"].(string)
		res.UpdateReplacePolicy, _ = m["UpdateReplacePolicy"].(string)
		switch d := m["DependsOn"].(type) {
		case string:
			res.DependsOn = []string{d}
		case []any:
			for _, x := range d {
				if s, ok := x.(string); ok {
					res.DependsOn = append(res.DependsOn, s)
				}
			}
		}
		if res.Type == "" {
			return nil, fmt.Errorf("resource %s has no Type", id)
		}
		if res.Properties == nil {
			res.Properties = map[string]any{}
		}
		t.Resources[id] = res
	}
	return t, nil
}

// Serverless reports whether the template asks for SAM's transform.
func (t *Template) Serverless() bool {
	switch x := t.Transform.(type) {
	case string:
		return strings.HasPrefix(x, "AWS::Serverless")
	case []any:
		for _, v := range x {
			if s, ok := v.(string); ok && strings.HasPrefix(s, "AWS::Serverless") {
				return true
			}
		}
	}
	return false
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// value converts a YAML node to its JSON form, short tags to intrinsics.
func value(n *yaml.Node) (any, error) {
	tag := ""
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		tag = n.Tag[1:]
	}
	var v any
	switch n.Kind {
	case yaml.AliasNode:
		return value(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			x, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k] = x
		}
		v = m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			x, err := value(c)
			if err != nil {
				return nil, err
			}
			l = append(l, x)
		}
		v = l
	case yaml.ScalarNode:
		if tag != "" {
			v = n.Value
			if tag == "GetAtt" {
				id, attr, _ := strings.Cut(n.Value, ".")
				v = []any{id, attr}
			}
			break
		}
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		if f, ok := v.(float64); ok && f == float64(int(f)) && !bytes.ContainsAny([]byte(n.Value), ".eE") {
			v = int(f)
		}
	default:
		return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
	}
	if tag == "" {
		return v, nil
	}
	name := "Fn::" + tag
	if tag == "Ref" || tag == "Condition" {
		name = tag
	}
	return map[string]any{name: v}, nil
}
