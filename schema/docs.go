package schema

import (
	"fmt"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
)

// FieldDoc is what the schema says about one field: the doc comment an
// editor shows on hover, the constraint, and the values of an enum. The
// collections of #App are pattern constraints (`functions: [N=#Name]:
// #Function`), which CUE's language server does not see through; these
// answer for any path inside them.
type FieldDoc struct {
	Name string
	// Doc is the field's doc comment in the schema.
	Doc string
	// Type is the constraint as CUE prints it ("uint & >=128 & <=10240"),
	// or "struct" or "list".
	Type string
	// Values are the literals an enum allows, in the schema's order, as
	// CUE writes them (`"GET"`, `30`).
	Values []string
	// Optional is true for a field the spec may leave out.
	Optional bool
}

// Describe returns the schema's field at path, a spec path from `app`
// ("functions.hello.memory"; any name stands for a collection's entries),
// or from one of the schema's definitions ("#DynamoDBPutItem.table").
// An entry of a collection (`functions.hello`) has the collection's doc.
func Describe(path string) (FieldDoc, bool) {
	docs.mu.Lock()
	defer docs.mu.Unlock()
	return docs.describe(cuePath(path).Selectors())
}

func (d *schemaDocs) describe(sels []cue.Selector) (FieldDoc, bool) {
	if len(sels) == 0 {
		return FieldDoc{}, false
	}
	parent, ok := d.at(sels[:len(sels)-1])
	if !ok {
		return FieldDoc{}, false
	}
	last := sels[len(sels)-1]
	if last.LabelType() != cue.IndexLabel {
		for _, f := range structFields(parent) {
			if f.Name == last.Unquoted() {
				return f, true
			}
		}
	}
	// An entry of a collection or an element of a list: what the pattern
	// or the list's type gives it, documented by the collection.
	v, ok := d.at(sels)
	if !ok {
		return FieldDoc{}, false
	}
	name := last.String()
	if last.LabelType() != cue.IndexLabel {
		name = last.Unquoted()
	}
	f := describe(name, v, false)
	if c, ok := d.describe(sels[:len(sels)-1]); ok && f.Doc == "" {
		f.Doc = c.Doc
	}
	return f, true
}

// Fields returns the fields the schema allows in the struct at path (see
// [Describe]), in the schema's order.
func Fields(path string) []FieldDoc {
	docs.mu.Lock()
	defer docs.mu.Unlock()
	v, ok := docs.at(cuePath(path).Selectors())
	if !ok {
		return nil
	}
	return structFields(v)
}

// listLength returns how many elements the schema's list at path (see
// [Describe]) takes: at least min when open (`[string, ...string]`),
// else exactly min; ok is false when path is not a list.
func listLength(path string) (min int, open, ok bool) {
	docs.mu.Lock()
	defer docs.mu.Unlock()
	v, ok := docs.at(cuePath(path).Selectors())
	if !ok || v.IncompleteKind() != cue.ListKind {
		return 0, false, false
	}
	d, _ := v.Default()
	n, err := d.Len().Int64()
	if err != nil {
		return 0, false, false
	}
	return int(n), v.LookupPath(cue.MakePath(cue.AnyIndex)).Exists(), true
}

// docs is the embedded schema's #App, built once, for [Describe] and
// [Fields]. A CUE context is not safe for concurrent use, hence the lock.
var docs = &schemaDocs{}

type schemaDocs struct {
	mu   sync.Mutex
	pkg  cue.Value // the schema package
	app  cue.Value // its #App
	top  cue.Value
	once sync.Once
}

// Allows reports whether the field at path (as [Describe] names it) takes
// the value x, as the schema alone says: a command-line value can be
// checked before it goes into a spec.
func Allows(path string, x any) bool {
	docs.mu.Lock()
	defer docs.mu.Unlock()
	v, ok := docs.at(cuePath(path).Selectors())
	if !ok {
		return false
	}
	return v.Unify(v.Context().Encode(x)).Validate(cue.Concrete(true)) == nil
}

// at returns the schema's value at sels, from #App, or from the schema's
// definition sels start with (`#DynamoDBPutItem`, for a state written
// `schema.#DynamoDBPutItem & {...}`). A name that is not a field of the
// struct it is in is an entry of a pattern (a function's name): the path
// is filled with `_`, so the pattern applies, and looked up.
func (d *schemaDocs) at(sels []cue.Selector) (cue.Value, bool) {
	d.once.Do(d.build)
	root := d.app
	if len(sels) > 0 && sels[0].LabelType() == cue.DefinitionLabel {
		root, sels = d.pkg.LookupPath(cue.MakePath(sels[0])), sels[1:]
		if !root.Exists() {
			return root, false
		}
	}
	if len(sels) == 0 {
		return root, true
	}
	p := cue.MakePath(sels...)
	v := root.FillPath(p, d.top).LookupPath(p)
	return v, v.Exists() && v.Err() == nil
}

func (d *schemaDocs) build() {
	const dir = "/samgen-schema"
	overlay := map[string]load.Source{
		dir + "/cue.mod/module.cue": load.FromString("module: \"" + ImportPath + "\"\nlanguage: version: \"v0.17.1\"\n"),
	}
	for name, src := range Files() {
		overlay[dir+"/"+name] = load.FromBytes(src)
	}
	bis := load.Instances([]string{"."}, &load.Config{Dir: dir, ModuleRoot: dir, Overlay: overlay})
	ctx := cuecontext.New()
	v := ctx.BuildInstance(bis[0])
	if err := v.Err(); err != nil {
		panic(fmt.Sprintf("schema: the embedded schema does not build: %v", err)) // TestSchemaDocs
	}
	d.pkg = v
	d.app = v.LookupPath(cue.MakePath(cue.Def("#App")))
	d.top = ctx.CompileString("_")
}

// fieldsOf lists the regular and optional fields of a struct.
func structFields(v cue.Value) []FieldDoc {
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		return nil
	}
	var out []FieldDoc
	for it.Next() {
		if it.Selector().LabelType() != cue.StringLabel {
			continue
		}
		out = append(out, describe(it.Selector().Unquoted(), it.Value(), it.IsOptional()))
	}
	return out
}

func describe(name string, v cue.Value, optional bool) FieldDoc {
	f := FieldDoc{Name: name, Optional: optional, Values: enumValues(v)}
	var doc []string
	for _, c := range v.Doc() {
		doc = append(doc, strings.TrimSpace(c.Text()))
	}
	f.Doc = strings.Join(doc, "\n\n")
	switch v.IncompleteKind() {
	case cue.StructKind:
		f.Type = "struct"
	case cue.ListKind:
		f.Type = "list"
	default:
		// #Expr, the expression a value field takes besides a literal, is
		// an open struct, which CUE prints as {}.
		f.Type = strings.ReplaceAll(fmt.Sprint(v), "| {}", "| #Expr")
	}
	return f
}

// enumValues returns the literals of a disjunction of literals (the
// alternatives of `*"x86_64" | "arm64"`), or nil.
func enumValues(v cue.Value) []string {
	op, args := v.Expr()
	switch op {
	case cue.OrOp:
		var out []string
		for _, a := range args {
			if !a.IsConcrete() || a.Kind()&(cue.StringKind|cue.NumberKind|cue.BoolKind) == 0 {
				return nil
			}
			out = append(out, fmt.Sprint(a))
		}
		return out
	case cue.AndOp:
		for _, a := range args {
			if vs := enumValues(a); vs != nil {
				return vs
			}
		}
	}
	return nil
}
