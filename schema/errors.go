package schema

import (
	"cmp"
	stderrors "errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/didyoumean"
)

// CUE's messages that samgen rewrites or positions differently.
const (
	emptyDisjunction = "%d errors in empty disjunction:"
	undefinedField   = "undefined field: %s"
	incomplete       = "incomplete value %v"
	listLengths      = "incompatible list lengths (%d and %d)"
)

// finding is a CUE error on its way to a diagnostic.
type finding struct {
	// labels are the error's path from the package root, unquoted ("app",
	// "functions", "1notify").
	labels    []string
	format    string
	args      []any
	msg       string
	positions []token.Pos
	// fix replaces the value the finding is positioned at (a did-you-mean).
	fix string
	// file is the file an error of no position is about (one that cannot
	// be read).
	file string
}

// diagnostics converts CUE's errors into samgen's diagnostics, every one at
// the user's value: the value's own position when the user wrote the path
// (conflicts, bounds, patterns, enums, non-concrete values), the struct
// that lacks a required field, never only the schema. The schema's
// constraints follow under their virtual names. An enum violation is one
// finding, not one per allowed value; a misspelt field, a wrong enum value
// and an undeclared reference get a did-you-mean; hints apply first.
func (i *Instance) diagnostics(err error, hints []Hint, dir string) diag.List {
	var out diag.List
	for _, f := range withoutDefaultConflicts(i.collapseEnums(withoutExprArm(dropInsideNotAllowed(findingsOf(err))))) {
		hinted := false
		for _, h := range hints {
			if m := h(f.labels, f.msg); m != "" {
				f.msg, hinted = m, true
				if _, s, ok := strings.Cut(m, "did you mean "); ok && f.format == notAllowed {
					f.fix = strings.TrimSuffix(strings.Fields(s)[0], "?")
				}
				break
			}
		}
		if !hinted && f.format == notAllowed && len(f.labels) >= 2 && f.labels[0] == "app" {
			if s := i.allowedNear(f.labels); s != "" {
				f.msg = notAllowed + "; did you mean " + s + "?"
				f.fix = SourceLabel(s)
			}
		}
		out = append(out, i.diagnostic(f, hinted, dir))
	}
	return out.Sort()
}

// findingsOf lists the errors of err with unquoted paths: CUE quotes a
// label that is not an identifier ("\"1notify\""), and samgen's paths quote
// it once, as [Label] does.
func findingsOf(err error) []finding {
	var out []finding
	for _, e := range errors.Errors(err) {
		format, args := e.Msg()
		labels := slices.Clone(e.Path())
		for j, l := range labels {
			if strings.HasPrefix(l, `"`) {
				if u, err := strconv.Unquote(l); err == nil {
					labels[j] = u
				}
			}
		}
		f := finding{labels: labels, format: format, args: args,
			msg: message(e, format, args), positions: errors.Positions(e)}
		if pe := (*fs.PathError)(nil); stderrors.As(e, &pe) {
			f.file = pe.Path
		}
		out = append(out, f)
	}
	return out
}

// message is e's text without its path. An error CUE wraps around
// another (a file it cannot read, a directory it will not load) has an
// empty message of its own and the cause's in Error, which then is the
// message.
func message(e errors.Error, format string, args []any) string {
	if msg := fmt.Sprintf(format, args...); msg != "" && !strings.Contains(msg, "%!") {
		return msg
	}
	msg := e.Error()
	if p := strings.Join(e.Path(), "."); p != "" {
		msg = strings.TrimPrefix(msg, p+": ")
	}
	return msg
}

// dropInsideNotAllowed drops the errors inside a field that is itself not
// allowed: the fields of a function whose name the schema rejects are
// not the user's mistake.
func dropInsideNotAllowed(fs []finding) []finding {
	rejected := map[string]bool{}
	for _, f := range fs {
		if f.format == notAllowed {
			rejected[joinPath(f.labels)] = true
		}
	}
	return slices.DeleteFunc(fs, func(f finding) bool {
		for n := len(f.labels) - 1; n > 0; n-- {
			if rejected[joinPath(f.labels[:n])] {
				return true
			}
		}
		return false
	})
}

