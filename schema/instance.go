package schema

import (
	"path/filepath"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"
)

// Value returns the CUE value at path (relative to `app`, such as
// "functions.hello.memory").
func (i *Instance) Value(path string) cue.Value {
	if path == "" {
		return i.value
	}
	return i.value.LookupPath(cuePath(path))
}

// cuePath parses a spec path. Spec paths are CUE paths, except that rules
// build them by joining names with '.', and a name may hold '-', which
// cue.ParsePath reads as an operator ("invalid label"). Such a path is split
// instead: a name never holds '.', '[' or '"' (see #Name).
func cuePath(p string) cue.Path {
	if cp := cue.ParsePath(p); cp.Err() == nil {
		return cp
	}
	var sels []cue.Selector
	for _, part := range strings.Split(p, ".") {
		label, rest, _ := strings.Cut(part, "[")
		if label != "" {
			sels = append(sels, cue.Str(label))
		}
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if err != nil {
				return cue.ParsePath(p)
			}
			sels = append(sels, cue.Index(n))
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return cue.MakePath(sels...)
}

// Pos returns the position in the user's files that best explains path:
// the user's own conjunct when there is one, else that of the nearest
// ancestor the user wrote. Schema defaults have no user position, so a
// finding about a defaulted field points at the resource that got it.
func (i *Instance) Pos(path string) token.Pos {
	for p := path; ; {
		if v := i.Value(p); v.Exists() {
			if pos := i.userPos(v); pos.IsValid() {
				return pos
			}
		}
		if p == "" {
			return token.NoPos
		}
		p = parent(p)
	}
}

// Has reports whether the user's files set path (as opposed to a schema
// default or nothing at all).
func (i *Instance) Has(path string) bool {
	v := i.Value(path)
	return v.Exists() && i.userPos(v).IsValid()
}

func (i *Instance) userPos(v cue.Value) token.Pos {
	cands := []token.Pos{v.Pos()}
	if _, parts := v.Expr(); len(parts) > 1 {
		for _, x := range parts {
			cands = append(cands, x.Pos())
		}
	}
	for _, p := range cands {
		if p.IsValid() && !i.isSchema(p.Filename()) {
			return p
		}
	}
	return token.NoPos
}

func (i *Instance) isSchema(file string) bool {
	return i.schemaDir != "" && strings.HasPrefix(file, i.schemaDir+string(filepath.Separator))
}

// parent drops the last selector or index of a CUE path.
func parent(p string) string {
	if i := strings.LastIndexAny(p, ".["); i > 0 {
		return p[:i]
	}
	return ""
}

// DeclaredRef returns the ref of the resource declared as name in kind's
// collection, with the logical ID it keeps, if any.
func (i *Instance) DeclaredRef(kind, name string) Ref {
	r := Ref{Kind: kind, Name: name}
	v := i.value.LookupPath(cue.MakePath(cue.Str(Kinds[kind].Collection), cue.Str(name), cue.Str("ref"), cue.Str("id")))
	if id, err := v.String(); err == nil {
		r.ID = id
	}
	return r
}
