package render

import (
	"regexp"
	"slices"
	"testing"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// TestEventRenderers: every event type of the table has its renderer.
func TestEventRenderers(t *testing.T) {
	for _, e := range schema.EventTypes {
		if eventRenderers[e.Name] == nil {
			t.Errorf("event type %s has no renderer in eventRenderers", e.Name)
		}
	}
	if len(eventRenderers) != len(schema.EventTypes) {
		t.Errorf("%d renderers for %d event types", len(eventRenderers), len(schema.EventTypes))
	}
}

// TestIntegrationRows: every typed integration of the schema has a row in
// the policies' integration table, and the other way round.
func TestIntegrationRows(t *testing.T) {
	re := regexp.MustCompile(`(?m)^\tintegration:\s+"([^"]+)"`)
	var inSchema []string
	for _, src := range schema.Files() {
		for _, m := range re.FindAllSubmatch(src, -1) {
			inSchema = append(inSchema, string(m[1]))
		}
	}
	slices.Sort(inSchema)
	if got := policies.Integrations(); !slices.Equal(got, inSchema) {
		t.Errorf("integration table %v, schema definitions %v", got, inSchema)
	}
}
