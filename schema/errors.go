package schema

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"cuelang.org/go/cue/errors"

	"samgen.dev/samgen/internal/diag"
)

// diagnostics converts CUE's errors into samgen's diagnostics: the user's
// position first (the value's own when CUE gives it, else the nearest
// field the user wrote, so no error points only into the schema), the
// schema's constraints after it under their virtual names, a did-you-mean
// for a misspelt field, and hints applied.
func (i *Instance) diagnostics(err error, hints []Hint, dir string) diag.List {
	var out diag.List
	for _, e := range withoutDisjunctionNoise(errors.Errors(err)) {
		labels := e.Path()
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		path := joinPath(labels)
		hinted := false
		for _, h := range hints {
			if m := h(labels, msg); m != "" {
				msg, hinted = m, true
				break
			}
		}
		if !hinted && format == notAllowed && len(labels) >= 2 && labels[0] == "app" {
			if s := i.allowedNear(labels); s != "" {
				msg = notAllowed + "; did you mean " + s + "?"
			}
		}
		d := diag.Diagnostic{Rule: diag.Schema, Severity: diag.Error, Path: path, Msg: msg}
		var user, schema []diag.Position
		for _, p := range errors.Positions(e) {
			dp := diag.At(p)
			if i.isSchema(p.Filename()) {
				dp.File = diag.SchemaFile + filepath.Base(p.Filename())
				schema = append(schema, dp)
			} else if dp.IsValid() {
				user = append(user, dp)
			}
		}
		own := i.Pos(specPath(labels))
		if j := slices.Index(user, own); j > 0 {
			user[0], user[j] = user[j], user[0]
		}
		if len(user) == 0 && own.IsValid() {
			user = append(user, own)
		}
		if len(user) == 0 {
			// Package-level errors ("no package name", a structural cycle)
			// have no position, yet the user fixes them in a file, and
			// editors need a file:line:col to link.
			if p := firstFile(dir); p.IsValid() {
				user = append(user, p)
			}
			d.Msg = strings.ReplaceAll(d.Msg, dir+string(filepath.Separator), "")
		}
		if len(user) > 0 {
			d.Pos, d.Related = user[0], append(user[1:], schema...)
		} else {
			d.Related = schema
		}
		out = append(out, d)
	}
	return out.Sort()
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

// withoutDisjunctionNoise keeps what a user needs of CUE's report on a
// field that takes one of several forms (`int & >=128 | #Expr`, a default
// `*30 | int`): when one form explains the failure (out of bound, a
// pattern), the other forms' mismatches and the "N errors in empty
// disjunction" summary are dropped; when none does (a list where a value
// goes), the mismatches become one error that lists the forms wanted.
func withoutDisjunctionNoise(errs []errors.Error) []errors.Error {
	byPath := map[string][]errors.Error{}
	var order []string
	for _, e := range errs {
		p := strings.Join(e.Path(), ".")
		if _, seen := byPath[p]; !seen {
			order = append(order, p)
		}
		byPath[p] = append(byPath[p], e)
	}
	var out []errors.Error
	for _, p := range order {
		es := byPath[p]
		var kept, mismatched []errors.Error
		summary := false
		for _, e := range es {
			format, _ := e.Msg()
			switch {
			case strings.HasSuffix(format, "errors in empty disjunction:"):
				summary = true
			case format == mismatchedTypes || format == conflictingValues && summary:
				mismatched = append(mismatched, e)
			default:
				kept = append(kept, e)
			}
		}
		if !summary {
			out = append(out, es...)
			continue
		}
		// A default (`*30 | int & <=43200`) conflicts with every value: not
		// a finding of its own.
		kept = slices.DeleteFunc(kept, func(e errors.Error) bool {
			format, _ := e.Msg()
			return format == conflictingValues && len(kept) > 1
		})
		switch {
		case len(kept) > 0:
			out = append(out, kept...)
		case len(mismatched) > 0:
			out = append(out, wantedForms(mismatched))
		default:
			out = append(out, es...)
		}
	}
	return out
}

// CUE's messages for a value of the wrong kind or a different literal.
const (
	mismatchedTypes   = "conflicting values %s and %s (mismatched types %s and %s)"
	conflictingValues = "conflicting values %s and %s"
)

// wantedForms turns the mismatches of one value against each form a field
// takes into one error: "[1] is a list; want a string, a number, a
// boolean or an expression".
func wantedForms(es []errors.Error) errors.Error {
	var got string
	var wants []string
	for _, e := range es {
		format, args := e.Msg()
		if format != mismatchedTypes || len(args) != 4 {
			continue
		}
		got = fmt.Sprint(args[2])
		want := fmt.Sprint(args[3])
		if want == "struct" && strings.Contains(fmt.Sprint(args[1]), `"Fn::Sub"`) {
			want = "expression"
		}
		if !slices.Contains(wants, want) {
			wants = append(wants, want)
		}
	}
	if len(wants) == 0 {
		return es[0]
	}
	rank := func(w string) int {
		return slices.Index([]string{"string", "number", "int", "bool", "list", "struct", "expression"}, w)
	}
	slices.SortFunc(wants, func(a, b string) int { return rank(a) - rank(b) })
	_, args := es[0].Msg()
	for i, w := range wants {
		wants[i] = article(w) + " " + w
	}
	list := wants[0]
	if n := len(wants); n > 1 {
		list = strings.Join(wants[:n-1], ", ") + " or " + wants[n-1]
	}
	return &fieldError{path: es[0].Path(), pos: es[0].Position(),
		format: "%v is %s %s; want %s", args: []any{args[0], article(got), got, list}}
}

func article(noun string) string {
	if strings.ContainsAny(noun[:1], "aeiou") {
		return "an"
	}
	return "a"
}
