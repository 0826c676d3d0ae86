package schema

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/shell"
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
	// Loader keeps the CUE context and the evaluated schema from one load
	// to the next; nil loads with a fresh one.
	Loader *Loader
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
	// docPos is where the values of the documents the spec names
	// (definition files) are, by spec path; docEnd where the scalars among
	// them end.
	docPos map[string]diag.Position
	docEnd map[posKey]diag.Position
}

// VendorDir is where `samgen init` and `samgen schema sync` vendor the
// schema inside a module, and where Load supplies it in memory.
var VendorDir = filepath.Join("cue.mod", "pkg", filepath.FromSlash(ImportPath))

// UsageError is a mistake in how samgen was asked to load a spec rather
// than in the spec: a -t tag the spec does not declare, or a tag value of
// the wrong type. Commands exit 2 for it, as for any usage error.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// A Loader loads specs. It keeps what does not change from one spec to the
// next: the CUE context, and the schema, parsed and evaluated once per
// module directory. A process that loads many specs (the fuzz test, an
// editor) keeps one; every value a Loader evaluates stays in its context,
// so such a process replaces it now and then. A Loader is not safe for
// concurrent use.
type Loader struct {
	ctx *cue.Context
	// schemas are the schema instances, built in ctx, by the directory
	// their files are named in (positions name it).
	schemas map[string]*build.Instance
}

// NewLoader returns a Loader with a fresh CUE context.
func NewLoader() *Loader {
	return &Loader{ctx: cuecontext.New(), schemas: map[string]*build.Instance{}}
}

// Load evaluates the CUE package in dir against the embedded schema and
// decodes its `app` field. The schema is supplied through an in-memory
// overlay, so nothing is written into the user's tree; dir needs no
// cue.mod of its own (one is supplied when missing). A spec that fails the
// schema gives every violation at once, as diagnostics at the user's
// positions, and no instance; err is for what is not the spec's fault (a
// directory that cannot be read; a [UsageError]).
func Load(dir string, opts Options) (*Instance, diag.List, error) {
	l := opts.Loader
	if l == nil {
		l = NewLoader()
	}
	return l.load(dir, opts)
}

// readDir lists a directory; tests replace it to make one unreadable,
// which running as root cannot.
var readDir = os.ReadDir

func (l *Loader) load(dir string, opts Options) (*Instance, diag.List, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	if fi, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("no directory %s: name the spec's directory, or run `samgen init %s` to start a spec there", dir, shell.Word(dir))
	} else if err != nil {
		return nil, nil, err
	} else if !fi.IsDir() {
		return nil, nil, fmt.Errorf("%s is a file: samgen takes the directory of the spec's package, %s", dir, filepath.Dir(dir))
	}
	if err := repeatedTag(opts.Tags); err != nil {
		return nil, nil, err
	}
	if mod, ok := moduleOfCueMod(abs); ok {
		return nil, nil, fmt.Errorf("%s is in a module's cue.mod directory (its metadata and vendored schema), not a spec: run samgen on the module's directory, %s", dir, mod)
	}
	entries, err := readDir(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", dir, unwrapPath(err))
	}
	if !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return !e.IsDir() && strings.HasSuffix(e.Name(), ".cue") }) && !overlays(opts.Overlay, abs) {
		return nil, nil, fmt.Errorf("no CUE files in %s: run `samgen init %s` to start a spec", dir, shell.Word(dir))
	}
	inst, err := l.loadDir(abs, dir, opts)
	if err != nil {
		var ue UsageError
		if errors.As(err, &ue) {
			return nil, nil, ue
		}
		return nil, append(slices.Clone(inst.Notices), inst.diagnostics(err, opts.Hints, abs)...), nil
	}
	return inst, nil, nil
}

// moduleOfCueMod returns the directory of the module whose cue.mod
// directory holds abs (or is abs), relative to the working directory;
// CUE loads no package there.
func moduleOfCueMod(abs string) (string, bool) {
	for d := abs; ; {
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		if filepath.Base(d) == "cue.mod" {
			if cwd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(cwd, parent); err == nil {
					return rel, true
				}
			}
			return parent, true
		}
		d = parent
	}
}

