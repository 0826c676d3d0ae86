package render

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// Default access log lines: one JSON object of the usual fields (the
// importer reads an API whose access log has one as one with none given).
const (
	HTTPAccessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}`
	RESTAccessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength"}`
)

// apiCommon are the settings REST and HTTP APIs share; SAM names the
// access log property differently for each.
type apiCommon struct {
	logProp, logFormat string
	log                *schema.AccessLog
	domain             *schema.ApiDomain
	tags               schema.Tags
	name               schema.Value
	description        schema.Value
	// variables are the stage variables, under varsProp.
	varsProp                                                 string
	variables                                                map[string]schema.Value
	disableExecuteApiEndpoint, failOnWarnings, propagateTags *bool
}

// addApi adds an API with its shared settings, and its access log group.
func (b *builder) addApi(api schema.Resource, path, typ string, props map[string]any, c apiCommon) {
	b.apiCommonProps(api.Ref, path, props, c)
	res := &Resource{Type: typ, Properties: props}
	b.resourceAttributes(res, path, api, nil)
	b.add(schema.LogicalID(api.Ref), path, "", res)
}

// apiCommonProps renders the settings REST and HTTP APIs share into props
// (the access log group of API r too).
func (b *builder) apiCommonProps(r schema.Ref, path string, props map[string]any, c apiCommon) {
	if l := c.log; l != nil {
		logID := schema.AccessLogsID(r, l.LogGroup)
		b.logGroup(logID, path+".accessLog", path+".accessLog", l.LogGroup, map[string]any{
			"RetentionInDays": b.value(path+".accessLog.retention", l.Retention, ""),
		})
		format := c.logFormat
		if l.Format != "" {
			format = l.Format
		}
		props[c.logProp] = map[string]any{"DestinationArn": cfn.GetAtt(logID, "Arn"), "Format": format}
	}
	if c.domain != nil {
		props["Domain"] = b.domain(path+".domain", c.domain)
	}
	if len(c.tags) > 0 {
		props["Tags"] = b.tags(path+".tags", c.tags)
	}
	if !c.name.IsZero() {
		props["Name"] = b.value(path+".name", c.name, "")
	}
	if v := b.optional(path+".description", c.description, ""); v != nil {
		props["Description"] = v
	}
	if len(c.variables) > 0 {
		props[c.varsProp] = b.valueMap(path+".variables", c.variables)
	}
	setBool(props, "DisableExecuteApiEndpoint", c.disableExecuteApiEndpoint)
	setBool(props, "FailOnWarnings", c.failOnWarnings)
	setBool(props, "PropagateTags", c.propagateTags)
}

func (b *builder) domain(path string, d *schema.ApiDomain) map[string]any {
	m := map[string]any{
		"DomainName":            b.value(path+".name", d.Name, ""),
		"CertificateArn":        b.value(path+".certificate", d.Certificate, schema.AttrArn),
		"EndpointConfiguration": d.Endpoint,
		"SecurityPolicy":        d.SecurityPolicy,
	}
	if d.BasePath != "" {
		m["BasePath"] = []any{d.BasePath}
	}
	if r := d.Route53; r != nil {
		r53 := map[string]any{}
		if v := b.optional(path+".route53.hostedZoneId", r.HostedZoneId, ""); v != nil {
			r53["HostedZoneId"] = v
		}
		setStr(r53, "HostedZoneName", r.HostedZoneName)
		m["Route53"] = r53
	}
	if t := d.MTLS; t != nil {
		mtls := map[string]any{"TruststoreUri": b.value(path+".mtls.truststore", t.Truststore, "")}
		if v := b.optional(path+".mtls.version", t.Version, ""); v != nil {
			mtls["TruststoreVersion"] = v
		}
		m["MutualTlsAuthentication"] = mtls
	}
	return m
}

// valueMap renders a map of values, such as stage variables.
func (b *builder) valueMap(path string, vs map[string]schema.Value) map[string]any {
	out := make(map[string]any, len(vs))
	for _, k := range slices.Sorted(maps.Keys(vs)) {
		out[k] = b.value(path+"."+schema.Label(k), vs[k], "")
	}
	return out
}

