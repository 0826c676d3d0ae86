package render

import (
	"fmt"
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/serverless"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// functions renders Globals.Function from the defaults, then each function.
//
// SAM merges Globals into each function: scalars are overridden, maps
// (Environment.Variables, Tags) are merged key by key, and lists (Layers,
// Architectures, VpcConfig's IDs) are concatenated. samgen's defaults mean
// "unless the function says otherwise", so a list or a configuration block
// goes to Globals only when no function overrides it; otherwise every
// function gets its effective value.
func (b *builder) functions() {
	if len(b.app.OwnedFunctions()) == 0 {
		return
	}
	d := b.app.Defaults.Function
	perFunction := b.overridden()
	g := map[string]any{}
	if d.Runtime != "" && !perFunction["runtime"] {
		g["Runtime"] = d.Runtime
	}
	if !d.Handler.IsZero() && !perFunction["handler"] {
		g["Handler"] = b.value("defaults.function.handler", d.Handler, "")
	}
	if d.Architecture != "" && !perFunction["architecture"] {
		g["Architectures"] = []any{d.Architecture}
	}
	g["MemorySize"] = b.optional("defaults.function.memory", d.Memory, "")
	g["Timeout"] = b.optional("defaults.function.timeout", d.Timeout, "")
	if !d.EphemeralStorage.IsZero() {
		g["EphemeralStorage"] = map[string]any{"Size": b.value("defaults.function.ephemeralStorage", d.EphemeralStorage, "")}
	}
	if d.Tracing != "" {
		g["Tracing"] = d.Tracing
	}
	if len(d.Env) > 0 {
		g["Environment"] = map[string]any{"Variables": b.env("defaults.function.env", d.Env)}
	}
	if d.VPC != nil && !perFunction["vpc"] {
		g["VpcConfig"] = b.vpc("defaults.function.vpc", d.VPC)
	}
	if lc := loggingConfig(d.Logging); lc != nil && !perFunction["logging"] {
		g["LoggingConfig"] = lc
	}
	if len(d.Tags) > 0 {
		g["Tags"] = b.tags("defaults.function.tags", d.Tags)
	}
	if len(d.Layers) > 0 {
		// SAM adds these before each function's own layers.
		g["Layers"] = b.layerList("defaults.function.layers", d.Layers)
	}
	for k, v := range g {
		if v == nil {
			delete(g, k)
		}
	}
	if len(g) > 0 {
		b.t.Globals = map[string]any{"Function": g}
	}
	for _, name := range b.app.OwnedFunctions() {
		b.function(name, b.app.Functions[name], perFunction)
	}
}

// overridden reports which list- or block-valued defaults some function
// overrides, and which scalars an image function must not inherit.
func (b *builder) overridden() map[string]bool {
	d := b.app.Defaults.Function
	out := map[string]bool{}
	for _, name := range b.app.OwnedFunctions() {
		f := b.app.Functions[name]
		if !f.Image.IsZero() {
			out["runtime"], out["handler"] = true, true
		}
		if f.Architecture != "" && f.Architecture != d.Architecture {
			out["architecture"] = true
		}
		if f.VPC != nil {
			out["vpc"] = true
		}
		if f.Logging != nil && loggingConfig(f.Logging) != nil {
			out["logging"] = true
		}
	}
	return out
}

func (b *builder) function(name string, f schema.Function, perFunction map[string]bool) {
	path := "functions." + name
	id := schema.LogicalID(f.Ref)
	eff := schema.Effective(b.app.Defaults.Function, f.FunctionSettings)
	fn := &serverless.Function{}
	extra := map[string]any{
		"FunctionName":                 b.optional(path+".name", f.Name, schema.AttrName),
		"Description":                  b.optional(path+".description", f.Description, ""),
		"MemorySize":                   b.optional(path+".memory", f.Memory, ""),
		"Timeout":                      b.optional(path+".timeout", f.Timeout, ""),
		"ReservedConcurrentExecutions": b.optional(path+".reservedConcurrency", f.ReservedConcurrency, ""),
	}
	if !f.Image.IsZero() {
		fn.PackageType = ptr("Image")
		extra["ImageUri"] = b.value(path+".image", f.Image, "")
	} else {
		if f.Source != "" {
			fn.CodeUri = &serverless.Function_CodeUri{String: ptr(f.Source)}
		}
		if f.Runtime != "" || perFunction["runtime"] {
			fn.Runtime = ptr(eff.Runtime)
		}
		if !f.Handler.IsZero() || perFunction["handler"] {
			extra["Handler"] = b.optional(path+".handler", eff.Handler, "")
		}
	}
	switch {
	case perFunction["architecture"] && eff.Architecture != "":
		fn.Architectures = []string{eff.Architecture}
	case f.Architecture != "" && b.app.Defaults.Function.Architecture == "":
		fn.Architectures = []string{f.Architecture}
	}
	// Otherwise Globals holds the architecture, and SAM would append the
	// function's own to it: [arm64, arm64] (cfn-lint E3032).
	if !f.EphemeralStorage.IsZero() {
		extra["EphemeralStorage"] = map[string]any{"Size": b.value(path+".ephemeralStorage", f.EphemeralStorage, "")}
	}
	if f.Tracing != "" {
		fn.Tracing = ptr(f.Tracing)
	}
	if len(f.Env) > 0 {
		extra["Environment"] = map[string]any{"Variables": b.env(path+".env", f.Env)}
	}
	if len(f.Tags) > 0 {
		extra["Tags"] = b.tags(path+".tags", f.Tags)
	}
	alias := f.Alias
	if alias == "" && !f.ProvisionedConcurrency.IsZero() {
		alias = schema.DefaultAlias
	}
	if alias != "" {
		fn.AutoPublishAlias = ptr(alias)
	}
	if !f.ProvisionedConcurrency.IsZero() {
		extra["ProvisionedConcurrencyConfig"] = map[string]any{"ProvisionedConcurrentExecutions": b.value(path+".provisionedConcurrency", f.ProvisionedConcurrency, "")}
	}
	if perFunction["vpc"] && eff.VPC != nil {
		extra["VpcConfig"] = b.vpc(path+".vpc", eff.VPC)
	}
	if perFunction["logging"] {
		if lc := loggingConfig(eff.Logging); lc != nil {
			extra["LoggingConfig"] = lc
		}
	}
	if len(f.Layers) > 0 {
		extra["Layers"] = b.layerList(path+".layers", f.Layers)
	}
	maps.Copy(extra, b.asyncProps(name))
	if pols := b.functionPolicies(path, f); len(pols) > 0 {
		extra["Policies"] = pols
	}
	if evs := b.events(path, id, f); len(evs) > 0 {
		extra["Events"] = evs
	}
	res := fromStruct(fn, extra)
	b.resourceAttributes(res, path, f.Resource, buildMetadata(f.Build, f.BuildProperties, ""))
	b.add(id, path, "", res)

	if eff.Logging != nil && !eff.Logging.Retention.IsZero() {
		// The log group Lambda would create on first invoke, created here
		// instead so it has a retention; named after the function, not
		// referenced by it, which would be a circular dependency.
		lp := b.logGroupPath(path, f.Logging, "defaults.function.logging")
		// A function named in the spec gives its log group that name, so the
		// function may depend on its log group (and Lambda never creates
		// it first).
		var name any = cfn.Sub(fmt.Sprintf("/aws/lambda/${%s}", id))
		if n := extra["FunctionName"]; n != nil {
			name = cfn.Prefixed("/aws/lambda/", n)
		}
		b.logGroup(schema.FunctionLogGroupID(f.Ref, eff.Logging.LogGroup), path, lp, eff.Logging.LogGroup, map[string]any{
			"LogGroupName":    name,
			"RetentionInDays": b.value(lp+".retention", eff.Logging.Retention, ""),
		})
	}
}

// logGroupPath is the spec path of the logging settings a function's log
// group comes from: its own, or those of defaults.function.
func (b *builder) logGroupPath(path string, own *schema.Logging, defaults string) string {
	if own != nil && !own.Retention.IsZero() {
		return path + ".logging"
	}
	return defaults
}

// env renders environment variables: a literal as the string Lambda takes
// (8080 → "8080", true → "true"), a reference as the referenced resource's
// name (or URL, for a queue), an SSM parameter as a dynamic reference
// resolved at deploy time, an expression as it is.
func (b *builder) env(path string, env map[string]schema.Value) map[string]any {
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(env)) {
		v := env[k]
		if s, ok := v.Scalar(); ok {
			out[k] = s
			continue
		}
		if r, attr, ok := v.Ref(); ok && r.Kind == "param" && attr == "" {
			out[k] = b.app.Params[r.Name].Resolve()
			continue
		}
		out[k] = b.value(path+"."+k, v, "")
	}
	return out
}

// vpc renders a VpcConfig.
func (b *builder) vpc(path string, v *schema.VPC) map[string]any {
	return map[string]any{
		"SubnetIds":        b.list(path+".subnets", v.Subnets, ""),
		"SecurityGroupIds": b.list(path+".securityGroups", v.SecurityGroups, ""),
	}
}

func loggingConfig(l *schema.Logging) map[string]any {
	if l == nil {
		return nil
	}
	m := map[string]any{}
	if l.Format != "" {
		m["LogFormat"] = l.Format
	}
	if l.ApplicationLevel != "" {
		m["ApplicationLogLevel"] = l.ApplicationLevel
	}
	if l.SystemLevel != "" {
		m["SystemLogLevel"] = l.SystemLevel
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
