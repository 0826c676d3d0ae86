package importer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/samtest"
)

// TestExamplesRoundTrip imports every example's built template into a
// spec in the example's directory (in memory: nothing is written) and
// checks that the spec builds the same template, before and after SAM's
// real transform.
func TestExamplesRoundTrip(t *testing.T) {
	t.Parallel()
	dirs := exampletest.Dirs(t)
	texts := make([]string, 2*len(dirs))
	hatches := make([][]Hatch, len(dirs))
	var wg sync.WaitGroup
	for i, dir := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
			if err != nil {
				t.Error(err)
				return
			}
			res, err := Import(src, Options{TemplateDir: dir, Dir: dir, Now: exampletest.Today})
			if err != nil {
				t.Errorf("%s: %v", dir, err)
				return
			}
			for _, d := range res.Differences {
				t.Errorf("%s: %s", dir, d)
			}
			texts[2*i], texts[2*i+1] = string(src), string(res.Rendered)
			hatches[i] = res.Hatches
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	// The escape hatches are pinned: a mapping that stops being native
	// (an event's dead-letter queue read as an override) still round-trips,
	// so only the list of hatches shows it.
	clean := 0
	var listed strings.Builder
	for i, dir := range dirs {
		if len(hatches[i]) == 0 {
			clean++
		}
		fmt.Fprintf(&listed, "%s: %d\n", filepath.Base(dir), len(hatches[i]))
		for _, h := range hatches[i] {
			fmt.Fprintf(&listed, "  %s: %s\n", h.Path, h.Why)
		}
	}
	fmt.Fprintf(&listed, "%d of %d examples import with no escape hatch\n", clean, len(dirs))
	golden(t, filepath.Join("testdata", "examples.golden"), listed.String())
	for i, c := range compareTransformed(t, texts) {
		for _, d := range c.diffs {
			t.Errorf("%s after SAM's transform: %s", dirs[i], d)
		}
	}
}

// compareTransformed puts pairs of templates (the original, then what its
// import builds) through SAM's transform in one process and returns, for
// each pair the transformed original and how the transformed templates
// differ.
func compareTransformed(t *testing.T, texts []string) []transformed {
	t.Helper()
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	var out []json.RawMessage
	if err := json.Unmarshal(samtest.Run(t, transformScript, in), &out); err != nil {
		t.Fatal(err)
	}
	var pairs []transformed
	for i := 0; i < len(texts)/2; i++ {
		want, err := cfn.Parse(out[2*i])
		if err != nil {
			t.Fatal(err)
		}
		got, err := cfn.Parse(out[2*i+1])
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, transformed{want, Compare(want, got)})
	}
	return pairs
}

// transformed is a transformed original and how its import differs.
type transformed struct {
	want  *cfn.Template
	diffs []Difference
}
