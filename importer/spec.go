package importer

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/schema"
)

// The spec the importer writes is built as a tree of these values and
// printed as CUE with cue/format:
//
//   - string, int64, float64, bool, nil (null), []any: literals and lists;
//   - *obj: a struct whose fields keep the order they are printed in;
//   - ref: a reference to a declared resource (app.tables.orders.ref);
//   - sel: a selector of the schema package (schema.#Region).
//
// JSON maps (documents written as CloudFormation has them) are turned into
// *obj with their keys sorted.

// obj is a CUE struct under construction.
type obj struct {
	fields []*field
}

// field is one field of an obj, with the comment written above it.
type field struct {
	label   string
	value   any
	comment string
}

// ref is `app.<collection>.<name>.ref`.
type ref struct {
	collection, name string
}

// sel is a definition of the schema package, `schema.<name>`.
type sel string

// typed is a struct unified with a definition of the schema package:
// `schema.<def> & {...}`.
type typed struct {
	def  sel
	body *obj
}

func newObj() *obj { return &obj{} }

// set sets a field, replacing its value if it exists; a nil value is
// written as null (use unset to remove a field).
func (o *obj) set(label string, v any) *obj {
	if f := o.find(label); f != nil {
		f.value = v
		return o
	}
	o.fields = append(o.fields, &field{label: label, value: v})
	return o
}

// setc sets a field with a comment above it.
func (o *obj) setc(label string, v any, comment string) *obj {
	o.set(label, v)
	f := o.find(label)
	f.comment = joinComment(f.comment, comment)
	return o
}

// note adds a comment above an existing field.
func (o *obj) note(label, comment string) {
	if f := o.find(label); f != nil {
		f.comment = joinComment(f.comment, comment)
	}
}

func joinComment(a, b string) string {
	if a == "" || a == b {
		return b
	}
	if b == "" {
		return a
	}
	return a + "\n" + b
}

func (o *obj) find(label string) *field {
	for _, f := range o.fields {
		if f.label == label {
			return f
		}
	}
	return nil
}

// get returns the value of a field, nil when it is not set.
func (o *obj) get(label string) any {
	if f := o.find(label); f != nil {
		return f.value
	}
	return nil
}

// has reports whether a field is set.
func (o *obj) has(label string) bool { return o.find(label) != nil }

// unset removes a field.
func (o *obj) unset(label string) {
	o.fields = slices.DeleteFunc(o.fields, func(f *field) bool { return f.label == label })
}

// sub returns the struct of a field, creating it when it is not set.
func (o *obj) sub(label string) *obj {
	if s, ok := o.get(label).(*obj); ok {
		return s
	}
	s := newObj()
	o.set(label, s)
	return s
}

// sortFields orders the fields by label.
func (o *obj) sortFields() {
	slices.SortStableFunc(o.fields, func(a, b *field) int { return cmp.Compare(a.label, b.label) })
}

// empty reports whether o has no fields.
func (o *obj) empty() bool { return o == nil || len(o.fields) == 0 }

// fromJSON turns a JSON value into spec values, maps into objs with
// sorted keys.
func fromJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		o := newObj()
		for _, k := range slices.Sorted(maps.Keys(x)) {
			o.set(k, fromJSON(x[k]))
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromJSON(e)
		}
		return out
	case int:
		return int64(x)
	}
	return v
}

// file prints the spec: a CUE file of package pkg whose field app is
// the #App o.
func file(pkg string, o *obj, header string) ([]byte, error) {
	decls := []ast.Decl{}
	p := &ast.Package{Name: ast.NewIdent(pkg)}
	if header != "" {
		ast.AddComment(p, comments(header))
	}
	decls = append(decls, p, &ast.ImportDecl{Specs: []*ast.ImportSpec{ast.NewImport(nil, schema.ImportPath)}})
	body := structLit(o, false)
	body.Lbrace = token.NoPos.WithRel(token.Blank)
	app := &ast.Field{Label: ast.NewIdent("app"), Value: ast.NewBinExpr(token.AND, ast.NewSel(ast.NewIdent("schema"), "#App"), body)}
	decls = append(decls, app)
	f := &ast.File{Decls: decls}
	return format.Node(f, format.Simplify())
}

func comments(text string) *ast.CommentGroup {
	g := &ast.CommentGroup{Doc: true}
	for _, line := range strings.Split(text, "\n") {
		g.List = append(g.List, &ast.Comment{Text: "// " + line})
	}
	return g
}

// inlineWidth is the longest struct or list printed on one line.
const inlineWidth = 72

