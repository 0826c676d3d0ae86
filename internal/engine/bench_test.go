package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"

	"samgen.dev/samgen/internal/benchspec"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// BenchmarkBuild measures what `samgen build` does, in process (load and
// validate with CUE, decode, check, render, write YAML), on the benchmark
// spec and the rich spec, beside what `cue export` does with the same
// package (load, evaluate, write JSON): the floor. Each iteration runs both,
// so they share the machine's state; x-cue-cpu is samgen's time over the
// floor's and x-cue-alloc its bytes allocated over the floor's. Peak memory
// is a process's: scripts/bench.sh measures it.
func BenchmarkBuild(b *testing.B) {
	for _, spec := range []struct {
		name string
		gen  func(int) []byte
	}{{"bench", benchspec.Spec}, {"rich", benchspec.Rich}} {
		for _, n := range []int{500, 2000} {
			b.Run(fmt.Sprintf("spec=%s/functions=%d", spec.name, n), func(b *testing.B) {
				dir := module(b, spec.gen(n))
				var samgen, floor time.Duration
				var samgenBytes, floorBytes uint64
				for b.Loop() {
					d, a := measure(func() { cueExport(b, dir) })
					floor, floorBytes = floor+d, floorBytes+a
					d, a = measure(func() { build(b, dir) })
					samgen, samgenBytes = samgen+d, samgenBytes+a
				}
				b.ReportMetric(float64(samgen)/float64(floor), "x-cue-time")
				b.ReportMetric(float64(samgenBytes)/float64(floorBytes), "x-cue-alloc")
			})
		}
	}
}

// module writes spec into a module laid out as `samgen init` does, with
// the schema vendored, so that CUE's own loader resolves the import.
func module(b testing.TB, spec []byte) string {
	dir := b.TempDir()
	for name, src := range schema.Files() {
		p := filepath.Join(dir, schema.VendorDir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	files := map[string][]byte{
		"cue.mod/module.cue": []byte("module: \"bench.example/app\"\nlanguage: version: \"v0.17.1\"\n"),
		"samgen.cue":         spec,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := benchspec.WriteFiles(dir, spec); err != nil {
		b.Fatal(err)
	}
	return dir
}

func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

// cueExport is `cue export` of the package in dir: load, evaluate, write
// JSON.
func cueExport(b *testing.B, dir string) {
	bis := load.Instances([]string{"."}, &load.Config{Dir: dir})
	if err := bis[0].Err; err != nil {
		b.Fatal(err)
	}
	v := cuecontext.New().BuildInstance(bis[0])
	if _, err := v.MarshalJSON(); err != nil {
		b.Fatal(err)
	}
}

func build(b testing.TB, dir string) {
	res, err := engine.Check(dir, engine.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	// Beyond about 200 functions the specs are over CloudFormation's
	// limits by design (SG005, SG007): found after all the work is done.
	others := slices.DeleteFunc(slices.Clone(res.Diags), func(d diag.Diagnostic) bool { return d.Rule == "SG005" || d.Rule == "SG007" })
	if others.HasErrors(false) {
		b.Fatalf("the spec does not build: %v", others)
	}
	if res.Template == nil {
		return
	}
	if _, err := render.Encode(res.Template, "yaml"); err != nil {
		b.Fatal(err)
	}
}
