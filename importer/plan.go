package importer

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// importer holds one import: the template, what each logical ID became,
// and the fallbacks the verification asked for, which persist across
// passes.
type importer struct {
	t    *cfn.Template
	opts Options
	// res are the template's resources with Globals folded in, code paths
	// made relative to the spec's directory.
	res map[string]cfn.Resource

	// Fallbacks, kept from pass to pass.
	raw      map[string]string            // logical ID → why it is imported as a raw resource
	noAbsorb map[string]bool              // logical IDs no declaration may absorb
	forced   map[string]map[string]forced // logical ID → override path → value
	discards map[string]map[string]bool   // logical ID → override paths that discard IAM samgen derives
	// builtGlobals is the Globals.Function the last build rendered.
	builtGlobals *map[string]any
	verbs        map[string][]verbMatch // function logical ID → the verbs proved
	// bodyRejected are the APIs whose DefinitionBody samgen rejected as
	// a definitionBody, with why: it stays an override.
	bodyRejected map[string]string

	// The state of one pass.
	decls    map[string]*decl // by logical ID, of every resource of the template
	absorbed map[string]*decl // logical ID → the declaration that renders it
	existing map[string]*decl // kind + canonical ARN → an existing resource declared from a reference
	names    map[string]*names
	app      *obj
	hatches  []Hatch
	acks     []Ack
	adopted  []Change
	notes    []string
	loaded   *schema.App
	// restart asks for the pass to be done again: a declaration was made
	// raw while translating.
	restart bool
	// overrides are the overrides of the pass, by logical ID.
	overrides map[string]map[string]any
	// bodies are the APIs' DefinitionBody read back, by logical ID
	// (readBodies); bodyPermissions the permissions samgen derives from
	// them, which no function takes as an invoker.
	bodies          map[string]*openAPIBody
	bodyPermissions map[string]bool
	// bodyWhy says, by API logical ID, why its DefinitionBody stays an
	// override.
	bodyWhy map[string]string
	// index finds the declaration and attribute an intrinsic renders.
	index map[string][]refAttr
	// conditions are the names of the template's conditions in the spec.
	conditions map[string]string
	parameters map[string]string
	outputs    map[string]string
}

// forced is an override the verification asked for.
type forced struct {
	value any
	why   string
}

// decl is what a resource of the template became.
type decl struct {
	id   string
	res  cfn.Resource
	kind string // a kind of schema.Kinds, "rule", "subscription", or "resource" (raw)
	// collection and name place it in the spec (functions.hello).
	collection, name string
	// pinned is set when the derived logical ID differs from id.
	pinned bool
	spec   *obj
	// absorbs are the resources samgen renders for it that it takes.
	absorbs []string
	// why says why a raw resource is raw.
	why string
	// iam are a function's grants, as written.
	iam []iamItem
	// snsEvents are a function's SNS events written as their
	// subscriptions (asSNSEvent), found with what it absorbs.
	snsEvents []snsSubscription
}

// path is the declaration's spec path.
func (d *decl) path() string { return d.collection + "." + d.name }

// ref is the reference to the declaration.
func (d *decl) ref() ref { return ref{d.collection, d.name} }

// schemaRef is the model's reference to the declaration.
func (d *decl) schemaRef() schema.Ref {
	r := schema.Ref{Kind: d.kind, Name: d.name}
	if d.pinned {
		r.ID = d.id
	}
	return r
}

func newImporter(t *cfn.Template, opts Options) *importer {
	im := &importer{
		t:            t,
		opts:         opts,
		raw:          map[string]string{},
		noAbsorb:     map[string]bool{},
		forced:       map[string]map[string]forced{},
		discards:     map[string]map[string]bool{},
		bodyRejected: map[string]string{},
	}
	im.t = inlineDefinitions(t, opts.TemplateDir)
	im.res = im.t.Effective()
	for id, r := range im.res {
		r.Properties = im.rebase(r.Type, r.Properties)
		im.res[id] = r
	}
	return im
}

