package review

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"samgen.dev/samgen/policies"
)

// Failures of a report that `--fail-on` can name.
const (
	FailReplace  = "replace"
	FailDataLoss = "data-loss"
	FailIAMWiden = "iam-widen"
)

// FailOn lists the failures a report can have.
var FailOn = []string{FailReplace, FailDataLoss, FailIAMWiden}

// Has reports whether the report shows failure f.
func (r *Report) Has(f string) bool {
	all := append(slices.Clone(r.Changes), r.Generated...)
	switch f {
	case FailReplace:
		return slices.ContainsFunc(all, func(c Change) bool { return c.Change == Replaced })
	case FailDataLoss:
		return slices.ContainsFunc(all, func(c Change) bool { return c.DataLoss != "" })
	case FailIAMWiden:
		return slices.ContainsFunc(r.Roles, RoleDelta.Widening)
	}
	return false
}

// Empty reports whether the change changes nothing in the stack.
func (r *Report) Empty() bool {
	return len(r.Changes)+len(r.Generated)+len(r.Roles) == 0
}

// WriteJSON writes r as JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	out := struct {
		*Report
		Failures []string `json:"failures"`
	}{r, []string{}}
	for _, f := range FailOn {
		if r.Has(f) {
			out.Failures = append(out.Failures, f)
		}
	}
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	if out.Generated == nil {
		out.Generated = []Change{}
	}
	if out.Roles == nil {
		out.Roles = []RoleDelta{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteText writes r for a terminal.
func (r *Report) WriteText(w io.Writer) error {
	p := &printer{w: w}
	if r.Empty() {
		p.line("No change to the stack's resources or IAM.")
		p.line("")
	}
	if losses := r.losses(); len(losses) > 0 {
		p.line("DATA LOSS:")
		for _, c := range losses {
			p.line("  %s: %s", c.ID, c.DataLoss)
			if c.Suggestion != "" {
				p.line("    %s", c.Suggestion)
			}
		}
		p.line("")
	}
	section := func(title string, cs []Change) {
		if len(cs) == 0 {
			return
		}
		p.line("%s:", title)
		for _, c := range cs {
			p.line("  %-8s  %s  %s%s", c.Change, c.label(), c.Type, c.about())
			if c.Replacement != "" {
				p.line("            replaced: %s", c.Replacement)
			}
			for _, pr := range c.Properties {
				p.line("            %s", pr.text())
			}
		}
		p.line("")
	}
	section("Resources", r.Changes)
	section("SAM generates", r.Generated)
	if len(r.Roles) > 0 {
		p.line("IAM:")
		for _, d := range r.Roles {
			p.line("  %s%s:", d.Role, d.state())
			for _, g := range grouped(d.Added) {
				widens := ""
				if g.widens != "" {
					widens = "  WIDENS: " + g.widens
				}
				p.line("    + %s on %s  [%s]%s", g.actions(), strings.Join(g.resources, ", "), g.source, widens)
			}
			for _, g := range grouped(d.Removed) {
				p.line("    - %s on %s  [%s]", g.actions(), strings.Join(g.resources, ", "), g.source)
			}
		}
		p.line("")
	}
	p.line("%s", r.budgetLine())
	for _, u := range r.Unchecked {
		p.line("not checked: %s", u)
	}
	return p.err
}

// WriteMarkdown writes r as a pull-request comment (GitHub Markdown).
func (r *Report) WriteMarkdown(w io.Writer) error {
	p := &printer{w: w}
	p.line("### samgen diff")
	p.line("")
	if r.Empty() {
		p.line("No change to the stack's resources or IAM.")
		p.line("")
	}
	if losses := r.losses(); len(losses) > 0 {
		p.line("> [!CAUTION]")
		p.line("> **Data loss**")
		for _, c := range losses {
			s := ""
			if c.Suggestion != "" {
				s = ": " + c.Suggestion
			}
			p.line("> - `%s`: %s%s", c.ID, c.DataLoss, mdEscape(s))
		}
		p.line("")
	}
	table := func(title string, cs []Change) {
		if len(cs) == 0 {
			return
		}
		p.line("#### %s", title)
		p.line("")
		p.line("| change | logical ID | type | details |")
		p.line("| --- | --- | --- | --- |")
		for _, c := range cs {
			var details []string
			if about := strings.TrimPrefix(c.about(), "  "); about != "" {
				details = append(details, mdEscape(about))
			}
			if c.Replacement != "" {
				details = append(details, "**replaced**: "+mdEscape(c.Replacement))
			}
			for _, pr := range c.Properties {
				details = append(details, mdEscape(pr.text()))
			}
			change := c.Change
			if c.Change == Replaced {
				change = "**replaced**"
			}
			p.line("| %s | `%s` | %s | %s |", change, c.label(), c.Type, strings.Join(details, "<br>"))
		}
		p.line("")
	}
	table("Resources", r.Changes)
	table("SAM generates", r.Generated)
	if len(r.Roles) > 0 {
		p.line("#### IAM")
		p.line("")
		p.line("| role | | action | resource | from | widens |")
		p.line("| --- | --- | --- | --- | --- | --- |")
		for _, d := range r.Roles {
			role := "`" + d.Role + "`" + d.state()
			for _, g := range grouped(d.Added) {
				widens := ""
				if g.widens != "" {
					widens = "**" + g.widens + "**"
				}
				p.line("| %s | + | `%s` | %s | %s | %s |", role, g.actions(), codes(g.resources), mdEscape(g.source), widens)
			}
			for _, g := range grouped(d.Removed) {
				p.line("| %s | − | `%s` | %s | %s | |", role, g.actions(), codes(g.resources), mdEscape(g.source))
			}
		}
		p.line("")
	}
	p.line("%s", mdEscape(r.budgetLine()))
	for _, u := range r.Unchecked {
		p.line("")
		p.line("_Not checked: %s_", mdEscape(u))
	}
	return p.err
}

func (r *Report) losses() []Change {
	var out []Change
	for _, c := range append(slices.Clone(r.Changes), r.Generated...) {
		if c.DataLoss != "" {
			out = append(out, c)
		}
	}
	return out
}

func (r *Report) budgetLine() string {
	return fmt.Sprintf("Resources after SAM's transform: %s of %d; template: %s bytes of %s (%s inline)",
		change(r.Before.Resources, r.After.Resources), MaxResources,
		change(r.Before.Bytes, r.After.Bytes), thousands(MaxBytes), thousands(MaxInlineBytes))
}

func change(before, after int) string {
	if before == after {
		return thousands(after)
	}
	return fmt.Sprintf("%s → %s (%+d)", thousands(before), thousands(after), after-before)
}

// thousands writes n with comma separators, as AWS writes limits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func (c Change) label() string {
	if c.OldID != "" {
		return c.ID + " (was " + c.OldID + ")"
	}
	return c.ID
}

// about says where a change comes from: the spec declaration, or what SAM
// generates it for.
func (c Change) about() string {
	switch {
	case c.For != "":
		return "  " + c.What + " of " + c.For
	case c.Spec != "":
		return "  " + c.Spec
	}
	return ""
}

func (d RoleDelta) state() string {
	var s []string
	switch {
	case d.New:
		s = append(s, "new")
	case d.Deleted:
		s = append(s, "deleted")
	}
	if d.For != "" {
		s = append(s, "role of "+d.For)
	}
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, ", ") + ")"
}

