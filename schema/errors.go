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
	for _, e := range errors.Errors(err) {
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