// unwrapPath drops the path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (l *Loader) loadDir(abs, dir string, opts Options) (*Instance, error) {
	root := ModuleRoot(abs)
	overlay := map[string]load.Source{}
	if root == "" {
		root = abs
		overlay[filepath.Join(root, "cue.mod", "module.cue")] = load.FromString(
			"module: \"samgen.local/app\"\nlanguage: version: \"v0.17.1\"\n")
	}
	inst := &Instance{Dir: abs, schemaDir: filepath.Join(root, VendorDir)}
	inst.Notices = vendoredDrift(inst.schemaDir, dir)
	for name, src := range opts.Overlay {
		overlay[name] = load.FromBytes(src)
	}
	embedded := Files()
	for name, src := range embedded {
		overlay[filepath.Join(inst.schemaDir, name)] = load.FromBytes(src)
	}
	schemaInst := l.schema(inst.schemaDir, embedded)
	cfg := &load.Config{Dir: abs, ModuleRoot: root, Overlay: overlay, Tags: opts.Tags, ParseFile: parseFile(schemaInst, true)}
	bis := load.Instances([]string{"."}, cfg)
	if len(bis) == 1 && bis[0].Err == nil && !importsEmbedded(bis[0], embedded) {
		// A vendored copy with files of its own: it is loaded and
		// evaluated as it is, with the embedded files' syntax.
		cfg.ParseFile = parseFile(schemaInst, false)
		bis = load.Instances([]string{"."}, cfg)
	}
	if len(bis) != 1 {
		return inst, fmt.Errorf("load %s: expected one CUE package, found %d", dir, len(bis))
	}
	bi := bis[0]
	if bi.Err != nil {
		if tagError(bi.Err) {
			return inst, UsageError{tagMessage(bi.Err, bi, opts.Tags)}
		}
		return inst, bi.Err
	}
	for _, f := range bi.Files {
		if rel, err := filepath.Rel(abs, f.Filename); err == nil {
			inst.Files = append(inst.Files, filepath.ToSlash(rel))
		}
	}
	slices.Sort(inst.Files)
	if err := packageless(bi); err != nil {
		return inst, err
	}
	schemaImports(bi, func(parent *build.Instance, i int) {
		if sameFiles(parent.Imports[i], embedded) {
			// The user's import is the embedded schema: evaluate it once.
			parent.Imports[i] = schemaInst
		}
	})
	inst.files = bi.Files
	v := l.ctx.BuildInstance(bi)
	appDef := func() cue.Value { return l.ctx.BuildInstance(schemaInst).LookupPath(cue.MakePath(cue.Def("#App"))) }
	app := v.LookupPath(cue.MakePath(cue.Str("app")))
	if !app.Exists() {
		if err := v.Err(); err != nil {
			return inst, err
		}
		return inst, errors.Newf(v.Pos(), "no `app` field: declare `app: schema.#App & {...}` (import %q)", ImportPath)
	}
	if !declaresApp(bi) {
		// Without `schema.#App` the spec would be checked against nothing;
		// samgen checks it all the same, and says how to let `cue vet` and
		// the editor check it too.
		at := app.Pos()
		app = app.Unify(appDef())
		inst.Notices = append(inst.Notices, diag.Diagnostic{Severity: diag.Note, Path: "app", Pos: diag.At(at),
			Msg: fmt.Sprintf("app is not declared as a schema.#App; samgen checks it as one, but `cue vet` and the editor do not: write `app: schema.#App & {...}` (import %q)", ImportPath)})
	}
	inst.value = app
	if outside := validateBeside(v); outside != nil {
		// Fields beside app are the spec's too; a tag value they do not
		// allow is a mistake on the command line.
		if ue := tagConflict(outside, bi, dir, opts.Tags); ue != nil {
			return inst, *ue
		}
		return inst, outside
	}
	pos := func(path []string) token.Pos { return inst.tokenPos(specPath(path)) }
	if err := validate(app, appDef, pos); err != nil {
		return inst, err
	}
	if opts.Evaluated != nil {
		opts.Evaluated()
	}
	if err := decode(app, &inst.App); err != nil {
		return inst, err
	}
	inst.readDefinitions(opts.Overlay)
	inst.readOpenAPIs(opts.Overlay)
	return inst, nil
}

// parseFile parses the files of a load, except those of the embedded
// schema, which the Loader has parsed once. With stub, each of those is an
// empty file of package schema: the import is replaced by the Loader's
// schema instance once loaded, and the CUE loader would otherwise resolve
// every identifier of the schema again on each load (most of a small
// spec's load).
func parseFile(schemaInst *build.Instance, stub bool) func(string, any, parser.Config) (*ast.File, error) {
	parsed := map[string]*ast.File{}
	for _, f := range schemaInst.Files {
		parsed[f.Filename] = f
	}
	return func(name string, src any, cfg parser.Config) (*ast.File, error) {
		f := parsed[name]
		switch {
		case f == nil:
			return parser.ParseFile(name, src, cfg)
		case stub:
			return &ast.File{Filename: name, Decls: []ast.Decl{&ast.Package{Name: ast.NewIdent(schemaInst.PkgName)}}}, nil
		}
		return f, nil
	}
}

