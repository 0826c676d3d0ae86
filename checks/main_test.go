package checks_test

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
)

// TestMain runs the rule cases with a garbage collector that collects
// less often (exampletest.CollectLess), and removes the module their specs
// are made in.
func TestMain(m *testing.M) {
	exampletest.CollectLess()
	code := m.Run()
	exampletest.RemoveSpecDirs()
	os.Exit(code)
}