// throttle sets the throttling limits of t under the names API Gateway
// gives them in a stage's settings.
func throttle(m map[string]any, t *schema.Throttle) {
	if t == nil {
		return
	}
	setInt(m, "ThrottlingBurstLimit", t.Burst)
	if t.Rate != nil {
		m["ThrottlingRateLimit"] = *t.Rate
	}
}

func routeSettings(r schema.RouteSettings) map[string]any {
	m := map[string]any{}
	throttle(m, r.Throttle)
	setBool(m, "DetailedMetricsEnabled", r.DetailedMetrics)
	return m
}

// methodResourcePath is a method setting's path as API Gateway takes it:
// the slashes of the resource's path encoded as ~1 after a leading slash
// ("/orders/{id}" is "/~1orders~1{id}"); "/" and "/*" stay as they are.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html
func methodResourcePath(p string) string {
	if p == "/" || p == "/*" {
		return p
	}
	return "/" + strings.ReplaceAll(p, "/", "~1")
}

// restSettings renders a REST API's settings beyond those APIs share.
// restSettings renders the settings SAM's Globals.Api also takes, of a
// declared API or of the implicit one (its Auth with usagePlan, which
// only a declared API has).
func (b *builder) restSettings(path string, a schema.RestApiSettings, usagePlan *schema.UsagePlan, props map[string]any) {
	if c := a.Cors; c != nil {
		cors := map[string]any{"AllowOrigin": quoted(c.Origin)}
		if len(c.Methods) > 0 {
			cors["AllowMethods"] = quoted(strings.Join(c.Methods, ","))
		}
		if len(c.Headers) > 0 {
			cors["AllowHeaders"] = quoted(strings.Join(c.Headers, ","))
		}
		if c.MaxAge != nil {
			cors["MaxAge"] = quoted(strconv.Itoa(*c.MaxAge))
		}
		if c.Credentials != nil {
			cors["AllowCredentials"] = *c.Credentials
		}
		props["Cors"] = cors
	}
	if a.Tracing != nil {
		props["TracingEnabled"] = *a.Tracing
	}
	if auth := b.restAuth(path, a, usagePlan); len(auth) > 0 {
		props["Auth"] = auth
	}
	if e := a.Endpoint; e != nil {
		ec := map[string]any{"Type": e.Type}
		if len(e.VpcEndpoints) > 0 {
			ids := make([]any, len(e.VpcEndpoints))
			for i, v := range e.VpcEndpoints {
				ids[i] = b.value(path+".endpoint.vpcEndpoints["+strconv.Itoa(i)+"]", v, "")
			}
			ec["VPCEndpointIds"] = ids
		}
		props["EndpointConfiguration"] = ec
	}
	if len(a.BinaryMediaTypes) > 0 {
		props["BinaryMediaTypes"] = toAny(a.BinaryMediaTypes)
	}
	setInt(props, "MinimumCompressionSize", a.MinimumCompressionSize)
	if len(a.MethodSettings) > 0 {
		ms := make([]any, len(a.MethodSettings))
		for i, m := range a.MethodSettings {
			s := map[string]any{"ResourcePath": methodResourcePath(m.Path), "HttpMethod": m.Method}
			throttle(s, m.Throttle)
			setStr(s, "LoggingLevel", m.Logging)
			setBool(s, "DataTraceEnabled", m.DataTrace)
			setBool(s, "MetricsEnabled", m.Metrics)
			if c := m.Caching; c != nil {
				s["CachingEnabled"] = true
				s["CacheTtlInSeconds"] = c.TTL
				setBool(s, "CacheDataEncrypted", c.Encrypted)
			}
			ms[i] = s
		}
		props["MethodSettings"] = ms
	}
	if c := a.Cache; c != nil {
		props["CacheClusterEnabled"] = true
		props["CacheClusterSize"] = c.Size
	}
	if c := a.Canary; c != nil {
		cs := map[string]any{"PercentTraffic": c.PercentTraffic}
		if len(c.Variables) > 0 {
			cs["StageVariableOverrides"] = b.valueMap(path+".canary.variables", c.Variables)
		}
		setBool(cs, "UseStageCache", c.UseStageCache)
		props["CanarySetting"] = cs
	}
	if len(a.GatewayResponses) > 0 {
		grs := map[string]any{}
		for _, k := range slices.Sorted(maps.Keys(a.GatewayResponses)) {
			g := a.GatewayResponses[k]
			gr := map[string]any{}
			setStr(gr, "StatusCode", g.StatusCode)
			if len(g.Headers) > 0 {
				hs := map[string]any{}
				for h, v := range g.Headers {
					hs[h] = quoted(v) // a static value, as SAM takes it
				}
				gr["ResponseParameters"] = map[string]any{"Headers": hs}
			}
			if len(g.Templates) > 0 {
				ts := map[string]any{}
				for ct, v := range g.Templates {
					ts[ct] = v
				}
				gr["ResponseTemplates"] = ts
			}
			grs[k] = gr
		}
		props["GatewayResponses"] = grs
	}
	setBool(props, "AlwaysDeploy", a.AlwaysDeploy)
	setStr(props, "OpenApiVersion", a.OpenApiVersion)
	setStr(props, "SecurityPolicy", a.SecurityPolicy)
	setStr(props, "EndpointAccessMode", a.EndpointAccessMode)
}

