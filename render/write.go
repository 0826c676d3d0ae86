package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Canonical key orders, as in rain's format/sort.go: the order a reviewer
// expects, independent of Go map order. Keys not in a table come after the
// listed ones, sorted.
var (
	sectionOrder   = []string{"AWSTemplateFormatVersion", "Transform", "Description", "Parameters", "Mappings", "Conditions", "Globals", "Resources", "Outputs"}
	resourceOrder  = []string{"Type", "Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "Properties"}
	statementOrder = []string{"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}
	documentOrder  = []string{"Version", "Statement"}
	eventOrder     = []string{"Type", "Properties"}
	parameterOrder = []string{"Type", "Description", "Default", "AllowedValues", "AllowedPattern", "MinLength", "MaxLength", "MinValue", "MaxValue", "ConstraintDescription", "NoEcho"}
	outputOrder    = []string{"Description", "Value", "Export"}
)

// tree returns the template as an ordered value tree: every map becomes an
// ordered list of key/value pairs.
func (t *Template) tree() *omap {
	top := &omap{}
	top.add("AWSTemplateFormatVersion", "2010-09-09")
	top.add("Transform", "AWS::Serverless-2016-10-31")
	if t.Description != "" {
		top.add("Description", t.Description)
	}
	// An empty section is left out: CloudFormation rejects `Outputs: {}`.
	top.add("Parameters", order(nonEmpty(t.Parameters), parameterOrder, 2))
	top.add("Conditions", order(nonEmpty(t.Conditions), nil, 0))
	top.add("Globals", order(nonEmpty(t.Globals), nil, 0))
	res := &omap{}
	for _, id := range slices.Sorted(maps.Keys(t.Resources)) {
		res.add(id, t.Resources[id].tree())
	}
	top.add("Resources", res)
	top.add("Outputs", order(nonEmpty(t.Outputs), outputOrder, 2))
	return top
}

func nonEmpty(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	return m
}

func (r *Resource) tree() *omap {
	m := &omap{}
	m.add("Type", r.Type)
	if r.Condition != "" {
		m.add("Condition", r.Condition)
	}
	if len(r.DependsOn) > 0 {
		m.add("DependsOn", toAny(r.DependsOn))
	}
	m.add("Metadata", order(r.Metadata, nil, 0))
	if r.DeletionPolicy != "" {
		m.add("DeletionPolicy", r.DeletionPolicy)
	}
	if r.UpdateReplacePolicy != "" {
		m.add("UpdateReplacePolicy", r.UpdateReplacePolicy)
	}
	props := order(r.Properties, nil, 0)
	if props == nil {
		props = &omap{}
	}
	m.add("Properties", props)
	return m
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// omap is an ordered map.
type omap struct {
	keys []string
	vals []any
}

// add appends k unless v is empty: the writer never emits nulls or empty
// sections, which CloudFormation rejects or reports.
func (m *omap) add(k string, v any) {
	if isEmpty(v) {
		return
	}
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case *omap:
		return x == nil
	case map[string]any:
		return x == nil
	}
	return false
}

// order converts a map to an omap, ordering keys by the table first. depth
// applies the table only at the first level (0: the table is the child
// order of every level below, as for resources' properties, which are
// sorted).
func order(m map[string]any, table []string, depth int) *omap {
	if m == nil {
		return nil
	}
	out := &omap{}
	for _, k := range orderedKeys(m, table) {
		var v any
		if depth == 2 {
			// A map of named entries (parameters, outputs): the table orders
			// each entry's keys.
			if e, ok := m[k].(map[string]any); ok {
				v = order(e, table, 0)
			} else {
				v = value(m[k])
			}
		} else {
			v = value(m[k])
		}
		out.add(k, v)
	}
	return out
}

func orderedKeys(m map[string]any, table []string) []string {
	keys := slices.Sorted(maps.Keys(m))
	if table == nil {
		table = tableFor(m)
	}
	if table == nil {
		return keys
	}
	rank := func(k string) int {
		if i := slices.Index(table, k); i >= 0 {
			return i
		}
		return len(table)
	}
	slices.SortStableFunc(keys, func(a, b string) int { return rank(a) - rank(b) })
	return keys
}

// tableFor recognises the shapes whose keys have a conventional order.
func tableFor(m map[string]any) []string {
	_, hasEffect := m["Effect"]
	_, hasAction := m["Action"]
	_, hasStatement := m["Statement"]
	_, hasType := m["Type"]
	_, hasProps := m["Properties"]
	switch {
	case hasEffect && hasAction:
		return statementOrder
	case hasStatement:
		return documentOrder
	case hasType && hasProps && len(m) == 2:
		return eventOrder
	}
	return nil
}

// value converts a JSON-form value to the ordered tree.
func value(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return order(x, nil, 0)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = value(e)
		}
		return out
	case []string:
		return toAny(x)
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = value(e)
		}
		return out
	}
	return v
}