// expr turns a spec value into a CUE expression.
func expr(v any) ast.Expr {
	switch x := v.(type) {
	case nil:
		return ast.NewNull()
	case string:
		return ast.NewLit(token.STRING, literal.String.Quote(x))
	case bool:
		return ast.NewBool(x)
	case int64:
		return ast.NewLit(token.INT, strconv.FormatInt(x, 10))
	case int:
		return ast.NewLit(token.INT, strconv.Itoa(x))
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return ast.NewLit(token.FLOAT, strconv.FormatFloat(x, 'f', 1, 64))
		}
		return ast.NewLit(token.FLOAT, strconv.FormatFloat(x, 'g', -1, 64))
	case ref:
		return ast.NewSel(ast.NewIdent("app"), x.collection, x.name, "ref")
	case sel:
		return ast.NewSel(ast.NewIdent("schema"), string(x))
	case typed:
		body := structLit(x.body, inline(x.body))
		body.Lbrace = token.NoPos.WithRel(token.Blank)
		return ast.NewBinExpr(token.AND, expr(x.def), body)
	case *obj:
		return structLit(x, inline(x))
	case []any:
		elts := make([]ast.Expr, len(x))
		one := inline(x)
		for i, e := range x {
			elts[i] = expr(e)
			if !one {
				if s, ok := elts[i].(*ast.StructLit); ok {
					s.Lbrace = token.NoPos.WithRel(token.Newline)
				} else {
					ast.SetRelPos(elts[i], token.Newline)
				}
			}
		}
		l := &ast.ListLit{Elts: elts}
		if !one && len(elts) > 0 {
			l.Rbrack = token.NoPos.WithRel(token.Newline)
		}
		return l
	}
	panic("importer: no CUE form for a " + strconv.Quote(typeName(v)))
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "JSON map (not converted)"
	}
	return "value"
}

func structLit(o *obj, oneLine bool) *ast.StructLit {
	s := &ast.StructLit{}
	for _, f := range o.fields {
		fl := &ast.Field{Label: label(f.label), Value: expr(f.value)}
		if f.comment != "" {
			ast.AddComment(fl, comments(f.comment))
			oneLine = false
		}
		s.Elts = append(s.Elts, fl)
	}
	if oneLine && len(s.Elts) > 0 {
		for _, e := range s.Elts {
			ast.SetRelPos(e, token.Blank)
		}
		s.Rbrace = token.NoPos.WithRel(token.Blank)
	} else {
		for _, e := range s.Elts {
			ast.SetRelPos(e, token.Newline)
		}
	}
	return s
}

// label is a field label: an identifier, or a quoted string.
func label(s string) ast.Label {
	if ident(s) {
		return ast.NewIdent(s)
	}
	return ast.NewLit(token.STRING, literal.String.Quote(s))
}

// keywords cannot be bare field labels or selectors in CUE.
var keywords = []string{"package", "import", "for", "in", "if", "let", "true", "false", "null", "div", "mod", "quo", "rem", "func"}

// ident reports whether s is written as a bare CUE identifier.
func ident(s string) bool {
	if s == "" || slices.Contains(keywords, s) || strings.HasPrefix(s, "_") {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		case i > 0 && '0' <= r && r <= '9':
		default:
			return false
		}
	}
	return s != "$"
}

// inline reports whether a struct or list is short and flat enough to be
// printed on one line.
func inline(v any) bool {
	n, ok := width(v)
	return ok && n <= inlineWidth
}

// width estimates the printed width of v on one line; ok is false for
// values that are never printed on one line (structs with comments,
// nested structs of several fields).
func width(v any) (int, bool) {
	switch x := v.(type) {
	case string:
		return len(literal.String.Quote(x)), !strings.Contains(x, "\n")
	case *obj:
		n := 2
		for i, f := range x.fields {
			if f.comment != "" {
				return 0, false
			}
			if o, ok := f.value.(*obj); ok && len(o.fields) > 1 {
				return 0, false
			}
			w, ok := width(f.value)
			if !ok {
				return 0, false
			}
			n += len(f.label) + 2 + w
			if i > 0 {
				n += 2
			}
		}
		return n, true
	case []any:
		n := 2
		for i, e := range x {
			if o, ok := e.(*obj); ok && len(o.fields) > 2 {
				return 0, false
			}
			w, ok := width(e)
			if !ok {
				return 0, false
			}
			n += w
			if i > 0 {
				n += 2
			}
		}
		return n, true
	case ref:
		return len(x.collection) + len(x.name) + 9, true
	case sel:
		return len(x) + 7, true
	case typed:
		n, ok := width(x.body)
		return n + len(x.def) + 10, ok
	}
	return len(strconv.Quote(stringOf(v))), true
}

func stringOf(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	}
	return ""
}