// importsEmbedded reports whether every import of the schema package in
// a load is made of exactly the embedded files.
func importsEmbedded(bi *build.Instance, embedded map[string][]byte) bool {
	all := true
	schemaImports(bi, func(parent *build.Instance, i int) {
		all = all && sameFiles(parent.Imports[i], embedded)
	})
	return all
}

// schemaImports calls f for each import of the schema package in bi and
// in the packages it imports (a package of the user's module may import
// the schema too), with the importing instance and the import's index.
func schemaImports(bi *build.Instance, f func(parent *build.Instance, i int)) {
	seen := map[*build.Instance]bool{}
	var walk func(b *build.Instance)
	walk = func(b *build.Instance) {
		for i, imp := range b.Imports {
			switch {
			case imp.ImportPath == ImportPath:
				f(b, i)
			case !seen[imp]:
				seen[imp] = true
				walk(imp)
			}
		}
	}
	walk(bi)
}

// schema returns the embedded schema as a package whose files are named in
// dir, parsed once; the Loader's context evaluates it once, when a spec
// first imports it. Its comments are not parsed: only the schema's docs
// (docs.go, a load of their own) read them, and parsing them is a tenth of
// a small spec's check.
func (l *Loader) schema(dir string, embedded map[string][]byte) *build.Instance {
	if bi := l.schemas[dir]; bi != nil {
		return bi
	}
	bi := build.NewContext().NewInstance(dir, nil)
	bi.ImportPath, bi.PkgName = ImportPath, "schema"
	for _, name := range slices.Sorted(maps.Keys(embedded)) {
		f, err := parser.ParseFile(filepath.Join(dir, name), embedded[name])
		if err != nil {
			panic(fmt.Sprintf("schema: embedded %s: %v", name, err)) // a unit test loads every file
		}
		if err := bi.AddSyntax(f); err != nil {
			panic(fmt.Sprintf("schema: embedded %s: %v", name, err))
		}
	}
	l.schemas[dir] = bi
	return bi
}

// sameFiles reports whether a loaded schema package is made of exactly the
// embedded files (a vendored copy may hold others, which then count).
func sameFiles(imp *build.Instance, embedded map[string][]byte) bool {
	if len(imp.Files) != len(embedded) {
		return false
	}
	for _, f := range imp.Files {
		if embedded[filepath.Base(f.Filename)] == nil {
			return false
		}
	}
	return true
}

// declaresApp reports whether a file of the package declares `app` with a
// selector of #App (`app: schema.#App & {...}`).
func declaresApp(bi *build.Instance) bool {
	for _, f := range bi.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.Field)
			if !ok {
				continue
			}
			if name, _, _ := ast.LabelName(fd.Label); name != "app" {
				continue
			}
			found := false
			ast.Walk(fd.Value, func(n ast.Node) bool {
				if s, ok := n.(*ast.SelectorExpr); ok {
					if name, _, _ := ast.LabelName(s.Sel); name == "#App" {
						found = true
					}
				}
				return !found
			}, nil)
			if found {
				return true
			}
		}
	}
	return false
}

// packageless reports the files of the spec's directory that have no
// package clause: CUE leaves them out of the package without a word, so
// what they declare would silently not count.
func packageless(bi *build.Instance) error {
	var errs errors.Error
	for _, f := range bi.IgnoredFiles {
		if f.ExcludeReason == nil || !strings.Contains(f.ExcludeReason.Error(), "no package name") {
			continue
		}
		pos := token.NewFile(f.Filename, -1, 1).Pos(0, token.NoRelPos)
		errs = errors.Append(errs, errors.Newf(pos, "%s has no package clause, so it is not part of the spec: add `package %s` as its first line (or move it out of the directory)", filepath.Base(f.Filename), bi.PkgName))
	}
	return errs
}

// validateBeside validates the package's regular fields other than app
// (app is validated with the schema, all at once), without requiring them
// to be concrete.
func validateBeside(v cue.Value) errors.Error {
	it, err := v.Fields()
	if err != nil {
		return errors.Promote(err, "")
	}
	var out errors.Error
	for it.Next() {
		if it.Selector().String() == "app" {
			continue
		}
		if err := it.Value().Validate(cue.All()); err != nil {
			out = errors.Append(out, errors.Promote(err, ""))
		}
	}
	return out
}

