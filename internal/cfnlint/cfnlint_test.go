package cfnlint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLint lints, in two processes, templates in two directories with the same
// base name: each finding must land on its own file, a parse failure is a
// finding of its file, a copy of a template (linted once) has the same
// findings as its own, and a clean template has no entry.
func TestLint(t *testing.T) {
	t.Parallel()
	bin := Bin(t)
	dir := t.TempDir()
	files := map[string]string{
		"a/template.yaml": "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Bogus: 1\n",
		"b/template.yaml": "Resources: [\n",
		"c/template.yaml": "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Bogus: 1\n",
		"ok.yaml":         "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
	}
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	// In two processes (Lint runs one): a and ok in one, b in the other;
	// c, a's content, is not linted again and gets a's findings.
	slices.Sort(paths)
	got, err := LintIn(2, bin, paths...)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // file -> the rule of its one error
		filepath.Join(dir, "a/template.yaml"): "E3002",
		filepath.Join(dir, "b/template.yaml"): "E0000",
		filepath.Join(dir, "c/template.yaml"): "E3002",
	}
	for file, rule := range want {
		errs := Errors(got[file])
		if len(errs) != 1 || errs[0].Rule != rule || errs[0].File != file {
			t.Errorf("%s: errors %v, want one %s", file, errs, rule)
		}
	}
	if fs := got[filepath.Join(dir, "ok.yaml")]; len(fs) != 0 {
		t.Errorf("ok.yaml: findings %v, want none", fs)
	}
	for _, name := range []string{"a", "c"} {
		if s := Format(Errors(got[filepath.Join(dir, name, "template.yaml")])); !strings.Contains(s, name+"/template.yaml:5:7: E3002 ") {
			t.Errorf("Format = %q, want file:line:col: rule", s)
		}
	}
}

// TestLintMissingFile checks that a file that cannot be read fails the
// run: cfn-lint would lint none of the others, so reporting no findings
// would pass them unchecked. (Lint reads every file first, to lint each
// content once, so it reports it without starting cfn-lint.)
func TestLintMissingFile(t *testing.T) {
	t.Parallel()
	bin := Bin(t)
	ok := filepath.Join(t.TempDir(), "ok.yaml")
	if err := os.WriteFile(ok, []byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Lint(bin, ok, filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("Lint of a missing file: no error")
	}
}

func TestLintNothing(t *testing.T) {
	got, err := Lint("/nonexistent/cfn-lint")
	if err != nil || got != nil {
		t.Errorf("Lint() = %v, %v; want nothing, without running cfn-lint", got, err)
	}
}
