package checks_test

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
)

// TestMain removes the module the rule cases' specs are made in.
func TestMain(m *testing.M) {
	code := m.Run()
	exampletest.RemoveSpecDirs()
	os.Exit(code)
}
