package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"samgen.dev/samgen/internal/cfnlint"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/soakspec"
	"samgen.dev/samgen/internal/specfixture"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// soakTransformScript runs SAM's transform on every template given and
// prints, as one JSON object, the error of each that fails.
const soakTransformScript = samLoader + `
failed = {}
for path in sys.argv[1:]:
    t = yaml.safe_load(open(path))
    for r in t["Resources"].values():
        p = r.get("Properties", {})
        for k in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(p.get(k), str):
                p[k] = "s3://bucket/" + p[k]
    try:
        transform(t, {"AWS::Region": "eu-west-1"}, Policies())
    except Exception as e:
        failed[path] = str(e)
print(json.dumps(failed, sort_keys=True))
`

// soakBatch is how many templates one cfn-lint and one translator process
// check: their start-up costs far more than a template.
const soakBatch = 100

// TestSoak is the differential soak test: SAMGEN_SOAK=N specs generated
// by internal/soakspec (seeds SAMGEN_SOAK_SEED, default 1, onwards) must
// each pass samgen's checks, render the same template twice (the second
// time with a fresh Loader), and give a template that cfn-lint passes with
// no error and SAM's translator transforms. It is not run by default (nor
// in CI): scripts/soak.sh runs it. A failure names its seed and prints
// its spec; the spec of a fixed bug is kept in testdata/soak (the seed
// would not keep it: a seed's spec changes as features are added to the
// generator), which plain `go test` runs.
func TestSoak(t *testing.T) {
	first, n := exampletest.SoakSeeds(t, "check N generated specs (scripts/soak.sh)")
	var specs []soakSpec
	for s := first; s < first+n; s++ {
		specs = append(specs, soakSpec{fmt.Sprintf("seed %d", s), soakspec.Spec(uint64(s))})
	}
	failures := soak(t, specs)
	t.Logf("soak: %d specs (seeds %d-%d), %d failures", n, first, first+n-1, len(failures))
	reportSoak(t, failures)
}

// TestSoakFound runs the soak test on the specs of its fixed failures
// (testdata/soak/*.cue, each saying what samgen got wrong): those samgen
// rendered wrongly. A failure that was an invalid spec samgen let through
// becomes a rule case and a testscript instead (vet_log_level_inherited).
// Their templates are linted in the package's one cfn-lint run (lintAll)
// and transformed in the test binary's one Python process (runSAM).
func TestSoakFound(t *testing.T) {
	t.Parallel()
	run := lintAll(t)
	var failures []soakFailure
	byFile := map[string]string{}
	dir := t.TempDir()
	for name, msg := range run.soakErr {
		failures = append(failures, soakFailure{name, msg})
	}
	for name, file := range run.soak {
		if errs := cfnlint.Errors(run.found[file]); len(errs) > 0 {
			failures = append(failures, soakFailure{name, "cfn-lint:\n" + cfnlint.Format(errs)})
		}
		file = filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(file, run.soakYAML[name], 0o644); err != nil {
			t.Fatal(err)
		}
		byFile[file] = name
	}
	if len(run.soak)+len(run.soakErr) == 0 {
		t.Fatal("no specs in testdata/soak")
	}
	var failed map[string]string
	if out := runSAM(t, soakTransformScript, nil, slices.Sorted(maps.Keys(byFile))...); json.Unmarshal(out, &failed) != nil {
		t.Fatalf("SAM translator: not a JSON object of failures:\n%s", out)
	}
	for file, msg := range failed {
		failures = append(failures, soakFailure{byFile[file], "SAM translator: " + msg})
	}
	reportSoak(t, failures)
}

// soakSpec is one spec of the soak and what names it: its seed, or its
// file.
type soakSpec struct {
	name string
	src  []byte
}

// soakFailure is one spec samgen, cfn-lint or the translator got wrong.
type soakFailure struct {
	name, what string
}

func reportSoak(t *testing.T, failures []soakFailure) {
	slices.SortFunc(failures, func(a, b soakFailure) int { return strings.Compare(a.name, b.name) })
	for i, f := range failures {
		if i == 30 {
			t.Errorf("... and %d more", len(failures)-i)
			break
		}
		t.Errorf("%s: %s", f.name, f.what)
	}
}

