package cfn

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/didyoumean"
)

// Template is a CloudFormation (or SAM) template as data: what samgen
// reads back to compare a template with another one, whoever wrote it.
// Values are in their JSON form: intrinsics written with YAML short tags
// (`!Ref X`, `!GetAtt X.Arn`) are read as {"Ref": "X"} and
// {"Fn::GetAtt": ["X", "Arn"]}, integers as int.
type Template struct {
	// Transform is the Transform section ("AWS::Serverless-2016-10-31"),
	// a string or a list.
	Transform   any
	Description any
	Metadata    map[string]any
	Parameters  map[string]any
	Mappings    map[string]any
	Conditions  map[string]any
	Globals     map[string]any
	Resources   map[string]Resource
	Outputs     map[string]any
	// Other holds the top-level sections of no field above, by name
	// (AWSTemplateFormatVersion, Rules, ...).
	Other map[string]any
	// Size is the length of the template's text in bytes.
	Size int
}

// Positions are where the top-level sections ("Transform"), the
// resources ("Resources.Orders"), their entries ("Resources.Orders.Type")
// and everything inside them ("Resources.Orders.Properties.Tags[0].Key",
// "Parameters.Stage.Default") are in a template's text: the key of a
// mapping's entry, a list's element.
type Positions map[string]Position

// within records the positions inside n, the value at path.
func (ps Positions) within(path string, n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		pairs(n, func(k, v *yaml.Node) {
			ps[path+"."+k.Value] = at(k)
			ps.within(path+"."+k.Value, v)
		})
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			ps[p] = at(c)
			ps.within(p, c)
		}
	}
}

// Position is a line and column (1-based) of a template's text.
type Position struct{ Line, Column int }

// Problem is a positioned problem of a template's text.
type Problem struct {
	Position
	Msg string
}

func (p Problem) Error() string {
	if p.Column == 0 {
		return fmt.Sprintf("%d: %s", p.Line, p.Msg)
	}
	return fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Msg)
}

// Problems are every problem [Parse] found, in the order of the text.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// FileProblems are the problems of the template in File, each printed
// as FILE:LINE:COL: MESSAGE, as compilers print theirs, so editors link
// them.
type FileProblems struct {
	File     string
	Problems Problems
}

func (fp FileProblems) Error() string {
	lines := make([]string, len(fp.Problems))
	for i, p := range fp.Problems {
		lines[i] = fp.File + ":" + p.Error()
	}
	return strings.Join(lines, "\n")
}

func (fp FileProblems) Unwrap() error { return fp.Problems }

// yamlLine finds the line in yaml.v3's messages ("yaml: line 3: ...").
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Resource is one entry of a template's Resources.
type Resource struct {
	Type                string
	Condition           string
	DependsOn           []string
	Metadata            map[string]any
	Properties          map[string]any
	DeletionPolicy      string
	UpdateReplacePolicy string
	// Other holds the resource's entries of no field above, by name
	// (UpdatePolicy, CreationPolicy, Version, ...).
	Other map[string]any
}

// Sections are the top-level sections of a template that [Template] has
// a field for.
var Sections = []string{"Transform", "Description", "Metadata", "Parameters", "Mappings", "Conditions", "Globals", "Resources", "Outputs"}

// ResourceKeys are the entries of a resource that [Resource] has a field
// for.
var ResourceKeys = []string{"Type", "Condition", "DependsOn", "Metadata", "Properties", "DeletionPolicy", "UpdateReplacePolicy"}

// Parse reads a template in YAML (with or without short-form intrinsic
// tags) or JSON, which is YAML too.
func Parse(data []byte) (*Template, error) {
	t, _, err := ParsePositions(data)
	return t, err
}

