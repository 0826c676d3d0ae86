// Package checks runs the rules CUE cannot express well: cross-resource
// rules, runtime lifecycle by date, per-event-type options, IAM scope,
// state machine graphs and serverless best practices. Each rule is one
// small function and one row of [Rules]; each finding is a
// [diag.Diagnostic] at the user's file:line:col. Checks read the decoded
// model; the CUE value is asked for positions and provenance only.
package checks

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/schema"
)

// Severities of the rules, as the table writes them.
const (
	Error   = diag.Error
	Warning = diag.Warning
	Note    = diag.Note
)

// Rule is one check: a row of [Rules].
type Rule struct {
	// ID is frozen: users silence rules and CI annotates by it. The
	// ranges are in docs/rules.md.
	ID       string
	Severity diag.Severity
	// Summary is one line; Doc explains why the rule exists.
	Summary string
	Doc     string
	// Acknowledged marks an error that a resource may silence with a
	// reason (`lint: ignore`), as a warning: one about what samgen can
	// only guess (a literal that looks like a secret).
	Acknowledged bool
	// Files marks a rule that reads the files the spec names (sources),
	// which only the user's own directory holds: it does not run on a
	// copy of the spec (Options.Copy).
	Files bool
	// Check finds the rule's violations; nil for a rule render reports
	// where it assigns what the rule is about (logical IDs, overrides),
	// which `vet` runs too.
	Check func(c *Context)
}

// Options tune [Run].
type Options struct {
	// Now is the date runtime lifecycle dates are compared with; tests pin
	// it. Zero means today.
	Now time.Time
	// Copy says the spec's directory is a copy that holds the spec but
	// not necessarily the files it names (the external validator's
	// tracked files, the importer's scratch directory): the rules that
	// read those files (Rule.Files) do not run.
	Copy bool
}

// Context is what a rule sees.
type Context struct {
	Inst  *schema.Instance
	App   *schema.App
	Now   time.Time
	rule  *Rule
	diags diag.List
	// scopes are the state machines' workflows, listed once (sfnScopes);
	// owned the functions the app creates, sorted (each).
	scopes []sfnScope
	owned  []string
	// routeKeys are the event routes of each API, "METHOD /path", sorted and
	// unique, listed once (apiRouteKeys).
	routeKeys map[schema.Ref][]string
	// values are the spec's values, listed once (eachValue); tagged the
	// tag maps (taggedDecls).
	values []schema.ValueAt
	tagged []taggedDecl
}

// Report records a finding of the running rule about path (relative to
// `app`).
func (c *Context) Report(path, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{
		Rule: c.rule.ID, Severity: c.rule.Severity,
		Path: "app." + path, Pos: c.Inst.Pos(path), Msg: fmt.Sprintf(format, args...),
	})
}

// ReportSpec is Report at the spec's own position of path, for a finding
// about what the spec gives where a document it names gives it too.
func (c *Context) ReportSpec(path, format string, args ...any) {
	c.Report(path, format, args...)
	c.diags[len(c.diags)-1].Pos = c.Inst.SpecPos(path)
}

// Finding returns a diagnostic of rule id, for the rules whose findings are
// made outside a check (render's logical IDs).
func Finding(id, path string, pos diag.Position, format string, args ...any) diag.Diagnostic {
	r, ok := Lookup(id)
	if !ok {
		panic("checks: unknown rule " + id) // a constant of samgen's code
	}
	return diag.Diagnostic{Rule: r.ID, Severity: r.Severity, Path: path, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	rules := Rules()
	i, ok := slices.BinarySearchFunc(rules, id, func(r Rule, id string) int {
		switch {
		case r.ID < id:
			return -1
		case r.ID > id:
			return 1
		}
		return 0
	})
	if !ok {
		return Rule{}, false
	}
	return rules[i], true
}

// Run runs every rule, in the order of [Rules], marks what the spec
// silences, and returns the findings sorted by position.
func Run(inst *schema.Instance, opts Options) diag.List {
	c := &Context{Inst: inst, App: &inst.App, Now: opts.Now}
	if c.Now.IsZero() {
		c.Now = time.Now().UTC()
	}
	for _, r := range Rules() {
		if r.Check == nil || r.Files && opts.Copy {
			continue
		}
		c.rule = &r
		r.Check(c)
	}
	Silence(inst, c.diags)
	return c.diags.Sort()
}

// each calls f for every function, sorted by name.
func (c *Context) each(f func(name string, fn schema.Function, path string)) {
	if c.owned == nil {
		c.owned = append([]string{}, c.App.OwnedFunctions()...)
	}
	for _, name := range c.owned {
		f(name, c.App.Functions[name], "functions."+name)
	}
}

// effective returns a function's settings with the defaults applied, and
// the path each setting came from.
func (c *Context) effective(name string) (schema.FunctionSettings, func(field string) string) {
	d := c.App.Defaults.Function
	f := c.App.Functions[name].FunctionSettings
	from := func(field string) string {
		own := "functions." + name + "." + field
		if c.Inst.Has(own) {
			return own
		}
		if c.Inst.Has("defaults.function." + field) {
			return "defaults.function." + field
		}
		return "functions." + name
	}
	return schema.Effective(d, f), from
}

// fnPath returns the path of a function's own field when the function sets
// it, else the function's path: findings about effective settings name the
// function, so that its `lint: ignore` applies.
func (c *Context) fnPath(name, field string) string {
	if p := "functions." + name + "." + field; c.Inst.Has(p) {
		return p
	}
	return "functions." + name
}

// eachEvent calls f for every event of every function, by function and
// event name.
func (c *Context) eachEvent(f func(fn string, e schema.Event, path string)) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			f(name, fn.Events[ev], path+".events."+ev)
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortedKeys[M ~map[string]V, V any](m M) []string { return slices.Sorted(maps.Keys(m)) }
