package importer

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/samtest"
)

// TestMain runs the tests with a garbage collector that collects less
// often (exampletest.CollectLess), stops the Python process SAM's
// translator runs in once they are done (see samtest.Main), and removes
// the module of the fuzz seeds' specs.
func TestMain(m *testing.M) {
	exampletest.CollectLess()
	code := samtest.Main(m)
	exampletest.RemoveSpecDirs()
	os.Exit(code)
}
