package render_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/cfnlint"
	"samgen.dev/samgen/render"
)

// today pins the runtime lifecycle date for the examples.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// examples returns the example directories.
func examples(t *testing.T) []string {
	dirs, err := filepath.Glob("../examples/*/samgen.cue")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
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
	return build(t, dir, "yaml", render.Options{})
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

// TestExamplesCfnLint runs cfn-lint on every committed example template,
// and on every template a CLI scenario pins (scriptTemplates), in one
// process, and fails on any error-level finding. cfn-lint runs SAM's
// transform first, so a template SAM rejects fails too (E0001): a scenario
// that pins a corrected output thus also proves AWS takes it. Without
// cfn-lint the test skips, except in CI (CI=true), where it fails.
func TestExamplesCfnLint(t *testing.T) {
	t.Parallel()
	bin := cfnlint.Bin(t)
	dirs := examples(t)
	var files []string
	for _, dir := range dirs {
		files = append(files, filepath.Join(dir, "template.yaml"))
	}
	scenarios := scriptTemplates(t)
	tmp := t.TempDir()
	pinned := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(scenarios)) {
		p := filepath.Join(tmp, strings.ReplaceAll(name, "/", "--"))
		if err := os.WriteFile(p, scenarios[name], 0o644); err != nil {
			t.Fatal(err)
		}
		pinned[name] = p
		files = append(files, p)
	}
	found := lintTemplates(t, bin, files)
	for i, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			requireNoLintErrors(t, found, files[i])
		})
	}
	for _, name := range slices.Sorted(maps.Keys(pinned)) {
		t.Run("scenario/"+name, func(t *testing.T) {
			requireNoLintErrors(t, found, pinned[name])
		})
	}
}

// lintTemplates runs cfn-lint once on all files (its start-up costs more
// than linting a template) and returns their findings by file; warnings and
// informational findings are logged.
func lintTemplates(t *testing.T, bin string, files []string) map[string][]cfnlint.Finding {
	t.Helper()
	found, err := cfnlint.Lint(bin, files...)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if n := len(found[file]) - len(cfnlint.Errors(found[file])); n > 0 {
			t.Logf("cfn-lint: %d warnings/info in %s:\n%s", n, file, cfnlint.Format(found[file]))
		}
	}
	return found
}

// requireNoLintErrors fails the test if cfn-lint found errors in file.
func requireNoLintErrors(t *testing.T, found map[string][]cfnlint.Finding, file string) {
	t.Helper()
	if errs := cfnlint.Errors(found[file]); len(errs) > 0 {
		t.Errorf("cfn-lint found errors in %s:\n%s", file, cfnlint.Format(errs))
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
