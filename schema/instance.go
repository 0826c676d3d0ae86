package schema

import (
	"path/filepath"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/internal/diag"
)

// The CUE value is kept for positions only: checks and render read the
// model. Spec paths are written one way everywhere (diagnostics, checks,
// render): selectors joined by '.', list elements as [i], and a label
// quoted only when it is not a name (a state name with a space:
// states."Save order").

// Label renders a map key as a path selector, quoted when it is not a
// #Name-like label: "get-item" → get-item, "Save order" → "Save order".
func Label(name string) string {
	if isBareLabel(name) {
		return name
	}
	return strconv.Quote(name)
}

// SplitPath splits a spec path (see [Label]) into its labels as written:
// "functions", "\"a-b\"" (quoted), "[0]" (a list index). A part it cannot
// read ends the path, as one label.
func SplitPath(p string) []string {
	var out []string
	for p != "" {
		end := 0
		switch {
		case p[0] == '.':
			p = p[1:]
			continue
		case p[0] == '[':
			end = strings.IndexByte(p, ']') + 1
		case p[0] == '"':
			q, _ := strconv.QuotedPrefix(p)
			end = len(q)
		default:
			if end = strings.IndexAny(p, ".["); end < 0 {
				end = len(p)
			}
		}
		if end <= 0 {
			return append(out, p)
		}
		out, p = append(out, p[:end]), p[end:]
	}
	return out
}

// cuePath parses a spec path (see [Label]).
func cuePath(p string) cue.Path {
	var sels []cue.Selector
	for _, l := range SplitPath(p) {
		switch {
		case strings.HasPrefix(l, "["):
			n, err := strconv.Atoi(strings.TrimSuffix(l[1:], "]"))
			if err != nil || !strings.HasSuffix(l, "]") {
				return cue.MakePath(append(sels, cue.Str(l))...)
			}
			sels = append(sels, cue.Index(n))
		case strings.HasPrefix(l, `"`):
			u, err := strconv.Unquote(l)
			if err != nil {
				return cue.MakePath(append(sels, cue.Str(l))...)
			}
			sels = append(sels, cue.Str(u))
		default:
			sels = append(sels, label(l))
		}
	}
	return cue.MakePath(sels...)
}

func label(s string) cue.Selector {
	if strings.HasPrefix(s, "#") {
		return cue.Def(s)
	}
	return cue.Str(s)
}

// Release drops the CUE value, for a caller done with positions (build,
// before it writes the template): the evaluated spec is most of the
// process's memory, and the writer then reuses it. Afterwards Pos gives no
// position and Has reports false.
func (i *Instance) Release() { i.value = cue.Value{} }

// Value returns the CUE value at path (relative to `app`, such as
// "functions.hello.memory").
func (i *Instance) Value(path string) cue.Value {
	if path == "" {
		return i.value
	}
	return i.value.LookupPath(cuePath(path))
}

// Pos returns the position in the user's files that best explains path:
// the user's own conjunct when there is one, else that of the nearest
// ancestor the user wrote. Schema defaults have no user position, so a
// finding about a defaulted field points at the resource that got it.
func (i *Instance) Pos(path string) diag.Position {
	if p, ok := i.documentPos(path); ok {
		return p
	}
	return diag.At(i.tokenPos(path))
}

// SpecPos is Pos in the spec's own files, never in a document it names:
// for a finding about what the spec gives beside a document.
func (i *Instance) SpecPos(path string) diag.Position { return diag.At(i.tokenPos(path)) }

// documentPos is the position of path inside a document the spec names:
// that of path or of its nearest ancestor recorded there.
func (i *Instance) documentPos(path string) (diag.Position, bool) {
	if i == nil || len(i.docPos) == 0 {
		return diag.Position{}, false
	}
	for p := path; p != ""; p = parent(p) {
		if pos, ok := i.docPos[p]; ok {
			return pos, true
		}
	}
	return diag.Position{}, false
}

// setDocPos records where the value at path of a document is, and where
// it ends when known.
func (i *Instance) setDocPos(path string, pos, end diag.Position) {
	if i.docPos == nil {
		i.docPos = map[string]diag.Position{}
		i.docEnd = map[posKey]diag.Position{}
	}
	i.docPos[path] = pos
	if end.IsValid() {
		i.docEnd[posKey{pos.File, pos.Offset}] = end
	}
}

// InDocument reports whether path is inside a document the spec names
// (its position is in that file, not in the spec).
func (i *Instance) InDocument(path string) bool {
	_, ok := i.documentPos(path)
	return ok
}

func (i *Instance) tokenPos(path string) token.Pos {
	if i == nil || !i.value.Exists() {
		return token.NoPos
	}
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
// default or nothing at all). It is a question of provenance, which only
// the CUE value can answer.
func (i *Instance) Has(path string) bool {
	v := i.Value(path)
	return v.Exists() && i.userPos(v).IsValid()
}

func (i *Instance) userPos(v cue.Value) token.Pos {
	if p := v.Pos(); i.isUser(p) {
		return p
	}
	// Only then the conjuncts: Expr costs as much as the value is large
	// (the whole app, for a finding about `app`).
	if _, parts := v.Expr(); len(parts) > 1 {
		for _, x := range parts {
			if p := x.Pos(); i.isUser(p) {
				return p
			}
		}
	}
	return token.NoPos
}

func (i *Instance) isUser(p token.Pos) bool { return p.IsValid() && !i.isSchema(p.Filename()) }

func (i *Instance) isSchema(file string) bool {
	return i.schemaDir != "" && strings.HasPrefix(file, i.schemaDir+string(filepath.Separator))
}

// parent drops the last selector or index of a spec path.
func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		return p[:strings.LastIndexByte(p, '[')]
	}
	if strings.HasSuffix(p, `"`) {
		// A quoted label: find its opening quote.
		for j := len(p) - 2; j >= 0; j-- {
			if p[j] == '"' && (j == 0 || p[j-1] == '.') {
				return strings.TrimSuffix(p[:j], ".")
			}
		}
	}
	if i := strings.LastIndexAny(p, ".["); i > 0 {
		return p[:i]
	}
	return ""
}

// specPath turns an error path from the package root ("app", "functions",
// "hi", "policies", "0") into a spec path relative to `app`
// ("functions.hi.policies[0]").
func specPath(labels []string) string {
	if len(labels) > 0 && labels[0] == "app" {
		labels = labels[1:]
	}
	return joinPath(labels)
}

// joinPath joins labels into a spec path.
func joinPath(labels []string) string {
	var b strings.Builder
	for _, l := range labels {
		if _, err := strconv.Atoi(l); err == nil {
			b.WriteString("[" + l + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(Label(l))
	}
	return b.String()
}
