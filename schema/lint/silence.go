package lint

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

func init() {
	register(Rule{ID: "SG800", Severity: Error, Check: silences,
		Summary: "`lint: ignore` names warnings samgen has",
		Doc:     "A resource silences a rule with `lint: ignore: {SG801: \"reason\"}`; the reason is required and `samgen vet` lists every silenced finding with it. Only warnings can be silenced: an error means the deploy would fail or the spec is ambiguous. An unknown rule ID is most likely a typo, which would leave the finding it meant unsilenced."})
	silence = markSilenced
}

// ignores returns the `lint: ignore` map that applies to a finding about
// path: that of the resource the path is inside (a function's own entries
// win over those of `defaults.function`, which apply to every function).
func ignores(app *schema.App, path string) map[string]string {
	sel := strings.SplitN(path, ".", 3)
	if len(sel) < 2 {
		return nil
	}
	of := func(l *schema.Lint) map[string]string {
		if l == nil {
			return nil
		}
		return l.Ignore
	}
	name := sel[1]
	switch sel[0] {
	case "defaults":
		return of(app.Defaults.Function.Lint)
	case "functions":
		m := maps.Clone(of(app.Defaults.Function.Lint))
		if m == nil {
			m = map[string]string{}
		}
		maps.Copy(m, of(app.Functions[name].Lint))
		return m
	case "queues":
		return of(app.Queues[name].Lint)
	case "topics":
		return of(app.Topics[name].Lint)
	case "tables":
		return of(app.Tables[name].Lint)
	case "buses":
		return of(app.Buses[name].Lint)
	}
	return nil
}

// markSilenced records the user's reason on every warning its resource
// silences.
func markSilenced(inst *schema.Instance, ds []Diagnostic) {
	for i, d := range ds {
		if d.Severity != Warning {
			continue
		}
		if reason, ok := ignores(&inst.App, d.Path)[d.Rule]; ok {
			ds[i].Silenced = reason
		}
	}
}

// silences checks every `lint: ignore` entry names a warning rule.
func silences(c *Context) {
	check := func(path string, l *schema.Lint) {
		if l == nil {
			return
		}
		for _, id := range slices.Sorted(maps.Keys(l.Ignore)) {
			at := path + ".lint.ignore." + id
			i := slices.IndexFunc(Rules, func(r Rule) bool { return r.ID == id })
			switch {
			case i < 0:
				c.Report(at, "unknown rule %s; see docs/rules.md", id)
			case Rules[i].Severity != Warning:
				c.Report(at, "rule %s is an error and cannot be silenced", id)
			}
		}
	}
	check("defaults.function", c.App.Defaults.Function.Lint)
	c.each(func(name string, fn schema.Function, path string) { check(path, fn.Lint) })
	for _, n := range slices.Sorted(maps.Keys(c.App.Queues)) {
		check("queues."+n, c.App.Queues[n].Lint)
	}
	for _, n := range slices.Sorted(maps.Keys(c.App.Topics)) {
		check("topics."+n, c.App.Topics[n].Lint)
	}
	for _, n := range slices.Sorted(maps.Keys(c.App.Tables)) {
		check("tables."+n, c.App.Tables[n].Lint)
	}
	for _, n := range slices.Sorted(maps.Keys(c.App.Buses)) {
		check("buses."+n, c.App.Buses[n].Lint)
	}
}