// inlineDefinitions returns t with the definition file (DefinitionUri,
// relative to dir) of each state machine read into its Definition, as
// samgen writes definitions inline: `sam deploy` uploads the file and
// Step Functions runs the same ASL.
func inlineDefinitions(t *cfn.Template, dir string) *cfn.Template {
	out := *t
	out.Resources = maps.Clone(t.Resources)
	for id, r := range t.Resources {
		uri, ok := r.Properties["DefinitionUri"].(string)
		if r.Type != "AWS::Serverless::StateMachine" || !ok || strings.Contains(uri, "://") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(uri)))
		if err != nil {
			continue
		}
		var def any
		if err := yaml.Unmarshal(b, &def); err != nil {
			continue
		}
		m, ok := def.(map[string]any)
		if !ok {
			continue
		}
		r.Properties = maps.Clone(r.Properties)
		delete(r.Properties, "DefinitionUri")
		r.Properties["Definition"] = m
		out.Resources[id] = r
	}
	return &out
}

// expected is the template as the spec must build it: its code paths
// relative to the spec's directory.
func (im *importer) expected() *cfn.Template {
	e := *im.t
	e.Resources = map[string]cfn.Resource{}
	for id, r := range im.t.Resources {
		r.Properties = im.rebase(r.Type, r.Properties)
		e.Resources[id] = r
	}
	if g, ok := e.Globals["Function"].(map[string]any); ok {
		e.Globals = maps.Clone(e.Globals)
		e.Globals["Function"] = im.rebase("AWS::Serverless::Function", g)
	}
	return &e
}

// codePaths are the properties of SAM resources that hold a path
// relative to the template, and those of the resources `sam package`
// uploads from a local path (a nested application's or stack's template,
// a Lambda function's or layer's code given as a path).
var codePaths = map[string][]string{
	"AWS::Serverless::Function":     {"CodeUri"},
	"AWS::Serverless::LayerVersion": {"ContentUri"},
	"AWS::Serverless::StateMachine": {"DefinitionUri"},
	"AWS::Serverless::Api":          {"DefinitionUri"},
	"AWS::Serverless::HttpApi":      {"DefinitionUri"},
	"AWS::Serverless::Application":  {"Location"},
	"AWS::CloudFormation::Stack":    {"TemplateURL"},
	"AWS::Lambda::Function":         {"Code"},
	"AWS::Lambda::LayerVersion":     {"Content"},
}

// rebase makes the local code paths of props relative to the spec's
// directory instead of the template's.
func (im *importer) rebase(typ string, props map[string]any) map[string]any {
	keys := codePaths[typ]
	if len(keys) == 0 || im.opts.TemplateDir == "" || im.opts.Dir == "" {
		return props
	}
	from, err1 := filepath.Abs(im.opts.TemplateDir)
	to, err2 := filepath.Abs(im.opts.Dir)
	if err1 != nil || err2 != nil || from == to {
		return props
	}
	out := maps.Clone(props)
	for _, k := range keys {
		p, ok := out[k].(string)
		if !ok || strings.Contains(p, "://") || filepath.IsAbs(p) {
			continue
		}
		rel, err := filepath.Rel(to, filepath.Join(from, filepath.FromSlash(p)))
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(p, "/") && !strings.HasSuffix(rel, "/") {
			rel += "/"
		}
		out[k] = rel
	}
	return out
}

// run imports the template once, with the fallbacks asked for so far;
// loaded is the model of the previous pass's spec (nil on the first).
func (im *importer) run(loaded *schema.App) {
	for {
		im.decls = map[string]*decl{}
		im.absorbed = map[string]*decl{}
		im.existing = map[string]*decl{}
		im.names = map[string]*names{}
		im.app = newObj()
		im.hatches, im.acks, im.adopted, im.notes = nil, nil, nil, nil
		im.overrides = map[string]map[string]any{}
		im.bodyWhy = map[string]string{}
		im.loaded = loaded
		im.restart = false
		im.plan()
		im.translate()
		if !im.restart {
			return
		}
	}
}

// demote makes a declaration a raw resource, from the next try of the
// pass on: its importer found, while translating, that it cannot write it.
func (im *importer) demote(d *decl, why string) {
	if _, done := im.raw[d.id]; !done {
		im.raw[d.id] = why
		im.restart = true
	}
}

