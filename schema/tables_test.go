package schema

import (
	"encoding/json"
	"slices"
	"testing"

	"cuelang.org/go/cue"
)

// fieldsOf returns the regular field names of definition def of the
// schema, optional ones included.
func fieldsOf(t *testing.T, def string) []string {
	t.Helper()
	v := schemaValue(t).LookupPath(cue.MakePath(cue.Def(def)))
	it, err := v.Fields(cue.Optional(true))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for it.Next() {
		if it.Selector().LabelType() == cue.StringLabel {
			out = append(out, it.Selector().Unquoted())
		}
	}
	return out
}

// TestKindTable: every collection of #App that declares referable
// resources has a row of [Kinds], and every row names a collection.
func TestKindTable(t *testing.T) {
	notKinds := []string{"name", "description", "defaults", "mappings", "outputs", "rules", "subscriptions", "overrides", "discardsIAM", "implicitApi", "implicitHttpApi"}
	var collections []string
	for _, f := range fieldsOf(t, "#App") {
		if !slices.Contains(notKinds, f) {
			collections = append(collections, f)
		}
	}
	for _, c := range collections {
		if !slices.ContainsFunc(Kinds, func(k Kind) bool { return k.Collection == c }) {
			t.Errorf("#App.%s has no row in Kinds", c)
		}
	}
	for i, k := range Kinds {
		if !slices.Contains(collections, k.Collection) {
			t.Errorf("kind %s names %s, which is not a collection of #App", k.Name, k.Collection)
		}
		if i > 0 && Kinds[i-1].Name >= k.Name {
			t.Errorf("Kinds is not sorted at %s", k.Name)
		}
		if k.lookup == nil || k.names == nil || k.entry == nil {
			t.Errorf("kind %s is not placed in the model", k.Name)
		}
	}
}

// TestEventTables: every field of #Event and #StateMachineEvent has a row,
// in the schema's order.
func TestEventTables(t *testing.T) {
	if got, want := EventTypeNames(), fieldsOf(t, "#Event"); !slices.Equal(got, want) {
		t.Errorf("EventTypes %v, #Event's fields %v", got, want)
	}
	var sm []string
	for _, r := range StateMachineEventTypes {
		sm = append(sm, r.Name)
	}
	if want := fieldsOf(t, "#StateMachineEvent"); !slices.Equal(sm, want) {
		t.Errorf("StateMachineEventTypes %v, #StateMachineEvent's fields %v", sm, want)
	}
	// Each row reads its own field: set one type at a time.
	for _, r := range EventTypes {
		var e Event
		if err := json.Unmarshal([]byte(`{"`+r.Name+`": {}}`), &e); err != nil {
			t.Fatal(err)
		}
		if got, _, ok := e.Type(); !ok || got.Name != r.Name {
			t.Errorf("an event of type %s reads as %q", r.Name, got.Name)
		}
	}
}