// YAML writes t as YAML: canonical order, 2-space indent, CloudFormation
// short-form tags, no nulls.
func YAML(t *Template) ([]byte, error) {
	root, err := node(t.tree())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	for _, line := range strings.Split(t.Header, "\n") {
		if line != "" {
			buf.WriteString("# " + line + "\n")
		}
	}
	// yaml.v3's emitter keeps every event of a document until its end, so
	// a whole template of 1000 functions peaks at over 100 MB; each section,
	// and each resource, is encoded on its own instead. A block mapping is
	// the same text whether it is written whole or entry by entry, indented
	// under its parent.
	for i := 0; i < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind != yaml.MappingNode || len(v.Content) == 0 || isTagged(v) {
			if err := encodeEntry(&buf, "", k, v); err != nil {
				return nil, err
			}
			continue
		}
		buf.WriteString(k.Value + ":\n")
		for j := 0; j < len(v.Content); j += 2 {
			if err := encodeEntry(&buf, "  ", v.Content[j], v.Content[j+1]); err != nil {
				return nil, err
			}
		}
	}
	return buf.Bytes(), nil
}

// isTagged reports a node written with a short-form tag (!Ref, !Sub, ...).
func isTagged(n *yaml.Node) bool {
	return strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!")
}

// encodeEntry writes the one-entry mapping {k: v}, each line indented.
func encodeEntry(buf *bytes.Buffer, indent string, k, v *yaml.Node) error {
	var part bytes.Buffer
	enc := yaml.NewEncoder(&part)
	enc.SetIndent(2)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}}}
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	for _, line := range bytes.SplitAfter(part.Bytes(), []byte("\n")) {
		if len(line) > 1 {
			buf.WriteString(indent)
		}
		buf.Write(line)
	}
	return nil
}

// node converts an ordered tree to a yaml.Node, turning intrinsics into
// short-form tags.
func node(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case *omap:
		if tag, arg, ok := intrinsic(x); ok {
			return tagged(tag, arg)
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		for i, k := range x.keys {
			c, err := node(x.vals[i])
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Style: yaml11Style(k)}, c)
		}
		return n, nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range x {
			c, err := node(e)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case string:
		n := &yaml.Node{}
		n.SetString(x)
		n.Style |= yaml11Style(x)
		return n, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}, nil
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}, nil
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(x, 10)}, nil
	case float64:
		return numberNode(x), nil
	case json.Number:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: x.String()}, nil
	case Null:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return nil, fmt.Errorf("render: cannot write %T", v)
}

// yaml11Implicit matches the other plain scalars YAML 1.1 reads as
// something other than a string and yaml.v3 leaves plain: base-60 numbers
// (PyYAML reads 12:30 as 750), binary integers (0b101), and '=' and '<<'
// (PyYAML's value and merge keys; it fails on a plain '=').
var yaml11Implicit = regexp.MustCompile(`^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0b[01_]+|=|<<)$`)

func numberNode(f float64) *yaml.Node {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(int64(f), 10)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(f, 'g', -1, 64)}
}

// intrinsic recognises {"Ref": x} and {"Fn::Name": arg}.
func intrinsic(m *omap) (tag string, arg any, ok bool) {
	if len(m.keys) != 1 {
		return "", nil, false
	}
	k := m.keys[0]
	switch {
	case k == "Ref":
		return "!Ref", m.vals[0], true
	case k == "Condition":
		if _, isStr := m.vals[0].(string); isStr {
			return "!Condition", m.vals[0], true
		}
	case strings.HasPrefix(k, "Fn::"):
		return "!" + strings.TrimPrefix(k, "Fn::"), m.vals[0], true
	}
	return "", nil, false
}

func tagged(tag string, arg any) (*yaml.Node, error) {
	if tag == "!GetAtt" {
		if parts, ok := arg.([]any); ok && len(parts) == 2 {
			a, aok := parts[0].(string)
			b, bok := parts[1].(string)
			if aok && bok {
				arg = a + "." + b
			}
		}
	}
	n, err := node(arg)
	if err != nil {
		return nil, err
	}
	// The emitter quotes a tagged scalar only when plain style would not
	// parse back.
	n.Tag = tag
	n.Style = 0
	if n.Kind == yaml.ScalarNode && n.Value == "" {
		// `!GetAZs ''`: an empty plain scalar would read as no argument.
		n.Style = yaml.SingleQuotedStyle
	}
	return n, nil
}

// JSON writes t as JSON in the same canonical order, 2-space indented.
func JSON(t *Template) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, t.tree(), ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func writeJSON(buf *bytes.Buffer, v any, indent string) error {
	in := indent + "  "
	switch x := v.(type) {
	case *omap:
		if len(x.keys) == 0 {
			buf.WriteString("{}")
			return nil
		}
		buf.WriteString("{\n")
		for i, k := range x.keys {
			kb, _ := json.Marshal(k)
			buf.WriteString(in)
			buf.Write(kb)
			buf.WriteString(": ")
			if err := writeJSON(buf, x.vals[i], in); err != nil {
				return err
			}
			if i < len(x.keys)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteString("[\n")
		for i, e := range x {
			buf.WriteString(in)
			if err := writeJSON(buf, e, in); err != nil {
				return err
			}
			if i < len(x)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case float64:
		buf.WriteString(numberNode(x).Value)
	case Null:
		buf.WriteString("null")
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	return nil
}

// yaml11Style quotes the strings YAML 1.1 parsers (PyYAML in cfn-lint and
// the SAM CLI) read as booleans, which yaml.v3, a YAML 1.2 emitter, leaves
// plain: `Condition: On` would name the condition true.
func yaml11Style(s string) yaml.Style {
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off":
		return yaml.DoubleQuotedStyle
	}
	if yaml11Implicit.MatchString(s) {
		return yaml.DoubleQuotedStyle
	}
	return 0
}
