package diag

import (
	"fmt"
	"io"
)

// PrintGNU writes l one line per finding in the GNU form compilers use,
// `FILE:LINE:COLUMN: SEVERITY: MESSAGE`, which Emacs' compilation mode,
// Vim's quickfix list and most editors' problem matchers parse:
//
//	app/samgen.cue:14:11: error: app.functions.api.memory: invalid value 64 (out of bound >=128)
//	app/samgen.cue:31:14: warning: app.functions.report: ... [SG801]
//
// A silenced finding is a note that says so; files are relative to cwd.
func PrintGNU(w io.Writer, l List, cwd string, slash bool) {
	for _, d := range l {
		sev := d.Severity.String()
		if d.Silenced != "" {
			sev = "note"
		}
		msg := summary(d, true)
		if !d.Pos.IsValid() {
			fmt.Fprintf(w, "samgen: %s: %s\n", sev, msg)
			continue
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", trimDot(RelPath(d.Pos.File, cwd, slash)), d.Pos.Line, d.Pos.Column, sev, msg)
	}
}

// trimDot drops the "./" cue's form puts before a relative path.
func trimDot(p string) string {
	if len(p) > 2 && p[0] == '.' && (p[1] == '/' || p[1] == '\\') {
		return p[2:]
	}
	return p
}
