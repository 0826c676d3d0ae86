package render_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"samgen.dev/samgen/render"
)

// TestExamplesYAMLEqualsYAMLv3 checks the writer against yaml.v3's encoder
// on every example's template, in both policy modes.
func TestExamplesYAMLEqualsYAMLv3(t *testing.T) {
	t.Parallel()
	for _, dir := range examples(t) {
		for _, pols := range []string{render.PoliciesSAM, render.PoliciesInline} {
			tp := checked(t, dir, render.Options{Policies: pols}).Template
			got, err := render.YAML(tp)
			if err != nil {
				t.Fatal(err)
			}
			want, err := render.YAMLv3(tp)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (--policies %s): the writer and yaml.v3 differ:\ngot:\n%s\nwant:\n%s", filepath.Base(dir), pols, got, want)
			}
		}
	}
}

// TestExamplesDataEqualsParse checks render.Data against cfn.Parse of the
// YAML on every example's template.
func TestExamplesDataEqualsParse(t *testing.T) {
	t.Parallel()
	for _, dir := range examples(t) {
		render.CompareData(t, filepath.Base(dir), checked(t, dir, render.Options{}).Template)
	}
}