// apiPolicy renders a REST API's resource policy. A route "METHOD /path"
// is the method's execute-api resource in every stage; API Gateway takes
// the short form execute-api:/STAGE/METHOD/PATH in an API's own policy.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html
func (b *builder) apiPolicy(path string, a schema.RestApi) map[string]any {
	stmts := make([]any, len(a.Policy))
	for i, st := range a.Policy {
		p := path + "[" + strconv.Itoa(i) + "]"
		var principal any = "*"
		if s, ok := st.Principals[0].Str(); !ok || s != "*" || len(st.Principals) > 1 {
			aws := make([]any, len(st.Principals))
			for j, v := range st.Principals {
				aws[j] = b.value(p+".principals["+strconv.Itoa(j)+"]", v, "")
			}
			principal = map[string]any{"AWS": aws}
		}
		res := make([]any, len(st.Routes))
		for j, r := range st.Routes {
			res[j] = "execute-api:/" + apiPolicyResource(r)
		}
		s := map[string]any{"Effect": st.Effect, "Principal": principal, "Action": "execute-api:Invoke", "Resource": res}
		if len(st.Conditions) > 0 {
			s["Condition"] = st.Conditions
		}
		stmts[i] = s
	}
	return map[string]any{"Version": "2012-10-17", "Statement": stmts}
}

// apiPolicyResource is the execute-api resource of a route in every
// stage: "*" for all, "*/GET/orders/*" for "GET /orders/{id}" (a path
// parameter matches any segment).
func apiPolicyResource(route string) string {
	if route == "*" {
		return "*"
	}
	method, p, _ := strings.Cut(route, " ")
	if method == "ANY" {
		method = "*"
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = "*"
		}
	}
	return "*/" + method + "/" + strings.Join(segs, "/")
}

func (b *builder) httpApis() {
	for _, name := range slices.Sorted(maps.Keys(b.app.HttpApis)) {
		a := b.app.HttpApis[name]
		path := "httpApis." + name
		props := map[string]any{}
		if a.Stage != "$default" {
			props["StageName"] = a.Stage
		}
		b.httpSettings(path, a.HttpApiSettings, b.app.UsesIAMAuth(a.Ref), props)
		b.apiDefinition(a.Ref, path, a.OpenAPIDefinition, a.Integrations, a.IntegrationRole, false, props)
		b.addApi(a.Resource, path, "AWS::Serverless::HttpApi", props, apiCommon{
			logProp: "AccessLogSettings", logFormat: HTTPAccessLogFormat, log: a.AccessLog, domain: a.Domain, tags: a.Tags, name: a.Name,
			description: a.Description, varsProp: "StageVariables", variables: a.Variables,
			disableExecuteApiEndpoint: a.DisableExecuteApiEndpoint, failOnWarnings: a.FailOnWarnings, propagateTags: a.PropagateTags,
		})
	}
}

