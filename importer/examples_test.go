package importer

import (
	"os"
	"path/filepath"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
)

// TestExamplesRoundTrip imports every example's built template into a
// spec beside it and checks that the spec builds the same template.
func TestExamplesRoundTrip(t *testing.T) {
	for _, dir := range exampletest.Dirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			res, err := Import(src, Options{TemplateDir: dir, Dir: out, Now: exampletest.Today})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Differences {
				t.Errorf("%s", d)
			}
			for _, h := range res.Hatches {
				t.Logf("hatch %s: %s", h.Path, h.Why)
			}
		})
	}
}
