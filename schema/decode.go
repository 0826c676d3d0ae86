package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/errors"
)

// decode sets the Go model x (a pointer) from v as [cue.Value.Decode]
// would, following the json tags, but without asking CUE for a struct's
// fields: that returns them in CUE's topological order, a sort that costs
// more than the rest of the decoding and that Go structs do not need.
// Instead each field of the Go struct is looked up once, by its json
// name, so a field added to the model (and to the schema, which
// TestModelMirrorsSchema keeps in step) is decoded with no change here.
// Maps and free-form values (`any`) still iterate their fields; types
// with their own decoding (cue.Unmarshaler, json.Unmarshaler) get the
// value, as with Decode.
// TestDecodeEqualsCUE proves the two agree on every example and every
// testscript spec.
func decode(v cue.Value, x any) error {
	var d decoder
	d.value(reflect.ValueOf(x).Elem(), v)
	return d.errs
}

type decoder struct {
	errs errors.Error
}

func (d *decoder) fail(err error) {
	d.errs = errors.Append(d.errs, errors.Promote(err, ""))
}

// value decodes v into x, a settable value.
func (d *decoder) value(x reflect.Value, v cue.Value) {
	v, _ = v.Default()
	if !v.Exists() {
		return
	}
	if v.Kind() == cue.BottomKind {
		// An error or an incomplete value (Kind asks no OpContext of CUE,
		// Err does: only this rare case pays for one).
		if err := v.Err(); err != nil && !cue.IsIncomplete(err) {
			d.fail(err)
			return
		}
	}
	t := x.Type()
	switch t {
	case valueType:
		// What Value.UnmarshalCUE does, Decode into `any`, without
		// Decode's sorted walk.
		x.Addr().Interface().(*Value).v = d.any(v)
		return
	case listValueType:
		x.Addr().Interface().(*ListValue).v = d.any(v)
		return
	}
	if t.Kind() != reflect.Pointer && d.unmarshaled(x.Addr(), v) {
		return
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
		// Nullable: null and an incomplete value leave them nil. (Kind,
		// unlike IsNull, asks no OpContext of CUE for a value that is not
		// null.)
		if v.Kind() == cue.NullKind || !v.IsConcrete() {
			x.SetZero()
			return
		}
	default:
		if !v.IsConcrete() {
			d.fail(errors.Newf(v.Pos(), "cannot convert non-concrete value %v", v))
			return
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if !d.unmarshaled(p, v) {
			d.value(p.Elem(), v)
		}
		x.Set(p)
	case reflect.Interface:
		if t.NumMethod() != 0 {
			d.fail(errors.Newf(v.Pos(), "cannot decode into %s", t))
			return
		}
		if a := d.any(v); a != nil {
			x.Set(reflect.ValueOf(a))
		}
	case reflect.Bool:
		b, err := v.Bool()
		d.check(err)
		x.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := v.Int64()
		d.check(err)
		if x.OverflowInt(i) {
			d.fail(errors.Newf(v.Pos(), "integer %d overflows %s", i, t.Kind()))
			return
		}
		x.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		i, err := v.Uint64()
		d.check(err)
		if x.OverflowUint(i) {
			d.fail(errors.Newf(v.Pos(), "integer %d overflows %s", i, t.Kind()))
			return
		}
		x.SetUint(i)
	case reflect.Float32, reflect.Float64:
		f, err := v.Float64()
		d.check(err)
		if x.OverflowFloat(f) {
			d.fail(errors.Newf(v.Pos(), "float %g overflows %s", f, t.Kind()))
			return
		}
		x.SetFloat(f)
	case reflect.String:
		s, err := v.String()
		d.check(err)
		x.SetString(s)
	case reflect.Slice:
		list, err := v.List()
		if err != nil {
			d.fail(err)
			return
		}
		var elems []cue.Value
		for list.Next() {
			elems = append(elems, list.Value())
		}
		// Never nil, even when empty, as with Decode.
		s := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			d.value(s.Index(i), e)
		}
		x.Set(s)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			d.fail(errors.Newf(v.Pos(), "unsupported key type %v", t.Key()))
			return
		}
		it, err := v.Fields()
		if err != nil {
			d.fail(err)
			return
		}
		m := reflect.MakeMap(t)
		for it.Next() {
			e := reflect.New(t.Elem()).Elem()
			d.value(e, it.Value())
			m.SetMapIndex(reflect.ValueOf(it.Selector().Unquoted()).Convert(t.Key()), e)
		}
		x.Set(m)
	case reflect.Struct:
		fs := modelFields(t)
		for _, f := range fs {
			if fv := v.LookupPath(f.path); fv.Exists() {
				d.value(x.FieldByIndex(f.index), fv)
			}
		}
	default:
		d.fail(errors.Newf(v.Pos(), "cannot decode into %s", t))
	}
}

