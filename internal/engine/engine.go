// Package engine runs samgen's pipeline on a spec: load (schema and
// model), checks, render. `vet` is `build` without the write: both call
// [Check], so vet reports everything build would reject, logical IDs that
// only the assembled template shows included. The editor integration and
// the tests call it too.
package engine

import (
	"slices"
	"time"

	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/layers"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// Options tune [Check].
type Options struct {
	// Tags are CUE tag values ("stage=prod").
	Tags []string
	// Now is the date runtime lifecycle rules compare with; zero is today.
	Now time.Time
	// Render tunes the template.
	Render render.Options
	// Evaluated is called once the spec is evaluated (schema.Options).
	Evaluated func()
	// Release drops the CUE value of the result's Inst once the checks
	// and the renderer are done (schema.Instance.Release), for a caller
	// that asks it for no position afterwards (vet, build).
	Release bool
	// Overlay replaces or adds the spec's files by absolute path, as an
	// editor holds them unsaved.
	Overlay map[string][]byte
	// Loader keeps the CUE context and the evaluated schema between
	// checks; nil loads with a fresh one.
	Loader *schema.Loader
	// Copy says dir is a copy of the spec that need not hold the files
	// it names (checks.Options.Copy): the rules that read them do not run.
	Copy bool
}

// Result is a checked spec.
type Result struct {
	// Inst is the loaded spec; nil when it failed the schema.
	Inst *schema.Instance
	// Diags are the notices of the load, then every finding, sorted.
	Diags diag.List
	// Template is the rendered template; nil when Diags has an error.
	Template *render.Template
	// YAML is Template written as YAML, as the budget measured it.
	YAML []byte
}

// Hints are the schema hints of the packages that know more than the
// schema: a policy template's parameters, a layer ARN's form.
var Hints = []schema.Hint{policies.TemplateHint, layers.ARNHint}

// Check loads, checks and renders the spec in dir. Its error is for what
// is not the spec's fault (an unreadable directory, an internal error);
// the spec's problems are in the result's diagnostics.
func Check(dir string, opts Options) (*Result, error) {
	inst, ds, err := schema.Load(dir, schema.Options{Tags: opts.Tags, Hints: Hints, Overlay: opts.Overlay, Loader: opts.Loader, Evaluated: opts.Evaluated})
	if err != nil {
		return nil, err
	}
	if inst == nil {
		return &Result{Diags: ds}, nil
	}
	found := checks.Run(inst, checks.Options{Now: opts.Now, Copy: opts.Copy})
	t, rendered, err := render.Build(inst, opts.Render)
	if err != nil && !found.HasErrors(false) {
		// A spec the checks pass must render: this is samgen's bug, not
		// the user's.
		return nil, err
	}
	var body []byte
	if t != nil && !found.HasErrors(false) && !rendered.HasErrors(false) {
		at := inst.Pos("")
		if opts.Release {
			// What is left positions nothing but the app: the evaluated
			// spec, most of the memory, can go while the template is
			// written and measured.
			inst.Release()
		}
		limits, yaml, err := budget(at, t)
		if err != nil {
			return nil, err
		}
		rendered = append(rendered, limits...)
		body = yaml
	}
	found = append(found, rendered...)
	for j, d := range found {
		if !d.End.IsValid() {
			found[j].End = inst.End(d.Pos)
		}
	}
	res := &Result{Inst: inst, Diags: append(slices.Clone(inst.Notices), found.Sort()...)}
	if !res.Diags.HasErrors(false) {
		res.Template, res.YAML = t, body
	}
	return res, nil
}
