package importer

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/samtest"
)

// TestMain stops the Python process SAM's translator runs in once the
// tests are done (see samtest.Main), and removes the module of the fuzz
// seeds' specs.
func TestMain(m *testing.M) {
	code := samtest.Main(m)
	exampletest.RemoveSpecDirs()
	os.Exit(code)
}
