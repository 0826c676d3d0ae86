package schema

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/diag"
)

// TestMappingQuotas holds #Mapping and #App.mappings to CloudFormation's
// quotas: at most 200 mappings, 1–200 top-level keys in one and 1–200
// second-level keys under each; each excess is one finding at the user's
// value. (The names and keys are SG850's.)
func TestMappingQuotas(t *testing.T) {
	entries := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(f(i))
		}
		return b.String()
	}
	for _, c := range []struct {
		name, mappings, path string // path "" accepts the mappings
	}{
		{"200 mappings", entries(200, func(i int) string { return fmt.Sprintf("M%d: k: v: \"x\"\n", i) }), ""},
		{"201 mappings", entries(201, func(i int) string { return fmt.Sprintf("M%d: k: v: \"x\"\n", i) }), "mappings"},
		{"200 top-level keys", "M: {" + entries(200, func(i int) string { return fmt.Sprintf("\"k-%d\": v: \"x\"\n", i) }) + "}\n", ""},
		{"201 top-level keys", "M: {" + entries(201, func(i int) string { return fmt.Sprintf("\"k-%d\": v: \"x\"\n", i) }) + "}\n", "mappings.M"},
		{"201 second-level keys", "M: k: {" + entries(201, func(i int) string { return fmt.Sprintf("v%d: \"x\"\n", i) }) + "}\n", "mappings.M.k"},
		{"no top-level key", "M: {}\n", "mappings.M"},
		{"no second-level key", "M: k: {}\n", "mappings.M.k"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ds := loadWith(t, "mappings: {\n"+c.mappings+"}")
			if c.path == "" {
				if len(ds) > 0 {
					t.Fatalf("rejected: %v", ds)
				}
				return
			}
			if len(ds) != 1 {
				t.Fatalf("%d findings, want 1 at app.%s: %v", len(ds), c.path, ds)
			}
			if d := ds[0]; d.Path != "app."+c.path || filepath.Base(d.Pos.File) != "samgen.cue" {
				t.Errorf("finding %s at %v, want app.%s in samgen.cue", d.Path, d.Pos, c.path)
			}
		})
	}
}

// loadWith loads spec with fields added to its app and returns the
// findings.
func loadWith(t *testing.T, fields string) diag.List {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"samgen.cue": strings.Replace(spec, "\tfunctions: hi:", "\t"+fields+"\n\tfunctions: hi:", 1)})
	_, ds, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
