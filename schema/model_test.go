package schema

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
)

// schemaValue builds the embedded schema package on its own.
func schemaValue(t *testing.T) cue.Value {
	t.Helper()
	dir := "/samgen-schema"
	overlay := map[string]load.Source{
		dir + "/cue.mod/module.cue": load.FromString("module: \"samgen.dev/schema\"\nlanguage: version: \"v0.17.1\"\n"),
	}
	for name, src := range Files() {
		overlay[dir+"/"+name] = load.FromBytes(src)
	}
	bis := load.Instances([]string{"."}, &load.Config{Dir: dir, ModuleRoot: dir, Overlay: overlay})
	if bis[0].Err != nil {
		t.Fatal(bis[0].Err)
	}
	v := cuecontext.New().BuildInstance(bis[0])
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestModelMirrorsSchema walks #App and the Go model together: every
// field of every definition reachable from #App has a Go field of the
// same JSON name and a compatible type, and every Go field has a CUE
// field. A field added on one side only fails here.
func TestModelMirrorsSchema(t *testing.T) {
	app := schemaValue(t).LookupPath(cue.MakePath(cue.Def("#App")))
	m := mirror{t: t, seen: map[reflect.Type]bool{}}
	m.check("#App", app, reflect.TypeOf(App{}))
}

type mirror struct {
	t    *testing.T
	seen map[reflect.Type]bool
}

var unmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

func (m mirror) check(path string, v cue.Value, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(unmarshaler) {
		return // any value, or a type that decodes itself (RefOrArn)
	}
	k := v.IncompleteKind()
	switch {
	case k == cue.BottomKind:
		// A constraint CUE cannot evaluate without a value (list.MinItems
		// on an open list): its shape is not introspectable.
	case k == cue.StructKind:
		m.structure(path, v, t)
	case k == cue.ListKind:
		if t.Kind() != reflect.Slice {
			m.t.Errorf("%s: a CUE list, but Go %s", path, t)
			return
		}
		if e := v.LookupPath(cue.MakePath(cue.AnyIndex)); e.Exists() {
			m.check(path+"[]", e, t.Elem())
		}
	case k&cue.StructKind != 0 || k&cue.ListKind != 0:
		m.t.Errorf("%s: a CUE value of kinds %v needs an interface or a decoding type in Go, not %s", path, k, t)
	default:
		want := map[reflect.Kind]cue.Kind{
			reflect.String: cue.StringKind, reflect.Bool: cue.BoolKind,
			reflect.Int: cue.IntKind, reflect.Float64: cue.NumberKind,
		}[t.Kind()]
		if want == 0 || k&want == 0 {
			m.t.Errorf("%s: CUE kind %v, Go %s", path, k, t)
		}
	}
}

func (m mirror) structure(path string, v cue.Value, t reflect.Type) {
	if t.Kind() == reflect.Map {
		if t.Elem().Kind() == reflect.Interface {
			return
		}
		// A key that names no field gets what the pattern constraints say
		// of any key (the patterns of #App's collections are #Name).
		p := v.LookupPath(cue.MakePath(cue.AnyString))
		if !p.Exists() {
			p = v.LookupPath(cue.MakePath(cue.Str("SG000").Optional()))
		}
		if !p.Exists() {
			// A struct of optional fields decoded as a map by name (a
			// policy template entry): each field has the map's type.
			it, err := v.Fields(cue.Optional(true))
			if err != nil {
				m.t.Errorf("%s: Go map %s, but CUE has no pattern constraint", path, t)
				return
			}
			for it.Next() {
				m.check(path+"."+it.Selector().Unquoted(), it.Value(), t.Elem())
			}
			return
		}
		m.check(path+".*", p, t.Elem())
		return
	}
	if t.Kind() != reflect.Struct {
		m.t.Errorf("%s: a CUE struct, but Go %s", path, t)
		return
	}
	if m.seen[t] {
		return
	}
	m.seen[t] = true
	goFields := jsonFields(t)
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		m.t.Errorf("%s: %v", path, err)
		return
	}
	var cueFields []string
	for it.Next() {
		if it.Selector().LabelType() != cue.StringLabel {
			continue
		}
		name := it.Selector().Unquoted()
		cueFields = append(cueFields, name)
		f, ok := goFields[name]
		if !ok {
			m.t.Errorf("%s.%s: in CUE, not in Go %s", path, name, t)
			continue
		}
		m.check(path+"."+name, it.Value(), f)
	}
	for name := range goFields {
		if !slices.Contains(cueFields, name) {
			m.t.Errorf("%s.%s: in Go %s, not in CUE", path, name, t)
		}
	}
}

// jsonFields returns the fields of struct t by JSON name, embedded
// structs flattened.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			for n, ft := range jsonFields(f.Type) {
				out[n] = ft
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" && f.IsExported() {
			out[name] = f.Type
		}
	}
	return out
}
