package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/render"
)

// TestServiceRoutesRoundTrip builds every kind of service route on a REST
// and an HTTP API (an EXPRESS machine waited for or not, a STANDARD one,
// a queue, a bus, a bucket's objects) and imports the template back: the
// routes come back typed, with the role samgen derives for them, and no
// escape hatch.
func TestServiceRoutesRoundTrip(t *testing.T) {
	const spec = `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "routes"
	queues: jobs: {}
	buses: shop: {}
	buckets: files: {}
	stateMachines: quick: {type: "EXPRESS", startAt: "Done", states: Done: type: "Succeed"}
	stateMachines: slow: {startAt: "Done", states: Done: type: "Succeed"}
	httpApis: h: integrations: {
		"POST /quick": startExecution: stateMachine: app.stateMachines.quick.ref
		"POST /later": startExecution: {stateMachine: app.stateMachines.quick.ref, sync: false}
		"POST /slow": startExecution: stateMachine: app.stateMachines.slow.ref
		"POST /jobs": sendMessage: queue: app.queues.jobs.ref
		"POST /events": putEvents: {bus: app.buses.shop.ref, source: "shop", detailType: "Ordered"}
	}
	apis: r: {
		stage: "prod"
		integrations: {
			"POST /quick": startExecution: stateMachine: app.stateMachines.quick.ref
			"POST /slow": startExecution: stateMachine: app.stateMachines.slow.ref
			"POST /jobs": sendMessage: queue: app.queues.jobs.ref
			"POST /events": putEvents: {bus: app.buses.shop.ref, source: "shop", detailType: "Ordered"}
			"GET /files/{key}": getObject: bucket: app.buckets.files.ref
			"PUT /files/{key}": putObject: bucket: app.buckets.files.ref
		}
	}
}
`
	dir := exampletest.SpecDir(t)
	if err := os.WriteFile(filepath.Join(dir, specFile), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	loader := exampletest.Loader(t)
	res, err := engine.Check(dir, engine.Options{Now: exampletest.Today, Loader: loader})
	if err != nil || res.Diags.HasErrors(false) {
		t.Fatalf("the spec does not build: %v %v", err, res.Diags)
	}
	tmpl, err := render.YAML(res.Template)
	if err != nil {
		t.Fatal(err)
	}
	imp, err := Import(tmpl, Options{TemplateDir: dir, Dir: exampletest.SpecDir(t), Now: exampletest.Today, Loader: loader})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range imp.Differences {
		t.Errorf("%s", d)
	}
	for _, h := range imp.Hatches {
		t.Errorf("escape hatch %s: %s", h.Path, h.Why)
	}
	// Compared with CUE's alignment collapsed.
	got := strings.Join(strings.Fields(string(imp.Files[specFile])), " ")
	for _, want := range []string{
		`"POST /later": startExecution: {stateMachine: app.stateMachines.quick.ref, sync: false}`,
		`"GET /files/{key}": getObject: bucket: app.buckets.files.ref`,
		`"PUT /files/{key}": putObject: bucket: app.buckets.files.ref`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the import has no %s:\n%s", want, got)
		}
	}
}
