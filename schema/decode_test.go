package schema

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestDecodeEqualsCUE proves Load's decoder gives the model cue's own
// Value.Decode gives, on every example and on every spec of the CLI's
// testscripts that passes the schema.
func TestDecodeEqualsCUE(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("../examples/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	scripts, err := filepath.Glob("../cmd/samgen/testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no testscripts: %v", err)
	}
	// The scenarios' specs are laid out in one module, and loaded with one
	// Loader (renewed now and then): it parses and evaluates the schema
	// once per module.
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "cue.mod"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "cue.mod", "module.cue"), []byte("module: \"samgen.local/app\"\nlanguage: version: \"v0.17.1\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, script := range scripts {
		dirs = append(dirs, specDirs(t, filepath.Join(root, strings.TrimSuffix(filepath.Base(script), ".txtar")), script)...)
	}
	decoded := 0
	var loader *Loader
	for i, dir := range dirs {
		var tags []string
		if b, err := os.ReadFile(filepath.Join(dir, "tags.txt")); err == nil {
			tags = strings.Fields(string(b))
		}
		if i%50 == 0 {
			loader = NewLoader()
		}
		inst, _, err := Load(dir, Options{Tags: tags, Loader: loader})
		if err != nil || inst == nil {
			continue // not a valid spec: nothing is decoded
		}
		decoded++
		var want App
		if err := inst.value.Decode(&want); err != nil {
			t.Errorf("%s: cue's Decode: %v", dir, err)
			continue
		}
		// Load reads definition files into the model after decoding: the
		// decoder alone is compared.
		var got App
		if err := decode(inst.value, &got); err != nil {
			t.Errorf("%s: samgen's decoder: %v", dir, err)
			continue
		}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(App{}), cmp.AllowUnexported(Value{})); diff != "" {
			t.Errorf("%s: the decoder differs from cue's Decode (-cue +samgen):\n%s", dir, diff)
		}
	}
	t.Logf("%d of %d specs decoded", decoded, len(dirs))
	if decoded < len(scripts)/2 {
		t.Errorf("only %d of %d specs decoded", decoded, len(dirs))
	}
}

// specDirs extracts a testscript archive and returns the directories
// holding its .cue files (outside cue.mod).
func specDirs(t *testing.T, root, archive string) []string {
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, f := range a.Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if d := filepath.Dir(p); strings.HasSuffix(p, ".cue") && !strings.Contains(filepath.ToSlash(p), "/cue.mod/") && !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}
