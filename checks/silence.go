package checks

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/schema"
)

// declaredIgnores returns every `lint: ignore` map of the spec, keyed by
// the path of the resource that declares it ("defaults.function",
// "queues.jobs", ...): every kind's `lint` is in the kind table.
func declaredIgnores(a *schema.App) map[string]map[string]string {
	out := map[string]map[string]string{}
	if l := a.Defaults.Function.Lint; l != nil && len(l.Ignore) > 0 {
		out["defaults.function"] = l.Ignore
	}
	a.Each(func(_ schema.Kind, path string, d schema.Decl) {
		if d.Lint != nil && len(d.Lint.Ignore) > 0 {
			out[path] = d.Lint.Ignore
		}
	})
	return out
}

// ignores returns the `lint: ignore` map that applies to a finding about
// path (relative to `app`): that of the resource the path is inside (a
// function's own entries win over those of `defaults.function`, which
// apply to every function).
func ignores(declared map[string]map[string]string, path string) map[string]string {
	sel := strings.SplitN(path, ".", 3)
	if len(sel) < 2 {
		return nil
	}
	own := declared[sel[0]+"."+sel[1]]
	if sel[0] != "functions" {
		return own
	}
	m := maps.Clone(declared["defaults.function"])
	if m == nil {
		m = map[string]string{}
	}
	maps.Copy(m, own)
	return m
}

// Silence records the user's reason on every warning (or acknowledgeable
// error) its resource silences.
func Silence(inst *schema.Instance, ds diag.List) {
	declared := declaredIgnores(&inst.App)
	for i, d := range ds {
		if r, _ := Lookup(d.Rule); d.Severity != Warning && !r.Acknowledged {
			continue
		}
		if reason, ok := ignores(declared, strings.TrimPrefix(d.Path, "app."))[d.Rule]; ok {
			ds[i].Silenced = reason
		}
	}
}

// silences checks every `lint: ignore` entry names a warning rule.
func silences(c *Context) {
	declared := declaredIgnores(c.App)
	for _, path := range slices.Sorted(maps.Keys(declared)) {
		for _, id := range slices.Sorted(maps.Keys(declared[path])) {
			at := path + ".lint.ignore." + id
			switch r, ok := Lookup(id); {
			case !ok:
				c.Report(at, "unknown rule %s; see docs/rules.md", id)
			case r.Severity != Warning && !r.Acknowledged:
				c.Report(at, "rule %s is an error and cannot be silenced", id)
			}
		}
	}
}