// tagError reports whether a load failed on the -t values given.
func tagError(err error) bool {
	for _, e := range errors.Errors(err) {
		format, _ := e.Msg()
		if strings.HasPrefix(format, "no tag for") || strings.HasPrefix(format, "tag %q not used") {
			return true
		}
	}
	return false
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

// tags returns the fields of the package's files that take a tag value,
// by tag name.
func tags(bi *build.Instance) map[string]*ast.Field {
	out := map[string]*ast.Field{}
	for _, f := range bi.Files {
		ast.Walk(f, func(n ast.Node) bool {
			fd, ok := n.(*ast.Field)
			if !ok {
				return true
			}
			for _, a := range fd.Attrs {
				if k, body := a.Split(); k == "tag" {
					name, _, _ := strings.Cut(body, ",")
					out[strings.TrimSpace(name)] = fd
				}
			}
			return true
		}, nil)
	}
	return out
}

// tagMessage says which -t value the spec has no tag for, and which tags it
// has.
func tagMessage(err error, bi *build.Instance, given []string) error {
	declared := tags(bi)
	names := slices.Sorted(maps.Keys(declared))
	has := "it declares none"
	if len(names) > 0 {
		has = "its tags: " + strings.Join(names, ", ")
	}
	for _, e := range errors.Errors(err) {
		format, args := e.Msg()
		if !strings.HasPrefix(format, "no tag for") && !strings.HasPrefix(format, "tag %q not used") {
			continue
		}
		name := fmt.Sprint(args...)
		if declared[name] != nil {
			return fmt.Errorf("-t %s: give the tag a value: -t %s=VALUE", name, name)
		}
		t := name
		for _, g := range given {
			if k, _, _ := strings.Cut(g, "="); k == name {
				t = g
			}
		}
		return fmt.Errorf("-t %s: the spec has no @tag(%s) (%s)", t, name, has)
	}
	return err
}

// repeatedTag refuses a tag given twice (-t stage=prod -t stage=dev): a
// field takes one value, and CUE would report the two as a conflict of
// the spec's.
func repeatedTag(given []string) error {
	first := map[string]string{}
	for _, g := range given {
		name, _, _ := strings.Cut(g, "=")
		if f, ok := first[name]; ok {
			return UsageError{fmt.Errorf("-t %s and -t %s: a tag takes one value; give %s once", f, g, name)}
		}
		first[name] = g
	}
	return nil
}

// tagConflict turns an error about a field that a -t value was injected
// into into a usage error that shows what the field accepts, at its file
// named as dir (the directory as given) names it.
func tagConflict(errs errors.Error, bi *build.Instance, dir string, given []string) *UsageError {
	declared := tags(bi)
	for _, g := range given {
		name, _, ok := strings.Cut(g, "=")
		fd := declared[name]
		if !ok || fd == nil {
			continue
		}
		label, _, _ := ast.LabelName(fd.Label)
		for _, e := range errors.Errors(errs) {
			if p := e.Path(); len(p) > 0 && p[0] == label {
				x := fd.Value
				if b, ok := x.(*ast.BinaryExpr); ok && b.Op == token.AND && !b.Y.Pos().IsValid() {
					x = b.X // the spec's own expression, before the tag's value
				}
				if p, ok := x.(*ast.ParenExpr); ok && !p.Lparen.IsValid() {
					x = p.X
				}
				src, _ := format.Node(x)
				at := fd.Value.Pos()
				file := at.Filename()
				if rel, err := filepath.Rel(bi.Dir, file); err == nil {
					file = filepath.ToSlash(filepath.Join(dir, rel))
				}
				return &UsageError{fmt.Errorf("-t %s: %s does not accept it: %s is %s (%s:%d:%d)", g, label, label, src, file, at.Line(), at.Column())}
			}
		}
	}
	return nil
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
// disk copy, so a stale copy makes them disagree with samgen. spec is the
// spec's directory as given, which the sync it suggests names.
func vendoredDrift(dir, spec string) diag.List {
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
	sync := "samgen schema sync"
	if spec != "." {
		sync += " " + shell.Word(spec)
	}
	return diag.List{{Severity: diag.Note, Msg: fmt.Sprintf("the vendored schema in %s differs from samgen's %s (%s); run `%s` so `cue vet` and the editor agree with samgen",
		filepath.ToSlash(VendorDir), Version, strings.Join(differ, ", "), sync)}}
}
