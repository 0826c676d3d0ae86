package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

// capacityProviders renders each owned capacity provider as SAM's
// AWS::Serverless::CapacityProvider, which generates the operator role
// (<ID>OperatorRole) when none is given.
func (b *builder) capacityProviders() {
	for _, name := range slices.Sorted(maps.Keys(b.app.CapacityProviders)) {
		cp := b.app.CapacityProviders[name]
		if !b.app.Owned(cp.Ref) {
			continue
		}
		path := "capacityProviders." + name
		props := map[string]any{}
		setValue(props, "CapacityProviderName", b.optional(path+".name", cp.Name, ""))
		if cp.VPC != nil {
			props["VpcConfig"] = b.vpc(path+".vpc", cp.VPC)
		}
		ir := map[string]any{}
		if cp.Architecture != "" {
			ir["Architectures"] = []any{cp.Architecture}
		}
		if len(cp.AllowedTypes) > 0 {
			ir["AllowedTypes"] = toAny(cp.AllowedTypes)
		}
		if len(cp.ExcludedTypes) > 0 {
			ir["ExcludedTypes"] = toAny(cp.ExcludedTypes)
		}
		if len(ir) > 0 {
			props["InstanceRequirements"] = ir
		}
		sc := map[string]any{}
		setValue(sc, "MaxVCpuCount", b.optional(path+".maxVCpu", cp.MaxVCpu, ""))
		setValue(sc, "AverageCPUUtilization", b.optional(path+".targetCpu", cp.TargetCpu, ""))
		if len(sc) > 0 {
			props["ScalingConfig"] = sc
		}
		setValue(props, "KmsKeyArn", b.optional(path+".kmsKey", cp.KmsKey, schema.AttrArn))
		setValue(props, "OperatorRole", b.optional(path+".operatorRole", cp.OperatorRole, schema.AttrArn))
		if tags := b.tags(path+".tags", cp.Tags); tags != nil {
			props["Tags"] = tags
		}
		res := &Resource{Type: "AWS::Serverless::CapacityProvider", Properties: props}
		b.resourceAttributes(res, path, cp.Resource, nil)
		b.add(schema.LogicalID(cp.Ref), path, "", res)
	}
}