// ParsePositions is [Parse], with where the template's sections and
// resources are.
func ParsePositions(data []byte) (*Template, Positions, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		var ps Problems
		var te *yaml.TypeError
		msgs := []string{err.Error()}
		if errors.As(err, &te) {
			msgs = te.Errors
		}
		for _, m := range msgs {
			p := Problem{Position{Line: 1}, "not a template: " + strings.TrimPrefix(m, "yaml: ")}
			if sm := yamlLine.FindStringSubmatch(m); sm != nil {
				p.Line, _ = strconv.Atoi(sm[1])
				p.Msg = "not a template: " + sm[2]
			}
			ps = append(ps, p)
		}
		return nil, nil, ps
	}
	if len(doc.Content) == 0 {
		return nil, nil, Problems{{Position{1, 1}, "not a template: the file is empty"}}
	}
	root := doc.Content[0]
	r := &reader{}
	v, err := r.value(root)
	if errors.Is(err, errTooManyValues) {
		return nil, nil, Problems{{at(root), "not a template: " + err.Error()}}
	} else if err != nil {
		return nil, nil, err
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, nil, Problems{{at(root), "not a template: the top level is not a mapping"}}
	}
	t := &Template{
		Transform:   top["Transform"],
		Description: top["Description"],
		Metadata:    object(top["Metadata"]),
		Parameters:  object(top["Parameters"]),
		Mappings:    object(top["Mappings"]),
		Conditions:  object(top["Conditions"]),
		Globals:     object(top["Globals"]),
		Outputs:     object(top["Outputs"]),
		Resources:   map[string]Resource{},
		Size:        len(data),
	}
	pos := Positions{}
	t.Other = Others(top, Sections)
	ps := r.problems
	pairs(root, func(k, v *yaml.Node) {
		pos[k.Value] = at(k)
		pos.within(k.Value, v)
		if k.Value != "Resources" {
			return
		}
		if v.Kind != yaml.MappingNode && v.Tag != "!!null" {
			ps = append(ps, Problem{at(v), "Resources is not a mapping"})
		}
		pairs(v, func(rk, rv *yaml.Node) {
			pos["Resources."+rk.Value] = at(rk)
			pairs(rv, func(ek, ev *yaml.Node) {
				pos["Resources."+rk.Value+"."+ek.Value] = at(ek)
				if ek.Value == "Properties" && ev.Kind != yaml.MappingNode && ev.Tag != "!!null" {
					ps = append(ps, Problem{at(ev), fmt.Sprintf("the Properties of resource %s are not a mapping", rk.Value)})
				}
			})
		})
	})
	for id, r := range object(top["Resources"]) {
		m, ok := r.(map[string]any)
		if !ok {
			ps = append(ps, Problem{pos["Resources."+id], fmt.Sprintf("resource %s is not a mapping", id)})
			continue
		}
		res := Resource{Metadata: object(m["Metadata"]), Properties: object(m["Properties"])}
		res.Other = Others(m, ResourceKeys)
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
			at, ok := pos["Resources."+id+".Type"]
			if !ok {
				at = pos["Resources."+id]
			}
			ps = append(ps, Problem{at, fmt.Sprintf("resource %s has no Type", id)})
			continue
		}
		if res.Properties == nil {
			res.Properties = map[string]any{}
		}
		t.Resources[id] = res
	}
	if len(ps) > 0 {
		slices.SortFunc(ps, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		return nil, nil, ps
	}
	return t, pos, nil
}

// pairs calls f with each key and value of a mapping node.
func pairs(n *yaml.Node, f func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i], n.Content[i+1])
	}
}

func at(n *yaml.Node) Position { return Position{n.Line, n.Column} }

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

