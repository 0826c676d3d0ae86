package render

import (
	"maps"
	"slices"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation/serverless"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// layers renders each owned layer as an AWS::Serverless::LayerVersion and
// the stack outputs of exported ones. External layers render nothing:
// functions refer to them by ARN.
func (b *builder) layers() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Layers)) {
		l := b.app.Layers[name]
		if !l.Owned() {
			continue
		}
		id := schema.LogicalID(l.Ref)
		path := "layers." + name
		lv := &serverless.LayerVersion{
			ContentUri:         &serverless.LayerVersion_ContentUri{String: ptr(b.local(l.Source))},
			CompatibleRuntimes: l.Runtimes,
		}
		if l.Retention != "" {
			lv.RetentionPolicy = ptr(l.Retention)
		}
		// goformation's SAM model predates these two properties.
		extra := map[string]any{
			"LayerName":   b.optional(path+".name", l.Name, schema.AttrName),
			"Description": b.optional(path+".description", l.Description, ""),
			"LicenseInfo": b.optional(path+".license", l.License, ""),
		}
		if len(l.Architectures) > 0 {
			extra["CompatibleArchitectures"] = toAny(l.Architectures)
		}
		if l.PublishVersion != nil {
			extra["PublishLambdaVersion"] = *l.PublishVersion
		}
		res := fromStruct(lv, extra)
		arch := ""
		if len(l.Architectures) > 0 && l.Build != "" {
			// sam build builds for x86_64 unless told otherwise.
			arch = l.Architectures[0]
		}
		b.resourceAttributes(res, path, l.Resource, buildMetadata(l.Build, l.BuildProperties, arch))
		b.add(id, path, "", res)
		if l.Export != "" {
			b.exportLayer(name, id, l)
		}
	}
}

// exportLayer publishes an owned layer's version ARN as a stack output.
func (b *builder) exportLayer(name, id string, l schema.Layer) {
	if b.t.Outputs == nil {
		b.t.Outputs = map[string]any{}
	}
	out := schema.LayerOutputID(name)
	if _, dup := b.t.Outputs[out]; dup {
		b.errf("layers."+name+".export", "output %s is also declared in outputs", out)
		return
	}
	var export any = l.Export
	if strings.Contains(l.Export, "${") {
		export = cfn.Sub(l.Export)
	}
	b.t.Outputs[out] = map[string]any{
		"Description": "Version ARN of layer " + name,
		"Value":       cfn.Ref(id),
		"Export":      map[string]any{"Name": export},
	}
}

// layerList renders a list of layer references as version ARNs.
func (b *builder) layerList(path string, refs []schema.Ref) []any {
	out := make([]any, len(refs))
	for i, r := range refs {
		out[i] = b.resolve(path, r, schema.AttrArn)
	}
	return out
}
