package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Print writes l as `cue vet` prints errors, so editors link the
// positions: "path: message [RULE]:" and one indented "./file:line:col"
// per position, the user's first. Warnings, notes and silenced findings
// say so first. Positions are relative to cwd; with slash, written with
// forward slashes (tests pin them on every OS).
func Print(w io.Writer, l List, cwd string, slash bool) {
	for _, d := range l {
		prefix := ""
		switch {
		case d.Silenced != "":
			prefix = "silenced: "
		case d.Severity == Warning:
			prefix = "warning: "
		case d.Severity == Note:
			prefix = "note: "
		}
		fmt.Fprint(w, prefix)
		if d.Path != "" {
			fmt.Fprintf(w, "%s: ", d.Path)
		}
		fmt.Fprint(w, d.Msg)
		if d.Rule != "" && d.Rule != Schema {
			fmt.Fprintf(w, " [%s]", d.Rule)
		}
		if d.Silenced != "" {
			fmt.Fprintf(w, " (reason: %s)", d.Silenced)
		}
		if !d.Pos.IsValid() && len(d.Related) == 0 && d.Severity == Note {
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintln(w, ":")
		for _, p := range append([]Position{d.Pos}, d.Related...) {
			if p.IsValid() {
				fmt.Fprintf(w, "    %s:%d:%d\n", RelPath(p.File, cwd, slash), p.Line, p.Column)
			}
		}
	}
}

// RelPath makes file relative to cwd with a leading "./", as cue does;
// names of the embedded schema are left as they are.
func RelPath(file, cwd string, slash bool) string {
	if cwd == "" || strings.HasPrefix(file, SchemaFile) {
		return file
	}
	rel, err := filepath.Rel(cwd, file)
	if err != nil {
		return file
	}
	if slash {
		rel = filepath.ToSlash(rel)
	}
	if !strings.HasPrefix(rel, "..") {
		rel = "." + string(filepath.Separator) + rel
		if slash {
			rel = filepath.ToSlash(rel)
		}
	}
	return rel
}

// Record is the JSON form of a diagnostic, documented in docs/vet-json.md.
type Record struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Path       string `json:"path"`
	File       string `json:"file,omitempty"`
	Line       int    `json:"line,omitempty"`
	Column     int    `json:"column,omitempty"`
	EndLine    int    `json:"endLine,omitempty"`
	EndColumn  int    `json:"endColumn,omitempty"`
	Message    string `json:"message"`
	Silenced   string `json:"silenced,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
}

// Records converts l to its JSON form, files relative to cwd.
func Records(l List, cwd string) []Record {
	out := []Record{}
	for _, d := range l {
		r := Record{Rule: d.Rule, Severity: d.Severity.String(), Path: d.Path, Message: d.Msg, Silenced: d.Silenced, Suggestion: d.Suggestion}
		if d.Pos.IsValid() {
			r.File = relFile(d.Pos.File, cwd)
			r.Line, r.Column = d.Pos.Line, d.Pos.Column
			if d.End.IsValid() {
				r.EndLine, r.EndColumn = d.End.Line, d.End.Column
			}
		}
		out = append(out, r)
	}
	return out
}

// relFile is file relative to cwd with forward slashes and no "./", as
// CI systems name files.
func relFile(file, cwd string) string {
	return strings.TrimPrefix(RelPath(file, cwd, true), "./")
}

// PrintJSON writes l as a JSON array of [Record].
func PrintJSON(w io.Writer, l List, cwd string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages quote CUE bounds such as <=2 verbatim
	return enc.Encode(Records(l, cwd))
}
