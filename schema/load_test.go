package schema

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"
)

const spec = `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "hi"
	functions: hi: {
		handler: "app.handler"
		runtime: "python3.13"
		source:  "src"
	}
}
`

// writeTree writes files (slash paths relative to dir) into dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listing returns every path under dir with its size and mode.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, fmt.Sprintf("%s %v %d %v", rel, fi.Mode(), fi.Size(), fi.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func vendored() map[string]string {
	out := map[string]string{"cue.mod/module.cue": "module: \"example.com/app\"\nlanguage: version: \"v0.17.1\"\n"}
	for name, b := range Files() {
		out[filepath.ToSlash(filepath.Join(VendorDir, name))] = string(b)
	}
	return out
}

// TestLoadOverlayKeepsDirUnchanged guards the overlay: Load supplies the
// schema (and, when missing, cue.mod) in memory and never writes into the
// user's tree.
func TestLoadOverlayKeepsDirUnchanged(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
	}{
		{"no module", map[string]string{"samgen.cue": spec}},
		{"module without vendored schema", map[string]string{"samgen.cue": spec, "cue.mod/module.cue": "module: \"example.com/app\"\nlanguage: version: \"v0.17.1\"\n"}},
		{"vendored schema", func() map[string]string {
			m := vendored()
			m["samgen.cue"] = spec
			return m
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tc.files)
			before := listing(t, dir)
			inst, ds, err := Load(dir, Options{})
			if err != nil || ds != nil {
				t.Fatalf("Load: %v %v", err, ds)
			}
			if got, _ := inst.App.Functions["hi"].Handler.Str(); got != "app.handler" {
				t.Errorf("decoded handler %q", got)
			}
			if after := listing(t, dir); !slices.Equal(before, after) {
				t.Errorf("Load changed the directory:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

func TestLoadVendoredDrift(t *testing.T) {
	dir := t.TempDir()
	files := vendored()
	files["samgen.cue"] = spec
	writeTree(t, dir, files)
	inst, _, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inst.Notices) != 0 {
		t.Errorf("fresh vendored schema: notices %q", inst.Notices)
	}

	// An edited file, a stray one and a missing one are all named.
	vdir := filepath.Join(dir, VendorDir)
	writeTree(t, vdir, map[string]string{"app.cue": "package schema\n", "stale.cue": "package schema\n"})
	if err := os.Remove(filepath.Join(vdir, "refs.cue")); err != nil {
		t.Fatal(err)
	}
	inst, ds, err := Load(dir, Options{})
	if err != nil || ds != nil {
		t.Fatalf("the embedded schema must win over a drifted copy: %v %v", err, ds)
	}
	if len(inst.Notices) != 1 {
		t.Fatalf("notices %q, want one", inst.Notices)
	}
	for _, want := range []string{"(app.cue, refs.cue, stale.cue)", "samgen schema sync", Version} {
		if !strings.Contains(inst.Notices[0].Msg, want) {
			t.Errorf("notice %q does not mention %q", inst.Notices[0].Msg, want)
		}
	}
}

// TestSchemaFiles checks every embedded file parses on its own and the
// package builds with #App in it: Files panics on a broken asset, and
// this test is what makes that panic unreachable.
func TestSchemaFiles(t *testing.T) {
	files := Files()
	if len(files) == 0 {
		t.Fatal("no embedded schema files")
	}
	root := t.TempDir()
	overlay := map[string]load.Source{
		filepath.Join(root, "cue.mod", "module.cue"): load.FromString("module: \"samgen.dev\"\nlanguage: version: \"v0.17.1\"\n"),
	}
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			f, err := parser.ParseFile(name, src, parser.ParseComments)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if f.PackageName() != "schema" {
				t.Errorf("package %q, want schema", f.PackageName())
			}
		})
		overlay[filepath.Join(root, "schema", name)] = load.FromBytes(src)
	}
	bis := load.Instances([]string{"."}, &load.Config{Dir: filepath.Join(root, "schema"), ModuleRoot: root, Overlay: overlay})
	if err := bis[0].Err; err != nil {
		t.Fatalf("load: %v", err)
	}
	v := cuecontext.New().BuildInstance(bis[0])
	if err := v.Validate(); err != nil {
		t.Fatalf("build: %s", errors.Details(err, nil))
	}
	if !v.LookupPath(cue.MakePath(cue.Def("#App"))).Exists() {
		t.Error("no #App definition")
	}
}

// TestLoadErrorsPositioned checks that schema violations come back as
// diagnostics, all at once, each at a position in the user's file.
func TestLoadErrorsPositioned(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"samgen.cue": strings.Replace(spec, `source:  "src"`,
		"source:  \"src\"\n\t\tmemory: 64\n\t\tmemroy: 1\n\t\taccess: [{read: app.tables.nope.ref}]", 1)})
	inst, ds, err := Load(dir, Options{})
	if err != nil || inst != nil {
		t.Fatalf("Load = %v, %v; want diagnostics only", inst, err)
	}
	if len(ds) != 3 {
		t.Fatalf("%d diagnostics, want 3: %v", len(ds), ds)
	}
	for _, d := range ds {
		if filepath.Base(d.Pos.File) != "samgen.cue" {
			t.Errorf("%s: %s: first position %v, not in samgen.cue", d.Path, d.Msg, d.Pos)
		}
		for _, p := range d.Related {
			if strings.Contains(p.File, "cue.mod") {
				t.Errorf("%s: position %s names the overlay, not the schema", d.Path, p.File)
			}
		}
	}
}

func TestLoadNoApp(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"samgen.cue": "package app\n\nname: \"x\"\n"})
	_, ds, err := Load(dir, Options{})
	if err != nil || len(ds) != 1 || !strings.Contains(ds[0].Msg, "no `app` field") {
		t.Fatalf("err = %v, diagnostics %v", err, ds)
	}
}

func TestInstancePos(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"samgen.cue": `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "hi"
	functions: "get-item": {
		handler: "app.handler"
		runtime: "python3.13"
		source:  "src"
		access: [{read: app.tables.t.ref}]
	}
	tables: t: key: name: "id"
}
`})
	inst, ds, err := Load(dir, Options{})
	if err != nil || ds != nil {
		t.Fatal(err, ds)
	}
	for _, tc := range []struct {
		path      string
		line, col int
	}{
		{"functions.get-item.handler", 8, 12},
		{"functions.get-item.access[0].read", 11, 13},
		// A schema default points at the nearest thing the user wrote.
		{"tables.t.billing", 13, 10},
		{"functions.get-item.memory", 7, 13},
	} {
		p := inst.Pos(tc.path)
		if p.Line != tc.line || p.Column != tc.col {
			t.Errorf("Pos(%s) = %d:%d, want %d:%d", tc.path, p.Line, p.Column, tc.line, tc.col)
		}
	}
	if !inst.Has("functions.get-item.handler") || inst.Has("tables.t.billing") {
		t.Error("Has: wrong verdict on a user field or a schema default")
	}
}

// TestLoadUnreadableDir: a directory that cannot be listed is reported as
// such, not as one without CUE files. Running as root, no directory is
// unreadable, so the listing is made to fail.
func TestLoadUnreadableDir(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"samgen.cue": spec})
	readDir = func(string) ([]fs.DirEntry, error) {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrPermission}
	}
	t.Cleanup(func() { readDir = os.ReadDir })
	_, _, err := Load(dir, Options{})
	if err == nil || err.Error() != "read "+dir+": permission denied" {
		t.Fatalf("got %v, want read %s: permission denied", err, dir)
	}
}