// plan gives every resource of the template its declaration: its kind,
// collection and name, and what it absorbs.
func (im *importer) plan() {
	im.templateNames()
	for _, id := range sortedIDs(im.res) {
		r := im.res[id]
		k, why := im.kindOf(id, r)
		d := &decl{id: id, res: r, kind: k.name, collection: k.collection}
		if k.name == "resource" {
			d.why = why
		}
		im.decls[id] = d
	}
	im.readBodies()
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		k := kindByName(d.kind)
		if k.absorbs == nil {
			continue
		}
		for _, a := range k.absorbs(im, d) {
			if im.noAbsorb[a] || im.absorbed[a] != nil || a == id {
				continue
			}
			if ad := im.decls[a]; ad != nil && kindByName(ad.kind).absorbable {
				im.absorbed[a] = d
				d.absorbs = append(d.absorbs, a)
			}
		}
	}
	for id := range im.absorbed {
		delete(im.decls, id)
	}
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		d.name, d.pinned = im.name(d.collection, id, kindByName(d.kind).suffix)
	}
	im.buildIndex()
}

// name gives a declaration its name in its collection.
func (im *importer) name(collection, id, suffix string) (string, bool) {
	n := im.names[collection]
	if n == nil {
		n = newNames()
		im.names[collection] = n
	}
	name, derived := n.take(id, suffix)
	return name, !derived
}

// kindOf chooses the importer of a resource: its type's, unless the
// verification made it raw or the importer cannot take it.
func (im *importer) kindOf(id string, r cfn.Resource) (kindImporter, string) {
	if why, ok := im.raw[id]; ok {
		return rawKind, why
	}
	for _, k := range kinds {
		if !slices.Contains(k.types, r.Type) {
			continue
		}
		if k.accept != nil {
			if why := k.accept(im, id, r); why != "" {
				return rawKind, why
			}
		}
		return k, ""
	}
	return rawKind, "samgen does not model " + r.Type
}

// translate writes every declaration, then the template's sections.
func (im *importer) translate() {
	im.templateSections()
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		k := kindByName(d.kind)
		p := newBag(d.res.Properties)
		d.spec = newObj()
		k.translate(im, d, p)
		im.attributes(d, p)
		im.leftovers(d, p)
		im.place(d)
	}
	im.defaults()
	im.implicitApi()
	im.implicitHttpApi()
	im.rawFunctionsUnderGlobals()
	im.placeExisting()
	im.writeOverrides()
}

// rawFunctionsUnderGlobals writes the properties of the raw functions
// so that, with the Globals.Function samgen renders folded in by SAM,
// they are the template's: their own properties, and each property of
// the template's Globals that samgen's Globals do not have as the template
// does, explicitly. What samgen renders as Globals is known from the last
// build (builtGlobals); before one, it is taken to be the template's when
// the spec declares functions with defaults, and none otherwise.
func (im *importer) rawFunctionsUnderGlobals() {
	built := im.assumedGlobals()
	tmpl, _ := im.t.Globals["Function"].(map[string]any)
	tmpl = im.rebase("AWS::Serverless::Function", tmpl)
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		if d.kind != "resource" || d.res.Type != "AWS::Serverless::Function" {
			continue
		}
		own := maps.Clone(im.rebase(d.res.Type, im.t.Resources[id].Properties))
		if own == nil {
			own = map[string]any{}
		}
		for k, v := range d.res.Properties {
			if _, ok := built[k]; ok && canon(built[k]) == canon(tmpl[k]) {
				continue
			}
			own[k] = v
		}
		if pv, ok := im.document(own).(*obj); ok {
			d.spec.set("properties", pv)
		}
	}
}

// assumedGlobals is the Globals.Function samgen renders, as far as the
// importer knows.
func (im *importer) assumedGlobals() map[string]any {
	if im.builtGlobals != nil {
		return *im.builtGlobals
	}
	dflt, _ := im.app.get("defaults").(*obj)
	declared := false
	for _, d := range im.decls {
		declared = declared || d.kind == "function"
	}
	if dflt == nil || !dflt.has("function") || !declared {
		return nil
	}
	g, _ := im.t.Globals["Function"].(map[string]any)
	return im.rebase("AWS::Serverless::Function", g)
}

// learnGlobals records the Globals.Function a build rendered, and reports
// whether the pass assumed otherwise (the raw functions must be written
// again).
func (im *importer) learnGlobals(t *cfn.Template) bool {
	g, _ := t.Globals["Function"].(map[string]any)
	if g == nil {
		g = map[string]any{}
	}
	assumed := im.assumedGlobals()
	im.builtGlobals = &g
	if assumed == nil {
		assumed = map[string]any{}
	}
	return canon(assumed) != canon(g)
}

