// Package importer turns an existing SAM template into a samgen spec that
// builds back to the same CloudFormation: `samgen import`.
//
// Each resource goes to its collection through the importer of its kind
// ([kinds]), each function event through the importer of its event type
// ([eventImporters]), mirroring render's tables. What an importer maps is
// taken out of the resource's properties; what is left is written as an
// override, and a resource no importer takes is written as a raw
// resource. The spec is then built and compared with the template
// ([Compare]); a resource that still differs is imported more plainly
// (an override of the differing property, then a raw resource) until the
// two are equal, so the spec is exact by construction and every escape
// hatch it needs is listed ([Result]).
package importer

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// Options tune [Import].
type Options struct {
	// Name is the app's name; by default one is derived from the
	// template's file name.
	Name string
	// Package is the CUE package of the spec ("app" by default).
	Package string
	// TemplateDir is the directory of the template: its code paths
	// (CodeUri, ContentUri, DefinitionUri) are relative to it.
	TemplateDir string
	// Dir is the directory the spec is written to, where `samgen build`
	// writes template.yaml: the code paths of the spec are made relative
	// to it. It need not exist yet.
	Dir string
	// AdoptDefaults lets samgen's safer defaults in where the template
	// lacks them (queue and bucket encryption, point-in-time recovery,
	// public access blocks, stream encryption, key rotation) instead of
	// writing the settings that keep the template's behaviour; each
	// change is listed in [Result.Adopted].
	AdoptDefaults bool
	// Now is the date runtime lifecycle rules compare with when the spec
	// is checked; zero is today.
	Now time.Time
	// Loader keeps the CUE context and the evaluated schema from one
	// check of the spec to the next (and from one import to the next);
	// nil: Import makes one for its own checks, Verify checks with a fresh
	// one. Not safe for concurrent use.
	Loader *schema.Loader
}

// Result is an imported spec.
type Result struct {
	// Files are the spec's files, by path relative to Options.Dir.
	Files map[string][]byte
	// Hatches are the escape hatches the spec needs: raw resources and
	// overrides, each with what samgen does not model.
	Hatches []Hatch
	// Acknowledged are the grants wider than one named resource, kept as
	// the template has them and acknowledged with the reason "imported as
	// is", for the team to narrow.
	Acknowledged []Ack
	// Adopted are the changes samgen's defaults make, with AdoptDefaults.
	Adopted []Change
	// Notes are the other choices the import made.
	Notes []string
	// Differences are what still differs between the template and what
	// the spec builds ([Compare]); none when they are equivalent.
	Differences []Difference
	// Template is what the spec builds.
	Template *cfn.Template
	// Rendered is the template the spec builds, as JSON.
	Rendered []byte
	// Passes is how many times the spec was built to make it exact.
	Passes int
}

// Hatch is one escape hatch of an imported spec.
type Hatch struct {
	// Path is the spec path: "resources.vpc", "overrides.HelloFunction.SnapStart".
	Path string
	// LogicalID is the resource of the template it keeps.
	LogicalID string
	// Why says what samgen does not model.
	Why string
}

// Ack is a broad grant imported as is.
type Ack struct {
	// Path is the spec path of the function's wildcards entry.
	Path string
	// Grant is what is acknowledged: a statement's wildcard action or
	// resource, a policy template or a managed policy.
	Grant string
}

// Change is a change samgen's defaults make to a resource, with
// AdoptDefaults.
type Change struct {
	LogicalID string
	// Path is the spec path of the resource.
	Path string
	What string
}

// ImportReason is the reason every broad grant of an imported spec is
// acknowledged with.
const ImportReason = "imported as is"

// maxPasses bounds the builds that make a spec exact: each pass after the
// first imports at least one resource more plainly.
const maxPasses = 12

