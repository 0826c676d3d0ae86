package lint

import (
	"cuelang.org/go/cue"

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

// declaredIgnores returns every `lint: ignore` map of the spec, keyed by
// the path of the resource that declares it ("defaults.function",
// "queues.jobs", ...). It reads the CUE value, so any resource the schema
// gives a `lint` field takes part without a list here to keep up to date.
func declaredIgnores(inst *schema.Instance) map[string]map[string]string {
	out := map[string]map[string]string{}
	read := func(path string) {
		var m map[string]string
		if v := inst.Value(path + ".lint.ignore"); v.Exists() && v.Decode(&m) == nil && len(m) > 0 {
			out[path] = m
		}
	}
	read("defaults.function")
	colls, err := inst.Value("").Fields()
	if err != nil {
		return out
	}
	for colls.Next() {
		items, err := colls.Value().Fields()
		if err != nil {
			continue
		}
		for items.Next() {
			if items.Value().IncompleteKind() == cue.StructKind {
				read(colls.Selector().Unquoted() + "." + items.Selector().Unquoted())
			}
		}
	}
	return out
}

// ignores returns the `lint: ignore` map that applies to a finding about
// path: that of the resource the path is inside (a function's own entries
// win over those of `defaults.function`, which apply to every function).
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

// markSilenced records the user's reason on every warning its resource
// silences.
func markSilenced(inst *schema.Instance, ds []Diagnostic) {
	declared := declaredIgnores(inst)
	for i, d := range ds {
		if d.Severity != Warning {
			continue
		}
		if reason, ok := ignores(declared, d.Path)[d.Rule]; ok {
			ds[i].Silenced = reason
		}
	}
}

// silences checks every `lint: ignore` entry names a warning rule.
func silences(c *Context) {
	declared := declaredIgnores(c.Inst)
	for _, path := range slices.Sorted(maps.Keys(declared)) {
		for _, id := range slices.Sorted(maps.Keys(declared[path])) {
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
}
