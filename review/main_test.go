package review_test

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/samtest"
)

// TestMain stops the Python process SAM's translator runs in once the
// tests are done (see samtest.Main).
func TestMain(m *testing.M) {
	os.Exit(samtest.Main(m))
}