// soak checks specs, in two workers, and returns what failed.
func soak(t *testing.T, specs []soakSpec) []soakFailure {
	bin := cfnlint.Bin(t)
	var mu sync.Mutex
	var failures []soakFailure
	fail := func(name string, format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, soakFailure{name, fmt.Sprintf(format, args...)})
		// Shown as found (go test -v streams it): a long run's failures
		// can be fixed before it ends.
		t.Logf("FAIL %s: %s", name, failures[len(failures)-1].what)
	}
	var batches [][]soakSpec
	for len(specs) > 0 {
		k := min(soakBatch, len(specs))
		batches = append(batches, specs[:k])
		specs = specs[k:]
	}
	work := make(chan []soakSpec)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loader := schema.NewLoader()
			for b := range work {
				soakBatchRun(t, bin, loader, b, fail)
				loader = schema.NewLoader()
			}
		}()
	}
	for _, b := range batches {
		work <- b
	}
	close(work)
	wg.Wait()
	return failures
}

// soakBatchRun checks one batch of specs: all their templates in one
// cfn-lint and one translator process.
func soakBatchRun(t *testing.T, bin string, loader *schema.Loader, specs []soakSpec, fail func(string, string, ...any)) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec")
	if err := os.Mkdir(spec, 0o755); err != nil {
		t.Error(err)
		return
	}
	byFile := map[string]soakSpec{}
	var files []string
	for i, s := range specs {
		out, msg := soakRender(spec, s.src, loader)
		if msg != "" {
			fail(s.name, "%s\n%s", msg, s.src)
			continue
		}
		file := filepath.Join(dir, fmt.Sprintf("%d.yaml", i))
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Error(err)
			return
		}
		byFile[file] = s
		files = append(files, file)
	}
	if len(files) == 0 {
		return
	}
	batch := specs[0].name + " to " + specs[len(specs)-1].name
	defer t.Logf("soak: %s checked", batch)
	found, err := cfnlint.Lint(bin, files...)
	if err != nil {
		t.Errorf("cfn-lint on %s: %v", batch, err)
		return
	}
	for _, file := range files {
		if errs := cfnlint.Errors(found[file]); len(errs) > 0 {
			fail(byFile[file].name, "cfn-lint:\n%s\n%s", cfnlint.Format(errs), byFile[file].src)
		}
	}
	var failed map[string]string
	out, err := soakTransform(files)
	if err == nil {
		err = json.Unmarshal(out, &failed)
	}
	if err != nil {
		t.Errorf("SAM translator on %s: %v", batch, err)
		return
	}
	for file, msg := range failed {
		fail(byFile[file].name, "SAM translator: %s\n%s", msg, byFile[file].src)
	}
}

// soakTransform runs soakTransformScript on files. Unlike runSAM it
// returns its error: the soak runs it from its workers' goroutines.
func soakTransform(files []string) ([]byte, error) {
	cmd := exec.Command("python3", append([]string{"-c", soakTransformScript}, files...)...)
	cmd.Env = append(os.Environ(), "AWS_DEFAULT_REGION=eu-west-1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, stderr.Bytes())
	}
	return out, nil
}

// soakRender checks and renders one spec twice, and returns its template,
// or what went wrong.
func soakRender(dir string, src []byte, loader *schema.Loader) ([]byte, string) {
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), src, 0o644); err != nil {
		return nil, err.Error()
	}
	if err := specfixture.MakeSources(dir, string(src)); err != nil {
		return nil, err.Error()
	}
	var outs [][]byte
	for _, l := range []*schema.Loader{loader, nil} {
		res, err := engine.Check(dir, engine.Options{Now: today, Loader: l})
		if err != nil {
			return nil, "samgen: " + err.Error()
		}
		if res.Diags.HasErrors(false) {
			var msgs []string
			for _, d := range res.Diags {
				if d.Severity == 0 && d.Silenced == "" {
					msgs = append(msgs, fmt.Sprintf("%s %s: %s", d.Rule, d.Path, d.Msg))
				}
			}
			return nil, "samgen rejects the generated spec:\n" + strings.Join(msgs, "\n")
		}
		out, err := render.YAML(res.Template)
		if err != nil {
			return nil, "write: " + err.Error()
		}
		outs = append(outs, out)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		return nil, "two renders differ:\n" + diffLines(outs[0], outs[1])
	}
	return outs[0], ""
}
