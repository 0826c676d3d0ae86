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
// SG411).
func Sources(t testing.TB, dir, src string) {
	t.Helper()
	if err := MakeSources(dir, src); err != nil {
		t.Fatal(err)
	}
}

// MakeSources is [Sources] for a caller without a testing.TB (the soak).
// A URI, an absolute path or one that leaves dir is left alone: a
// generated or fuzzed spec makes nothing outside dir.
func MakeSources(dir, src string) error {
	for _, m := range sourceField.FindAllStringSubmatch(src, -1) {
		p := filepath.FromSlash(m[1])
		if schema.IsURI(m[1]) || !filepath.IsLocal(p) {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			return err
		}
	}
	return nil
}