// Others returns the entries of m whose keys are not known, nil when
// there are none.
func Others(m map[string]any, known []string) map[string]any {
	var out map[string]any
	for k, v := range m {
		if !slices.Contains(known, k) {
			if out == nil {
				out = map[string]any{}
			}
			out[k] = v
		}
	}
	return out
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// shortTags are the YAML tags of CloudFormation's intrinsic functions
// (!Ref, !GetAtt, ...), those of rules and of the AWS::LanguageExtensions
// transform included.
var shortTags = []string{
	"And", "Base64", "Cidr", "Condition", "Contains", "EachMemberEquals", "EachMemberIn", "Equals",
	"FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Length", "Not", "Or", "Ref",
	"RefAll", "Select", "Split", "Sub", "ToJsonString", "Transform", "ValueOf", "ValueOfAll",
}

// ShortTag reports whether the intrinsic function fn ("Sub", "Fn::Sub",
// "Ref") has a YAML short form (!Sub) CloudFormation reads.
func ShortTag(fn string) bool {
	return slices.Contains(shortTags, strings.TrimPrefix(fn, "Fn::"))
}

// maxValues bounds the values a template's aliases may expand to. A
// template of a few nested aliases (`b: [*a, *a, ...]`, `c: [*b, *b,
// ...]`) names billions of values; read naively, a small file would take
// hours and all memory.
const maxValues = 1_000_000

// reader converts YAML nodes to their JSON form, counting the values it
// makes and collecting the problems of the mappings it reads.
type reader struct {
	values   int
	problems Problems
}

// errTooManyValues stops a read that passed maxValues.
var errTooManyValues = fmt.Errorf("its aliases expand to more than %d values", maxValues)

// value converts a YAML node to its JSON form, short tags to intrinsics.
// An alias reads as what it names, and a merge key (`<<: *defaults`) adds
// the named mapping's entries the mapping does not set itself, as `sam
// deploy` reads them (CloudFormation itself takes no alias). A key set
// twice is a problem: which value counts would be the parser's choice.
func (r *reader) value(n *yaml.Node) (any, error) {
	if r.values++; r.values > maxValues {
		return nil, errTooManyValues
	}
	tag := ""
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		tag = n.Tag[1:]
		if !ShortTag(tag) {
			msg := fmt.Sprintf("!%s is not a CloudFormation intrinsic function", tag)
			if s := didyoumean.Suggest(tag, shortTags); s != "" {
				msg += "; did you mean !" + s + "?"
			}
			r.problems = append(r.problems, Problem{at(n), msg})
		}
	}
	var v any
	switch n.Kind {
	case yaml.AliasNode:
		return r.value(n.Alias)
	case yaml.MappingNode:
		m, err := r.mapping(n)
		if err != nil {
			return nil, err
		}
		v = m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			x, err := r.value(c)
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
		if n.Tag == "!!timestamp" {
			// CloudFormation reads an unquoted date (a policy's Version:
			// 2012-10-17) as the string it is.
			v = n.Value
			break
		}
		if err := n.Decode(&v); err != nil {
			return nil, Problems{{at(n), err.Error()}}
		}
		if f, ok := v.(float64); ok && f == float64(int(f)) && !bytes.ContainsAny([]byte(n.Value), ".eE") {
			v = int(f)
		}
	default:
		return nil, Problems{{at(n), "unexpected YAML node"}}
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

// mapping reads a mapping node: its own entries, then those of its merge
// keys' mappings that it does not set (the first merged mapping that sets
// a key wins, as YAML's merge key has it).
func (r *reader) mapping(n *yaml.Node) (map[string]any, error) {
	m := make(map[string]any, len(n.Content)/2)
	first := map[string]*yaml.Node{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, vn := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			merges = append(merges, vn)
			continue
		}
		if f, ok := first[k.Value]; ok {
			r.problems = append(r.problems, Problem{at(k), fmt.Sprintf("%s is set twice in one mapping (first at %d:%d)", k.Value, f.Line, f.Column)})
			continue
		}
		first[k.Value] = k
		x, err := r.value(vn)
		if err != nil {
			return nil, err
		}
		m[k.Value] = x
	}
	for _, mn := range merges {
		sources := []*yaml.Node{mn}
		if mn.Kind == yaml.SequenceNode {
			sources = mn.Content
		}
		for _, src := range sources {
			x, err := r.value(src)
			if err != nil {
				return nil, err
			}
			sm, ok := x.(map[string]any)
			if !ok {
				r.problems = append(r.problems, Problem{at(src), "a merge key (<<) takes a mapping or a list of mappings"})
				continue
			}
			for k, v := range sm {
				if _, ok := m[k]; !ok {
					m[k] = v
				}
			}
		}
	}
	return m, nil
}
