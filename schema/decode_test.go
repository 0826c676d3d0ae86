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
	for _, script := range scripts {
		dirs = append(dirs, specDirs(t, script)...)
	}
	decoded := 0
	for _, dir := range dirs {
		var tags []string
		if b, err := os.ReadFile(filepath.Join(dir, "tags.txt")); err == nil {
			tags = strings.Fields(string(b))
		}
		inst, _, err := Load(dir, Options{Tags: tags})
		if err != nil || inst == nil {
			continue // not a valid spec: nothing is decoded
		}
		decoded++
		var want App
		if err := inst.value.Decode(&want); err != nil {
			t.Errorf("%s: cue's Decode: %v", dir, err)
			continue
		}
		if diff := cmp.Diff(want, inst.App, cmpopts.IgnoreUnexported(App{}), cmp.AllowUnexported(Value{})); diff != "" {
			t.Errorf("%s: the decoder differs from cue's Decode (-cue +samgen):\n%s", dir, diff)
		}
	}
	if decoded < len(scripts)/2 {
		t.Errorf("only %d of %d specs decoded", decoded, len(dirs))
	}
}

// specDirs extracts a testscript archive and returns the directories
// holding its .cue files (outside cue.mod).
func specDirs(t *testing.T, archive string) []string {
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
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
