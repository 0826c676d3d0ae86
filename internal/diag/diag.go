// Package diag is samgen's one diagnostic type: schema errors and rule
// findings alike are a [Diagnostic] with a rule, a severity, a spec path,
// the user's position first, and a message. One text printer and one JSON
// printer write them, so every command and the editor show the same thing.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"cuelang.org/go/cue/token"
)

// Severity of a diagnostic.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	// Note is a fact worth seeing in review (an override, a stale vendored
	// schema); it never fails a command.
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// MarshalJSON writes the severity's name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Schema is the rule of a diagnostic that comes from the CUE schema rather
// than from one of samgen's rules.
const Schema = "schema"

// SchemaFile prefixes the virtual names of samgen's embedded schema files
// ("<samgen>/schema/functions.cue"): they are not on disk, and a path that
// says so keeps editors from linking to a file that does not exist.
const SchemaFile = "<samgen>/schema/"

// Position is a place in a file: a line and column counted from 1 and the
// byte offset counted from 0.
type Position struct {
	// File is an absolute path, or a name under [SchemaFile].
	File   string
	Line   int
	Column int
	Offset int
}

// At converts a CUE position.
func At(p token.Pos) Position {
	if !p.IsValid() {
		return Position{}
	}
	return Position{File: p.Filename(), Line: p.Line(), Column: p.Column(), Offset: p.Offset()}
}

// IsValid reports whether p names a place.
func (p Position) IsValid() bool { return p.Line > 0 }

// InSchema reports whether p is in samgen's embedded schema.
func (p Position) InSchema() bool { return strings.HasPrefix(p.File, SchemaFile) }

// Diagnostic is one finding about a spec.
type Diagnostic struct {
	// Rule is the rule ID ("SG301"), or [Schema] for a schema error.
	Rule     string
	Severity Severity
	// Path is the spec path of the offending value from the package root,
	// list elements as [i]: "app.functions.hi.access[0].read".
	Path string
	// Pos is the user's position the finding is about: the start of the
	// offending value (or label).
	Pos Position
	// End is the end of that value in Pos's file, for the range editors
	// underline; the zero Position when unknown.
	End Position
	// Related are further positions: other places in the user's files,
	// then the constraints of samgen's schema.
	Related []Position
	Msg     string
	// Silenced holds the user's reason when the finding is silenced; a
	// silenced finding never fails a command.
	Silenced string
	// Suggestion, when set, is the text that replaces [Pos, End) to fix the
	// finding: the did-you-mean of a misspelt field, enum value or name.
	Suggestion string
}

// List is a set of diagnostics. As an error, it stands for a spec that
// failed.
type List []Diagnostic

// Error summarises the list; print it with [Print] to see it.
func (l List) Error() string {
	n := 0
	for _, d := range l {
		if d.fails(false) {
			n++
		}
	}
	if len(l) > 0 {
		return fmt.Sprintf("%d error(s); first: %s: %s", n, l[0].Path, l[0].Msg)
	}
	return "no diagnostics"
}

func (d Diagnostic) fails(strict bool) bool {
	return d.Silenced == "" && (d.Severity == Error || strict && d.Severity == Warning)
}

// HasErrors reports whether l holds an unsilenced error (or, when strict,
// an unsilenced warning).
func (l List) HasErrors(strict bool) bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.fails(strict) })
}

// Sort orders l by file, line and column of Pos, then rule, path and
// message, and drops exact repeats.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b Diagnostic) bool {
		return a.Rule == b.Rule && a.Path == b.Path && a.Msg == b.Msg && a.Pos == b.Pos
	})
}

// Errorf returns a schema-free error diagnostic, for findings that are not
// a rule's (a spec that does not load).
func Errorf(pos Position, path, format string, args ...any) Diagnostic {
	return Diagnostic{Rule: Schema, Severity: Error, Path: path, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Findings returns l without its notes that have no rule (notices about
// the load rather than findings about the spec).
func (l List) Findings() List {
	var out List
	for _, d := range l {
		if d.Rule != "" {
			out = append(out, d)
		}
	}
	return out
}
