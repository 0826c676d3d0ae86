package schema

import (
	"path/filepath"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/internal/diag"
)

// sources indexes the syntax of the user's files: where each spec path is
// declared, so an error is reported at the user's value (CUE's own first
// position is often the `app: schema.#App & {` line, or a line of the
// schema), and how far the value spans, for the range an editor underlines.
type sources struct {
	// decls are the fields and list elements the user wrote, by path from
	// the package root ("app.functions.hi.memory", "app.access[0]"), in
	// the order of the files and of the fields in them.
	decls map[string][]decl
	// schemaRefs are the positions of references to samgen's schema
	// package (`schema.#App`): true of the user's file, yet never the
	// value an error is about.
	schemaRefs map[posKey]bool
	// ends maps the start of every label and value to its end, built on
	// first use.
	ends map[posKey]token.Pos
	// children are the labels declared under each path, in order.
	children map[string][]string
}

// decl is one place the user gives a value at a path: a field (label and
// value) or a list element (value only).
type decl struct {
	label ast.Label
	value ast.Expr
}

// start is where the declaration begins: its label, or the element.
func (d decl) start() token.Pos {
	if d.label != nil {
		return d.label.Pos()
	}
	return d.value.Pos()
}

// posKey identifies a position independently of the token.File it was
// read through.
type posKey struct {
	file   string
	offset int
}

func keyOf(p token.Pos) posKey { return posKey{p.Filename(), p.Offset()} }

// indexSources indexes files, the user's parsed files of the package.
func indexSources(files []*ast.File) *sources {
	s := &sources{decls: map[string][]decl{}, schemaRefs: map[posKey]bool{}, children: map[string][]string{}}
	for _, f := range files {
		s.addDecls("", f.Decls)
		s.addSchemaRefs(f)
	}
	return s
}

func (s *sources) addDecls(path string, decls []ast.Decl) {
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.Field:
			name, _, err := ast.LabelName(d.Label)
			if err != nil {
				continue // a pattern or dynamic label: no fixed path
			}
			p := joinSpec(path, Label(name))
			if len(s.decls[p]) == 0 {
				s.children[path] = append(s.children[path], name)
			}
			s.decls[p] = append(s.decls[p], decl{label: d.Label, value: d.Value})
			s.addValue(p, d.Value)
		case *ast.EmbedDecl:
			s.addValue(path, d.Expr)
		}
	}
}

// addValue indexes what x declares at path: the fields of a struct, the
// elements of a list, both sides of a conjunction (`schema.#App & {...}`).
func (s *sources) addValue(path string, x ast.Expr) {
	switch x := x.(type) {
	case *ast.StructLit:
		s.addDecls(path, x.Elts)
	case *ast.ListLit:
		for i, e := range x.Elts {
			if _, ok := e.(*ast.Ellipsis); ok {
				continue
			}
			p := path + "[" + strconv.Itoa(i) + "]"
			s.decls[p] = append(s.decls[p], decl{value: e})
			s.addValue(p, e)
		}
	case *ast.BinaryExpr:
		if x.Op == token.AND {
			s.addValue(path, x.X)
			s.addValue(path, x.Y)
		}
	case *ast.ParenExpr:
		s.addValue(path, x.X)
	}
}

// addSchemaRefs records the references of f to samgen's schema package.
func (s *sources) addSchemaRefs(f *ast.File) {
	names := map[string]bool{}
	for imp := range f.ImportSpecs() {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p != ImportPath {
			continue
		}
		if imp.Name != nil {
			names[imp.Name.Name] = true
		} else {
			names[filepath.Base(ImportPath)] = true
		}
	}
	if len(names) == 0 {
		return
	}
	ast.Walk(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] {
				s.schemaRefs[keyOf(sel.Pos())] = true
				s.schemaRefs[keyOf(sel.Sel.Pos())] = true
			}
		}
		return true
	}, nil)
}

// Declarations are what the user's files declare, for editors: the names
// under a path (completion after `app.tables.`) and where a resource's
// struct is (to add a field to it).
type Declarations struct{ s *sources }

// Declare indexes files, the parsed files of a package.
func Declare(files []*ast.File) Declarations { return Declarations{indexSources(files)} }

// Names returns the labels declared directly under path, a path from the
// package root ("app.tables"), in the order of the files.
func (d Declarations) Names(path string) []string { return d.s.children[path] }

// Struct returns the first struct literal with braces declared at path, or
// nil: `functions: report: {...}`, not `functions: report: memory: 1`.
func (d Declarations) Struct(path string) *ast.StructLit {
	for _, dc := range d.s.decls[path] {
		if st := braced(dc.value); st != nil {
			return st
		}
	}
	return nil
}

