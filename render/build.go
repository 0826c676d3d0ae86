package render

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/schema"
)

// Options tune [Build].
type Options struct {
	// Policies is how a function's IAM is rendered: PoliciesSAM (the
	// default, "") keeps SAM policy templates for SAM to expand;
	// PoliciesInline expands them into one inline policy document per
	// function, so a reviewer sees every action.
	Policies string
	// SpecDir is the spec's directory as a slash-separated path from the
	// directory the template is written to; "" when it is written beside
	// the spec (DIR/template.yaml, or standard output). The local paths a
	// spec names (a function's or a layer's source, a state machine's
	// definitionFile) are relative to the spec, and SAM reads a
	// template's relative to the template: each is rendered from there.
	SpecDir string
}

// builder accumulates a template. Each part of the spec has its own file
// (functions.go, queues.go, events.go, ...) adding to it; [Build] lists the
// parts in the order they run.
type builder struct {
	app  *schema.App
	inst *schema.Instance
	opts Options
	t    *Template
	// owners records, per logical ID, what claims it: every resource
	// samgen renders and every one SAM's transform will add. Two claims
	// on one ID are a finding (SG001) at both places.
	owners map[string][]owner
	// queuePolicies collects, per queue, the statements that let AWS
	// services deliver to it: a queue has one policy, so they are merged.
	queuePolicies map[schema.Ref][]any
	// topicPolicies is queuePolicies for SNS topics.
	topicPolicies map[schema.Ref][]any
	// keyServices collects, per owned key, the AWS services that deliver
	// to a queue or topic the key encrypts (allowKeyUse).
	keyServices map[schema.Ref][]string
	// outputOwners records, per output ID, the outputs that take it.
	outputOwners map[string][]string
	// names are the names the spec's values refer to, checked once every
	// logical ID is claimed (SG022).
	names []nameUse
	// replacedRoles holds, per ID of a role SAM would generate, the
	// logical ID of the function or state machine whose Role an override
	// replaces, so SAM generates none.
	replacedRoles map[string]string
	// conditionOf is the condition of each logical ID, SAM's included,
	// once resourceConditions has run.
	conditionOf map[string]string
	findings    diag.List
	errs        []error
}

// owner is what claims a logical ID: the spec path it comes from and,
// for a resource made for it rather than declared, what that is, and
// whether SAM's transform makes it.
type owner struct {
	path, what string
	sam        bool
}

func (o owner) String() string {
	switch {
	case o.what == "":
		return o.path
	case o.sam && o.path == "":
		return "the " + o.what + ", an ID SAM reserves"
	case o.sam:
		return "the " + o.what + " SAM generates for " + declaration(o.path)
	}
	return o.what + " of " + o.path
}

// part renders one part of the spec into the template.
type part func(*builder)

// parts are the renderers, in the order they run: the declared resources,
// then what completes them (policies gathered from every delivery, SAM's
// own IDs, conditions, and the user's overrides last).
var parts = []part{
	(*builder).parameters,
	(*builder).mappings,
	(*builder).conditions,
	(*builder).tables,
	(*builder).queues,
	(*builder).topics,
	(*builder).buses,
	(*builder).buckets,
	(*builder).streams,
	(*builder).keys,
	(*builder).logGroups,
	(*builder).capacityProviders,
	(*builder).layers,
	(*builder).functions,
	(*builder).invokers,
	(*builder).stateMachines,
	(*builder).httpApis,
	(*builder).implicitHttpApi,
	(*builder).restApis,
	(*builder).implicitApi,
	(*builder).webSocketApis,
	(*builder).rules,
	(*builder).subscriptions,
	(*builder).alarms,
	(*builder).rawResources,
	(*builder).outputs,
	(*builder).finishQueuePolicies,
	(*builder).finishTopicPolicies,
	(*builder).finishKeyPolicies,
	(*builder).unrenderedAttributes,
	(*builder).samGenerated,
	(*builder).resourceConditions,
	(*builder).conditionalDeliveries,
	(*builder).overrides,
	(*builder).idFindings,
	(*builder).outputFindings,
	(*builder).nameFindings,
}

