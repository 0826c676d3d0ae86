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
	if lc := b.loggingConfig("defaults.function", d.Logging); lc != nil && !perFunction["logging"] {
		g["LoggingConfig"] = lc
	}
	if len(d.Tags) > 0 {
		g["Tags"] = b.tags("defaults.function.tags", d.Tags)
	}
	g["PermissionsBoundary"] = b.optional("defaults.function.permissionsBoundary", d.PermissionsBoundary, schema.AttrArn)
	if d.RolePath != "" {
		g["RolePath"] = d.RolePath
	}
	if d.PropagateTags != nil {
		g["PropagateTags"] = *d.PropagateTags
	}
	if d.RecursiveLoop != "" {
		g["RecursiveLoop"] = d.RecursiveLoop
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
		if f.Logging != nil && (f.Logging.Format != "" || f.Logging.ApplicationLevel != "" || f.Logging.SystemLevel != "" || !f.Logging.Group.IsZero()) {
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
			fn.CodeUri = &serverless.Function_CodeUri{String: ptr(b.local(f.Source))}
		}
		if f.InlineCode != "" {
			extra["InlineCode"] = f.InlineCode
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
	setValue(extra, "PermissionsBoundary", b.optional(path+".permissionsBoundary", f.PermissionsBoundary, schema.AttrArn))
	if f.RolePath != "" {
		extra["RolePath"] = f.RolePath
	}
	if f.PropagateTags != nil {
		extra["PropagateTags"] = *f.PropagateTags
	}
	if f.RecursiveLoop != "" {
		extra["RecursiveLoop"] = f.RecursiveLoop
	}
	if len(f.Env) > 0 {
		extra["Environment"] = map[string]any{"Variables": b.env(path+".env", f.Env)}
	}
	if len(f.Tags) > 0 {
		extra["Tags"] = b.tags(path+".tags", f.Tags)
	}
	if alias := schema.FunctionAlias(f); alias != "" {
		fn.AutoPublishAlias = ptr(alias)
	}
	maps.Copy(extra, b.functionFeatures(path, f))
	if !f.ProvisionedConcurrency.IsZero() {
		extra["ProvisionedConcurrencyConfig"] = map[string]any{"ProvisionedConcurrentExecutions": b.value(path+".provisionedConcurrency", f.ProvisionedConcurrency, "")}
	}
	if perFunction["vpc"] && eff.VPC != nil {
		extra["VpcConfig"] = b.vpc(path+".vpc", eff.VPC)
	}
	if perFunction["logging"] {
		if lc := b.loggingConfig(path, eff.Logging); lc != nil {
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
	b.concurrencyScaling(path, f)

	if eff.Logging != nil && !eff.Logging.Retention.IsZero() && eff.Logging.Group.IsZero() {
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

// loggingConfig renders LoggingConfig from the logging settings of the
// function or defaults at path.
func (b *builder) loggingConfig(path string, l *schema.Logging) map[string]any {
	if l == nil {
		return nil
	}
	m := map[string]any{}
	setValue(m, "LogGroup", b.optional(path+".logging.group", l.Group, schema.AttrName))
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

// functionFeatures renders the function's properties of the features
// Lambda added since 2022 (SnapStart, function URLs, gradual deployments,
// durable functions, Managed Instances, tenant isolation) and those of
// its versions, encryption, signing and file system.
func (b *builder) functionFeatures(path string, f schema.Function) map[string]any {
	out := map[string]any{
		"KmsKeyArn":             b.optional(path+".kmsKey", f.KmsKey, schema.AttrArn),
		"SourceKMSKeyArn":       b.optional(path+".sourceKmsKey", f.SourceKmsKey, schema.AttrArn),
		"CodeSigningConfigArn":  b.optional(path+".codeSigningConfig", f.CodeSigningConfig, schema.AttrArn),
		"VersionDescription":    b.optional(path+".versionDescription", f.VersionDescription, ""),
		"AutoPublishCodeSha256": b.optional(path+".codeSha256", f.CodeSha256, ""),
	}
	if f.VersionDeletionPolicy != "" {
		out["VersionDeletionPolicy"] = f.VersionDeletionPolicy
	}
	if f.PublishAllProperties {
		out["AutoPublishAliasAllProperties"] = true
	}
	if f.SnapStart {
		out["SnapStart"] = map[string]any{"ApplyOn": "PublishedVersions"}
	}
	if f.Tenancy != "" {
		out["TenancyConfig"] = map[string]any{"TenantIsolationMode": f.Tenancy}
	}
	if ic := f.ImageConfig; ic != nil {
		m := map[string]any{}
		if len(ic.Command) > 0 {
			m["Command"] = toAny(ic.Command)
		}
		if len(ic.EntryPoint) > 0 {
			m["EntryPoint"] = toAny(ic.EntryPoint)
		}
		if ic.WorkingDirectory != "" {
			m["WorkingDirectory"] = ic.WorkingDirectory
		}
		out["ImageConfig"] = m
	}
	if rm := f.RuntimeManagement; rm != nil {
		m := map[string]any{"UpdateRuntimeOn": rm.UpdateOn}
		setValue(m, "RuntimeVersionArn", b.optional(path+".runtimeManagement.runtimeVersion", rm.RuntimeVersion, schema.AttrArn))
		out["RuntimeManagementConfig"] = m
	}
	if fs := f.FileSystem; fs != nil {
		out["FileSystemConfigs"] = []any{map[string]any{
			"Arn":            b.value(path+".fileSystem.accessPoint", fs.AccessPoint, schema.AttrArn),
			"LocalMountPath": fs.MountPath,
		}}
	}
	if d := f.Durable; d != nil {
		m := map[string]any{"ExecutionTimeout": b.value(path+".durable.executionTimeout", d.ExecutionTimeout, "")}
		setValue(m, "RetentionPeriodInDays", b.optional(path+".durable.retention", d.Retention, ""))
		out["DurableConfig"] = m
	}
	if cp := f.CapacityProvider; cp != nil {
		p := path + ".capacityProvider"
		m := map[string]any{"Arn": b.value(p+".provider", cp.Provider, schema.AttrArn)}
		setValue(m, "PerExecutionEnvironmentMaxConcurrency", b.optional(p+".maxConcurrency", cp.MaxConcurrency, ""))
		if cp.MemoryPerVCpu != 0 {
			m["ExecutionEnvironmentMemoryGiBPerVCpu"] = cp.MemoryPerVCpu
		}
		out["CapacityProviderConfig"] = m
		if !cp.MinEnvironments.IsZero() || !cp.MaxEnvironments.IsZero() {
			sc := map[string]any{}
			setValue(sc, "MinExecutionEnvironments", b.optional(p+".minEnvironments", cp.MinEnvironments, ""))
			setValue(sc, "MaxExecutionEnvironments", b.optional(p+".maxEnvironments", cp.MaxEnvironments, ""))
			out["FunctionScalingConfig"] = sc
		}
		if cp.PublishToLatestPublished != nil {
			out["PublishToLatestPublished"] = *cp.PublishToLatestPublished
		}
	}
	if u := f.URL; u != nil {
		m := map[string]any{"AuthType": u.Auth}
		if u.InvokeMode != "" {
			m["InvokeMode"] = u.InvokeMode
		}
		if c := u.Cors; c != nil {
			cors := map[string]any{}
			for _, l := range []struct {
				key  string
				list []string
			}{{"AllowOrigins", c.AllowOrigins}, {"AllowMethods", c.AllowMethods}, {"AllowHeaders", c.AllowHeaders}, {"ExposeHeaders", c.ExposeHeaders}} {
				if len(l.list) > 0 {
					cors[l.key] = toAny(l.list)
				}
			}
			if c.AllowCredentials != nil {
				cors["AllowCredentials"] = *c.AllowCredentials
			}
			if c.MaxAge != nil {
				cors["MaxAge"] = *c.MaxAge
			}
			m["Cors"] = cors
		}
		out["FunctionUrlConfig"] = m
	}
	if d := f.Deployment; d != nil {
		p := path + ".deployment"
		m := map[string]any{"Type": d.Type}
		if len(d.Alarms) > 0 {
			var alarms []any
			for i, a := range d.Alarms {
				alarms = append(alarms, b.value(fmt.Sprintf("%s.alarms[%d]", p, i), a, schema.AttrName))
			}
			m["Alarms"] = alarms
		}
		hooks := map[string]any{}
		if d.PreTraffic != nil {
			hooks["PreTraffic"] = b.resolve(p+".preTraffic", *d.PreTraffic, schema.AttrName)
		}
		if d.PostTraffic != nil {
			hooks["PostTraffic"] = b.resolve(p+".postTraffic", *d.PostTraffic, schema.AttrName)
		}
		if len(hooks) > 0 {
			m["Hooks"] = hooks
		}
		setValue(m, "Enabled", b.optional(p+".enabled", d.Enabled, ""))
		setValue(m, "Role", b.optional(p+".role", d.Role, schema.AttrArn))
		out["DeploymentPreference"] = m
	}
	for k, v := range out {
		if isNil(v) {
			delete(out, k)
		}
	}
	return out
}

// concurrencyScaling renders the Application Auto Scaling of a function's
// provisioned concurrency: a scalable target on its alias (with the
// scheduled actions) and a target tracking policy on the utilisation of
// what is provisioned. Application Auto Scaling uses its service-linked
// role for Lambda.
// https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html#managing-provisioned-concurency
func (b *builder) concurrencyScaling(path string, f schema.Function) {
	as := f.Autoscaling
	if as == nil {
		return
	}
	p := path + ".autoscaling"
	id := schema.LogicalID(f.Ref)
	alias := schema.FunctionAlias(f)
	props := map[string]any{
		"MinCapacity":       b.value(p+".min", as.Min, ""),
		"MaxCapacity":       b.value(p+".max", as.Max, ""),
		"ResourceId":        cfn.Sub("function:${" + id + "}:" + alias),
		"ScalableDimension": "lambda:function:ProvisionedConcurrency",
		"ServiceNamespace":  "lambda",
	}
	var actions []any
	for _, name := range slices.Sorted(maps.Keys(as.Schedules)) {
		sc := as.Schedules[name]
		sp := p + ".schedules." + name
		target := map[string]any{}
		setValue(target, "MinCapacity", b.optional(sp+".min", sc.Min, ""))
		setValue(target, "MaxCapacity", b.optional(sp+".max", sc.Max, ""))
		a := map[string]any{"ScheduledActionName": name, "Schedule": sc.Expression, "ScalableTargetAction": target}
		if sc.Timezone != "" {
			a["Timezone"] = sc.Timezone
		}
		actions = append(actions, a)
	}
	if len(actions) > 0 {
		props["ScheduledActions"] = actions
	}
	target := &Resource{Type: "AWS::ApplicationAutoScaling::ScalableTarget", Properties: props,
		// The alias is SAM's: the target may only be registered once it
		// exists.
		DependsOn: []string{schema.AliasID(id, alias)}}
	tid := schema.ConcurrencyTargetID(f.Ref)
	b.add(tid, p, "the scalable target", target)
	if as.Utilization == 0 {
		return
	}
	policy := &Resource{Type: "AWS::ApplicationAutoScaling::ScalingPolicy", Properties: map[string]any{
		"PolicyName":      cfn.Sub("${" + id + "}-utilization"),
		"PolicyType":      "TargetTrackingScaling",
		"ScalingTargetId": cfn.Ref(tid),
		"TargetTrackingScalingPolicyConfiguration": map[string]any{
			"TargetValue":                   as.Utilization,
			"PredefinedMetricSpecification": map[string]any{"PredefinedMetricType": "LambdaProvisionedConcurrencyUtilization"},
		},
	}}
	b.add(schema.ConcurrencyPolicyID(f.Ref), p+".utilization", "the scaling policy", policy)
}
