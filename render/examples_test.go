package render_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/render"
)

// today pins the runtime lifecycle date for the examples.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// examples returns the example directories.
func examples(t *testing.T) []string {
	dirs, err := exampleDirs()
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// exampleDirs is examples, for code without a test of its own.
func exampleDirs() ([]string, error) {
	dirs, err := filepath.Glob("../examples/*/samgen.cue")
	if err != nil || len(dirs) == 0 {
		return nil, fmt.Errorf("no examples found: %v", err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs, nil
}

// exampleTags are the CUE tags an example is rendered with: its
// tags.txt, one per line, when present.
func exampleTags(dir string) []string {
	b, err := os.ReadFile(filepath.Join(dir, "tags.txt"))
	if err != nil {
		return nil
	}
	return strings.Fields(string(b))
}

func renderExample(t *testing.T, dir string) []byte {
	t.Helper()
	out, err := render.YAML(check(t, dir, render.Options{}).Template)
	if err != nil {
		t.Fatalf("%s: write: %v", dir, err)
	}
	return out
}

// TestExamples renders every example and compares it with its committed
// template.yaml; SAMGEN_UPDATE=1 rewrites them.
func TestExamples(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := renderExample(t, dir)
			if again := renderExample(t, dir); !bytes.Equal(got, again) {
				t.Fatal("two renders differ")
			}
			var n yaml.Node
			if err := yaml.Unmarshal(got, &n); err != nil {
				t.Fatalf("output does not parse: %v", err)
			}
			path := filepath.Join(dir, "template.yaml")
			if os.Getenv("SAMGEN_UPDATE") != "" {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run SAMGEN_UPDATE=1 go test ./render)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale; run SAMGEN_UPDATE=1 go test ./render\n%s", path, diffLines(want, got))
			}
		})
	}
}

// TestExamplesCfnLint requires cfn-lint to find no error in any committed
// example template or any template a CLI scenario pins (scriptTemplates).
// cfn-lint runs SAM's transform first, so a template SAM rejects fails too
// (E0001): a scenario that pins a corrected output thus also proves AWS
// takes it. Without cfn-lint the test skips, except in CI (CI=true), where
// it fails. The templates are linted in the package's one cfn-lint run
// (lintAll).
func TestExamplesCfnLint(t *testing.T) {
	t.Parallel()
	run := lintAll(t)
	for i, dir := range run.examples {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			run.requireNoErrors(t, run.committed[i])
		})
	}
	for _, name := range slices.Sorted(maps.Keys(run.scenarios)) {
		t.Run("scenario/"+name, func(t *testing.T) {
			run.requireNoErrors(t, run.scenarios[name])
		})
	}
}

// diffLines shows the first differing lines of two texts.
func diffLines(want, got []byte) string {
	w := strings.Split(string(want), "\n")
	g := strings.Split(string(got), "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 20; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }
