package toolcache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenCache checks when there is no cache: in CI, when turned off,
// and for an installation it cannot identify.
func TestOpenCache(t *testing.T) {
	t.Parallel()
	inst := fakeInstallation(t)
	dists := []string{"cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info"}
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	dir := t.TempDir()
	if c := Open("t", inst, dists, env("SAMGEN_TEST_CACHE", dir)); c == nil || c.dir != filepath.Join(dir, "t") {
		t.Errorf("Open with SAMGEN_TEST_CACHE=%s: %+v", dir, c)
	}
	for _, e := range [][]string{{"SAMGEN_TEST_CACHE", dir, "CI", "true"}, {"SAMGEN_TEST_CACHE", "off"}} {
		if c := Open("t", inst, dists, env(e...)); c != nil {
			t.Errorf("Open with %v: %+v, want none", e, c)
		}
	}
	unknown := filepath.Join(t.TempDir(), "cfn-lint")
	if err := os.WriteFile(unknown, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if c := Open("t", unknown, dists, env("SAMGEN_TEST_CACHE", dir)); c != nil {
		t.Errorf("openCache of a cfn-lint outside a Python installation: %+v, want none", c)
	}
}

// fakeInstallation lays out a Python installation's cfn-lint as pip does
// and returns its entry script.
func fakeInstallation(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	script := filepath.Join(root, "bin", "cfn-lint")
	site := filepath.Join(root, "lib", "python3.11", "site-packages")
	for _, d := range []string{filepath.Dir(script), filepath.Join(site, "cfn_lint-1.51.0.dist-info"), filepath.Join(site, "aws_sam_translator-1.110.0.dist-info")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(d) == ".dist-info" {
			if err := os.WriteFile(filepath.Join(d, "RECORD"), []byte("files\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(script, []byte("#!"+filepath.Join(root, "bin", "python")+"\nimport cfnlint\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return script
}

// TestInstallation checks that what identifies an installation changes
// when pip reinstalls cfn-lint or SAM's translator, or the specs are
// updated, and that a layout without them is not identified.
func TestInstallation(t *testing.T) {
	t.Parallel()
	script := fakeInstallation(t)
	site := filepath.Join(filepath.Dir(filepath.Dir(script)), "lib", "python3.11", "site-packages")
	id := Installation(script, "cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info")
	if id == "" || Installation(script, "cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info") != id {
		t.Fatalf("installation = %q, want one identity, the same twice", id)
	}
	later := time.Now().Add(time.Hour)
	for _, touch := range []string{
		filepath.Join(site, "aws_sam_translator-1.110.0.dist-info", "RECORD"),
		filepath.Join(site, "cfn_lint-1.51.0.dist-info", "RECORD"),
	} {
		later = later.Add(time.Minute)
		if err := os.Chtimes(touch, later, later); err != nil {
			t.Fatal(err)
		}
		if next := Installation(script, "cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info"); next == id || next == "" {
			t.Errorf("after reinstalling %s: identity %q, want a new one", touch, next)
		} else {
			id = next
		}
	}
	if err := os.MkdirAll(filepath.Join(site, "cfnlint", "data", "DownloadsMetadata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if next := Installation(script, "cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info"); next == id || next == "" {
		t.Errorf("after updating the specs: identity %q, want a new one", next)
	}
	if err := os.RemoveAll(filepath.Join(site, "aws_sam_translator-1.110.0.dist-info")); err != nil {
		t.Fatal(err)
	}
	if next := Installation(script, "cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info"); next != "" {
		t.Errorf("without SAM's translator installed: identity %q, want none", next)
	}
}

// TestCacheTrim checks that entries unused for trimAfter go, and used
// ones stay.
func TestCacheTrim(t *testing.T) {
	t.Parallel()
	c := New(t.TempDir(), "fake")
	c.Put("old", nil)
	c.Put("used", nil)
	now := time.Now()
	old := now.Add(-trimAfter - time.Hour)
	for _, k := range []string{"old", "used"} {
		if err := os.Chtimes(filepath.Join(c.dir, k), old, old); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := c.Get("used"); !ok {
		t.Fatal("get(used): not found")
	}
	c.trim(now.Add(trimEvery + time.Minute)) // New trimmed just now
	if _, err := os.Stat(filepath.Join(c.dir, "old")); err == nil {
		t.Error("an entry unused for longer than trimAfter survived the trim")
	}
	if _, ok := c.Get("used"); !ok {
		t.Error("an entry used just now was trimmed")
	}
}
