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
	refType      = reflect.TypeOf(Ref{})
	refOrArnType = reflect.TypeOf(RefOrArn{})
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
		if v.Type() == refType {
			if r := v.Interface().(Ref); !r.IsZero() {
				f(path, r)
			}
			return
		}
		if v.Type() == refOrArnType {
			// A task's `function` or `stateMachine`: a ref, or an ARN.
			if r := v.Interface().(RefOrArn).Ref; r != nil && !r.IsZero() {
				f(path, *r)
			}
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
