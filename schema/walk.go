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
	valueType     = reflect.TypeOf(Value{})
	listValueType = reflect.TypeOf(ListValue{})
)

func walk(v reflect.Value, path string, f func(string, Ref)) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		switch v.Type() {
		case refType:
			if r := v.Interface().(Ref); !r.IsZero() {
				f(path, r)
			}
			return
		case valueType:
			walk(reflect.ValueOf(v.Interface().(Value).v), path, f)
			return
		case listValueType:
			walk(reflect.ValueOf(v.Interface().(ListValue).v), path, f)
			return
		}
		walkStruct(v, path, f)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		if m, ok := v.Interface().(map[string]any); ok {
			if r, _, ok := AsAttrRef(m); ok {
				f(path, r)
				return
			}
		}
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		for _, k := range keys {
			if k == "Fn::If" {
				continue
			}
			walk(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), join(path, Label(k)), f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), path+"["+strconv.Itoa(i)+"]", f)
		}
	}
}

func walkStruct(v reflect.Value, path string, f func(string, Ref)) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous {
			walkStruct(v.Field(i), path, f)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" || name == "condition" {
			continue
		}
		walk(v.Field(i), join(path, name), f)
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
	walkValues(reflect.ValueOf(v), path, "", f)
}

func walkValues(v reflect.Value, path, field string, f func(ValueAt)) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		switch v.Type() {
		case valueType:
			if x := v.Interface().(Value); !x.IsZero() {
				f(ValueAt{path, x, false, field})
			}
			return
		case listValueType:
			if x := v.Interface().(ListValue); !x.IsZero() {
				f(ValueAt{path, x.Value, true, field})
			}
			return
		case refType:
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			if sf.Anonymous {
				walkValues(v.Field(i), path, field, f)
				continue
			}
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			walkValues(v.Field(i), join(path, name), t.Name()+"."+name, f)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() == reflect.Interface {
			return
		}
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		for _, k := range keys {
			walkValues(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), join(path, Label(k)), field, f)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Interface {
			return
		}
		for i := range v.Len() {
			walkValues(v.Index(i), path+"["+strconv.Itoa(i)+"]", field, f)
		}
	}
}
