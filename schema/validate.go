package schema

import (
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"
)

// validate reports every violation in app. A single Validate call is the
// fast path for a valid spec. When it fails, its errors are not all there
// is: CUE stops at the first error of a struct, hiding an "undefined field"
// from a mistyped reference next to an out-of-bound value, and it checks
// closedness ("field not allowed") only in structs without other errors.
// So the erroneous subtrees are validated field by field, and closedness is
// checked on the spec's shape alone (see [closedness]); the union is
// sanitized (sorted, deduplicated).
func validate(app cue.Value, schemaDef func() cue.Value, pos func(path []string) token.Pos) error {
	opts := []cue.Option{cue.All(), cue.Concrete(true)}
	err := app.Validate(opts...)
	if err == nil {
		return nil
	}
	var errs errors.Error
	// failing are the paths of the values that fail: the spine from app to
	// each error, the only part of the spec whose closedness CUE hides.
	failing := map[string]bool{}
	var descend func(v cue.Value, err error)
	descend = func(v cue.Value, err error) {
		failing[v.Path().String()] = true
		errs = errors.Append(errs, errors.Promote(err, ""))
		for _, c := range children(v) {
			if err := c.Validate(opts...); err != nil {
				descend(c, err)
			}
		}
	}
	descend(app, err)
	if def := schemaDef(); def.Exists() {
		// CUE's own finding and samgen's may differ in position offsets
		// (label or value), so they are matched by path.
		reported := map[string]bool{}
		for _, ce := range errors.Errors(errs) {
			if format, _ := ce.Msg(); format == notAllowed {
				reported[strings.Join(ce.Path(), ".")] = true
			}
		}
		for _, ce := range closedness(app, def, failing, pos) {
			if !reported[strings.Join(ce.Path(), ".")] {
				errs = errors.Append(errs, ce)
			}
		}
	}
	return errors.Sanitize(dropEchoes(errs))
}

// keptIDEchoes drops errors that repeat another: those of a resource's
// `ref.id`, which is its `logicalId` copied (the user's mistake is
// reported at logicalId), and those CUE reports against a schema
// definition itself ("#QueueRef.name"), which it also reports at the
// user's path.
func dropEchoes(errs errors.Error) errors.Error {
	var out errors.Error
	for _, e := range errors.Errors(errs) {
		p := e.Path()
		if len(p) >= 2 && p[len(p)-2] == "ref" && p[len(p)-1] == "id" {
			continue
		}
		if len(p) > 0 && strings.HasPrefix(p[0], "#") {
			continue
		}
		out = errors.Append(out, e)
	}
	if out == nil {
		// Only echoes: keep them rather than report nothing.
		return errs
	}
	return out
}

// notAllowed is CUE's message for a field a closed struct does not allow.
const notAllowed = "field not allowed"

// children returns the regular fields of a struct or the elements of a
// list.
func children(v cue.Value) []cue.Value {
	var out []cue.Value
	if it, err := v.Fields(); err == nil {
		for it.Next() {
			out = append(out, it.Value())
		}
	} else if l, err := v.List(); err == nil {
		for l.Next() {
			out = append(out, l.Value())
		}
	}
	return out
}

// closedness finds the fields of app that the schema definition def does
// not allow, in the structs where CUE hides them (those with other errors,
// whose paths are failing). It unifies def with the shape of those structs
// (their fields and elements present, every other value `_`), where
// nothing but closedness can fail, and positions each finding at the
// user's field.
func closedness(app, def cue.Value, failing map[string]bool, pos func(path []string) token.Pos) []errors.Error {
	shape := def.Context().BuildExpr(shapeOf(app, failing))
	err := def.Unify(shape).Validate(cue.All())
	var out []errors.Error
	for _, ce := range errors.Errors(err) {
		format, args := ce.Msg()
		if format != notAllowed {
			continue
		}
		rel := ce.Path()
		if len(rel) > 0 && rel[0] == "#App" {
			rel = rel[1:]
		}
		path := append([]string{"app"}, rel...)
		if len(rel) == 0 || app.LookupPath(cuePath(specPath(path[:len(path)-1]))).Validate(cue.All(), cue.Concrete(true)) == nil {
			// CUE checks closedness itself in a struct without errors. The
			// shape has no values, so a field the schema allows only under
			// a condition on one would be a false finding here.
			continue
		}
		out = append(out, &fieldError{path: path, pos: pos(path), format: format, args: args})
	}
	return out
}

// shapeOf returns a CUE expression with the fields and list elements of v,
// descending into the failing ones, and `_` for every other value (and for
// anything that fails to evaluate). A struct without errors is `_`: CUE
// has checked its closedness itself, and a large valid spec need not be
// copied to find the one misspelt field.
func shapeOf(v cue.Value, failing map[string]bool) ast.Expr {
	if !failing[v.Path().String()] {
		return ast.NewIdent("_")
	}
	if it, err := v.Fields(); err == nil {
		s := &ast.StructLit{}
		for it.Next() {
			if it.Selector().LabelType() != cue.StringLabel {
				// Only regular fields can be "not allowed"; a structural
				// cycle can surface others here.
				continue
			}
			s.Elts = append(s.Elts, &ast.Field{
				Label: ast.NewString(it.Selector().Unquoted()),
				Value: shapeOf(it.Value(), failing),
			})
		}
		return s
	}
	if l, err := v.List(); err == nil {
		list := &ast.ListLit{}
		for l.Next() {
			list.Elts = append(list.Elts, shapeOf(l.Value(), failing))
		}
		return list
	}
	return ast.NewIdent("_")
}

// schemaDefinition returns a function that builds #App from the schema
// package imported by bi, in ctx, or a non-existent value when bi does not
// import it.
func schemaDefinition(ctx *cue.Context, bi *build.Instance) func() cue.Value {
	return func() cue.Value {
		for _, imp := range bi.Imports {
			if imp.ImportPath == ImportPath {
				return ctx.BuildInstance(imp).LookupPath(cue.MakePath(cue.Def("#App")))
			}
		}
		return cue.Value{}
	}
}

// fieldError is a positioned CUE error that samgen makes itself.
type fieldError struct {
	path   []string
	pos    token.Pos
	format string
	args   []any
}

func (e *fieldError) Position() token.Pos         { return e.pos }
func (e *fieldError) InputPositions() []token.Pos { return nil }
func (e *fieldError) Path() []string              { return e.path }
func (e *fieldError) Msg() (string, []any)        { return e.format, e.args }
func (e *fieldError) Error() string {
	return errors.String(e)
}
