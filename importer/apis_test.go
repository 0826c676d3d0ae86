package importer

import (
	"strings"
	"testing"

	"cuelang.org/go/cue/format"
)

// cueText is v as the importer writes it, on one line.
func cueText(v any) string {
	b, err := format.Node(expr(v))
	if err != nil {
		return err.Error()
	}
	return strings.Join(strings.Fields(string(b)), " ")
}

// TestMethodSettings: a stage's method settings map only when each is one
// render writes back the same; a path API Gateway encodes (~1) is decoded.
func TestMethodSettings(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   map[string]any
		want string // the spec's setting, "" when it does not map
	}{
		{"all methods", map[string]any{"ResourcePath": "/*", "HttpMethod": "*", "MetricsEnabled": true}, `{metrics: true}`},
		{"a route", map[string]any{"ResourcePath": "/~1orders~1{id}", "HttpMethod": "GET", "ThrottlingRateLimit": 2.5},
			`{method: "GET", path: "/orders/{id}", throttle: rate: 2.5}`},
		{"cached", map[string]any{"ResourcePath": "/", "HttpMethod": "*", "CachingEnabled": true, "CacheTtlInSeconds": 60, "CacheDataEncrypted": true},
			`{ caching: {ttl: 60, encrypted: true} path: "/" }`},
		{"caching off", map[string]any{"ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": false}, ""},
		{"ttl without caching", map[string]any{"ResourcePath": "/*", "HttpMethod": "*", "CacheTtlInSeconds": 60}, ""},
		{"ttl over an hour", map[string]any{"ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": true, "CacheTtlInSeconds": 7200}, ""},
		{"unencoded path", map[string]any{"ResourcePath": "/orders", "HttpMethod": "GET"}, ""},
		{"no method", map[string]any{"ResourcePath": "/*", "MetricsEnabled": true}, ""},
		{"unknown level", map[string]any{"ResourcePath": "/*", "HttpMethod": "*", "LoggingLevel": "DEBUG"}, ""},
		{"other property", map[string]any{"ResourcePath": "/*", "HttpMethod": "*", "Bogus": 1}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := methodSettings([]any{tt.in})
			switch {
			case tt.want == "" && ok:
				t.Errorf("mapped to %s, want no mapping", cueText(got[0]))
			case tt.want != "" && !ok:
				t.Errorf("not mapped, want %s", tt.want)
			case ok && cueText(got[0]) != tt.want:
				t.Errorf("mapped to %s, want %s", cueText(got[0]), tt.want)
			}
		})
	}
}
