// Package specfixture prepares, for tests, the directory of a spec that
// tests write as text: the files a spec names besides its own.
package specfixture

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"samgen.dev/samgen/schema"
)

// sourceField is a `source: "..."` field of a spec, as tests write them.
var sourceField = regexp.MustCompile(`\bsource:\s*"([^"\\]+)"`)

// Sources makes, under dir, an empty directory for every source that the
// spec text src names (`source: "src"`): functions and layers are
// packaged from them, and vet reports one that is missing (SG124,
// SG411). A URI or an absolute path is left alone.
func Sources(t testing.TB, dir, src string) {
	t.Helper()
	for _, m := range sourceField.FindAllStringSubmatch(src, -1) {
		p := m[1]
		if schema.IsURI(p) || filepath.IsAbs(p) {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(p)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}
