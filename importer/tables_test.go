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

// TestFileSystem: FileSystemConfigs maps when the template's Policies
// hold the grant samgen derives for the access point, read-only when it
// grants no ClientWrite; the file system's ARN is that grant's resource.
func TestFileSystem(t *testing.T) {
	const ap, fs = "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1", "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1"
	grant := func(actions ...any) []any {
		return []any{map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": actions, "Resource": fs,
			"Condition": map[string]any{"StringEquals": map[string]any{"elasticfilesystem:AccessPointArn": ap}}}}}}
	}
	configs := []any{map[string]any{"Arn": ap, "LocalMountPath": "/mnt/media"}}
	for _, tt := range []struct {
		name     string
		policies []any
		configs  []any
		want     string
	}{
		{"read and write", grant("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"), configs,
			`{ accessPoint: "` + ap + `" fileSystem: "` + fs + `" mountPath: "/mnt/media" }`},
		{"read only", grant("elasticfilesystem:ClientMount"), configs,
			`{ accessPoint: "` + ap + `" fileSystem: "` + fs + `" mountPath: "/mnt/media" readOnly: true }`},
		{"no grant", nil, configs, ""},
		{"another grant", grant("elasticfilesystem:ClientRootAccess"), configs, ""},
		{"outside /mnt", grant("elasticfilesystem:ClientMount"), []any{map[string]any{"Arn": ap, "LocalMountPath": "/data"}}, ""},
		{"two access points", grant("elasticfilesystem:ClientMount"), append(configs, configs[0]), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			props := map[string]any{"FileSystemConfigs": tt.configs}
			if tt.policies != nil {
				props["Policies"] = tt.policies
			}
			o := newObj()
			(&importer{}).fileSystem(o, newBag(props))
			got := ""
			if v := o.get("fileSystem"); v != nil {
				got = cueText(v)
			}
			if got != tt.want {
				t.Errorf("fileSystem = %s, want %s", got, tt.want)
			}
		})
	}
}
