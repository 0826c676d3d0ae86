package render

import (
	"fmt"
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/logs"
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
	if d.Handler != "" && !perFunction["handler"] {
		g["Handler"] = d.Handler
	}
	if d.Architecture != "" && !perFunction["architecture"] {
		g["Architectures"] = []any{d.Architecture}
	}
	setInt(g, "MemorySize", d.Memory)
	setInt(g, "Timeout", d.Timeout)
	if d.EphemeralStorage != nil {
		g["EphemeralStorage"] = map[string]any{"Size": *d.EphemeralStorage}
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
		g["Tags"] = stringMap(d.Tags)
	}
	if len(d.Layers) > 0 {
		// SAM adds these before each function's own layers.
		g["Layers"] = b.layerList("defaults.function.layers", d.Layers)
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
		if f.Image != "" {
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
	fn := &serverless.Function{
		MemorySize:                   f.Memory,
		Timeout:                      f.Timeout,
		ReservedConcurrentExecutions: f.ReservedConcurrency,
	}
	if f.Description != "" {
		fn.Description = ptr(f.Description)
	}
	if f.Image != "" {
		fn.PackageType = ptr("Image")
		fn.ImageUri = ptr(f.Image)
	} else {
		if f.Source != "" {
			fn.CodeUri = &serverless.Function_CodeUri{String: ptr(f.Source)}
		}
		if f.Runtime != "" || perFunction["runtime"] {
			fn.Runtime = ptr(eff.Runtime)
		}
		if f.Handler != "" || perFunction["handler"] {
			fn.Handler = ptr(eff.Handler)
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
	if f.EphemeralStorage != nil {
		fn.EphemeralStorage = &serverless.Function_EphemeralStorage{Size: *f.EphemeralStorage}
	}
	if f.Tracing != "" {
		fn.Tracing = ptr(f.Tracing)
	}
	if len(f.Env) > 0 {
		vars := map[string]string{}
		for k, v := range b.env(path+".env", f.Env) {
			vars[k] = str(v)
		}
		fn.Environment = &serverless.Function_FunctionEnvironment{Variables: vars}
	}
	if len(f.Tags) > 0 {
		fn.Tags = f.Tags
	}
	alias := f.Alias
	if alias == "" && f.ProvisionedConcurrency != nil {
		alias = schema.DefaultAlias
	}
	if alias != "" {
		fn.AutoPublishAlias = ptr(alias)
	}
	extra := map[string]any{}
	if f.ProvisionedConcurrency != nil {
		extra["ProvisionedConcurrencyConfig"] = map[string]any{"ProvisionedConcurrentExecutions": *f.ProvisionedConcurrency}
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
	if f.Build != "" {
		res.Metadata = map[string]any{"BuildMethod": f.Build}
	}
	b.add(id, path, "", res)

	if eff.Logging != nil && eff.Logging.Retention != nil {
		// The log group Lambda would create on first invoke, created here
		// instead so it has a retention; named after the function, not
		// referenced by it, which would be a circular dependency.
		b.add(schema.FunctionLogGroupID(f.Ref), path, "the log group", fromStruct(&logs.LogGroup{
			LogGroupName:    strp(cfn.Sub(fmt.Sprintf("/aws/lambda/${%s}", id))),
			RetentionInDays: eff.Logging.Retention,
		}, nil))
	}
}

// env renders environment variables: references become the referenced
// resource's name (or URL, for a queue), SSM parameters a dynamic
// reference resolved at deploy time.
func (b *builder) env(path string, env map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(env)) {
		switch v := env[k].(type) {
		case string:
			out[k] = v
		case map[string]any:
			r, _ := schema.AsRef(v)
			if r.Kind == "param" {
				out[k] = "{{resolve:ssm:" + b.app.Params[r.Name].Name + "}}"
				continue
			}
			out[k] = b.resolve(path+"."+k, r, "")
		}
	}
	return out
}

// vpc renders a VpcConfig; entries are IDs or references.
func (b *builder) vpc(path string, v *schema.VPC) map[string]any {
	ids := func(p string, xs []any) []any {
		out := make([]any, len(xs))
		for i, x := range xs {
			switch y := x.(type) {
			case string:
				out[i] = y
			case map[string]any:
				r, _ := schema.AsRef(y)
				out[i] = b.resolve(fmt.Sprintf("%s[%d]", p, i), r, "")
			}
		}
		return out
	}
	return map[string]any{
		"SubnetIds":        ids(path+".subnets", v.Subnets),
		"SecurityGroupIds": ids(path+".securityGroups", v.SecurityGroups),
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