// httpSettings renders the settings SAM's Globals.HttpApi also takes
// beyond those APIs share (apiCommon), of a declared HTTP API or of the
// implicit one; iam: a route of the API is authorized with AWS_IAM.
func (b *builder) httpSettings(path string, a schema.HttpApiSettings, iam bool, props map[string]any) {
	if c := a.Cors; c != nil {
		cors := map[string]any{"AllowOrigins": toAny(c.Origins)}
		if len(c.Methods) > 0 {
			cors["AllowMethods"] = toAny(c.Methods)
		}
		if len(c.Headers) > 0 {
			cors["AllowHeaders"] = toAny(c.Headers)
		}
		setInt(cors, "MaxAge", c.MaxAge)
		if c.Credentials != nil {
			cors["AllowCredentials"] = *c.Credentials
		}
		props["CorsConfiguration"] = cors
	}
	if len(a.Authorizers) > 0 {
		auths := map[string]any{}
		for _, an := range slices.Sorted(maps.Keys(a.Authorizers)) {
			az := a.Authorizers[an]
			switch {
			case az.JWT != nil:
				auths[an] = map[string]any{
					"JwtConfiguration": map[string]any{"issuer": az.JWT.Issuer, "audience": toAny(az.JWT.Audience)},
					"IdentitySource":   az.JWT.IdentitySource,
				}
			case az.Lambda != nil:
				auths[an] = map[string]any{
					"FunctionArn":                    b.resolve(path+".authorizers."+an+".lambda.function", az.Lambda.Function, schema.AttrArn),
					"AuthorizerPayloadFormatVersion": "2.0",
					"EnableSimpleResponses":          az.Lambda.SimpleResponses,
					"Identity":                       map[string]any{"Headers": toAny(az.Lambda.Headers)},
					// SAM then lets this API (by aws:SourceArn) invoke
					// the function; without it the authorizer fails.
					"EnableFunctionDefaultPermissions": true,
				}
			}
		}
		props["Auth"] = map[string]any{"Authorizers": auths}
	}
	if a.DefaultAuthorizer != "" {
		auth, _ := props["Auth"].(map[string]any)
		if auth == nil {
			auth = map[string]any{}
			props["Auth"] = auth
		}
		auth["DefaultAuthorizer"] = a.DefaultAuthorizer
	}
	if iam {
		// SAM adds HTTP APIs' AWS_IAM authorizer only when asked to.
		auth, _ := props["Auth"].(map[string]any)
		if auth == nil {
			auth = map[string]any{}
			props["Auth"] = auth
		}
		auth["EnableIamAuthorizer"] = true
	}
	if r := a.DefaultRouteSettings; r != nil {
		props["DefaultRouteSettings"] = routeSettings(*r)
	}
	if len(a.RouteSettings) > 0 {
		rs := map[string]any{}
		for k, r := range a.RouteSettings {
			rs[k] = routeSettings(r)
		}
		props["RouteSettings"] = rs
	}
}

// quoted renders a REST API CORS value, which SAM takes as a quoted string.
func quoted(s string) string { return "'" + s + "'" }

func (b *builder) restApis() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Apis)) {
		a := b.app.Apis[name]
		path := "apis." + name
		props := map[string]any{"StageName": a.Stage}
		b.restSettings(path, a.RestApiSettings, a.UsagePlan, props)
		setStr(props, "ApiKeySourceType", a.ApiKeySource)
		if len(a.Models) > 0 {
			ms := map[string]any{}
			for k, m := range a.Models {
				ms[k] = m
			}
			props["Models"] = ms
		}
		if len(a.Policy) > 0 {
			props["Policy"] = b.apiPolicy(path+".policy", a)
		}
		b.apiDefinition(a.Ref, path, a.OpenAPIDefinition, a.Integrations, a.IntegrationRole, true, props)
		b.addApi(a.Resource, path, "AWS::Serverless::Api", props, apiCommon{
			logProp: "AccessLogSetting", logFormat: RESTAccessLogFormat, log: a.AccessLog, domain: a.Domain, tags: a.Tags, name: a.Name,
			description: a.Description, varsProp: "Variables", variables: a.Variables,
			disableExecuteApiEndpoint: a.DisableExecuteApiEndpoint, failOnWarnings: a.FailOnWarnings, propagateTags: a.PropagateTags,
		})
	}
}

