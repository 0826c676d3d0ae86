package cfnschema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/didyoumean"
)

//go:embed properties.json
var propertiesData []byte

// node is a property schema as properties.json holds it (SOURCE.md): the
// JSON types a value takes, an object's named properties, and what the
// other names or a list's items take. A node with no field takes
// anything.
type node struct {
	Type       []string         `json:"type"`
	Properties map[string]*node `json:"properties"`
	// Closed objects take no name but their properties.
	Closed bool `json:"closed"`
	// Values is the schema of the names an object does not list (a map's
	// values); nil with Closed false is any value.
	Values *node   `json:"values"`
	Items  *node   `json:"items"`
	AnyOf  []*node `json:"anyOf"`
	// Ref is a path into the types: "AWS::SQS::Queue/definitions/Tag",
	// "AWS::Lambda::Function/properties/SnapStart".
	Ref string `json:"ref"`
}

type propertyType struct {
	Schema      string           `json:"schema"`
	Properties  map[string]*node `json:"properties"`
	Definitions map[string]*node `json:"definitions"`
}

type propertyData struct {
	Source  string                   `json:"source"`
	Version string                   `json:"version"`
	Types   map[string]*propertyType `json:"types"`
}

// Only a spec with an override reads the property schemas: they are
// decoded then, once.
var propertySchemas = sync.OnceValue(func() propertyData {
	var d propertyData
	if err := json.Unmarshal(propertiesData, &d); err != nil {
		panic(fmt.Sprintf("cfnschema: properties.json: %v", err)) // embedded, checked by a test
	}
	return d
})

// HasProperties reports whether the vendored data has the property schema
// of resource type name.
func HasProperties(name string) bool {
	_, ok := propertySchemas().Types[name]
	return ok
}

// PropertyTypes returns the resource types whose property schemas are
// vendored, sorted.
func PropertyTypes() []string {
	return slices.Sorted(maps.Keys(propertySchemas().Types))
}

// Problem is one way a property path or value departs from its resource
// type's schema.
type Problem struct {
	// At locates the offending part of the value checked: keys of objects
	// and indices of lists ("[0]"), empty for the value itself or the path
	// that names it.
	At []string
	// Message says what is wrong, naming the property by its path.
	Message string
}

// CheckProperty checks that path (property names from the top of
// Properties: ["SnapStart", "ApplyOn"]) names a property of a resource of
// type name, and that value fits that property's schema: the names of its
// objects and the JSON types of its values, as cfn-lint types them (a
// scalar where a string goes, a numeric string where a number goes). An
// intrinsic function or a dynamic reference fits any type: it is resolved
// at deploy time. A type without vendored data checks nothing.
func CheckProperty(name string, path []string, value any) []Problem {
	t, ok := propertySchemas().Types[name]
	if !ok || len(path) == 0 {
		return nil
	}
	n := &node{Type: []string{"object"}, Properties: t.Properties, Closed: true}
	for i, key := range path {
		next, problem := child(n, key)
		if problem != "" {
			return []Problem{{Message: describe(name, path[:i]) + problem}}
		}
		if i < len(path)-1 {
			if what := notObject(next); what != "" {
				return []Problem{{Message: fmt.Sprintf("%s is %s: override %s whole", describe(name, path[:i+1]), what, strings.Join(path[:i+1], "."))}}
			}
		}
		n = next
	}
	var out []Problem
	check(name, path, nil, n, value, &out)
	return out
}

// describe names the property at path of a resource of type name.
func describe(name string, path []string) string {
	if len(path) == 0 {
		return name
	}
	return strings.Join(path, ".") + " of " + name
}

// alternatives returns the concrete nodes n stands for: n itself, its
// references resolved, or the alternatives of its anyOf.
func alternatives(n *node) []*node {
	var out []*node
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		if n == nil || depth > 32 {
			return
		}
		if n.Ref != "" {
			// The data's references all resolve (TestPropertyData); one
			// that did not would take anything.
			r, ok := lookup(n.Ref)
			if !ok {
				r = &node{}
			}
			walk(r, depth+1)
			return
		}
		if len(n.AnyOf) == 0 {
			out = append(out, n)
			return
		}
		for _, a := range n.AnyOf {
			// A node with both a type and alternatives takes what both
			// allow; the alternatives carry its type when they have none.
			if len(n.Type) > 0 && a.Ref == "" && len(a.Type) == 0 {
				c := *a
				c.Type = n.Type
				a = &c
			}
			walk(a, depth+1)
		}
	}
	walk(n, 0)
	return out
}

// lookup returns the node at a path of the data, and whether the data
// has it.
func lookup(ref string) (*node, bool) {
	typ, rest, _ := strings.Cut(ref, "/")
	t, ok := propertySchemas().Types[typ]
	if !ok {
		return nil, false
	}
	seg := strings.Split(rest, "/")
	if len(seg)%2 != 0 {
		return nil, false
	}
	var n *node
	switch seg[0] {
	case "properties":
		n = t.Properties[seg[1]]
	case "definitions":
		n = t.Definitions[seg[1]]
	}
	for i := 2; n != nil && i < len(seg); i += 2 {
		if seg[i] != "properties" {
			return nil, false
		}
		n = n.Properties[seg[i+1]]
	}
	return n, n != nil
}

