// Package cfnschema knows which property changes make CloudFormation
// replace a resource rather than update it in place, per resource type,
// from CloudFormation's resource provider schemas vendored as data
// (replacement.json; SOURCE.md says where it comes from).
package cfnschema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

//go:embed replacement.json
var data []byte

// Type is what a resource type's schema says of replacement.
type Type struct {
	// CreateOnly are the properties that can only be set when the resource
	// is created: changing one replaces the resource.
	CreateOnly []string `json:"createOnly"`
	// ConditionalCreateOnly are the properties whose change replaces the
	// resource when it cannot be updated in place (DynamoDB's KeySchema).
	ConditionalCreateOnly []string `json:"conditionalCreateOnly"`
	// Schema names the provider schema file it was read from.
	Schema string `json:"schema"`
}

// Data is the vendored file.
type Data struct {
	Source  string          `json:"source"`
	Version string          `json:"version"`
	Types   map[string]Type `json:"types"`
}

var vendored = func() Data {
	var d Data
	if err := json.Unmarshal(data, &d); err != nil {
		panic(fmt.Sprintf("cfnschema: replacement.json: %v", err)) // embedded, checked by a test
	}
	return d
}()

// Vendored returns the vendored data: its source, version and types.
func Vendored() Data { return vendored }

// Lookup returns what the schema of resource type name says, and whether
// the data has the type.
func Lookup(name string) (Type, bool) {
	t, ok := vendored.Types[name]
	return t, ok
}

// Replaces reports whether changing the property at path (property
// names from the top of Properties: ["KeySchema"], ["Tags", "0"]) of a
// resource of type name replaces the resource, and whether it only may (a
// conditional create-only property). A change at or under a create-only
// property replaces; so does one above it, which may change it.
func Replaces(name string, path []string) (replaces, conditional bool) {
	t, ok := vendored.Types[name]
	if !ok {
		return false, false
	}
	if slices.ContainsFunc(t.CreateOnly, overlaps(path)) {
		return true, false
	}
	if slices.ContainsFunc(t.ConditionalCreateOnly, overlaps(path)) {
		return true, true
	}
	return false, false
}

// overlaps reports whether a pointer ("Foo/Bar") and path share their
// first len(shorter) segments.
func overlaps(path []string) func(pointer string) bool {
	return func(pointer string) bool {
		p := strings.Split(pointer, "/")
		n := min(len(p), len(path))
		return n > 0 && slices.Equal(p[:n], path[:n])
	}
}
