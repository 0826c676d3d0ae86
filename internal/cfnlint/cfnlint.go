// Package cfnlint runs cfn-lint, AWS's CloudFormation linter, on templates
// for samgen's tests: an oracle samgen does not control (it also runs SAM's
// translator), so a template samgen renders is checked against what AWS
// itself accepts.
//
// cfn-lint is a Python program whose start-up (loading its rules and
// schemas) costs far more than linting one template, so [Lint] lints every
// file of a test in one process and attributes the findings to their files.
package cfnlint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Levels of a finding, as cfn-lint's JSON output spells them.
const (
	LevelError   = "Error"
	LevelWarning = "Warning"
	LevelInfo    = "Informational"
)

// Bits of cfn-lint's exit status: it ORs one per level found, so a status
// with other bits set is cfn-lint failing, not a verdict on the templates.
const (
	exitErrors   = 2
	exitWarnings = 4
	exitInfo     = 8
)

// Finding is one problem cfn-lint reports in a template.
type Finding struct {
	// File is the template's path as given to Lint.
	File string
	// Line and Column are where the problem starts (1-based).
	Line, Column int
	// Rule is cfn-lint's rule ID, such as E3002.
	Rule string
	// Level is LevelError, LevelWarning or LevelInfo.
	Level   string
	Message string
}

// String formats f as cfn-lint's parseable format does, which editors
// turn into a link: file:line:column: rule message.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s %s", f.File, f.Line, f.Column, f.Rule, f.Message)
}

// finding is one element of cfn-lint's `--format json` output. A finding
// with a null Filename is about the run (a missing file, a bad option), not
// a template.
type finding struct {
	Filename *string
	Level    string
	Location struct {
		Start struct{ LineNumber, ColumnNumber int }
	}
	Message string
	Rule    struct{ Id string }
}

// Lint runs the cfn-lint at bin once on all files and returns every
// finding, keyed by the file as given (a file without findings has no
// entry). Files of the same content and extension are linted once (tests
// often render one template several ways, and cfn-lint spends a third of
// a second on each), and each gets the findings as its own. The error
// reports a file it cannot read, cfn-lint failing to run or to lint some
// file, and a finding it does not attribute to one of files; problems in
// the templates are findings, not an error.
func Lint(bin string, files ...string) (map[string][]Finding, error) {
	return LintIn(1, bin, files...)
}

// LintIn is Lint in procs cfn-lint processes at once (at most one per
// template), each given a share of the templates: for a caller that waits
// on many templates while cores are free (a process's start-up costs as
// much as linting about six templates).
func LintIn(procs int, bin string, files ...string) (map[string][]Finding, error) {
	return lint(procs, bin, findingCache{}, files)
}

// lint is LintIn, with the findings of templates c keeps.
func lint(procs int, bin string, c findingCache, files []string) (map[string][]Finding, error) {
	if len(files) == 0 {
		return nil, nil
	}
	type content struct{ ext, text string }
	first := map[content]string{}   // the file linted for each content
	copies := map[string][]string{} // that file -> every file given with its content
	keys := map[string]string{}     // that file -> its cache key
	kept := map[string][]Finding{}  // that file -> the findings c kept
	var linted []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("cfn-lint: %w", err)
		}
		ct := content{filepath.Ext(f), string(b)}
		rep, seen := first[ct]
		if !seen {
			rep = f
			first[ct] = f
			keys[f] = c.key(ct.ext, ct.text)
			if fs, ok := c.get(keys[f]); ok {
				kept[f] = fs
			} else {
				linted = append(linted, f)
			}
		}
		if !slices.Contains(copies[rep], f) {
			copies[rep] = append(copies[rep], f)
		}
	}
	out := map[string][]Finding{}
	attribute := func(rep string, fs []Finding) {
		for _, f := range copies[rep] {
			for _, k := range fs {
				k.File = f
				out[f] = append(out[f], k)
			}
		}
	}
	for rep, fs := range kept {
		attribute(rep, fs)
	}
	if len(linted) == 0 {
		return out, nil
	}
	procs = max(1, min(procs, len(linted)))
	shares := make([][]finding, procs)
	errs := make([]error, procs)
	var wg sync.WaitGroup
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every procs-th template, so that each share gets large and
			// small ones alike.
			var share []string
			for j := i; j < len(linted); j += procs {
				share = append(share, linted[j])
			}
			shares[i], errs[i] = run(bin, share)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	byClean := map[string]string{}
	for _, f := range linted {
		byClean[filepath.Clean(f)] = f
	}
	found := map[string][]Finding{} // linted file -> its findings
	for _, r := range slices.Concat(shares...) {
		file, ok := byClean[filepath.Clean(*r.Filename)]
		if !ok {
			return nil, fmt.Errorf("cfn-lint: a finding in %s, which it was not given: %s %s", *r.Filename, r.Rule.Id, r.Message)
		}
		found[file] = append(found[file], Finding{
			File: file, Line: r.Location.Start.LineNumber, Column: r.Location.Start.ColumnNumber,
			Rule: r.Rule.Id, Level: r.Level, Message: r.Message,
		})
	}
	for _, file := range linted {
		c.put(keys[file], found[file])
		attribute(file, found[file])
	}
	return out, nil
}

// run runs the cfn-lint at bin once on files and returns its findings,
// each naming its file.
func run(bin string, files []string) ([]finding, error) {
	args := append([]string{"--format", "json", "--"}, files...)
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	status := 0
	switch {
	case errors.As(err, &ee):
		status = ee.ExitCode()
	case err != nil:
		return nil, fmt.Errorf("cfn-lint: %w", err)
	}
	if status&^(exitErrors|exitWarnings|exitInfo) != 0 {
		return nil, fmt.Errorf("cfn-lint: exit status %d\n%s%s", status, stdout.Bytes(), stderr.Bytes())
	}
	var raw []finding
	if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil {
		return nil, fmt.Errorf("cfn-lint: reading its JSON output: %w\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	errorsFound := false
	for _, r := range raw {
		if r.Filename == nil {
			return nil, fmt.Errorf("cfn-lint: %s %s", r.Rule.Id, r.Message)
		}
		errorsFound = errorsFound || r.Level == LevelError
	}
	// The status and the findings are two accounts of one run; if they
	// disagree, the JSON was not read as cfn-lint meant it.
	if errorsFound != (status&exitErrors != 0) {
		return nil, fmt.Errorf("cfn-lint: exit status %d disagrees with its findings\n%s", status, stdout.Bytes())
	}
	return raw, nil
}

// Errors returns the error-level findings of fs.
func Errors(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Level == LevelError {
			out = append(out, f)
		}
	}
	return out
}

// Format returns fs one per line.
func Format(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

// Bin returns the cfn-lint to run: the one on PATH, else the one in the
// pyenv shims of the machine image (where `pip install cfn-lint` puts it
// without touching PATH). Without either it skips the test, except in CI
// (CI=true), where a skipped oracle would pass silently, so it fails.
func Bin(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("cfn-lint"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".pyenv", "shims", "cfn-lint")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("cfn-lint not found on PATH or in ~/.pyenv/shims; CI requires it")
	}
	t.Skip("cfn-lint not found on PATH or in ~/.pyenv/shims")
	return ""
}