func (p Property) text() string {
	s := p.Path + ": " + show(p.Old) + " → " + show(p.New)
	if p.Replaces {
		s += " (replaces)"
	}
	return s
}

// show writes a template value on one line: intrinsics in their short
// form, long values cut.
func show(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		s = x
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				switch k {
				case "Ref":
					return fmt.Sprintf("!Ref %v", arg)
				case "Fn::GetAtt":
					if l, ok := arg.([]any); ok && len(l) == 2 {
						return fmt.Sprintf("!GetAtt %v.%v", l[0], l[1])
					}
				case "Fn::Sub":
					if str, ok := arg.(string); ok {
						return "!Sub " + str
					}
				}
			}
		}
		s = policies.Format(v)
	default:
		b, _ := json.Marshal(v)
		s = string(b)
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "..."
	}
	return s
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`).Replace(s)
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// Marks returns what the change does to each template resource it adds,
// removes or replaces, by logical ID ([Added], [Removed], [Replaced]),
// for a graph of the change.
func (r *Report) Marks() map[string]string {
	m := map[string]string{}
	for _, c := range r.Changes {
		if c.Change != Modified {
			m[c.ID] = c.Change
		}
		if c.OldID != "" {
			m[c.OldID] = Removed
		}
	}
	return m
}

// grantGroup is grants of one source that give the same actions on each
// of their resources: one line of a report.
type grantGroup struct {
	source, widens string
	acts           []string
	resources      []string
}

// grouped groups grants for reading: per source and widening, the
// actions each resource gets, then the resources that get the same
// actions. The product of a group's actions and resources is exactly its
// grants.
func grouped(gs []GrantChange) []grantGroup {
	type key struct{ source, widens, resource string }
	var order []key
	acts := map[key][]string{}
	for _, g := range gs {
		k := key{g.Source, g.Widens, g.Resource}
		if _, ok := acts[k]; !ok {
			order = append(order, k)
		}
		acts[k] = append(acts[k], g.Action)
	}
	var out []grantGroup
	for _, k := range order {
		a := acts[k]
		slices.Sort(a)
		i := slices.IndexFunc(out, func(g grantGroup) bool {
			return g.source == k.source && g.widens == k.widens && slices.Equal(g.acts, a)
		})
		if i < 0 {
			out = append(out, grantGroup{source: k.source, widens: k.widens, acts: a})
			i = len(out) - 1
		}
		out[i].resources = append(out[i].resources, k.resource)
	}
	return out
}

// actions writes a group's actions, the service once when they share it:
// dynamodb:{GetItem,Query}.
func (g grantGroup) actions() string {
	if len(g.acts) == 1 {
		return g.acts[0]
	}
	svc, _, _ := strings.Cut(g.acts[0], ":")
	names := make([]string, len(g.acts))
	for i, a := range g.acts {
		s, name, ok := strings.Cut(a, ":")
		if !ok || s != svc {
			return strings.Join(g.acts, ", ")
		}
		names[i] = name
	}
	return svc + ":{" + strings.Join(names, ",") + "}"
}

func codes(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}