// restAuth renders a REST API's Auth: its authorizers, the default one,
// and a declared API's usage plan.
func (b *builder) restAuth(path string, a schema.RestApiSettings, usagePlan *schema.UsagePlan) map[string]any {
	auth := map[string]any{}
	if len(a.Authorizers) > 0 {
		auths := map[string]any{}
		for _, an := range slices.Sorted(maps.Keys(a.Authorizers)) {
			az := a.Authorizers[an]
			switch {
			case az.Cognito != nil:
				// SAM's schema takes one pool as a string (the
				// translator also takes a list, for several).
				var pools any = toAny(az.Cognito.UserPools)
				if len(az.Cognito.UserPools) == 1 {
					pools = az.Cognito.UserPools[0]
				}
				auths[an] = map[string]any{"UserPoolArn": pools}
			case az.Lambda != nil:
				l := map[string]any{
					"FunctionArn": b.resolve(path+".authorizers."+an+".lambda.function", az.Lambda.Function, schema.AttrArn),
					"Identity":    map[string]any{"Header": az.Lambda.Header},
				}
				if r := az.Lambda.Request; r != nil {
					id := map[string]any{}
					for k, v := range map[string][]string{"Headers": r.Headers, "QueryStrings": r.QueryStrings, "StageVariables": r.StageVariables, "Context": r.Context} {
						if len(v) > 0 {
							id[k] = toAny(v)
						}
					}
					l["FunctionPayloadType"] = "REQUEST"
					l["Identity"] = id
				}
				auths[an] = l
			}
		}
		auth["Authorizers"] = auths
	}
	if a.DefaultAuthorizer != "" {
		auth["DefaultAuthorizer"] = a.DefaultAuthorizer
	}
	if u := usagePlan; u != nil {
		plan := map[string]any{"CreateUsagePlan": "PER_API"}
		if u.Throttle != nil {
			plan["Throttle"] = map[string]any{"BurstLimit": u.Throttle.Burst, "RateLimit": u.Throttle.Rate}
		}
		if u.Quota != nil {
			plan["Quota"] = map[string]any{"Limit": u.Quota.Limit, "Period": u.Quota.Period}
		}
		auth["UsagePlan"] = plan
	}
	return auth
}

// implicitApi renders the implicit REST API's settings as Globals.Api:
// SAM applies them to the API it creates for the api events that name
// none (SG031: the app declares no REST API for them to reach too).
func (b *builder) implicitApi() {
	a := b.app.ImplicitApi
	if a == nil {
		return
	}
	path := "implicitApi"
	props := map[string]any{}
	b.restSettings(path, *a, nil, props)
	// The implicit API has no log group, domain or tags of samgen's: the
	// shared settings it takes are these.
	b.apiCommonProps(schema.Ref{}, path, props, apiCommon{name: a.Name, varsProp: "Variables", variables: a.Variables, propagateTags: a.PropagateTags})
	b.globals("Api", props)
}

// globals sets the template's Globals section (Api, HttpApi) to props,
// unless props is empty.
func (b *builder) globals(section string, props map[string]any) {
	if len(props) == 0 {
		return
	}
	if b.t.Globals == nil {
		b.t.Globals = map[string]any{}
	}
	b.t.Globals[section] = props
}

// implicitHttpApi renders the implicit HTTP API's settings as
// Globals.HttpApi: SAM applies them to the API it creates for the httpApi
// events that name none (SG032: the app declares no HTTP API for them to
// reach too).
func (b *builder) implicitHttpApi() {
	a := b.app.ImplicitHttpApi
	if a == nil {
		return
	}
	path := "implicitHttpApi"
	props := map[string]any{}
	b.httpSettings(path, *a, b.app.UsesIAMAuth(schema.Ref{Kind: "httpApi"}), props)
	// The implicit API has no log group or domain of samgen's: the shared
	// settings it takes are these.
	b.apiCommonProps(schema.Ref{}, path, props, apiCommon{tags: a.Tags, varsProp: "StageVariables", variables: a.Variables,
		failOnWarnings: a.FailOnWarnings, propagateTags: a.PropagateTags})
	b.globals("HttpApi", props)
}
