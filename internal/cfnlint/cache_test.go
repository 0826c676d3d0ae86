package cfnlint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/toolcache"
)

// countingLint is fakeLint that also logs the files of each run to the
// file named by $LINT_LOG, one run a line.
const countingLint = `#!/bin/sh
shift 3 # --format json --
echo "$@" >>"$LINT_LOG"
printf '['
sep=
for f; do
	case "$f" in *clean*) continue ;; esac
	printf '%s{"Filename":"%s","Level":"Error","Message":"in %s","Rule":{"Id":"E9999"},"Location":{"Start":{"LineNumber":2,"ColumnNumber":3}}}' "$sep" "$f" "$(cat "$f")"
	sep=,
done
printf ']'
[ -n "$sep" ] && exit 2
exit 0
`

// TestLintCache checks what the cache keeps: a template linted before
// is not linted again and gets its findings under its own name (also a
// copy of it under another name), a clean template stays clean, a changed
// template and another installation's are linted afresh.
func TestLintCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "cfn-lint")
	if err := os.WriteFile(bin, []byte(strings.Replace(countingLint, `"$LINT_LOG"`, filepath.Join(dir, "runs"), 1)), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	runs := func() []string {
		b, _ := os.ReadFile(filepath.Join(dir, "runs"))
		os.Remove(filepath.Join(dir, "runs"))
		return strings.Fields(string(b))
	}
	c := findingCache{toolcache.New(t.TempDir(), "fake 1")}
	a, clean := write("a.yaml", "a"), write("clean.yaml", "c")
	check := func(got map[string][]Finding, file, body string) {
		t.Helper()
		fs := got[file]
		if len(fs) != 1 || fs[0].File != file || fs[0].Message != "in "+body || fs[0].Line != 2 || fs[0].Column != 3 || fs[0].Level != LevelError {
			t.Errorf("%s: findings %v, want its one E9999", file, fs)
		}
	}

	got, err := lint(1, bin, c, []string{a, clean})
	if err != nil {
		t.Fatal(err)
	}
	check(got, a, "a")
	if r := runs(); len(r) != 2 {
		t.Errorf("first run linted %v, want both", r)
	}

	copyOfA := write("copy.yaml", "a")
	got, err = lint(1, bin, c, []string{copyOfA, clean, a})
	if err != nil {
		t.Fatal(err)
	}
	check(got, a, "a")
	check(got, copyOfA, "a")
	if len(got[clean]) != 0 {
		t.Errorf("clean.yaml from the cache: %v, want no findings", got[clean])
	}
	if r := runs(); len(r) != 0 {
		t.Errorf("second run linted %v, want nothing (all kept)", r)
	}

	write("a.yaml", "a changed")
	if got, err = lint(1, bin, c, []string{a, clean}); err != nil {
		t.Fatal(err)
	}
	check(got, a, "a changed")
	if r := runs(); len(r) != 1 || r[0] != a {
		t.Errorf("after a change linted %v, want only %s", r, a)
	}

	other := findingCache{toolcache.New(dir, "fake 2")}
	if _, err = lint(1, bin, other, []string{clean}); err != nil {
		t.Fatal(err)
	}
	if r := runs(); len(r) != 1 {
		t.Errorf("another installation linted %v, want clean.yaml again", r)
	}
}

// TestLintCacheKeepsNothingOfAFailure checks that a run cfn-lint fails
// leaves no entry: the next run lints the template.
func TestLintCacheKeepsNothingOfAFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "cfn-lint")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho boom >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(dir, "t.yaml")
	if err := os.WriteFile(tpl, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	c := findingCache{toolcache.New(cacheDir, "fake")}
	if _, err := lint(1, bin, c, []string{tpl}); err == nil {
		t.Fatal("a failing cfn-lint: no error")
	}
	if entries, _ := os.ReadDir(cacheDir); len(entries) != 1 || entries[0].Name() != "trimmed" {
		t.Errorf("cache after a failed run holds %v, want nothing", entries)
	}
}
