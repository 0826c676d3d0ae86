package importer

import (
	"slices"

	"samgen.dev/samgen/schema"
)

// features maps the function properties of the features Lambda added
// since 2022 and of its versions, encryption and signing, as
// render/functions.go (functionFeatures) renders them. A property whose
// value samgen cannot write stays an override.
func (im *importer) features(o *obj, p *bag) {
	for _, f := range []struct{ key, field, attr string }{
		{"KmsKeyArn", "kmsKey", schema.AttrArn}, {"SourceKMSKeyArn", "sourceKmsKey", schema.AttrArn},
		{"CodeSigningConfigArn", "codeSigningConfig", schema.AttrArn}, {"VersionDescription", "versionDescription", ""},
		{"AutoPublishCodeSha256", "codeSha256", ""},
	} {
		if v, ok := p.take(f.key); ok {
			o.set(f.field, im.value(v, f.attr))
		}
	}
	if v, ok := p.peek("VersionDeletionPolicy"); ok && (v == "Delete" || v == "Retain") {
		p.take("VersionDeletionPolicy")
		o.set("versionDeletionPolicy", v)
	}
	if v, ok := p.peek("AutoPublishAliasAllProperties"); ok && v == true {
		p.take("AutoPublishAliasAllProperties")
		o.set("publishAllProperties", true)
	}
	if v, ok := p.peek("SnapStart"); ok && onlyKeys(mapOf(v), "ApplyOn") && mapOf(v)["ApplyOn"] == "PublishedVersions" {
		p.take("SnapStart")
		o.set("snapStart", true)
	}
	if v, ok := p.peek("TenancyConfig"); ok && onlyKeys(mapOf(v), "TenantIsolationMode") && mapOf(v)["TenantIsolationMode"] == "PER_TENANT" {
		p.take("TenancyConfig")
		o.set("tenancy", "PER_TENANT")
	}
	im.imageConfig(o, p)
	if v, ok := p.peek("RuntimeManagementConfig"); ok {
		m := mapOf(v)
		if on := m["UpdateRuntimeOn"]; onlyKeys(m, "UpdateRuntimeOn", "RuntimeVersionArn") && slices.Contains([]any{"Auto", "FunctionUpdate", "Manual"}, on) {
			p.take("RuntimeManagementConfig")
			rm := newObj().set("updateOn", on)
			if rv, ok := m["RuntimeVersionArn"]; ok {
				rm.set("runtimeVersion", im.value(rv, schema.AttrArn))
			}
			o.set("runtimeManagement", rm)
		}
	}
	if v, ok := p.peek("DurableConfig"); ok {
		m := mapOf(v)
		if _, has := m["ExecutionTimeout"]; has && onlyKeys(m, "ExecutionTimeout", "RetentionPeriodInDays") {
			du := newObj()
			im.intOpt(du, p, "executionTimeout", "DurableConfig", "ExecutionTimeout")
			im.intOpt(du, p, "retention", "DurableConfig", "RetentionPeriodInDays")
			p.take("DurableConfig")
			o.set("durable", du)
		}
	}
	im.capacityPlacement(o, p)
	im.functionURL(o, p)
	im.deployment(o, p)
}

func (im *importer) imageConfig(o *obj, p *bag) {
	v, ok := p.peek("ImageConfig")
	m := mapOf(v)
	if !ok || len(m) == 0 || !onlyKeys(m, "Command", "EntryPoint", "WorkingDirectory") {
		return
	}
	ic := newObj()
	for _, f := range []struct{ key, field string }{{"Command", "command"}, {"EntryPoint", "entryPoint"}} {
		if l, has := m[f.key]; has {
			sl, ok := stringList(l)
			if !ok || len(sl) == 0 {
				return
			}
			ic.set(f.field, sl)
		}
	}
	if wd, has := m["WorkingDirectory"]; has {
		s, ok := wd.(string)
		if !ok || s == "" || len(s) > 1000 {
			return
		}
		ic.set("workingDirectory", s)
	}
	p.take("ImageConfig")
	o.set("imageConfig", ic)
}

// capacityPlacement maps CapacityProviderConfig, with the
// FunctionScalingConfig and PublishToLatestPublished of a function on
// Managed Instances.
func (im *importer) capacityPlacement(o *obj, p *bag) {
	v, ok := p.peek("CapacityProviderConfig")
	m := mapOf(v)
	if _, has := m["Arn"]; !ok || !has || !onlyKeys(m, "Arn", "PerExecutionEnvironmentMaxConcurrency", "ExecutionEnvironmentMemoryGiBPerVCpu") {
		return
	}
	mem, hasMem := m["ExecutionEnvironmentMemoryGiBPerVCpu"]
	memory, isNum := number(mem)
	if hasMem && !isNum {
		return
	}
	arn, _ := p.take("CapacityProviderConfig", "Arn")
	cp := newObj().set("provider", im.value(arn, schema.AttrArn))
	im.intOpt(cp, p, "maxConcurrency", "CapacityProviderConfig", "PerExecutionEnvironmentMaxConcurrency")
	if hasMem {
		cp.set("memoryPerVCpu", memory)
	}
	p.take("CapacityProviderConfig")
	sv, _ := p.peek("FunctionScalingConfig")
	if sc := mapOf(sv); len(sc) > 0 && onlyKeys(sc, "MinExecutionEnvironments", "MaxExecutionEnvironments") {
		im.intOpt(cp, p, "minEnvironments", "FunctionScalingConfig", "MinExecutionEnvironments")
		im.intOpt(cp, p, "maxEnvironments", "FunctionScalingConfig", "MaxExecutionEnvironments")
		p.take("FunctionScalingConfig")
	}
	if b, ok := p.boolean("PublishToLatestPublished"); ok {
		cp.set("publishToLatestPublished", b)
	}
	o.set("capacityProvider", cp)
}

