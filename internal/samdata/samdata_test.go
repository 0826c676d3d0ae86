package samdata

import (
	"encoding/json"
	"testing"
)

// TestFiles checks that each file is the JSON document its function says,
// so a truncated or wrongly copied file fails here rather than in a
// generator.
func TestFiles(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		key  string // a top-level key the document has
	}{
		{"policy_templates.json", PolicyTemplates(), "Templates"},
		{"sam.schema.json", Schema(), "definitions"},
		{"connector_profiles.json", ConnectorProfiles(), "Permissions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc map[string]json.RawMessage
			if err := json.Unmarshal(tc.data, &doc); err != nil {
				t.Fatal(err)
			}
			if _, ok := doc[tc.key]; !ok {
				t.Errorf("no top-level %q", tc.key)
			}
		})
	}
}

func TestPolicyTemplates(t *testing.T) {
	var src struct {
		Version   string
		Templates map[string]json.RawMessage
	}
	if err := json.Unmarshal(PolicyTemplates(), &src); err != nil {
		t.Fatal(err)
	}
	// v1.110.0 has 81 templates in format 0.0.1 (SOURCE.md).
	if src.Version != "0.0.1" || len(src.Templates) != 81 {
		t.Errorf("version %q with %d templates, want 0.0.1 with 81", src.Version, len(src.Templates))
	}
}

func TestCopies(t *testing.T) {
	a := PolicyTemplates()
	a[0] = 'x'
	if b := PolicyTemplates(); b[0] == 'x' {
		t.Error("changing a returned slice changed the embedded data")
	}
}
