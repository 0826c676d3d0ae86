package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/layers"
	"samgen.dev/samgen/schema"
)

// TestLayerSize measures a layer source directory holding a sparse file
// just over the unzipped limit: the warning names the layer and its users.
func TestLayerSize(t *testing.T) {
	dir := t.TempDir()
	spec := `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "big"
	layers: {
		big: {source: "layers/big", architectures: ["x86_64"]}
		missing: {source: "layers/missing", architectures: ["x86_64"]}
	}
	functions: api: {
		runtime: "python3.13"
		handler: "app.handler"
		source:  "src"
		layers: [app.layers.big.ref, app.layers.missing.ref]
	}
}
`
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "layers", "big", "python", "blob.bin")
	if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(layers.MaxUnzippedBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	inst, ds, err := schema.Load(dir, schema.Options{})
	if err != nil || inst == nil {
		t.Fatal(err, ds)
	}
	var got []string
	for _, d := range Run(inst, Options{}) {
		if d.Rule == "SG407" {
			got = append(got, d.Path+": "+d.Msg)
		}
	}
	want := "app.layers.big.source: layer big: layers/big already holds over 250 MB, Lambda's unzipped limit for a function with all its layers (used by function api)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("SG407 findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
