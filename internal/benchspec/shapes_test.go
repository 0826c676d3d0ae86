package benchspec_test

import (
	"reflect"
	"sort"
	"strings"

	"samgen.dev/samgen/schema"
)

// shapes returns what a spec uses, as paths with map keys written `*` and
// list elements `[]`: every field set in the model, the kind each
// reference names ("functions.*.access[].read→table") and the values of
// the fields that choose a behaviour (a state's type, integration and
// pattern, a state machine's type).
func shapes(a *schema.App) map[string]bool {
	out := map[string]bool{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			if r, ok := v.Interface().(schema.Ref); ok {
				out[path+"→"+r.Kind] = true
				return
			}
			walkFields(v, path, walk, out, v.Type() == stateType || v.Type() == machineType)
		case reflect.Map:
			if v.Type().Elem().Kind() == reflect.Interface {
				return // free-form JSON: its keys are the user's
			}
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k), path+".*")
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), path+"[]")
			}
		}
	}
	walk(reflect.ValueOf(a).Elem(), "")
	return out
}

// chosen are the fields of states and state machines whose value, not only
// presence, is what a spec exercises.
var chosen = map[string]bool{"type": true, "integration": true, "pattern": true}

var stateType, machineType = reflect.TypeFor[schema.State](), reflect.TypeFor[schema.StateMachine]()

func walkFields(v reflect.Value, path string, walk func(reflect.Value, string), out map[string]bool, choosing bool) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous {
			walkFields(v.Field(i), path, walk, out, choosing)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		f := v.Field(i)
		if name == "" || name == "-" || f.IsZero() {
			continue
		}
		p := strings.TrimPrefix(path+"."+name, ".")
		out[p] = true
		if choosing && chosen[name] && f.Kind() == reflect.String {
			out[p+"="+f.String()] = true
		}
		walk(f, p)
	}
}

func sorted(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
