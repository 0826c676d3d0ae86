package checks_test

import (
	"os"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
)

func TestMain(m *testing.M) {
	os.Exit(exampletest.Main(m))
}
