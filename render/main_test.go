package render_test

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/samtest"
)

// TestMain runs the tests with a garbage collector that collects less
// often (exampletest.CollectLess), and stops the Python process SAM's
// translator runs in once they are done (see samtest.Main).
func TestMain(m *testing.M) {
	exampletest.CollectLess()
	os.Exit(samtest.Main(m))
}