// Build renders the SAM template of a checked instance. Its findings are
// those of the rules checked where the template is assembled (logical ID
// collisions, overrides that name no resource), positioned at the user's
// spec; vet reports them as build would. Its error is an internal
// inconsistency the checks should have caught first.
func Build(inst *schema.Instance, opts Options) (t *Template, findings diag.List, err error) {
	b := &builder{
		app:           &inst.App,
		inst:          inst,
		opts:          opts,
		owners:        map[string][]owner{},
		outputOwners:  map[string][]string{},
		replacedRoles: map[string]string{},
		queuePolicies: map[schema.Ref][]any{},
		topicPolicies: map[schema.Ref][]any{},
		keyServices:   map[schema.Ref][]string{},
		t: &Template{
			Description: inst.App.Description,
			Resources:   map[string]*Resource{},
		},
	}
	if b.t.Description == "" {
		b.t.Description = inst.App.Name
	}
	b.t.Header = header(inst)
	defer func() {
		// Rendering a spec the checks passed must not fail; when it does,
		// say so rather than crash on the user's input.
		if r := recover(); r != nil {
			t, findings, err = nil, b.findings, fmt.Errorf("render: internal error: %v", r)
		}
	}()
	for _, p := range parts {
		p(b)
	}
	b.t.Origins = map[string]string{}
	for id := range b.t.Resources {
		for _, o := range b.owners[id] {
			if !o.sam && o.path != "" {
				b.t.Origins[id] = declaration(o.path)
				break
			}
		}
	}
	if len(b.errs) > 0 {
		return nil, b.findings, joinErrs(b.errs)
	}
	if b.findings.HasErrors(false) {
		return nil, b.findings, nil
	}
	return b.t, b.findings, nil
}

func joinErrs(errs []error) error {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("render: %s", strings.Join(msgs, "; "))
}

// report records a finding of rule id about path (relative to `app`).
// local is the path p of the spec, a local file or directory, as the
// template names it (see Options.SpecDir); an S3 URI or an absolute path
// stays as it is.
func (b *builder) local(p string) string {
	if b.opts.SpecDir == "" || p == "" || schema.IsURI(p) || strings.HasPrefix(p, "/") || filepath.IsAbs(p) {
		return p
	}
	out := filepath.ToSlash(filepath.Join(filepath.FromSlash(b.opts.SpecDir), filepath.FromSlash(p)))
	if strings.HasSuffix(p, "/") {
		out += "/"
	}
	return out
}

func (b *builder) report(id, path, format string, args ...any) {
	b.findings = append(b.findings, checks.Finding(id, "app."+path, b.inst.Pos(path), format, args...))
}

func header(inst *schema.Instance) string {
	// Only the file names: the header must not depend on where samgen runs.
	src := strings.Join(inst.Files, ", ")
	return "Code generated by samgen from " + src + ". DO NOT EDIT.\n" +
		"Edit the spec and run `samgen build` again."
}