// collapseEnums turns CUE's errors for a value outside an enum (one
// "conflicting values" per allowed value, after "N errors in empty
// disjunction") into one finding: `"get" is not one of GET, POST, ...;
// did you mean "GET"?`. The summary of a disjunction whose alternatives
// are not all literals is dropped when its alternatives' errors are
// reported.
func (i *Instance) collapseEnums(fs []finding) []finding {
	byPath := map[string][]int{}
	for j, f := range fs {
		k := joinPath(f.labels)
		byPath[k] = append(byPath[k], j)
	}
	drop := map[int]bool{}
	for j, f := range fs {
		if f.format != emptyDisjunction {
			continue
		}
		var alts []int
		for _, k := range byPath[joinPath(f.labels)] {
			if k != j {
				alts = append(alts, k)
			}
		}
		if len(alts) > 0 {
			drop[j] = true
		} else {
			fs[j].msg = strings.TrimSuffix(f.msg, ":")
		}
		if n, _ := f.args[0].(int); n != len(alts) {
			continue
		}
		if e, ok := i.enumFinding(fs, alts); ok {
			fs[j] = e
			drop[j] = false
			for _, k := range alts {
				drop[k] = true
			}
		}
	}
	var out []finding
	for j, f := range fs {
		if !drop[j] {
			out = append(out, f)
		}
	}
	return out
}

// enumFinding merges the conflicts of one value with each literal of an
// enum, or returns false when they are not that.
func (i *Instance) enumFinding(fs []finding, alts []int) (finding, bool) {
	var pairs [][2]string
	for _, k := range alts {
		f := fs[k]
		if !strings.HasPrefix(f.format, "conflicting values %s and %s") || len(f.args) < 2 {
			return finding{}, false
		}
		pairs = append(pairs, [2]string{fmt.Sprint(f.args[0]), fmt.Sprint(f.args[1])})
	}
	// The user's value is the one every conflict shares.
	got := pairs[0][1]
	other := 0
	if !slices.ContainsFunc(pairs, func(p [2]string) bool { return p[1] != got }) {
		other = 0
	} else if got = pairs[0][0]; !slices.ContainsFunc(pairs, func(p [2]string) bool { return p[0] != got }) {
		other = 1
	} else {
		return finding{}, false
	}
	// Each conflict has one position of its own, the literal in the
	// schema; the alternatives are listed in the schema's order.
	common := fs[alts[0]].positions
	for _, k := range alts[1:] {
		common = slices.DeleteFunc(slices.Clone(common), func(p token.Pos) bool { return !slices.Contains(fs[k].positions, p) })
	}
	type alt struct {
		lit string
		pos token.Pos
	}
	var list []alt
	for n, k := range alts {
		lit := pairs[n][other]
		if !isLiteral(lit) {
			return finding{}, false
		}
		a := alt{lit: lit}
		for _, p := range fs[k].positions {
			if !slices.Contains(common, p) {
				a.pos = p
				break
			}
		}
		list = append(list, a)
	}
	slices.SortStableFunc(list, func(a, b alt) int {
		return cmp.Or(cmp.Compare(a.pos.Filename(), b.pos.Filename()), cmp.Compare(a.pos.Offset(), b.pos.Offset()))
	})
	var names []string
	for _, a := range list {
		names = append(names, unquoteLiteral(a.lit))
	}
	// Positions: the user's value, and where the schema lists the values.
	f := fs[alts[0]]
	e := finding{labels: f.labels, format: "%s is not one of %s", msg: fmt.Sprintf("%s is not one of %s", got, strings.Join(names, ", "))}
	for _, p := range common {
		if !i.isSchema(p.Filename()) {
			e.positions = append(e.positions, p)
		}
	}
	if list[0].pos.IsValid() {
		e.positions = append(e.positions, list[0].pos)
	}
	if strings.HasPrefix(got, `"`) {
		if s := didyoumean.Suggest(unquoteLiteral(got), names); s != "" {
			e.fix = strconv.Quote(s)
			e.msg += "; did you mean " + e.fix + "?"
		}
	}
	return e, true
}

