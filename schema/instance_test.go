package schema

import (
	"slices"
	"testing"
)

func TestSplitPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"functions.hi.memory", []string{"functions", "hi", "memory"}},
		{".properties.Tags[0].Value", []string{"properties", "Tags", "[0]", "Value"}},
		{`resources."a-b".properties."Fn::If"[1]`, []string{"resources", `"a-b"`, "properties", `"Fn::If"`, "[1]"}},
		{`a."b.c".d`, []string{"a", `"b.c"`, "d"}},
		{"a[1", []string{"a", "[1"}},
		{`a."b`, []string{"a", `"b`}},
		{"", nil},
	} {
		if got := SplitPath(tc.path); !slices.Equal(got, tc.want) {
			t.Errorf("SplitPath(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