func (d *decoder) check(err error) {
	if err != nil {
		d.fail(err)
	}
}

// unmarshaled decodes v into *p with p's own method, as Decode does, and
// reports whether p has one: UnmarshalCUE first, else UnmarshalJSON (of
// v's JSON).
func (d *decoder) unmarshaled(p reflect.Value, v cue.Value) bool {
	switch u := p.Interface().(type) {
	case cue.Unmarshaler:
		if err := u.UnmarshalCUE(v); err != nil {
			d.fail(err)
		}
	case json.Unmarshaler:
		b, err := v.MarshalJSON()
		if err != nil {
			d.fail(err)
			return true
		}
		if err := u.UnmarshalJSON(b); err != nil {
			d.fail(errors.Newf(v.Pos(), "%v", err))
		}
	default:
		return false
	}
	return true
}

// any decodes a free-form value as Decode does into an `any`: null as nil,
// integers as int64, numbers as float64, lists as []any, structs as
// map[string]any.
func (d *decoder) any(v cue.Value) any {
	v, _ = v.Default()
	switch v.Kind() {
	case cue.NullKind:
		return nil
	case cue.BoolKind:
		b, err := v.Bool()
		d.check(err)
		return b
	case cue.IntKind:
		if i, err := v.Int64(); err == nil {
			return i
		}
		i, err := v.Int(nil)
		d.check(err)
		return i
	case cue.FloatKind:
		if f, err := v.Float64(); err == nil {
			return f
		}
		f, err := v.Float(nil)
		d.check(err)
		return f
	case cue.StringKind:
		s, err := v.String()
		d.check(err)
		return s
	case cue.BytesKind:
		b, err := v.Bytes()
		d.check(err)
		return b
	case cue.ListKind:
		list, err := v.List()
		d.check(err)
		a := []any{}
		for list.Next() {
			a = append(a, d.any(list.Value()))
		}
		return a
	case cue.StructKind:
		m := map[string]any{}
		it, err := v.Fields()
		d.check(err)
		for it.Next() {
			m[it.Selector().Unquoted()] = d.any(it.Value())
		}
		return m
	}
	d.fail(errors.Newf(v.Pos(), "cannot convert non-concrete value %v", v))
	return nil
}

// modelField is a Go struct field the decoder sets: its json name, its
// index (through embedded structs) and the CUE path of its name.
type modelField struct {
	name  string
	index []int
	path  cue.Path
	// tagged is false for a field named by its Go name (no json tag).
	tagged bool
}

var modelFieldCache sync.Map // reflect.Type → []modelField

// modelFields returns the fields of struct type t by json name, as
// encoding/json reads them: those of embedded structs without a name are
// promoted, and of two fields with one name the shallower wins (at the
// same depth, neither).
func modelFields(t reflect.Type) []modelField {
	if fs, ok := modelFieldCache.Load(t); ok {
		return fs.([]modelField)
	}
	type candidate struct {
		name   string
		index  []int
		tagged bool
	}
	var cands []candidate
	var collect func(t reflect.Type, index []int)
	collect = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			idx := append(index[:len(index):len(index)], i)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			switch {
			case name == "-":
			case sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct:
				collect(sf.Type, idx)
			case !sf.IsExported():
			default:
				tagged := name != ""
				if !tagged {
					name = sf.Name
				}
				cands = append(cands, candidate{name, idx, tagged})
			}
		}
	}
	collect(t, nil)
	var fs []modelField
	for i, c := range cands {
		dominant, tie := true, false
		for j, o := range cands {
			switch {
			case i == j || o.name != c.name:
			case len(o.index) < len(c.index):
				dominant = false
			case len(o.index) == len(c.index):
				tie = true
			}
		}
		if dominant && !tie {
			fs = append(fs, modelField{name: c.name, index: c.index, path: cue.MakePath(cue.Str(c.name)), tagged: c.tagged})
		}
	}
	modelFieldCache.Store(t, fs)
	return fs
}
