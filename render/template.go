// Package render builds the SAM template of a checked spec and writes it as
// deterministic YAML or JSON. It is the only package that imports
// goformation, and it uses only goformation's leaf packages: their typed
// structs give the property names, samgen's own writer gives the bytes.
package render

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Template is a SAM template: the sections samgen renders.
type Template struct {
	// Header is written as a comment above the template.
	Header      string
	Description string
	Parameters  map[string]any
	Conditions  map[string]any
	Globals     map[string]any
	Resources   map[string]*Resource
	Outputs     map[string]any
	// Origins maps the logical ID of every resource samgen renders to the
	// spec path of the declaration it comes from ("queues.jobs" for a
	// queue and the policy samgen generates for it). It is not written.
	Origins map[string]string
}

// Resource is one entry of Resources.
type Resource struct {
	Type                string
	Condition           string
	DependsOn           []string
	Metadata            map[string]any
	Properties          map[string]any
	DeletionPolicy      string
	UpdateReplacePolicy string
}

// marker prefixes a JSON-encoded intrinsic stored in a goformation string
// field, which has no room for a map; it is decoded when the struct is
// turned into a Resource. A CUE string can hold any character, NUL
// included, so the marker carries a random nonce chosen per process: user
// input cannot forge it, and it never reaches the output, which stays the
// same from run to run.
var marker = func() string {
	var nonce [12]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		panic(fmt.Sprintf("render: random nonce: %v", err)) // crypto/rand does not fail on supported platforms
	}
	return "\x00cfn-" + hex.EncodeToString(nonce[:]) + ":"
}()

// str stores v (a string, or an intrinsic map) in a string field.
func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("render: unencodable value %#v", v)) // built by samgen, never from input
	}
	return marker + string(b)
}

// strp is str for optional fields.
func strp(v any) *string {
	s := str(v)
	return &s
}

// fromStruct turns a goformation resource struct into a Resource and
// merges extra, the properties goformation lacks, into its Properties.
func fromStruct(r json.Marshaler, extra map[string]any) *Resource {
	b, err := r.MarshalJSON()
	if err != nil {
		panic(fmt.Sprintf("render: marshal %T: %v", r, err))
	}
	var raw struct {
		Type       string
		Properties map[string]any
		Metadata   map[string]any
		DependsOn  []string
		Condition  string
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		panic(fmt.Sprintf("render: unmarshal %T: %v", r, err))
	}
	props, _ := decodeMarkers(raw.Properties).(map[string]any)
	if props == nil {
		props = map[string]any{}
	}
	for k, v := range extra {
		if !isNil(v) {
			props[k] = deref(v)
		}
	}
	return &Resource{Type: raw.Type, Properties: props}
}

// decodeMarkers replaces marker strings with the intrinsics they hold.
func decodeMarkers(v any) any {
	switch x := v.(type) {
	case string:
		if rest, ok := strings.CutPrefix(x, marker); ok {
			var out any
			if err := json.Unmarshal([]byte(rest), &out); err != nil {
				panic(fmt.Sprintf("render: bad marker %q", x))
			}
			return out
		}
		return x
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			x[k] = decodeMarkers(x[k])
		}
		return x
	case []any:
		for i := range x {
			x[i] = decodeMarkers(x[i])
		}
		return x
	}
	return v
}
