package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestInitCueVet checks the editor story: the module `samgen init` writes
// is one that cue itself evaluates offline, resolving the vendored schema
// import, and that samgen then builds.
func TestInitCueVet(t *testing.T) {
	cue := cueTool(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"init", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("samgen init: exit %d\n%s", code, stderr.String())
	}
	for _, args := range [][]string{{"vet", "./..."}, {"vet", "-t", "stage=prod", "./..."}} {
		cmd := exec.Command(cue, args...)
		cmd.Dir = dir
		// Offline: the schema import must resolve from cue.mod/pkg alone.
		cmd.Env = append(os.Environ(), "CUE_REGISTRY=none", "CUE_CACHE_DIR="+t.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("cue %v: %v\n%s", args, err, out)
		}
	}
	stderr.Reset()
	if code := Main([]string{"build", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("samgen build: exit %d\n%s", code, stderr.String())
	}
	if _, err := os.Stat(dir + "/template.yaml"); err != nil {
		t.Fatal(err)
	}
}

// cueTool returns the path of the cue command of go.mod's tool directive,
// the version samgen's own CUE is, so the test runs wherever the module
// builds. `go tool -n` builds it (once; the go command caches the binary)
// and prints its path: running that binary, rather than `go tool cue`,
// lets the test run it in a directory outside the module.
func cueTool(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "tool", "-n", "cue").Output()
	if err != nil {
		var stderr []byte
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			stderr = ee.Stderr
		}
		t.Fatalf("go tool -n cue: %v\n%s", err, stderr)
	}
	return strings.TrimSpace(string(out))
}