// errf records an internal rendering error about path.
func (b *builder) errf(path, format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

// resolve renders an attribute of a referenced resource.
func (b *builder) resolve(path string, r schema.Ref, attr string) any {
	v, err := b.app.Resolve(r, attr)
	if err != nil {
		b.errf(path, "%v", err)
		return ""
	}
	return v
}

// add puts a resource into the template under id; path is the spec path
// of what it comes from and what, for a resource samgen makes for it, says
// what it is ("log group"; "" for the declared resource itself).
func (b *builder) add(id, path, what string, r *Resource) {
	b.claim(id, owner{path: path, what: what})
	b.t.Resources[id] = r
}

// claim records that o claims logical ID id.
func (b *builder) claim(id string, o owner) {
	b.owners[id] = append(b.owners[id], o)
}

// samGenerated claims the IDs SAM's transform will add, and those it
// reserves, so a resource of the spec that takes one is found before the
// transform fails. An ID SAM ends with a content hash is only measured:
// with the hash it must still be a valid ID.
func (b *builder) samGenerated() {
	for _, g := range schema.SAMGenerated(b.app) {
		if g.Hashed {
			if n := len(g.ID) + schema.HashLength; n > schema.MaxLogicalID {
				b.report("SG001", g.Path, "logical ID %s<hash> of the %s SAM generates is %d characters, over 255; shorten the name (or pin a shorter logicalId)", g.ID, g.What, n)
			}
			continue
		}
		b.claim(g.ID, owner{g.Path, g.What, true})
	}
	for _, g := range schema.Reserved {
		if _, used := b.owners[g.ID]; used && !slices.ContainsFunc(b.owners[g.ID], func(o owner) bool { return o.sam }) {
			b.claim(g.ID, owner{what: g.What, sam: true})
		}
	}
}

// idFindings reports every logical ID claimed twice or too long (SG001).
// When two declarations take one ID, the IDs derived from it collide too:
// those are not reported again.
func (b *builder) idFindings() {
	clash := map[[2]string]bool{}
	for _, os := range b.owners {
		for _, x := range os {
			for _, y := range os {
				if x.what == "" && y.what == "" && x.path != y.path {
					clash[[2]string{x.path, y.path}] = true
				}
			}
		}
	}
	derived := func(os []owner) bool {
		for _, x := range os {
			for _, y := range os {
				if x.path != y.path && !clash[[2]string{declaration(x.path), declaration(y.path)}] {
					return false
				}
			}
		}
		return true
	}
	for _, id := range slices.Sorted(maps.Keys(b.owners)) {
		os := b.owners[id]
		if len(id) > schema.MaxLogicalID {
			b.report("SG001", os[0].path, "logical ID %s is longer than 255 characters", id)
		}
		if len(os) < 2 || !slices.ContainsFunc(os, func(o owner) bool { return o.what == "" }) && derived(os) {
			continue
		}
		for i, o := range os {
			if o.what != "" && slices.ContainsFunc(os, func(x owner) bool { return x.what == "" && x.path != o.path }) {
				continue // reported at the declaration that takes the ID
			}
			var others []string
			for j, x := range os {
				if j != i {
					others = append(others, x.String())
				}
			}
			what := "logical ID " + id
			if o.what != "" {
				what += " (" + strings.TrimSuffix(o.String(), " for "+declaration(o.path)) + ")"
			}
			if slices.ContainsFunc(os, func(x owner) bool { return x.sam && x.path == "" }) {
				b.report("SG001", o.path, "%s is SAM's, reserved for its %s; rename %s (or pin another logicalId)", what, b.reservedWhat(id), declaration(o.path))
				continue
			}
			b.report("SG001", o.path, "%s is also that of %s; rename one of them (or pin one with logicalId)", what, strings.Join(others, ", "))
		}
	}
}

// reservedWhat names what SAM reserves logical ID id for.
func (b *builder) reservedWhat(id string) string {
	for _, g := range schema.Reserved {
		if g.ID == id {
			return g.What
		}
	}
	return ""
}

// structMap turns a goformation property struct into a map, decoding
// intrinsics, and merges extra into it.
func structMap(v any, extra map[string]any) map[string]any {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("render: marshal %T: %v", v, err))
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		panic(fmt.Sprintf("render: unmarshal %T: %v", v, err))
	}
	if m == nil {
		m = map[string]any{}
	}
	decodeMarkers(m)
	for k, v := range extra {
		if !isNil(v) {
			m[k] = deref(v)
		}
	}
	return m
}

// deref turns the optional scalars of the model (*int, *bool, *string)
// into the plain values the writer knows; other values pass through.
func deref(v any) any {
	switch x := v.(type) {
	case *int:
		return *x
	case *bool:
		return *x
	case *string:
		return *x
	}
	return v
}

// isNil reports a nil value, including typed nil pointers.
func isNil(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case *int:
		return x == nil
	case *bool:
		return x == nil
	case *string:
		return x == nil
	case []any:
		return x == nil
	case map[string]any:
		return x == nil
	}
	return false
}

func setInt(m map[string]any, k string, v *int) {
	if v != nil {
		m[k] = *v
	}
}

func setBool(m map[string]any, k string, v *bool) {
	if v != nil {
		m[k] = *v
	}
}

func setStr(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func stringMap(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// Encode writes t in format ("yaml" or "json").
func Encode(t *Template, format string) ([]byte, error) {
	if format == "json" {
		return JSON(t)
	}
	return YAML(t)
}