// braced is the struct literal with braces x is, or is a conjunct of
// (`schema.#App & {...}`).
func braced(x ast.Expr) *ast.StructLit {
	switch x := x.(type) {
	case *ast.StructLit:
		if x.Lbrace.IsValid() {
			return x
		}
	case *ast.BinaryExpr:
		if x.Op == token.AND {
			if st := braced(x.Y); st != nil {
				return st
			}
			return braced(x.X)
		}
	case *ast.ParenExpr:
		return braced(x.X)
	}
	return nil
}

// SourceLabel writes name as a label in CUE source: bare when it is an
// identifier, quoted otherwise (`get-item` is "get-item" in CUE, unlike in
// a spec path, which [Label] writes).
func SourceLabel(name string) string {
	if ast.IsValidIdent(name) && !strings.HasPrefix(name, "#") && !strings.HasPrefix(name, "_") {
		return name
	}
	return strconv.Quote(name)
}

// joinSpec appends a selector (a label as [Label] renders it) to a path.
func joinSpec(path, sel string) string {
	if path == "" {
		return sel
	}
	return path + "." + sel
}

// within reports whether p lies in [start, end) of the same file.
func within(p, start, end token.Pos) bool {
	return p.IsValid() && start.IsValid() && p.Filename() == start.Filename() &&
		p.Offset() >= start.Offset() && (!end.IsValid() || p.Offset() < end.Offset())
}

// at returns the declaration of path whose field contains one of the
// positions, and that position; ok is false when none does.
func (s *sources) at(path string, positions []token.Pos) (decl, token.Pos, bool) {
	for _, p := range positions {
		for _, d := range s.decls[path] {
			if within(p, d.start(), d.value.End()) {
				return d, p, true
			}
		}
	}
	return decl{}, token.NoPos, false
}

// span returns the extent of what starts at p inside d: the label when p
// is the label, the whole value when p is where the value starts, else the
// smallest expression starting at p (the `order` of `app.tables.order.ref`).
func (d decl) span(p token.Pos) (token.Pos, token.Pos) {
	if d.label != nil && keyOf(p) == keyOf(d.label.Pos()) {
		return d.label.Pos(), labelEnd(d.label)
	}
	if keyOf(p) == keyOf(d.value.Pos()) {
		return d.value.Pos(), d.value.End()
	}
	end := token.NoPos
	ast.Walk(d.value, func(n ast.Node) bool {
		if keyOf(n.Pos()) == keyOf(p) && n.End().IsValid() && (!end.IsValid() || n.End().Offset() < end.Offset()) {
			end = n.End()
		}
		return within(p, n.Pos(), n.End())
	}, nil)
	if !end.IsValid() {
		return p, p
	}
	return p, end
}

// labelEnd is the end of a label, an alias's included.
func labelEnd(l ast.Label) token.Pos {
	if a, ok := l.(*ast.Alias); ok {
		return a.Expr.End()
	}
	return l.End()
}

// selectorAt returns the selector expression whose selected name starts
// at p (`app.tables.order` for the position of `order`), or nil.
func (s *sources) selectorAt(d decl, p token.Pos) *ast.SelectorExpr {
	var found *ast.SelectorExpr
	ast.Walk(d.value, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && keyOf(sel.Sel.Pos()) == keyOf(p) {
			found = sel
		}
		return found == nil
	}, nil)
	return found
}

// selectorPath returns the labels of a chain of selectors rooted at an
// identifier (`app.tables` → app, tables), or nil for anything else.
func selectorPath(x ast.Expr) []string {
	switch x := x.(type) {
	case *ast.Ident:
		return []string{x.Name}
	case *ast.SelectorExpr:
		base := selectorPath(x.X)
		name, _, err := ast.LabelName(x.Sel)
		if base == nil || err != nil {
			return nil
		}
		return append(base, name)
	}
	return nil
}

// End returns the end of what the user wrote at p, the start of a label
// or of a value: the range an editor underlines for a finding at p. It is
// the zero Position when p starts neither.
func (i *Instance) End(p diag.Position) diag.Position {
	if i == nil {
		return diag.Position{}
	}
	return i.sources().end(p)
}

func (s *sources) end(p diag.Position) diag.Position {
	if s == nil {
		return diag.Position{}
	}
	if s.ends == nil {
		// A shorthand struct (`a: b: 1`) starts where its first label
		// does: the label is what a finding there is about, so labels
		// are recorded last and win.
		s.ends = map[posKey]token.Pos{}
		for _, ds := range s.decls {
			for _, d := range ds {
				s.ends[keyOf(d.value.Pos())] = d.value.End()
			}
		}
		for _, ds := range s.decls {
			for _, d := range ds {
				if d.label != nil {
					s.ends[keyOf(d.label.Pos())] = labelEnd(d.label)
				}
			}
		}
	}
	return diag.At(s.ends[posKey{p.File, p.Offset}])
}

// sources returns the index of the user's declarations, made on first use:
// a spec that loads without a finding never needs it.
func (i *Instance) sources() *sources {
	if i.src == nil && i.files != nil {
		i.src = indexSources(i.files)
	}
	return i.src
}
