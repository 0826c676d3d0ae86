package schema

import (
	"reflect"
	"slices"
	"strconv"
	"sync"
)

// Refs calls f for every reference in v, a value of the model (a resource,
// an event, a decoded JSON value), with its spec path under path. It skips
// `condition` fields (conditions are not resources) and what is inside an
// Fn::If, which CloudFormation evaluates before it resolves references. It
// walks the model once, whatever its size: checks call it instead of
// walking the CUE value. It visits only the fields whose type can hold a
// reference and writes a path only for a reference it finds.
func Refs(v any, path string, f func(path string, r Ref)) {
	w := refWalker{f: f, path: append(make([]byte, 0, 128), path...)}
	w.walk(reflect.ValueOf(v))
}

var (
	refType       = reflect.TypeOf(Ref{})
	refOrArnType  = reflect.TypeOf(RefOrArn{})
	valueType     = reflect.TypeOf(Value{})
	listValueType = reflect.TypeOf(ListValue{})
)

type refWalker struct {
	f    func(string, Ref)
	path []byte
}

// push appends a selector to the path and returns the length to restore.
func (w *refWalker) push(label string) int {
	n := len(w.path)
	if n > 0 {
		w.path = append(w.path, '.')
	}
	w.path = appendLabel(w.path, label)
	return n
}

func (w *refWalker) walk(v reflect.Value) {
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
				w.f(string(w.path), r)
			}
			return
		case refOrArnType:
			// A task's `function` or `stateMachine`: a ref, or an ARN.
			if r := v.Interface().(RefOrArn).Ref; r != nil && !r.IsZero() {
				w.f(string(w.path), *r)
			}
			return
		case valueType:
			w.walk(reflect.ValueOf(v.Interface().(Value).v))
			return
		case listValueType:
			w.walk(reflect.ValueOf(v.Interface().(ListValue).v))
			return
		}
		for _, fi := range refFields(v.Type()) {
			n := len(w.path)
			if n > 0 {
				w.path = append(w.path, '.')
			}
			w.path = append(w.path, fi.name...)
			w.walk(v.FieldByIndex(fi.index))
			w.path = w.path[:n]
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || !mayHoldRefs(v.Type().Elem()) || v.Len() == 0 {
			return
		}
		if m, ok := v.Interface().(map[string]any); ok {
			if r, _, ok := AsAttrRef(m); ok {
				w.f(string(w.path), r)
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
			n := w.push(k)
			w.walk(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())))
			w.path = w.path[:n]
		}
	case reflect.Slice:
		if !mayHoldRefs(v.Type().Elem()) {
			return
		}
		for i := range v.Len() {
			n := len(w.path)
			w.path = append(strconv.AppendInt(append(w.path, '['), int64(i), 10), ']')
			w.walk(v.Index(i))
			w.path = w.path[:n]
		}
	}
}

// refField is a field of a model struct that may hold a reference.
type refField struct {
	name  string
	index []int
}

var refFieldCache sync.Map // reflect.Type → []refField

// refFields returns the fields of struct type t that may hold a reference,
// by json name, those of embedded structs promoted; `condition` is not
// one, and neither is a field without a json name (RefOrArn's, whose
// decoding is its own).
func refFields(t reflect.Type) []refField {
	if fs, ok := refFieldCache.Load(t); ok {
		return fs.([]refField)
	}
	var fs []refField
	for _, f := range modelFields(t) {
		if f.tagged && f.name != "condition" && mayHoldRefs(t.FieldByIndex(f.index).Type) {
			fs = append(fs, refField{f.name, f.index})
		}
	}
	refFieldCache.Store(t, fs)
	return fs
}

var holdsCache sync.Map // reflect.Type → bool

// mayHoldRefs reports whether a value of type t can hold a reference: a
// Ref, an interface (a decoded JSON value), or something made of them.
func mayHoldRefs(t reflect.Type) bool {
	if b, ok := holdsCache.Load(t); ok {
		return b.(bool)
	}
	b := holds(t, map[reflect.Type]bool{})
	holdsCache.Store(t, b)
	return b
}

func holds(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if visiting[t] {
		return false // a cycle adds nothing its other paths do not
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holds(t.Elem(), visiting)
	case reflect.Map:
		return holds(t.Elem(), visiting)
	case reflect.Struct:
		if t == refType || t == valueType || t == listValueType {
			return true // a value holds a decoded JSON form
		}
		for _, f := range modelFields(t) {
			if holds(t.FieldByIndex(f.index).Type, visiting) {
				return true
			}
		}
	}
	return false
}

// appendLabel appends Label(name) to b.
func appendLabel(b []byte, name string) []byte {
	if isBareLabel(name) {
		return append(b, name...)
	}
	return strconv.AppendQuote(b, name)
}

// isBareLabel reports whether name is a selector as it is: the pattern
// ^[A-Za-z_$#][A-Za-z0-9_$-]*$.
func isBareLabel(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_', c == '$':
		case c == '#' && i == 0:
		case ('0' <= c && c <= '9' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
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
	for _, f := range walkFields(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if (fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Interface) && fv.IsNil() {
			// descend would skip it: most of a model's fields are unset,
			// and their paths are not worth building.
			continue
		}
		descend(fv, join(path, f.name), f.name, f.field, visit)
	}
}

// walkField is a struct field descend walks: its index (through embedded
// structs), its JSON name and its model field ("Type.json").
type walkField struct {
	index       []int
	name, field string
}

var walkFieldCache sync.Map // reflect.Type → []walkField

// walkFields lists the fields of struct type t that descend walks, in
// order, those of embedded structs promoted: the model's fields with a
// json name.
func walkFields(t reflect.Type) []walkField {
	if fs, ok := walkFieldCache.Load(t); ok {
		return fs.([]walkField)
	}
	var fs []walkField
	for _, f := range modelFields(t) {
		if !f.tagged {
			continue
		}
		owner := t // the struct declaring it, for a promoted field an embedded one
		if n := len(f.index); n > 1 {
			owner = t.FieldByIndex(f.index[:n-1]).Type
		}
		fs = append(fs, walkField{f.index, f.name, owner.Name() + "." + f.name})
	}
	walkFieldCache.Store(t, fs)
	return fs
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
