package render

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// Default access log lines: one JSON object of the usual fields.
const (
	httpAccessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}`
	restAccessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength"}`
)

// apiCommon are the settings REST and HTTP APIs share; SAM names the
// access log property differently for each.
type apiCommon struct {
	logProp, logFormat string
	log                *schema.AccessLog
	domain             *schema.ApiDomain
	tags               schema.Tags
	name               schema.Value
}

// addApi adds an API with its shared settings, and its access log group.
func (b *builder) addApi(api schema.Resource, path, typ string, props map[string]any, c apiCommon) {
	r := api.Ref
	id := schema.LogicalID(r)
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
	res := &Resource{Type: typ, Properties: props}
	b.resourceAttributes(res, path, api, nil)
	b.add(id, path, "", res)
}

func (b *builder) domain(path string, d *schema.ApiDomain) map[string]any {
	m := map[string]any{
		"DomainName":            b.value(path+".name", d.Name, ""),
		"CertificateArn":        b.value(path+".certificate", d.Certificate, schema.AttrArn),
		"EndpointConfiguration": "REGIONAL",
	}
	if d.BasePath != "" {
		m["BasePath"] = []any{d.BasePath}
	}
	return m
}

func (b *builder) httpApis() {
	for _, name := range slices.Sorted(maps.Keys(b.app.HttpApis)) {
		a := b.app.HttpApis[name]
		path := "httpApis." + name
		props := map[string]any{}
		if a.Stage != "$default" {
			props["StageName"] = a.Stage
		}
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
			auth := map[string]any{"Authorizers": auths}
			if a.DefaultAuthorizer != "" {
				auth["DefaultAuthorizer"] = a.DefaultAuthorizer
			}
			props["Auth"] = auth
		}
		b.addApi(a.Resource, path, "AWS::Serverless::HttpApi", props, apiCommon{"AccessLogSettings", httpAccessLogFormat, a.AccessLog, a.Domain, a.Tags, a.Name})
	}
}

// quoted renders a REST API CORS value, which SAM takes as a quoted string.
func quoted(s string) string { return "'" + s + "'" }

func (b *builder) restApis() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Apis)) {
		a := b.app.Apis[name]
		path := "apis." + name
		props := map[string]any{"StageName": a.Stage}
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
					auths[an] = map[string]any{
						"FunctionArn": b.resolve(path+".authorizers."+an+".lambda.function", az.Lambda.Function, schema.AttrArn),
						"Identity":    map[string]any{"Header": az.Lambda.Header},
					}
				}
			}
			auth["Authorizers"] = auths
		}
		if a.DefaultAuthorizer != "" {
			auth["DefaultAuthorizer"] = a.DefaultAuthorizer
		}
		if u := a.UsagePlan; u != nil {
			plan := map[string]any{"CreateUsagePlan": "PER_API"}
			if u.Throttle != nil {
				plan["Throttle"] = map[string]any{"BurstLimit": u.Throttle.Burst, "RateLimit": u.Throttle.Rate}
			}
			if u.Quota != nil {
				plan["Quota"] = map[string]any{"Limit": u.Quota.Limit, "Period": u.Quota.Period}
			}
			auth["UsagePlan"] = plan
		}
		if len(auth) > 0 {
			props["Auth"] = auth
		}
		b.addApi(a.Resource, path, "AWS::Serverless::Api", props, apiCommon{"AccessLogSetting", restAccessLogFormat, a.AccessLog, a.Domain, a.Tags, a.Name})
	}
}