var corsMethods = []string{"GET", "PUT", "HEAD", "POST", "PATCH", "DELETE", "*"}

// functionURL maps FunctionUrlConfig of a URL that authenticates callers
// (AWS_IAM): one without authentication needs the team's reason
// (`public`), so it stays an override.
func (im *importer) functionURL(o *obj, p *bag) {
	v, ok := p.peek("FunctionUrlConfig")
	m := mapOf(v)
	if !ok || m["AuthType"] != "AWS_IAM" || !onlyKeys(m, "AuthType", "InvokeMode", "Cors") {
		return
	}
	u := newObj().set("auth", "AWS_IAM")
	if mode, has := m["InvokeMode"]; has {
		if mode != "BUFFERED" && mode != "RESPONSE_STREAM" {
			return
		}
		u.set("invokeMode", mode)
	}
	if c, has := m["Cors"]; has {
		cm := mapOf(c)
		if len(cm) == 0 || !onlyKeys(cm, "AllowOrigins", "AllowMethods", "AllowHeaders", "ExposeHeaders", "AllowCredentials", "MaxAge") {
			return
		}
		cors := newObj()
		for _, f := range []struct{ key, field string }{{"AllowOrigins", "allowOrigins"}, {"AllowMethods", "allowMethods"}, {"AllowHeaders", "allowHeaders"}, {"ExposeHeaders", "exposeHeaders"}} {
			l, has := cm[f.key]
			if !has {
				continue
			}
			sl, ok := stringList(l)
			if !ok || len(sl) == 0 {
				return
			}
			for _, s := range sl {
				if f.key == "AllowMethods" && !slices.Contains(corsMethods, s.(string)) || s == "" {
					return
				}
			}
			cors.set(f.field, sl)
		}
		if b, has := cm["AllowCredentials"]; has {
			if _, ok := b.(bool); !ok {
				return
			}
			cors.set("allowCredentials", b)
		}
		if a, has := cm["MaxAge"]; has {
			n, ok := intOf(a)
			if !ok || n < 0 || n > 86400 {
				return
			}
			cors.set("maxAge", n)
		}
		u.set("cors", cors)
	}
	p.take("FunctionUrlConfig")
	o.set("url", u)
}

var deploymentTypeRe = lazyRegexp(`^[A-Za-z0-9_.-]{1,100}$`)

// deployment maps DeploymentPreference: its hooks are functions of the
// template.
func (im *importer) deployment(o *obj, p *bag) {
	v, ok := p.peek("DeploymentPreference")
	m := mapOf(v)
	typ, isStr := m["Type"].(string)
	if !ok || !isStr || !deploymentTypeRe().MatchString(typ) || !onlyKeys(m, "Type", "Alarms", "Hooks", "Enabled", "Role") {
		return
	}
	dp := newObj().set("type", typ)
	if a, has := m["Alarms"]; has {
		l, ok := a.([]any)
		if !ok || len(l) == 0 {
			return
		}
		var alarms []any
		for _, e := range l {
			alarms = append(alarms, im.value(e, schema.AttrName))
		}
		dp.set("alarms", alarms)
	}
	if h, has := m["Hooks"]; has {
		hm := mapOf(h)
		if len(hm) == 0 || !onlyKeys(hm, "PreTraffic", "PostTraffic") {
			return
		}
		for _, f := range []struct{ key, field string }{{"PreTraffic", "preTraffic"}, {"PostTraffic", "postTraffic"}} {
			hv, has := hm[f.key]
			if !has {
				continue
			}
			fd, ok := im.refOf(hv, "function", schema.AttrName)
			if !ok {
				return
			}
			dp.set(f.field, fd.ref())
		}
	}
	p.take("DeploymentPreference", "Type")
	p.take("DeploymentPreference", "Alarms")
	p.take("DeploymentPreference", "Hooks")
	im.boolOpt(dp, p, "enabled", "DeploymentPreference", "Enabled")
	if r, ok := p.take("DeploymentPreference", "Role"); ok {
		dp.set("role", im.value(r, schema.AttrArn))
	}
	p.take("DeploymentPreference")
	o.set("deployment", dp)
}
