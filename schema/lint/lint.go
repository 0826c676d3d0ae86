// Package lint runs the checks CUE cannot express well: cross-resource
// rules, runtime lifecycle by date, per-event-type options, logical IDs.
// Each rule is one small function and one entry of [Rules]; each finding is
// positioned at the user's file:line:col.
package lint

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/schema"
)

// Severity of a finding.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	// Note is a fact worth seeing in review (an override); it never fails.
	Note Severity = "note"
)

// Rule is one check.
type Rule struct {
	// ID is stable: users silence rules and CI annotates by it.
	ID       string
	Severity Severity
	// Summary is one line; Doc explains why the rule exists.
	Summary string
	Doc     string
	Check   func(c *Context)
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string    `json:"rule"`
	Severity Severity  `json:"severity"`
	Path     string    `json:"path"`
	Pos      token.Pos `json:"-"`
	Msg      string    `json:"message"`
	// Silenced holds the user's reason when the rule is silenced for this
	// resource; a silenced finding never fails the build.
	Silenced string `json:"silenced,omitempty"`
}

// Options tune [Check].
type Options struct {
	// Now is the date runtime lifecycle dates are compared with; tests pin
	// it. Zero means today.
	Now time.Time
}

// Context is what a rule sees.
type Context struct {
	Inst  *schema.Instance
	App   *schema.App
	Now   time.Time
	rule  *Rule
	diags []Diagnostic
}

// Report records a finding of the running rule about path.
func (c *Context) Report(path, format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{
		Rule:     c.rule.ID,
		Severity: c.rule.Severity,
		Path:     path,
		Pos:      c.Inst.Pos(path),
		Msg:      fmt.Sprintf(format, args...),
	})
}

// Check runs every rule and returns the findings sorted by position.
func Check(inst *schema.Instance, opts Options) []Diagnostic {
	c := &Context{Inst: inst, App: &inst.App, Now: opts.Now}
	sortRules()
	if c.Now.IsZero() {
		c.Now = time.Now().UTC()
	}
	for i := range Rules {
		c.rule = &Rules[i]
		c.rule.Check(c)
	}
	silence(inst, c.diags)
	Sort(c.diags)
	return slices.CompactFunc(c.diags, func(a, b Diagnostic) bool {
		return a.Rule == b.Rule && a.Path == b.Path && a.Msg == b.Msg
	})
}

// silence marks findings the user silenced; see silence.go.
var silence = func(*schema.Instance, []Diagnostic) {}

// Sort orders findings by file, line, column, then rule and path.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename(), b.Pos.Filename()),
			cmp.Compare(a.Pos.Line(), b.Pos.Line()),
			cmp.Compare(a.Pos.Column(), b.Pos.Column()),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Path, b.Path),
		)
	})
}

// HasErrors reports whether ds holds an unsilenced error (or, when strict,
// an unsilenced warning).
func HasErrors(ds []Diagnostic, strict bool) bool {
	for _, d := range ds {
		if d.Silenced == "" && (d.Severity == Error || strict && d.Severity == Warning) {
			return true
		}
	}
	return false
}

// Print writes findings as `cue vet` prints errors, so editors link the
// positions: "path: message [ID]:" and an indented "./file:line:col".
// Warnings and silenced findings say so first.
func Print(w io.Writer, ds []Diagnostic, cwd string) {
	for _, d := range ds {
		prefix := ""
		switch {
		case d.Silenced != "":
			prefix = "silenced: "
		case d.Severity == Warning:
			prefix = "warning: "
		case d.Severity == Note:
			prefix = "note: "
		}
		fmt.Fprintf(w, "%sapp.%s: %s [%s]", prefix, d.Path, d.Msg, d.Rule)
		if d.Silenced != "" {
			fmt.Fprintf(w, " (reason: %s)", d.Silenced)
		}
		fmt.Fprintln(w, ":")
		if d.Pos.IsValid() {
			fmt.Fprintf(w, "    %s:%d:%d\n", RelPath(d.Pos.Filename(), cwd), d.Pos.Line(), d.Pos.Column())
		}
	}
}

// RelPath makes file relative to cwd with a leading "./", as cue does.
func RelPath(file, cwd string) string {
	if cwd == "" {
		return file
	}
	rel, err := filepath.Rel(cwd, file)
	if err != nil {
		return file
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel
}

// register adds rules from a file of their own (layers.go, async.go, ...),
// keeping one table: Rules is sorted by ID before use.
func register(rs ...Rule) { Rules = append(Rules, rs...) }

func sortRules() {
	slices.SortFunc(Rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
}