// Import turns a SAM template into a samgen spec. Its error is for a
// template that cannot be read, or a spec that fails to load (samgen's
// bug: the importer writes only what the schema takes).
func Import(src []byte, opts Options) (*Result, error) {
	t, pos, err := cfn.ParsePositions(src)
	if err != nil {
		return nil, err
	}
	if err := importable(t, pos); err != nil {
		return nil, err
	}
	if opts.Package == "" {
		opts.Package = "app"
	}
	if opts.Name == "" {
		opts.Name = "app"
	}
	if opts.Loader == nil {
		// Every pass checks the spec again, in the same module: one
		// Loader parses and evaluates the schema once for all of them.
		opts.Loader = schema.NewLoader()
	}
	im := newImporter(t, opts)
	verifyDir := opts.Dir
	if fi, err := os.Stat(verifyDir); err != nil || !fi.IsDir() {
		tmp, err := os.MkdirTemp("", "samgen-import-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		verifyDir = tmp
	}
	var res *Result
	var loaded *schema.App
	refined := false
	for pass := 1; ; pass++ {
		im.run(loaded)
		files, err := im.files()
		if err != nil {
			return nil, err
		}
		built, app, rejected, err := check(verifyDir, files, opts)
		diags := rejectedText(rejected)
		if err != nil {
			return nil, err
		}
		res = im.result(files)
		res.Passes = pass
		if built == nil {
			if pass < maxPasses && im.demoteRejected(rejected) {
				// A declaration samgen rejects is imported raw: again.
				continue
			}
			if ps, ok := im.templateProblems(rejected, pos); ok {
				// Raw resources, as the template has them: its mistakes.
				return nil, ps
			}
			if pass == 1 || loaded == nil {
				return nil, fmt.Errorf("import: the spec does not build:\n%s\n%s", diags, files[specFile])
			}
			// A fallback of the last pass broke the spec: stop there.
			return nil, fmt.Errorf("import: the spec does not build after pass %d:\n%s", pass, diags)
		}
		res.Template, res.Rendered = built.tmpl, built.data
		res.Differences = Compare(im.expected(), built.tmpl)
		loaded = app
		// The raw functions were written for other Globals.
		globals := im.learnGlobals(built.tmpl) && hasRawFunction(im)
		if !refined {
			refined = true
			if im.refineIAM(app) {
				// The first build gave the model the access verbs are
				// proved against: build again with them.
				continue
			}
		}
		if globals && pass < maxPasses {
			continue
		}
		if len(res.Differences) == 0 || pass >= maxPasses || !im.fallback(res.Differences, built.origins) {
			break
		}
	}
	im.finish(res)
	return res, nil
}

// built is a built spec.
type built struct {
	tmpl    *cfn.Template
	data    []byte
	origins map[string]string
}

// specFile is the spec file the importer writes.
const specFile = "samgen.cue"

func hasRawFunction(im *importer) bool {
	for _, d := range im.decls {
		if d.kind == "resource" && d.res.Type == "AWS::Serverless::Function" {
			return true
		}
	}
	return false
}

// rejection is an error samgen reports on the imported spec.
type rejection struct {
	path, msg, rule string
}

func rejectedText(rs []rejection) string {
	var b bytes.Buffer
	for _, r := range rs {
		fmt.Fprintf(&b, "%s: %s [%s]\n", r.path, r.msg, r.rule)
	}
	return b.String()
}

// templateProblems places at the template's own text the errors of a spec
// that does not build, when every one is in a resource imported raw: a
// resource as the template has it (one that refers to itself, say) is the
// template's mistake, and is reported where the user fixes it.
func (im *importer) templateProblems(rs []rejection, pos cfn.Positions) (cfn.Problems, bool) {
	var ps cfn.Problems
	for _, r := range rs {
		at, ok := im.templatePosition(r.path, pos)
		if !ok {
			return nil, false
		}
		ps = append(ps, cfn.Problem{Position: at, Msg: fmt.Sprintf("%s [%s]", r.msg, r.rule)})
	}
	slices.SortStableFunc(ps, func(a, b cfn.Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return ps, len(ps) > 0
}

// rawEntries are the fields of a raw resource by the template's names of
// them.
var rawEntries = map[string]string{
	"type": "Type", "properties": "Properties", "condition": "Condition", "dependsOn": "DependsOn",
	"metadata": "Metadata", "deletionPolicy": "DeletionPolicy", "updateReplacePolicy": "UpdateReplacePolicy",
}

// templatePosition is where in the template the value at a spec path is,
// when the spec has it as the template does: a raw resource's, a
// parameter's, a condition's or an output's (its key, or the nearest
// enclosing one recorded).
func (im *importer) templatePosition(path string, pos cfn.Positions) (cfn.Position, bool) {
	key, ok := im.templateKey(path)
	for ; ok && key != ""; key = key[:max(strings.LastIndexAny(key, ".["), 0)] {
		if at, found := pos[key]; found {
			return at, true
		}
	}
	return cfn.Position{}, false
}

// templateKey turns a spec path into its key in [cfn.Positions].
func (im *importer) templateKey(path string) (string, bool) {
	labels := schema.SplitPath(strings.TrimPrefix(path, "app."))
	if len(labels) < 2 {
		return "", false
	}
	name, fields := labels[1], labels[2:]
	if u, err := strconv.Unquote(name); err == nil {
		name = u
	}
	var key string
	switch labels[0] {
	case "resources":
		for _, id := range sortedIDs(im.decls) {
			if d := im.decls[id]; d.kind == "resource" && d.name == name {
				key = "Resources." + id
			}
		}
		if key == "" || len(fields) == 0 {
			return key, key != ""
		}
		if fields[0] = rawEntries[fields[0]]; fields[0] == "" {
			return key, true
		}
	case "parameters", "conditions", "outputs":
		for id, n := range map[string]map[string]string{"parameters": im.parameters, "conditions": im.conditions, "outputs": im.outputs}[labels[0]] {
			if n == name {
				key = strings.ToUpper(labels[0][:1]) + labels[0][1:] + "." + id
			}
		}
		if key == "" || len(fields) == 0 {
			return key, key != ""
		}
		// A parameter's default is its Default, an output's value its
		// Value: past that, the spec's shape is samgen's own.
		fields = []string{strings.ToUpper(fields[0][:1]) + fields[0][1:]}
	default:
		return "", false
	}
	for _, l := range fields {
		if u, err := strconv.Unquote(l); err == nil {
			key += "." + u
		} else if strings.HasPrefix(l, "[") {
			key += l
		} else {
			key += "." + l
		}
	}
	return key, true
}

// demoteRejected imports raw every declaration an error of samgen's is
// at, and reports whether there was one that was not raw yet.
func (im *importer) demoteRejected(rs []rejection) bool {
	changed := false
	for _, r := range rs {
		if rest, ok := strings.CutPrefix(r.path, "app.overrides."); ok {
			// An override samgen rejects: acknowledged when it replaces
			// IAM samgen derives (SG732), else its resource is raw.
			id, at, _ := strings.Cut(rest, ".")
			for _, p := range sortedIDs(im.overrides[id]) {
				label := schema.Label(p)
				if at != label && !strings.HasPrefix(at, label+".") {
					continue
				}
				if r.rule == "SG732" {
					if im.discards[id] == nil {
						im.discards[id] = map[string]bool{}
					}
					changed = changed || !im.discards[id][p]
					im.discards[id][p] = true
				} else if d, ok := im.renders(id); ok {
					if _, done := im.raw[d.id]; !done {
						im.raw[d.id] = fmt.Sprintf("samgen rejects the override of %s imported: %s [%s]", p, r.msg, r.rule)
						changed = true
					}
				}
			}
			continue
		}
		for _, id := range sortedIDs(im.decls) {
			d := im.decls[id]
			p := "app." + d.path()
			if d.kind == "resource" || (r.path != p && !strings.HasPrefix(r.path, p+".")) {
				continue
			}
			if rest := strings.TrimPrefix(r.path, p+"."); rest != r.path && (strings.HasPrefix(rest, "definitionBody") || strings.HasPrefix(rest, "definitionSubstitutions")) {
				// The body read back is what samgen rejects: it stays an
				// override, and the API is imported all the same.
				if _, done := im.bodyRejected[id]; !done {
					im.bodyRejected[id] = fmt.Sprintf("samgen rejects it at %s: %s [%s]", rest, r.msg, r.rule)
					changed = true
				}
				continue
			}
			if _, done := im.raw[id]; !done {
				at := ""
				if rest := strings.TrimPrefix(r.path, p); rest != "" {
					at = " at " + strings.TrimPrefix(rest, ".")
				}
				im.raw[id] = fmt.Sprintf("samgen rejects the declaration imported%s: %s [%s]", at, r.msg, r.rule)
				changed = true
			}
		}
	}
	return changed
}

// check builds the spec files in dir; the rejections are the errors when
// it does not build.
func check(dir string, files map[string][]byte, opts Options) (*built, *schema.App, []rejection, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	overlay := map[string][]byte{}
	for name, b := range files {
		overlay[filepath.Join(abs, filepath.FromSlash(name))] = b
	}
	// dir may be a scratch directory, and a missing source is the
	// template's fact, not a declaration to import another way: vet
	// reports it (SG124, SG411) on the spec where it is written.
	res, err := engine.Check(abs, engine.Options{Overlay: overlay, Now: opts.Now, Loader: opts.Loader, Copy: true})
	if err != nil {
		return nil, nil, nil, err
	}
	if res.Template == nil {
		var rs []rejection
		for _, d := range res.Diags {
			// An acknowledged finding (a wildcard imported as is) is not
			// what failed the build.
			if d.Severity.String() == "error" && d.Silenced == "" {
				rs = append(rs, rejection{d.Path, d.Msg, d.Rule})
			}
		}
		return nil, nil, rs, nil
	}
	data, err := render.Encode(res.Template, "json")
	if err != nil {
		return nil, nil, nil, err
	}
	t, err := cfn.Parse(data)
	if err != nil {
		return nil, nil, nil, err
	}
	return &built{tmpl: t, data: data, origins: res.Template.Origins}, &res.Inst.App, nil, nil
}

// Verify builds the spec in dir (as written by `samgen import`) and
// compares what it builds with the template src.
func Verify(src []byte, dir string, opts Options) ([]Difference, error) {
	t, err := cfn.Parse(src)
	if err != nil {
		return nil, err
	}
	// The comparison is of the templates: a source the template names
	// and the disk lacks is vet's to report (SG124, SG411), at the spec.
	res, err := engine.Check(dir, engine.Options{Now: opts.Now, Loader: opts.Loader, Copy: true})
	if err != nil {
		return nil, err
	}
	if res.Template == nil {
		return nil, fmt.Errorf("the spec in %s does not build: run samgen vet %s", dir, dir)
	}
	data, err := render.Encode(res.Template, "json")
	if err != nil {
		return nil, err
	}
	b, err := cfn.Parse(data)
	if err != nil {
		return nil, err
	}
	im := newImporter(t, opts)
	return Compare(im.expected(), b), nil
}

// importable reports, positioned, what makes a template one samgen
// cannot import: no SAM transform, another transform beside it (a macro
// samgen does not run).
func importable(t *cfn.Template, at cfn.Positions) error {
	var ps cfn.Problems
	pos, ok := at["Transform"]
	if !ok {
		pos = cfn.Position{Line: 1, Column: 1}
	}
	switch {
	case !t.Serverless():
		ps = append(ps, cfn.Problem{Position: pos, Msg: "not a SAM template: Transform names no AWS::Serverless transform"})
	case len(otherTransforms(t.Transform)) > 0:
		ps = append(ps, cfn.Problem{Position: pos, Msg: fmt.Sprintf("the template uses the %s transform, which samgen does not render", strings.Join(otherTransforms(t.Transform), ", "))})
	}
	if len(ps) > 0 {
		slices.SortFunc(ps, func(a, b cfn.Problem) int { return a.Line - b.Line })
		return ps
	}
	return nil
}

func otherTransforms(tr any) []string {
	var out []string
	list, ok := tr.([]any)
	if !ok {
		return nil
	}
	for _, x := range list {
		if s, ok := x.(string); ok && !strings.HasPrefix(s, "AWS::Serverless") {
			out = append(out, s)
		}
	}
	return out
}

// sortedIDs returns the logical IDs of m, sorted.
func sortedIDs[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// strictlySorted reports whether names are in sortedIDs' order, none
// twice: how render lists what it keys by name.
func strictlySorted(names []string) bool {
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			return false
		}
	}
	return true
}