// isLiteral reports whether s is a CUE string, number, bool or null.
func isLiteral(s string) bool {
	if strings.HasPrefix(s, `"`) || s == "true" || s == "false" || s == "null" {
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func unquoteLiteral(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// diagnostic positions one finding.
func (i *Instance) diagnostic(f finding, hinted bool, dir string) diag.Diagnostic {
	d := diag.Diagnostic{Rule: diag.Schema, Severity: diag.Error, Path: joinPath(f.labels), Msg: f.msg}
	var user, schema []diag.Position
	var userPos []token.Pos
	for _, p := range f.positions {
		switch {
		case !p.IsValid():
		case i.isSchema(p.Filename()):
			dp := diag.At(p)
			dp.File = diag.SchemaFile + filepath.Base(p.Filename())
			schema = append(schema, dp)
		case i.sources() != nil && i.sources().schemaRefs[keyOf(p)]:
			// `schema.#App`: in the user's file, but not the value.
		default:
			userPos = append(userPos, p)
		}
	}
	start, end, found := i.locate(f, userPos, &d, hinted)
	for _, p := range userPos {
		if dp := diag.At(p); dp != start {
			user = append(user, dp)
		}
	}
	switch {
	case found:
		if f.format == notAllowed {
			user = nil // the struct's other declarations
		}
		d.Pos, d.End = start, end
		if f.fix != "" {
			d.Suggestion = f.fix
		}
	case len(user) > 0:
		d.Pos, user = user[0], user[1:]
	default:
		if own := i.Pos(specPath(f.labels)); own.IsValid() {
			d.Pos = own
		} else if f.file != "" {
			d.Pos = diag.Position{File: f.file, Line: 1, Column: 1}
			d.Msg = strings.ReplaceAll(d.Msg, dir+string(filepath.Separator), "")
		} else if p := firstFile(dir); p.IsValid() {
			// Package-level errors ("no package name", a structural
			// cycle) have no position, yet the user fixes them in a
			// file, and editors need a file:line:col to link.
			d.Pos = p
			d.Msg = strings.ReplaceAll(d.Msg, dir+string(filepath.Separator), "")
		}
	}
	d.Related = append(user, schema...)
	return d
}

// locate finds the user's value a finding is about: the declaration of
// its path (or of an ancestor, for an error inside a reference) that holds
// one of the error's positions; else the path's own declaration; else,
// for a field the user did not write, the struct that lacks it. It
// rewrites the messages that need the declaration: an undeclared
// reference lists the names declared, a missing field says so.
func (i *Instance) locate(f finding, user []token.Pos, d *diag.Diagnostic, hinted bool) (start, end diag.Position, ok bool) {
	if i.sources() == nil {
		return start, end, false
	}
	key := joinPath(f.labels)
	if dc, at, ok := i.sources().at(key, user); ok {
		s, e := dc.span(at)
		if f.format == undefinedField {
			i.explainUndefined(dc, at, f, d)
		}
		return diag.At(s), diag.At(e), true
	}
	if ds := i.sources().decls[key]; len(ds) > 0 && f.format == listLengths && !hinted {
		explainLength(ds[0], f, d)
	}
	if ds := i.sources().decls[key]; len(ds) > 0 {
		if f.format == notAllowed && ds[0].label != nil {
			// CUE positions a field that is not allowed at one of the
			// struct's declarations, not at the field.
			return diag.At(ds[0].label.Pos()), diag.At(labelEnd(ds[0].label)), true
		}
		return diag.At(ds[0].value.Pos()), diag.At(ds[0].value.End()), true
	}
	// The user did not write the path: the error is inside a value they
	// wrote (a reference), or the field is missing from a struct.
	for p := parent(key); p != ""; p = parent(p) {
		if dc, at, ok := i.sources().at(p, user); ok && !isStructStart(dc, at) {
			s, e := dc.span(at)
			return diag.At(s), diag.At(e), true
		}
	}
	for n := len(f.labels) - 1; n > 0; n-- {
		ds := i.sources().decls[joinPath(f.labels[:n])]
		if len(ds) == 0 {
			continue
		}
		if f.format == incomplete && !hinted {
			// The field missing is the first the user did not write; its
			// constraint is CUE's when the error is about it, not about
			// an element inside it (`errorEquals: [string, ...]`).
			d.Path = joinPath(f.labels[:n+1])
			d.Msg = fmt.Sprintf("field %s is required but not set", Label(f.labels[n]))
			if n+1 == len(f.labels) {
				d.Msg += fmt.Sprintf(" (%v)", f.args[0])
			}
		}
		if ds[0].label != nil {
			return diag.At(ds[0].label.Pos()), diag.At(labelEnd(ds[0].label)), true
		}
		return diag.At(ds[0].value.Pos()), diag.At(ds[0].value.End()), true
	}
	return start, end, false
}

// explainLength says how many elements a list the user wrote needs,
// instead of CUE's "incompatible list lengths (0 and 1)".
func explainLength(dc decl, f finding, d *diag.Diagnostic) {
	l, ok := dc.value.(*ast.ListLit)
	if !ok || len(f.labels) < 2 {
		return
	}
	n := 0
	for _, e := range l.Elts {
		if _, ok := e.(*ast.Ellipsis); !ok {
			n++
		}
	}
	min, open, ok := listLength(joinPath(f.labels[1:]))
	switch {
	case !ok:
	case open && n < min:
		d.Msg = fmt.Sprintf("the list has %s; it needs at least %d", elements(n), min)
	case !open:
		d.Msg = fmt.Sprintf("the list has %s; it needs exactly %d", elements(n), min)
	}
}

func elements(n int) string {
	switch n {
	case 0:
		return "no elements"
	case 1:
		return "1 element"
	}
	return fmt.Sprintf("%d elements", n)
}

// isStructStart reports whether at is the opening brace of d's struct,
// where CUE positions a struct's own errors: the label names it better.
func isStructStart(d decl, at token.Pos) bool {
	_, ok := d.value.(*ast.StructLit)
	return ok && d.label != nil && keyOf(at) == keyOf(d.value.Pos())
}

// explainUndefined lists, for a reference to a field that does not exist
// (`app.tables.order.ref`), the names the referenced struct declares and
// the closest one.
func (i *Instance) explainUndefined(dc decl, at token.Pos, f finding, d *diag.Diagnostic) {
	sel := i.sources().selectorAt(dc, at)
	if sel == nil {
		return
	}
	base := selectorPath(sel.X)
	if len(base) == 0 || base[0] != "app" || !i.value.Exists() {
		return
	}
	v := i.value
	if len(base) > 1 {
		v = i.value.LookupPath(cuePath(joinPath(base[1:])))
	}
	it, err := v.Fields()
	if err != nil {
		return
	}
	var names []string
	for it.Next() {
		if it.Selector().LabelType() == cue.StringLabel {
			names = append(names, it.Selector().Unquoted())
		}
	}
	bad, _ := f.args[0].(string)
	where := strings.Join(base, ".")
	const most = 10
	switch {
	case len(names) == 0:
		d.Msg = fmt.Sprintf("undefined field: %s (%s declares nothing)", bad, where)
	case len(names) > most:
		d.Msg = fmt.Sprintf("undefined field: %s (%s declares %s and %d more)", bad, where, strings.Join(names[:most], ", "), len(names)-most)
	default:
		d.Msg = fmt.Sprintf("undefined field: %s (%s declares %s)", bad, where, strings.Join(names, ", "))
	}
	if s := didyoumean.Suggest(bad, names); s != "" && s != bad {
		d.Msg += "; did you mean " + s + "?"
		d.Suggestion = SourceLabel(s)
	}
}

// firstFile is the start of the first CUE file in dir, sorted by name.
func firstFile(dir string) diag.Position {
	files, _ := filepath.Glob(filepath.Join(dir, "*.cue"))
	if len(files) == 0 {
		return diag.Position{}
	}
	slices.Sort(files)
	return diag.Position{File: files[0], Line: 1, Column: 1}
}

// CUE's messages for a value of the wrong kind, or a literal other than a
// default or an enum's.
const (
	mismatchedTypes   = "conflicting values %s and %s (mismatched types %s and %s)"
	conflictingValues = "conflicting values %s and %s"
)

// withoutExprArm drops CUE's report that a value is not an expression
// (#Expr, the open struct arm of `(int & >=128) | #Expr`) when the value
// fails another form too: a literal the user wrote is not meant as an
// expression. The disjunction's summary then counts what is left, and goes
// when one error is left, which is reported as CUE reports a field of one
// form (so an enum still collapses, and a conflict stays one).
func withoutExprArm(fs []finding) []finding {
	byPath := map[string]int{}
	for _, f := range fs {
		byPath[joinPath(f.labels)]++
	}
	dropped := map[string]int{}
	var out []finding
	for _, f := range fs {
		k := joinPath(f.labels)
		if f.format == mismatchedTypes && len(f.args) == 4 && fmt.Sprint(f.args[3]) == "struct" &&
			strings.HasSuffix(fmt.Sprint(f.args[1]), "...}") && byPath[k] > 1 {
			dropped[k]++
			continue
		}
		out = append(out, f)
	}
	left := map[string]int{}
	for _, f := range out {
		if f.format != emptyDisjunction {
			left[joinPath(f.labels)]++
		}
	}
	summarized := map[string]bool{}
	for j := 0; j < len(out); j++ {
		f := out[j]
		k := joinPath(f.labels)
		if f.format != emptyDisjunction || dropped[k] == 0 {
			continue
		}
		// What is left is the other form's report: one error, or one per
		// literal of an enum (`#Retention | #Expr`, whose inner
		// disjunction has a summary of its own: one summary is kept).
		if n := left[k]; n > 1 && !summarized[k] {
			out[j].args = []any{n}
			out[j].msg = fmt.Sprintf(f.format, n)
			summarized[k] = true
			continue
		}
		out = slices.Delete(out, j, j+1)
		j--
	}
	return out
}

// withoutDefaultConflicts drops the conflict of a value with a field's
// default (`*30 | int & <=43200` and 50000) when the value's own finding
// (out of bound) is there: the default is not what the user got wrong.
func withoutDefaultConflicts(fs []finding) []finding {
	other := map[string]bool{}
	for _, f := range fs {
		if f.format != conflictingValues {
			other[joinPath(f.labels)] = true
		}
	}
	return slices.DeleteFunc(fs, func(f finding) bool {
		return f.format == conflictingValues && other[joinPath(f.labels)]
	})
}
