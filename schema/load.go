package schema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/internal/diag"
)

// Options tune [Load].
type Options struct {
	// Tags are CUE tag values ("stage=prod") injected into @tag fields.
	Tags []string
	// Hints rewrite schema errors that packages knowing more than the
	// schema can explain better (a policy template's parameters, a layer
	// ARN's form); the first that answers wins.
	Hints []Hint
	// Overlay replaces or adds the user's files by absolute path: an
	// editor's unsaved text. Nothing is written to disk.
	Overlay map[string][]byte
	// Evaluated is called once the spec is evaluated and valid, before it
	// is decoded (main tunes the garbage collector there).
	Evaluated func()
}

// A Hint explains a schema error better than CUE can, such as "did you
// mean" for a mistyped name: given the error's path (from the package
// root, starting with "app") and CUE's message, it returns the message to
// show instead, or "" to leave the error alone.
type Hint func(path []string, msg string) string

// Instance is a loaded, schema-valid spec: the typed model and the CUE value
// it came from, kept so later checks can report the user's positions.
type Instance struct {
	// App is the decoded `app` field.
	App App
	// Dir is the absolute directory of the spec's package.
	Dir string
	// Files are the user's CUE files that make up the package, relative to
	// Dir, sorted.
	Files []string
	// Notices are facts about the load worth telling the user, such as a
	// vendored schema that differs from samgen's.
	Notices diag.List

	value     cue.Value
	schemaDir string
	// files are the package's parsed files, indexed into src when a
	// position is first asked for (sources).
	files []*ast.File
	src   *sources
}

// VendorDir is where `samgen init` and `samgen schema sync` vendor the
// schema inside a module, and where Load supplies it in memory.
var VendorDir = filepath.Join("cue.mod", "pkg", filepath.FromSlash(ImportPath))

// Load evaluates the CUE package in dir against the embedded schema and
// decodes its `app` field. The schema is supplied through an in-memory
// overlay, so nothing is written into the user's tree; dir needs no
// cue.mod of its own (one is supplied when missing). A spec that fails the
// schema gives every violation at once, as diagnostics at the user's
// positions, and no instance; err is for what is not the spec's fault (a
// directory that cannot be read).
func Load(dir string, opts Options) (*Instance, diag.List, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, nil, err
	} else if !fi.IsDir() {
		return nil, nil, fmt.Errorf("%s is not a directory", dir)
	}
	if cues, _ := filepath.Glob(filepath.Join(abs, "*.cue")); len(cues) == 0 && !overlays(opts.Overlay, abs) {
		return nil, nil, fmt.Errorf("no CUE files in %s: run `samgen init %s` to start a spec", dir, dir)
	}
	inst, err := loadDir(abs, dir, opts)
	if err != nil {
		return nil, inst.diagnostics(err, opts.Hints, abs), nil
	}
	return inst, nil, nil
}

func loadDir(abs, dir string, opts Options) (*Instance, error) {
	root := ModuleRoot(abs)
	overlay := map[string]load.Source{}
	if root == "" {
		root = abs
		overlay[filepath.Join(root, "cue.mod", "module.cue")] = load.FromString(
			"module: \"samgen.local/app\"\nlanguage: version: \"v0.17.1\"\n")
	}
	inst := &Instance{Dir: abs, schemaDir: filepath.Join(root, VendorDir)}
	inst.Notices = vendoredDrift(inst.schemaDir)
	for name, src := range opts.Overlay {
		overlay[name] = load.FromBytes(src)
	}
	for name, src := range Files() {
		overlay[filepath.Join(inst.schemaDir, name)] = load.FromBytes(src)
	}
	cfg := &load.Config{Dir: abs, ModuleRoot: root, Overlay: overlay, Tags: opts.Tags}
	bis := load.Instances([]string{"."}, cfg)
	if len(bis) != 1 {
		return inst, fmt.Errorf("load %s: expected one CUE package, found %d", dir, len(bis))
	}
	bi := bis[0]
	if bi.Err != nil {
		return inst, bi.Err
	}
	for _, f := range bi.Files {
		if rel, err := filepath.Rel(abs, f.Filename); err == nil {
			inst.Files = append(inst.Files, filepath.ToSlash(rel))
		}
	}
	slices.Sort(inst.Files)
	inst.files = bi.Files
	ctx := cuecontext.New()
	v := ctx.BuildInstance(bi)
	app := v.LookupPath(cue.MakePath(cue.Str("app")))
	if !app.Exists() {
		if err := v.Err(); err != nil {
			return inst, err
		}
		return inst, errors.Newf(v.Pos(), "no `app` field: declare `app: schema.#App & {...}` (import %q)", ImportPath)
	}
	inst.value = app
	pos := func(path []string) token.Pos { return inst.tokenPos(specPath(path)) }
	if err := validate(app, schemaDefinition(ctx, bi), pos); err != nil {
		return inst, err
	}
	if opts.Evaluated != nil {
		opts.Evaluated()
	}
	if err := decode(app, &inst.App); err != nil {
		return inst, err
	}
	return inst, nil
}

// overlays reports whether the overlay has a CUE file in dir.
func overlays(overlay map[string][]byte, dir string) bool {
	for name := range overlay {
		if filepath.Dir(name) == dir && strings.HasSuffix(name, ".cue") {
			return true
		}
	}
	return false
}

// ModuleRoot returns the nearest directory at or above dir (an absolute
// path) holding a cue.mod directory, or "" when there is none.
func ModuleRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "cue.mod")); err == nil && fi.IsDir() {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// vendoredDrift compares a vendored schema on disk with the embedded one.
// The overlay wins when samgen loads, but `cue vet` and the editor read the
// disk copy, so a stale copy makes them disagree with samgen.
func vendoredDrift(dir string) diag.List {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	want := Files()
	var differ []string
	seen := map[string]bool{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".cue") {
			continue
		}
		seen[e.Name()] = true
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !bytes.Equal(got, want[e.Name()]) {
			differ = append(differ, e.Name())
		}
	}
	for name := range want {
		if !seen[name] {
			differ = append(differ, name)
		}
	}
	if len(differ) == 0 {
		return nil
	}
	slices.Sort(differ)
	return diag.List{{Severity: diag.Note, Msg: fmt.Sprintf("the vendored schema in %s differs from samgen's %s (%s); run `samgen schema sync` so `cue vet` and the editor agree with samgen",
		filepath.ToSlash(VendorDir), Version, strings.Join(differ, ", "))}}
}
