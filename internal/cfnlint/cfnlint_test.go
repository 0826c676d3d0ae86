package cfnlint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLint lints templates in two directories with the same base name:
// each finding must land on its own file, a parse failure is a finding of
// its file, a copy of a template (linted once) has the same findings as
// its own, and a clean template has no entry. (TestLintInShares covers
// the sharing among processes, without cfn-lint's start-up twice.)
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
	// c, a's content, is not linted again and gets a's findings.
	slices.Sort(paths)
	got, err := Lint(bin, paths...)
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

// fakeLint is a cfn-lint that finds one error in each file it is given,
// its message the process's ID.
const fakeLint = `#!/bin/sh
shift 3 # --format json --
printf '['
sep=
for f; do
	printf '%s{"Filename":"%s","Level":"Error","Message":"%s","Rule":{"Id":"E9999"},"Location":{"Start":{"LineNumber":1,"ColumnNumber":1}}}' "$sep" "$f" "$$"
	sep=,
done
printf ']'
exit 2
`

// TestLintInShares checks LintIn's sharing of files among processes: every
// other distinct template to each of two, each finding back on its own
// file, and a copy's findings those of the template it copies.
func TestLintInShares(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "cfn-lint")
	if err := os.WriteFile(bin, []byte(fakeLint), 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i, body := range []string{"a", "b", "c", "a", "d"} {
		p := filepath.Join(dir, fmt.Sprintf("t%d.yaml", i))
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	got, err := LintIn(2, bin, paths...)
	if err != nil {
		t.Fatal(err)
	}
	proc := map[string]string{} // file -> the process that linted it
	for _, p := range paths {
		fs := got[p]
		if len(fs) != 1 || fs[0].File != p || fs[0].Rule != "E9999" {
			t.Fatalf("%s: findings %v, want one E9999 of its own", p, fs)
		}
		proc[filepath.Base(p)] = fs[0].Message
	}
	// Distinct templates t0 t1 t2 t4 (t3 copies t0): t0 and t2 to one
	// process, t1 and t4 to the other.
	if proc["t0.yaml"] != proc["t2.yaml"] || proc["t1.yaml"] != proc["t4.yaml"] || proc["t0.yaml"] == proc["t1.yaml"] || proc["t3.yaml"] != proc["t0.yaml"] {
		t.Errorf("processes by file %v: want t0, t2, t3 in one, t1, t4 in the other", proc)
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
