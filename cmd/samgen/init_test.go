package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/mod/module"
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

// TestModuleName checks the names init derives from awkward directory
// names against CUE's own module path check and the schema's app name.
func TestModuleName(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "schema", "*.cue"))
	if err != nil {
		t.Fatal(err)
	}
	insts := load.Instances(files, nil)
	if err := insts[0].Err; err != nil {
		t.Fatal(err)
	}
	appName := cuecontext.New().BuildInstance(insts[0]).LookupPath(cue.ParsePath("#App.name"))
	if err := appName.Err(); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, want string }{
		{"shop", "shop"},
		{"my_app", "my_app"},
		{"orders-api", "orders-api"},
		{"shop-", "shop"},
		{"shop_", "shop"},
		{"-shop", "shop"},
		{"_shop__", "shop"},
		{"my app", "my-app"},
		{"  my   app  ", "my-app"},
		{"my.app", "my-app"},
		{"v1.2.3", "v1-2-3"},
		{"..", "app"},
		{"MyApp", "myapp"},
		{"SHOP API", "shop-api"},
		{"2048", "app-2048"},
		{"3d-printer", "app-3d-printer"},
		{"café", "cafe"},
		{"Über Shop", "uber-shop"},
		{"naïve_app", "naive_app"},
		{"日本", "app"},
		{"shop日本api", "shop-api"},
		{"a__b", "a-b"},
		{"a_-b", "a-b"},
		{"a--b", "a-b"},
		{"a+b@c", "a-b-c"},
		{"", "app"},
		{"___", "app"},
		{"con", "con-app"},
		{"NUL", "nul-app"},
		{"com1", "com1-app"},
		{"console", "console"},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			got := moduleName(tc.dir)
			if got != tc.want {
				t.Errorf("moduleName(%q) = %q, want %q", tc.dir, got, tc.want)
			}
			if err := module.CheckPath(modulePrefix + got); err != nil {
				t.Errorf("CUE rejects the module path: %v", err)
			}
			if err := appName.Unify(appName.Context().CompileString(strconv.Quote(got))).Validate(cue.Concrete(true)); err != nil {
				t.Errorf("the schema rejects the app name %q: %v", got, err)
			}
		})
	}
}