// takes reports whether an alternative admits JSON type t.
func (n *node) takes(t string) bool {
	if len(n.Type) == 0 {
		return true
	}
	return slices.Contains(n.Type, t)
}

// child returns the schema of property key of an object of schema n, or
// why it has none.
func child(n *node, key string) (*node, string) {
	var found []*node
	var names []string
	open := false
	objects := false
	for _, a := range alternatives(n) {
		if !a.takes("object") {
			continue
		}
		objects = true
		if c, ok := a.Properties[key]; ok {
			found = append(found, c)
			continue
		}
		names = append(names, slices.Collect(maps.Keys(a.Properties))...)
		if a.Values != nil {
			found = append(found, a.Values)
		} else if !a.Closed {
			open = true
		}
	}
	switch {
	case len(found) == 1:
		return found[0], ""
	case len(found) > 1:
		return &node{AnyOf: found}, ""
	case open:
		return &node{}, ""
	case !objects:
		return nil, " is not an object: it has no property " + key
	}
	return nil, " has no property " + key + suggestion(key, names)
}

// suggestion is "; did you mean X?" for the name closest to key, or the
// names when there are a few.
func suggestion(key string, names []string) string {
	slices.Sort(names)
	names = slices.Compact(names)
	if s := didyoumean.Suggest(key, names); s != "" {
		return "; did you mean " + s + "?"
	}
	if len(names) > 0 && len(names) <= 8 {
		return " (it has " + strings.Join(names, ", ") + ")"
	}
	return ""
}

// notObject says what a schema that admits no object is ("a list"), or
// "" when it admits one.
func notObject(n *node) string {
	var kinds []string
	for _, a := range alternatives(n) {
		if a.takes("object") {
			return ""
		}
		kinds = append(kinds, a.Type...)
	}
	return typeNames(kinds)
}

// check appends the problems of value v (at path at below the property
// path) against schema n.
func check(name string, path, at []string, n *node, v any, out *[]Problem) {
	if deployTime(v) {
		return
	}
	t := jsonType(v)
	var best []Problem
	var want []string
	for _, a := range alternatives(n) {
		if !a.admits(t, v) {
			want = append(want, a.Type...)
			continue
		}
		var ps []Problem
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				c, problem := child(a, k)
				if problem != "" {
					ps = append(ps, Problem{At: append(slices.Clone(at), k), Message: describe(name, append(slices.Clone(path), at...)) + problem})
					continue
				}
				check(name, path, append(slices.Clone(at), k), c, x[k], &ps)
			}
		case []any:
			if a.Items != nil {
				for i, e := range x {
					check(name, path, append(slices.Clone(at), "["+strconv.Itoa(i)+"]"), a.Items, e, &ps)
				}
			}
		}
		if len(ps) == 0 {
			return
		}
		if best == nil || len(ps) < len(best) {
			best = ps
		}
	}
	if best != nil {
		*out = append(*out, best...)
		return
	}
	*out = append(*out, Problem{At: at, Message: fmt.Sprintf("%s takes %s, not %s", describe(name, append(slices.Clone(path), at...)), typeNames(want), typeNames([]string{t}))})
}

// admits reports whether alternative n takes a value of JSON type t, as
// cfn-lint's non-strict type check does (cfnlint/jsonschema/_keywords_cfn.py,
// _raw_type): a string takes any scalar, a number or an integer a numeric
// string, a boolean "true" or "false" in any of three cases.
func (n *node) admits(t string, v any) bool {
	if len(n.Type) == 0 {
		return true
	}
	for _, want := range n.Type {
		switch {
		case want == t:
			return true
		case want == "number" && t == "integer":
			return true
		case want == "integer" && t == "number":
			return true // cfn-lint takes int(1.5)
		case want == "string" && (t == "integer" || t == "number" || t == "boolean"):
			return true
		case (want == "number" || want == "integer") && t == "string":
			s := v.(string)
			if want == "integer" {
				if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
					return true
				}
			} else if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
				return true
			}
		case want == "boolean" && t == "string":
			switch v.(string) {
			case "true", "True", "TRUE", "false", "False", "FALSE":
				return true
			}
		}
	}
	return false
}

// deployTime reports a value CloudFormation resolves at deploy time: an
// intrinsic function (`{"Ref": ...}`, `{"Fn::If": ...}`) or a string
// holding a dynamic reference. Its type is not known before.
func deployTime(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, "{{resolve:")
	}
	return cfn.IsIntrinsic(v)
}

// jsonType is the JSON type of a decoded value.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case int, int64, int32, uint, uint64:
		return "integer"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case float32:
		return "number"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	}
	return "object"
}

var typeName = map[string]string{
	"array": "a list", "boolean": "a boolean", "integer": "an integer", "null": "null",
	"number": "a number", "object": "an object", "string": "a string",
}

// typeNames is "a string or an object".
func typeNames(types []string) string {
	slices.Sort(types)
	types = slices.Compact(types)
	var names []string
	for _, t := range types {
		names = append(names, typeName[t])
	}
	switch len(names) {
	case 0:
		return "nothing"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
