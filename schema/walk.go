package schema

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Refs calls f for every reference in v, a value of the model (a resource,
// an event, a decoded JSON value), with its spec path under path. It skips
// `condition` fields (conditions are not resources) and what is inside an
// Fn::If, which CloudFormation evaluates before it resolves references. It
// walks the model once, whatever its size: checks call it instead of
// walking the CUE value.
func Refs(v any, path string, f func(path string, r Ref)) {
	walk(reflect.ValueOf(v), path, f)
}

var (
	refType       = reflect.TypeOf(Ref{})
	refOrArnType  = reflect.TypeOf(RefOrArn{})
	valueType     = reflect.TypeOf(Value{})
	listValueType = reflect.TypeOf(ListValue{})
)

func walk(v reflect.Value, path string, f func(string, Ref)) {
	descend(v, path, "", "", func(v reflect.Value, path, name, _ string) bool {
		if name == "condition" || name == "Fn::If" {
			return false
		}
		switch v.Type() {
		case refType:
			if r := v.Interface().(Ref); !r.IsZero() {
				f(path, r)
			}
			return false
		case refOrArnType:
			// A task's `function` or `stateMachine`: a ref, or an ARN.
			if r := v.Interface().(RefOrArn).Ref; r != nil && !r.IsZero() {
				f(path, *r)
			}
			return false
		case valueType:
			walk(reflect.ValueOf(v.Interface().(Value).v), path, f)
			return false
		case listValueType:
			walk(reflect.ValueOf(v.Interface().(ListValue).v), path, f)
			return false
		}
		if m, ok := v.Interface().(map[string]any); ok {
			if r, _, ok := AsAttrRef(m); ok {
				f(path, r)
				return false
			}
		}
		return true
	})
}

// descend walks the model below v (pointers and interfaces followed, nil
// ones skipped): visit is called on every node with its spec path, its
// name (the JSON name of the struct field or the map key holding it, ""
// for a list element) and the model field holding it ("Type.json"), and
// the node's fields, entries (sorted) or elements are walked unless it
// returns false. Embedded structs are flattened.
func descend(v reflect.Value, path, name, field string, visit func(v reflect.Value, path, name, field string) bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if !v.IsValid() || !visit(v, path, name, field) {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		descendStruct(v, path, visit)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		for _, k := range keys {
			descend(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), join(path, Label(k)), k, field, visit)
		}
	case reflect.Slice:
		for i := range v.Len() {
			descend(v.Index(i), path+"["+strconv.Itoa(i)+"]", "", field, visit)
		}
	}
}

func descendStruct(v reflect.Value, path string, visit func(v reflect.Value, path, name, field string) bool) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous {
			descendStruct(v.Field(i), path, visit)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		descend(v.Field(i), join(path, name), name, t.Name()+"."+name, visit)
	}
}

func join(path, label string) string {
	if path == "" {
		return label
	}
	return path + "." + label
}

// ValueAt is a value of the spec that [Values] found.
type ValueAt struct {
	Path  string
	Value Value
	// List marks the value of a #ListValue field.
	List bool
	// Field names the model field holding it, "Type.json" such as
	// "FunctionSettings.memory" (for an entry of a map or a list, the
	// field of the map or the list).
	Field string
}

// Values calls f for every [Value] and [ListValue] in v, a value of the
// model, with its spec path under path: the items of a list value are not
// visited on their own. Like [Refs] it walks the model once.
func Values(v any, path string, f func(ValueAt)) {
	descend(reflect.ValueOf(v), path, "", "", func(v reflect.Value, path, _, field string) bool {
		switch v.Type() {
		case valueType:
			if x := v.Interface().(Value); !x.IsZero() {
				f(ValueAt{path, x, false, field})
			}
			return false
		case listValueType:
			if x := v.Interface().(ListValue); !x.IsZero() {
				f(ValueAt{path, x.Value, true, field})
			}
			return false
		case refType:
			return false
		}
		// A map or a list of any is a document of the spec, not values.
		k := v.Kind()
		return (k != reflect.Map && k != reflect.Slice) || v.Type().Elem().Kind() != reflect.Interface
	})
}
