package lsp

import (
	"io"
	"log"
	"os"
	"testing"
)

// TestMain silences CUE's server, which logs each connection with the
// standard logger (to an editor's log, in samgen lsp).
func TestMain(m *testing.M) {
	log.SetOutput(io.Discard)
	os.Exit(m.Run())
}
