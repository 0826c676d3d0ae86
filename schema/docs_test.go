package schema

import (
	"slices"
	"strings"
	"testing"
)

// TestSchemaDocs: the embedded schema builds, and what editors are told
// about a path inside a collection is the schema's.
func TestSchemaDocs(t *testing.T) {
	mem, ok := Describe("functions.anyName.memory")
	if !ok || !strings.HasPrefix(mem.Doc, "memory in MB") || mem.Type != "uint & >=128 & <=10240 | #Expr" || !mem.Optional {
		t.Errorf("functions.*.memory: %+v", mem)
	}
	arch, _ := Describe("functions.x.architecture")
	if !slices.Equal(arch.Values, []string{`"x86_64"`, `"arm64"`}) {
		t.Errorf("architecture's values: %q", arch.Values)
	}
	entry, ok := Describe("functions.hello")
	if !ok || entry.Doc != "functions are the app's Lambda functions." {
		t.Errorf("an entry of functions: %+v", entry)
	}
	if _, ok := Describe("functions.x.nosuchfield"); ok {
		t.Error("a field the schema lacks is described")
	}
	var names []string
	for _, f := range Fields("functions.x") {
		names = append(names, f.Name)
	}
	for _, want := range []string{"memory", "handler", "events", "access"} {
		if !slices.Contains(names, want) {
			t.Errorf("fields of a function: %q lack %s", names, want)
		}
	}
	var retry []string
	for _, f := range Fields("stateMachines.s.states.A.retry[0]") {
		retry = append(retry, f.Name)
	}
	if !slices.Contains(retry, "errorEquals") {
		t.Errorf("fields of a retrier: %q", retry)
	}
	var put []string
	for _, f := range Fields("#DynamoDBPutItem") {
		put = append(put, f.Name)
	}
	if !slices.Contains(put, "table") || !slices.Contains(put, "item") || slices.Contains(put, "topic") {
		t.Errorf("fields of #DynamoDBPutItem: %q", put)
	}
	if min, open, ok := listLength("stateMachines.s.states.A.retry[0].errorEquals"); !ok || min != 1 || !open {
		t.Errorf("errorEquals takes %d (open %v, %v); want at least 1", min, open, ok)
	}
}
