package importer

import (
	"slices"
	"testing"

	"samgen.dev/samgen/schema"
)

// TestKindsMirrorSchema: the importers are a row per kind samgen renders
// as a resource (schema.Kinds with a suffix), plus rules, subscriptions
// and raw resources, each with the kind's collection and suffix, and every
// event type of schema.EventTypes has an importer.
func TestKindsMirrorSchema(t *testing.T) {
	for _, k := range schema.Kinds {
		if k.Suffix == "" {
			if !slices.Contains(existingOnly, k.Name) && k.Name != "resource" {
				t.Errorf("kind %s renders no resource and is not listed in existingOnly", k.Name)
			}
			continue
		}
		i := slices.IndexFunc(kinds, func(ki kindImporter) bool { return ki.name == k.Name })
		if i < 0 {
			t.Errorf("kind %s has no importer", k.Name)
			continue
		}
		if ki := kinds[i]; ki.collection != k.Collection || ki.suffix != k.Suffix {
			t.Errorf("importer of %s: collection %s, suffix %s; schema has %s, %s", k.Name, ki.collection, ki.suffix, k.Collection, k.Suffix)
		}
	}
	for _, ki := range kinds {
		if _, ok := schema.KindOf(ki.name); !ok && ki.name != "rule" && ki.name != "subscription" {
			t.Errorf("importer %s is of no kind of schema.Kinds", ki.name)
		}
	}
	for _, et := range schema.EventTypes {
		if _, ok := eventImporters[et.SAMType]; !ok {
			t.Errorf("event type %s (%s) has no importer", et.Name, et.SAMType)
		}
	}
}
