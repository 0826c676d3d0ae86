package render_test

import (
	"os"
	"path/filepath"
	"testing"

	"samgen.dev/samgen/internal/benchspec"
	"samgen.dev/samgen/render"
)

// BenchmarkBuild500 measures what `samgen build` does for a 500-function
// spec: load and validate (CUE), lint, render and write.
func BenchmarkBuild500(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), benchspec.Spec(500), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		build(b, dir, "yaml", render.Options{})
	}
}
