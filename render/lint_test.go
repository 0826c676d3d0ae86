package render_test

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"samgen.dev/samgen/internal/cfnlint"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// lintRun is the package's one cfn-lint run: every template the cfn-lint
// tests check, in one process, as cfn-lint's start-up (about two seconds
// of CPU) costs as much as linting six templates. Each test reads the
// findings of its own files.
type lintRun struct {
	examples []string // the example directories
	// committed[i] is examples[i]'s template.yaml (TestExamplesCfnLint).
	committed []string
	// scenarios holds the file of each template a CLI scenario pins, by
	// scriptTemplates' name (TestExamplesCfnLint).
	scenarios map[string]string
	// inline[i] is examples[i] rendered with inline policies, or
	// inlineErr[i] why it did not render (TestInlinePoliciesCfnLint).
	inline    []string
	inlineErr []error
	// asl holds, by example name, the template of the example's state
	// machine definitions, for the examples that have state machines
	// (TestStateMachineDefinitionsCfnLint).
	asl    map[string]string
	aslErr error // an example that did not check: asl is not linted
	// soak holds, by file name, the template file of each spec of
	// testdata/soak that rendered, soakYAML its text (the files are gone
	// once linted), and soakErr what went wrong with each that did not
	// (TestSoakFound).
	soak     map[string]string
	soakYAML map[string][]byte
	soakErr  map[string]string
	found    map[string][]cfnlint.Finding
	err      error // the run failed; every test reports it
}

var (
	lintOnce sync.Once
	lintDone *lintRun
)

// lintAll returns the package's cfn-lint run, running it on first use.
// Without cfn-lint the test skips, except in CI (CI=true), where it fails.
func lintAll(t *testing.T) *lintRun {
	t.Helper()
	bin := cfnlint.Bin(t)
	lintOnce.Do(func() { lintDone = runLint(bin) })
	if lintDone.err != nil {
		t.Fatal(lintDone.err)
	}
	return lintDone
}

// requireNoErrors fails the test if cfn-lint found errors in file, and
// logs its warnings and informational findings.
func (r *lintRun) requireNoErrors(t *testing.T, file string) {
	t.Helper()
	found := r.found[file]
	errs := cfnlint.Errors(found)
	if n := len(found) - len(errs); n > 0 {
		t.Logf("cfn-lint: %d warnings/info in %s:\n%s", n, file, cfnlint.Format(found))
	}
	if len(errs) > 0 {
		t.Errorf("cfn-lint found errors in %s:\n%s", file, cfnlint.Format(errs))
	}
}

// runLint writes every template of a lintRun to a temporary directory and
// lints them all with the cfn-lint at bin.
func runLint(bin string) *lintRun {
	r := &lintRun{scenarios: map[string]string{}, asl: map[string]string{}, soak: map[string]string{}, soakYAML: map[string][]byte{}, soakErr: map[string]string{}}
	tmp, err := os.MkdirTemp("", "samgen-render-lint")
	if err != nil {
		return &lintRun{err: err}
	}
	defer os.RemoveAll(tmp) // the findings keep the names, not the files
	if r.err = r.write(tmp); r.err != nil {
		return r
	}
	files := slices.Concat(r.committed, slices.Sorted(maps.Values(r.scenarios)))
	if r.aslErr == nil {
		files = append(files, slices.Sorted(maps.Values(r.asl))...)
	}
	for i, f := range r.inline {
		if r.inlineErr[i] == nil {
			files = append(files, f)
		}
	}
	files = append(files, slices.Sorted(maps.Values(r.soak))...)
	// Every test of the package that lints waits for this run, and it is
	// most of the package's time: one process per core, and the templates
	// linted by an earlier run (most of them, after a change elsewhere)
	// are not linted again outside CI.
	r.found, r.err = cfnlint.LintCached(runtime.NumCPU(), bin, files...)
	return r
}

// write lays out r's templates in tmp.
func (r *lintRun) write(tmp string) error {
	dirs, err := exampleDirs()
	if err != nil {
		return err
	}
	r.examples = dirs
	for _, dir := range dirs {
		r.committed = append(r.committed, filepath.Join(dir, "template.yaml"))
	}
	scenarios, err := scenarioTemplates()
	if err != nil {
		return err
	}
	for name, text := range scenarios {
		p := filepath.Join(tmp, "scenario--"+filepath.Dir(name)+"--"+filepath.Base(name))
		if err := os.WriteFile(p, text, 0o644); err != nil {
			return err
		}
		r.scenarios[name] = p
	}
	r.inline = make([]string, len(dirs))
	r.inlineErr = make([]error, len(dirs))
	asl := make([]string, len(dirs))
	aslErr := make([]error, len(dirs))
	engine.Parallel(len(dirs), func(i int) {
		name := filepath.Base(dirs[i])
		r.inline[i] = filepath.Join(tmp, name+"-inline.yaml")
		r.inlineErr[i] = writeRender(r.inline[i], dirs[i], render.Options{Policies: render.PoliciesInline}, func(res *engine.Result) *render.Template { return res.Template })
		asl[i] = filepath.Join(tmp, name+"-asl.yaml")
		aslErr[i] = writeRender(asl[i], dirs[i], render.Options{}, definitionsTemplate)
	})
	if err := r.writeSoak(tmp); err != nil {
		return err
	}
	for i, dir := range dirs {
		switch err := aslErr[i]; {
		case errors.Is(err, errNoStateMachines):
		case err != nil:
			r.aslErr = errors.Join(r.aslErr, fmt.Errorf("%s: %v", dir, err))
		default:
			r.asl[filepath.Base(dir)] = asl[i]
		}
	}
	return nil
}

// errNoStateMachines is writeRender's report that definitionsTemplate
// found nothing to lint.
var errNoStateMachines = errors.New("no state machines")

// writeRender checks the example in dir with opts and writes the template
// pick makes of the result (nil: nothing to write) to file as YAML.
func writeRender(file, dir string, opts render.Options, pick func(*engine.Result) *render.Template) error {
	res, err := checkedResult(dir, opts)
	if err != nil {
		return err
	}
	tpl := pick(res)
	if tpl == nil {
		return errNoStateMachines
	}
	out, err := render.Encode(tpl, "yaml")
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
}

// writeSoak renders each spec of testdata/soak as the soak does
// (soakRender) and lays out its template in tmp.
func (r *lintRun) writeSoak(tmp string) error {
	files, err := filepath.Glob(filepath.Join("testdata", "soak", "*.cue"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no specs in testdata/soak: %v", err)
	}
	loader := schema.NewLoader()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		name := filepath.Base(f)
		spec := filepath.Join(tmp, "soak-"+name)
		if err := os.Mkdir(spec, 0o755); err != nil {
			return err
		}
		out, msg := soakRender(spec, src, loader)
		if msg != "" {
			r.soakErr[name] = msg
			continue
		}
		file := spec + ".yaml"
		if err := os.WriteFile(file, out, 0o644); err != nil {
			return err
		}
		r.soak[name], r.soakYAML[name] = file, out
	}
	return nil
}
