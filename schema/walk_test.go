package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRefsVisitsEveryField compares Refs, which skips the fields whose type
// cannot hold a reference, with a walk of every field of the model, on
// every example.
func TestRefsVisitsEveryField(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("../examples/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	found := 0
	for _, dir := range dirs {
		var tags []string
		if b, err := os.ReadFile(filepath.Join(dir, "tags.txt")); err == nil {
			tags = strings.Fields(string(b))
		}
		inst, ds, err := Load(dir, Options{Tags: tags})
		if err != nil || inst == nil {
			t.Fatalf("%s: %v %v", dir, err, ds)
		}
		var got, want []string
		Refs(inst.App, "", func(p string, r Ref) { got = append(got, p+" "+r.Kind+"."+r.Name) })
		fullWalk(reflect.ValueOf(inst.App), "", func(p string, r Ref) { want = append(want, p+" "+r.Kind+"."+r.Name) })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Refs differs from a walk of every field (-full +Refs):\n%s", dir, diff)
		}
		found += len(got)
	}
	if found == 0 {
		t.Error("no references found in the examples")
	}
}

// fullWalk visits every field of the model.
func fullWalk(v reflect.Value, path string, f func(string, Ref)) {
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
			fullWalk(reflect.ValueOf(v.Interface().(Value).v), path, f)
			return
		case listValueType:
			fullWalk(reflect.ValueOf(v.Interface().(ListValue).v), path, f)
			return
		}
		fullWalkStruct(v, path, f)
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
		var keys []string
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		for _, k := range keys {
			if k != "Fn::If" {
				fullWalk(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), dot(path, Label(k)), f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			fullWalk(v.Index(i), path+"["+strconv.Itoa(i)+"]", f)
		}
	}
}

func fullWalkStruct(v reflect.Value, path string, f func(string, Ref)) {
	for i := range v.NumField() {
		sf := v.Type().Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous {
			fullWalkStruct(v.Field(i), path, f)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name != "" && name != "-" && name != "condition" {
			fullWalk(v.Field(i), dot(path, name), f)
		}
	}
}

func dot(path, label string) string {
	if path == "" {
		return label
	}
	return path + "." + label
}