// place puts a declaration's spec into its collection.
func (im *importer) place(d *decl) {
	if d.spec == nil {
		return
	}
	if d.pinned {
		d.spec.setc("logicalId", d.id, fmt.Sprintf("the template's logical ID (samgen would derive %s)", derivedID(d)))
	}
	im.app.sub(d.collection).set(d.name, d.spec)
}

// derivedID is the ID samgen derives for d without a pin.
func derivedID(d *decl) string {
	return cfn.LogicalID(d.name, kindByName(d.kind).suffix)
}

// leftovers turns what no field took into overrides.
func (im *importer) leftovers(d *decl, p *bag) {
	if d.kind == "resource" {
		return
	}
	for _, l := range p.leftovers(d.res.Properties) {
		path := strings.Join(l.path, ".")
		why := "samgen has no field for " + path
		if path == "DefinitionBody" && im.bodyWhy[d.id] != "" {
			why = "the importer does not read its DefinitionBody back as a definitionBody: " + im.bodyWhy[d.id]
		}
		im.override(d.id, path, l.value, d.res.Type+": "+why)
	}
}

// override adds an override of the resource samgen renders as id.
func (im *importer) override(id, path string, v any, why string) {
	if im.overrides[id] == nil {
		im.overrides[id] = map[string]any{}
	}
	if _, dup := im.overrides[id][path]; dup {
		return
	}
	im.overrides[id][path] = v
	im.hatch("overrides."+id+"."+schema.Label(path), id, why)
}

func (im *importer) hatch(path, id, why string) {
	im.hatches = append(im.hatches, Hatch{Path: path, LogicalID: id, Why: why})
}

func (im *importer) note(format string, args ...any) {
	im.notes = append(im.notes, fmt.Sprintf(format, args...))
}

// writeOverrides writes the overrides of the pass, with those the
// verification asked for.
func (im *importer) writeOverrides() {
	for id, paths := range im.forced {
		for _, p := range slices.Sorted(maps.Keys(paths)) {
			if _, rendered := im.renders(id); !rendered {
				continue
			}
			if im.overrides[id] == nil {
				im.overrides[id] = map[string]any{}
			}
			if _, ok := im.overrides[id][p]; !ok {
				im.overrides[id][p] = paths[p].value
				im.hatch("overrides."+id+"."+schema.Label(p), id, paths[p].why)
			}
		}
	}
	if len(im.overrides) == 0 {
		return
	}
	o := im.app.sub("overrides")
	for _, id := range sortedIDs(im.overrides) {
		po := newObj()
		for _, p := range sortedIDs(im.overrides[id]) {
			po.set(p, im.document(im.overrides[id][p]))
		}
		o.set(id, po)
	}
	// An override that replaces IAM samgen derives (SG732) is
	// acknowledged as imported.
	var ack *obj
	for _, id := range sortedIDs(im.discards) {
		for _, p := range sortedIDs(im.discards[id]) {
			if _, ok := im.overrides[id][p]; !ok {
				continue
			}
			if ack == nil {
				ack = im.app.sub("discardsIAM")
			}
			ack.sub(id).set(p, ImportReason)
			im.acks = append(im.acks, Ack{Path: "discardsIAM." + id + "." + schema.Label(p), Grant: "the template's " + p + " instead of what samgen derives"})
		}
	}
}

// renders reports whether samgen renders logical ID id in this pass: a
// declaration that is not raw, or a resource a declaration absorbs.
func (im *importer) renders(id string) (*decl, bool) {
	if d := im.decls[id]; d != nil && d.kind != "resource" {
		return d, true
	}
	if d := im.absorbed[id]; d != nil {
		return d, true
	}
	return nil, false
}

// result gathers what the pass found.
func (im *importer) result(files map[string][]byte) *Result {
	r := &Result{Files: files, Notes: slices.Clone(im.notes)}
	r.Hatches = slices.Clone(im.hatches)
	slices.SortFunc(r.Hatches, func(a, b Hatch) int { return strings.Compare(a.Path, b.Path) })
	r.Acknowledged = slices.Clone(im.acks)
	r.Adopted = slices.Clone(im.adopted)
	return r
}

// files prints the spec.
func (im *importer) files() (map[string][]byte, error) {
	b, err := file(im.opts.Package, im.app, "Imported by `samgen import` from a SAM template. Review the escape hatches it\nlisted (raw resources, overrides) and the grants it acknowledged, then build.")
	if err != nil {
		return nil, err
	}
	return map[string][]byte{specFile: b}, nil
}
