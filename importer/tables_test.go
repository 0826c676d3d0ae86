package importer

import "testing"

// TestIndexesMapOnlyWhatRenderWrites: a table's index list maps only when
// render would write it back the same (sorted by name, keys typed, a known
// projection); anything else stays an override.
func TestIndexesMapOnlyWhatRenderWrites(t *testing.T) {
	types := map[string]string{"id": "S", "sku": "S", "total": "N", "when": "N"}
	gsi := func(name, hash string) map[string]any {
		return map[string]any{"IndexName": name, "KeySchema": []any{map[string]any{"AttributeName": hash, "KeyType": "HASH"}},
			"Projection": map[string]any{"ProjectionType": "ALL"}}
	}
	lsi := func(hash string) map[string]any {
		return map[string]any{"IndexName": "byTotal", "KeySchema": []any{
			map[string]any{"AttributeName": hash, "KeyType": "HASH"}, map[string]any{"AttributeName": "total", "KeyType": "RANGE"}},
			"Projection": map[string]any{"ProjectionType": "ALL"}}
	}
	with := func(m map[string]any, k string, v any) map[string]any { m[k] = v; return m }
	for _, tt := range []struct {
		name  string
		list  []any
		local bool
		ok    bool
	}{
		{"sorted", []any{gsi("byId", "id"), gsi("bySku", "sku")}, false, true},
		{"unsorted", []any{gsi("bySku", "sku"), gsi("byId", "id")}, false, false},
		{"twice", []any{gsi("bySku", "sku"), gsi("bySku", "sku")}, false, false},
		{"untyped key", []any{gsi("byColour", "colour")}, false, false},
		{"short name", []any{gsi("by", "sku")}, false, false},
		{"unknown projection", []any{with(gsi("bySku", "sku"), "Projection", map[string]any{"ProjectionType": "SOME"})}, false, false},
		{"include without attributes", []any{with(gsi("bySku", "sku"), "Projection", map[string]any{"ProjectionType": "INCLUDE"})}, false, false},
		{"other property", []any{with(gsi("bySku", "sku"), "WarmThroughput", map[string]any{})}, false, false},
		{"local on the table's key", []any{lsi("id")}, true, true},
		{"local on another key", []any{lsi("sku")}, true, false},
		{"local with capacity", []any{with(lsi("id"), "ProvisionedThroughput", map[string]any{"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})}, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			im := &importer{}
			if _, _, ok := im.indexes(tt.list, "id", types, tt.local); ok != tt.ok {
				t.Errorf("mapped = %v, want %v", ok, tt.ok)
			}
		})
	}
}
