package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/samtest"
)

// transformScript prints, per template text of a JSON list on stdin, the
// template SAM's transform makes of it, as a JSON list.
const transformScript = samtest.Loader + `
json.dump([transform(load(t), {}, Policies()) for t in json.load(sys.stdin)], sys.stdout, sort_keys=True)
`

// TestTemplates imports the project's own SAM templates
// (testdata/templates, written to cover what samgen models), pins each
// spec and its report as a golden (SAMGEN_UPDATE=1 rewrites them), and
// checks the round trip through SAM's real transform: the transform of
// what the spec builds equals the transform of the template, resource for
// resource, property for property.
func TestTemplates(t *testing.T) {
	dir := filepath.Join("testdata", "templates")
	var names []string
	for _, ext := range []string{"*.yaml", "*.json"} {
		m, _ := filepath.Glob(filepath.Join(dir, ext))
		names = append(names, m...)
	}
	if len(names) == 0 {
		t.Fatal("no templates in testdata/templates")
	}
	t.Parallel()
	texts := make([]string, 2*len(names))
	results := make([]*Result, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src, err := os.ReadFile(name)
			if err != nil {
				t.Error(err)
				return
			}
			res, err := Import(src, Options{Name: "imported", TemplateDir: dir, Dir: dir, Now: exampletest.Today})
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			results[i] = res
			texts[2*i], texts[2*i+1] = string(src), string(res.Rendered)
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	clean, resources, exact := 0, 0, 0
	for i, name := range names {
		res := results[i]
		for _, d := range res.Differences {
			t.Errorf("%s: %s", name, d)
		}
		if len(res.Hatches) == 0 {
			clean++
		}
		golden(t, strings.TrimSuffix(name, filepath.Ext(name))+".golden", report(res))
	}
	for i, c := range compareTransformed(t, texts) {
		name, want := names[i], c.want
		differ := map[string]bool{}
		for _, d := range c.diffs {
			t.Errorf("%s after SAM's transform: %s", name, d)
			differ[d.LogicalID] = true
		}
		for id := range want.Resources {
			resources++
			if !differ[id] {
				exact++
			}
		}
	}
	t.Logf("%d of %d templates import with no escape hatch; %d of %d resources match exactly after SAM's transform", clean, len(names), exact, resources)
}

// report is the golden of an import: the spec, then what it lists.
func report(res *Result) string {
	var b strings.Builder
	b.Write(res.Files[specFile])
	b.WriteString("\n-- escape hatches --\n")
	for _, h := range res.Hatches {
		fmt.Fprintf(&b, "%s: %s\n", h.Path, h.Why)
	}
	b.WriteString("-- acknowledged --\n")
	for _, a := range res.Acknowledged {
		fmt.Fprintf(&b, "%s: %s\n", a.Path, a.Grant)
	}
	b.WriteString("-- notes --\n")
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "%s\n", n)
	}
	return b.String()
}

// golden compares got with the file at path, or writes it with
// SAMGEN_UPDATE=1.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if os.Getenv("SAMGEN_UPDATE") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with SAMGEN_UPDATE=1)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from what the import writes (SAMGEN_UPDATE=1 rewrites it):\n%s", path, got)
	}
}
