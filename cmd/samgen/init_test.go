package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestInitCueVet checks the editor story: the module `samgen init` writes
// is one that cue itself evaluates offline, resolving the vendored schema
// import, and that samgen then builds.
func TestInitCueVet(t *testing.T) {
	cue, err := exec.LookPath("cue")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("cue not found; CI requires it (go install cuelang.org/go/cmd/cue@v0.17.1)")
		}
		t.Skip("cue not found on PATH")
	}
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
