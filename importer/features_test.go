package importer

import "testing"

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

// TestScalingSchedules: a scalable target's scheduled actions map when
// render would write them back the same: sorted by name, each a cron,
// rate or at expression with bounds of its own.
func TestScalingSchedules(t *testing.T) {
	action := func(name, expr string) map[string]any {
		return map[string]any{"ScheduledActionName": name, "Schedule": expr, "ScalableTargetAction": map[string]any{"MinCapacity": 1}}
	}
	for _, tt := range []struct {
		name string
		list []any
		ok   bool
	}{
		{"sorted", []any{action("evenings", "cron(0 20 * * ? *)"), action("mornings", "rate(1 day)")}, true},
		{"unsorted", []any{action("mornings", "rate(1 day)"), action("evenings", "cron(0 20 * * ? *)")}, false},
		{"at", []any{action("launch", "at(2026-12-24T18:00:00)")}, true},
		{"not an expression", []any{action("launch", "tomorrow")}, false},
		{"name not a samgen name", []any{action("launch-day", "rate(1 day)")}, false},
		{"other property", []any{map[string]any{"ScheduledActionName": "x", "Schedule": "rate(1 day)", "ScalableTargetAction": map[string]any{}, "StartTime": "2026"}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := scalingSchedules(&importer{}, tt.list); ok != tt.ok {
				t.Errorf("mapped = %v, want %v", ok, tt.ok)
			}
		})
	}
}
