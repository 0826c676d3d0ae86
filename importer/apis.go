package importer

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

func acceptHttpApi(im *importer, id string, r cfn.Resource) string { return "" }
func acceptRestApi(im *importer, id string, r cfn.Resource) string {
	if s, ok := r.Properties["StageName"].(string); !ok || !restStageRe.MatchString(s) {
		return "samgen REST APIs have a literal stage name, and this one has none"
	}
	return ""
}

var restStageRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
var httpStageRe = regexp.MustCompile(`^[A-Za-z0-9_$-]+$`)

// apiAbsorbs finds what samgen renders for an API that the template
// has: its access log group, and what it derives from its DefinitionBody.
func apiAbsorbs(im *importer, d *decl) []string {
	var out []string
	if id := accessLogGroup(im, d); id != "" {
		out = append(out, id)
	}
	return append(out, im.openAPIAbsorbs(d)...)
}

// accessLogGroup is the logical ID of an API's access log group: one
// named by its access log settings, with a retention and no name.
func accessLogGroup(im *importer, d *decl) string {
	key := "AccessLogSettings"
	if d.kind == "api" {
		key = "AccessLogSetting"
	}
	dest, _ := d.res.Properties[key].(map[string]any)
	ga, _ := normalizeIntrinsics(dest["DestinationArn"]).(map[string]any)
	args, _ := ga["Fn::GetAtt"].([]any)
	if len(args) != 2 || args[1] != "Arn" {
		return ""
	}
	id, _ := args[0].(string)
	lg, ok := im.res[id]
	if !ok || lg.Type != "AWS::Logs::LogGroup" || lg.Condition != d.res.Condition || !onlyKeys(lg.Properties, "RetentionInDays") {
		return ""
	}
	if _, ok := lg.Properties["RetentionInDays"]; !ok {
		return ""
	}
	return id
}

// accessLog writes an API's access log settings and log group.
func (im *importer) accessLog(d *decl, p *bag, key, defaultFormat string) {
	id := accessLogGroup(im, d)
	if id == "" || !slices.Contains(d.absorbs, id) {
		return
	}
	lg := im.res[id]
	o := newObj()
	ret := lg.Properties["RetentionInDays"]
	if n, ok := intOf(ret); !ok || n != 30 {
		o.set("retention", intOrValue(im, ret))
	}
	if f, ok := p.peek(key, "Format"); ok {
		if s, ok := f.(string); ok {
			p.take(key, "Format")
			if s != defaultFormat {
				o.set("format", s)
			}
		}
	}
	p.take(key, "DestinationArn")
	derived := schema.AccessLogsID(d.schemaRef(), nil)
	if a := im.attrsOf(id, derived, true); !a.empty() {
		o.set("logGroup", a)
	}
	d.spec.set("accessLog", o)
}

// domain maps an API's custom domain, as render's domain writes it.
func (im *importer) domain(d *decl, p *bag) {
	v, ok := p.peek("Domain")
	m, _ := v.(map[string]any)
	endpoint := m["EndpointConfiguration"]
	if !ok || (endpoint != "REGIONAL" && endpoint != "EDGE") || m["DomainName"] == nil || m["CertificateArn"] == nil {
		return
	}
	o := newObj().set("name", im.value(m["DomainName"], "")).set("certificate", im.value(m["CertificateArn"], schema.AttrArn))
	if endpoint == "EDGE" {
		o.set("endpoint", "EDGE")
	}
	for _, k := range sortedIDs(m) {
		x, _ := m[k].(map[string]any)
		switch k {
		case "DomainName", "CertificateArn", "EndpointConfiguration":
		case "BasePath":
			l, _ := stringList(m[k])
			if len(l) != 1 {
				return
			}
			o.set("basePath", l[0])
		case "SecurityPolicy":
			switch m[k] {
			case "TLS_1_2":
			case "TLS_1_0":
				o.set("securityPolicy", "TLS_1_0")
			default:
				return
			}
		case "Route53":
			name, isStr := x["HostedZoneName"].(string)
			if len(x) == 0 || !onlyKeys(x, "HostedZoneId", "HostedZoneName") || (x["HostedZoneName"] != nil && (!isStr || !strings.HasSuffix(name, "."))) {
				return
			}
			r := newObj()
			if id, ok := x["HostedZoneId"]; ok {
				r.set("hostedZoneId", im.value(id, ""))
			}
			if isStr {
				r.set("hostedZoneName", name)
			}
			o.set("route53", r)
		case "MutualTlsAuthentication":
			if x["TruststoreUri"] == nil || !onlyKeys(x, "TruststoreUri", "TruststoreVersion") {
				return
			}
			t := newObj().set("truststore", im.value(x["TruststoreUri"], ""))
			if ver, ok := x["TruststoreVersion"]; ok {
				t.set("version", im.value(ver, ""))
			}
			o.set("mtls", t)
		default:
			return
		}
	}
	p.take("Domain")
	d.spec.set("domain", o)
}

func (im *importer) httpApi(d *decl, p *bag) {
	o := d.spec
	if v, ok := p.take("Name"); ok {
		o.set("name", im.value(v, ""))
	}
	stage(o, p, httpStageRe, "$default")
	im.httpApiSettings(o, p, false)
	im.definitionBody(d, p)
	im.accessLog(d, p, "AccessLogSettings", render.HTTPAccessLogFormat)
	im.domain(d, p)
}

// httpApiSettings reads the settings a declared HTTP API shares with the
// implicit one (schema's #HttpApiSettings) as render writes them: what it
// cannot read stays in p. iam: render turns on the API's IAM authorizer
// (a route of it is authorized with AWS_IAM), so Auth's
// EnableIamAuthorizer: true is what it writes.
func (im *importer) httpApiSettings(o *obj, p *bag, iam bool) {
	if c, ok := p.peek("CorsConfiguration"); ok {
		if m, ok := c.(map[string]any); ok {
			if cors, ok := httpCors(m); ok {
				p.take("CorsConfiguration")
				o.set("cors", cors)
			}
		}
	}
	if v, ok := p.peek("Auth"); ok {
		if auths, def, ok := im.httpAuth(v, iam); ok {
			p.take("Auth")
			if !auths.empty() {
				o.set("authorizers", auths)
			}
			if def != "" {
				o.set("defaultAuthorizer", def)
			}
		}
	}
	im.stageRouteSettings(o, p, false)
	if v, ok := p.peek("StageVariables"); ok {
		if vars, ok := im.stageVariables(v); ok {
			p.take("StageVariables")
			o.set("variables", vars)
		}
	}
	for _, f := range [][2]string{{"failOnWarnings", "FailOnWarnings"}, {"propagateTags", "PropagateTags"}} {
		im.boolOpt(o, p, f[0], f[1])
	}
	im.samTagsField(o, p)
}

func httpCors(m map[string]any) (*obj, bool) {
	o := newObj()
	for k, v := range m {
		switch k {
		case "AllowOrigins", "AllowMethods", "AllowHeaders":
			l, ok := stringList(v)
			if !ok {
				return nil, false
			}
			o.set(map[string]string{"AllowOrigins": "origins", "AllowMethods": "methods", "AllowHeaders": "headers"}[k], l)
		case "MaxAge":
			n, ok := intOf(v)
			if !ok {
				return nil, false
			}
			o.set("maxAge", n)
		case "AllowCredentials":
			b, ok := v.(bool)
			if !ok {
				return nil, false
			}
			o.set("credentials", b)
		default:
			return nil, false
		}
	}
	if !o.has("origins") {
		return nil, false
	}
	o.sortFields()
	return o, true
}

// httpAuth reads an HTTP API's Auth, when each authorizer is one samgen
// renders (and EnableIamAuthorizer is there when iam says render writes
// it).
func (im *importer) httpAuth(v any, iam bool) (*obj, string, bool) {
	auth, ok := v.(map[string]any)
	if !ok {
		return nil, "", false
	}
	auths := newObj()
	def := ""
	for k, v := range auth {
		switch k {
		case "DefaultAuthorizer":
			s, ok := v.(string)
			if !ok {
				return nil, "", false
			}
			def = s
		case "Authorizers":
			m, _ := v.(map[string]any)
			for _, name := range sortedIDs(m) {
				a, ok := im.httpAuthorizer(m[name])
				if !ok || !ident(name) {
					return nil, "", false
				}
				auths.set(name, a)
			}
		case "EnableIamAuthorizer":
			if v != true || !iam {
				return nil, "", false
			}
		default:
			return nil, "", false
		}
	}
	if _, on := auth["EnableIamAuthorizer"]; iam && !on {
		return nil, "", false
	}
	return auths, def, true
}

func (im *importer) httpAuthorizer(v any) (*obj, bool) {
	m, _ := v.(map[string]any)
	if jwt, ok := m["JwtConfiguration"].(map[string]any); ok {
		src, _ := m["IdentitySource"].(string)
		iss, _ := jwt["issuer"].(string)
		aud, okAud := stringList(jwt["audience"])
		if len(m) != 2 || src == "" || iss == "" || !okAud || len(aud) == 0 || len(jwt) != 2 {
			return nil, false
		}
		j := newObj().set("issuer", iss).set("audience", aud)
		if src != "$request.header.Authorization" {
			j.set("identitySource", src)
		}
		return newObj().set("jwt", j), true
	}
	if fa, ok := m["FunctionArn"]; ok {
		fn, ok := im.refOf(fa, "function", schema.AttrArn)
		want := map[string]any{"FunctionArn": fa, "AuthorizerPayloadFormatVersion": "2.0", "EnableFunctionDefaultPermissions": true,
			"EnableSimpleResponses": m["EnableSimpleResponses"], "Identity": m["Identity"]}
		headers, okH := stringList(mapOf(m["Identity"])["Headers"])
		simple, okS := m["EnableSimpleResponses"].(bool)
		if !ok || !okH || !okS || len(mapOf(m["Identity"])) != 1 || !reflect.DeepEqual(m, want) {
			return nil, false
		}
		l := newObj().set("function", fn.ref())
		if !reflect.DeepEqual(headers, []any{"Authorization"}) {
			l.set("headers", headers)
		}
		if !simple {
			l.set("simpleResponses", false)
		}
		return newObj().set("lambda", l), true
	}
	return nil, false
}

func (im *importer) restApi(d *decl, p *bag) {
	o := d.spec
	if v, ok := p.take("Name"); ok {
		o.set("name", im.value(v, ""))
	}
	s, _ := p.str("StageName")
	o.set("stage", s)
	im.restApiSettings(o, p)
	im.definitionBody(d, p)
	im.accessLog(d, p, "AccessLogSetting", render.RESTAccessLogFormat)
	im.domain(d, p)
	im.samTagsField(o, p)
}

// restApiSettings reads the settings a declared REST API shares with the
// implicit one (schema's #RestApiSettings), Name aside, as render writes
// them: what it cannot read stays in p.
func (im *importer) restApiSettings(o *obj, p *bag) {
	if c, ok := p.peek("Cors"); ok {
		if m, ok := c.(map[string]any); ok {
			if cors, ok := restCors(m); ok {
				p.take("Cors")
				o.set("cors", cors)
			}
		}
	}
	if v, ok := p.peek("TracingEnabled"); ok {
		if b, ok := v.(bool); ok {
			p.take("TracingEnabled")
			o.set("tracing", b)
		}
	}
	if auth, ok := p.peek("Auth"); ok {
		if m, ok := auth.(map[string]any); ok && im.restAuth(o, m) {
			p.take("Auth")
		}
	}
	if v, ok := p.peek("MethodSettings"); ok {
		if ms, ok := methodSettings(v); ok {
			p.take("MethodSettings")
			o.set("methodSettings", ms)
		}
	}
	im.restStage(o, p)
}

// restEnums are REST settings render writes as they are, by property,
// with the values the schema takes (nil: any).
var restEnums = []struct {
	prop, field string
	values      []string
}{
	{"OpenApiVersion", "openApiVersion", []string{"2.0", "3.0"}},
	{"EndpointAccessMode", "endpointAccessMode", []string{"STRICT", "BASIC"}},
}

var securityPolicyRe = regexp.MustCompile(`^(TLS_1_0|TLS_1_2|SecurityPolicy_[A-Za-z0-9_]+)$`)

// restStage reads the stage and endpoint settings of a REST API as
// render writes them (restSettings), each whole or not at all.
func (im *importer) restStage(o *obj, p *bag) {
	if v, ok := p.peek("EndpointConfiguration"); ok {
		m, _ := v.(map[string]any)
		typ, _ := m["Type"].(string)
		e := newObj().set("type", typ)
		vpces, hasVpces := m["VPCEndpointIds"].([]any)
		want := 1
		if hasVpces {
			want = 2
		}
		if slices.Contains([]string{"EDGE", "REGIONAL", "PRIVATE"}, typ) && len(m) == want && (!hasVpces || len(vpces) > 0) {
			if hasVpces {
				l := make([]any, len(vpces))
				for i, x := range vpces {
					l[i] = im.value(x, "")
				}
				e.set("vpcEndpoints", l)
			}
			p.take("EndpointConfiguration")
			o.set("endpoint", e)
		}
	}
	if v, ok := p.peek("BinaryMediaTypes"); ok {
		if l, ok := stringList(v); ok && len(l) > 0 {
			p.take("BinaryMediaTypes")
			o.set("binaryMediaTypes", l)
		}
	}
	if v, ok := p.peek("MinimumCompressionSize"); ok {
		if n, ok := intOf(v); ok && n >= 0 && n <= 10485760 {
			p.take("MinimumCompressionSize")
			o.set("minimumCompressionSize", n)
		}
	}
	if enabled, ok := p.peek("CacheClusterEnabled"); ok && enabled == true {
		size, _ := p.peek("CacheClusterSize")
		if s, ok := size.(string); ok && slices.Contains([]string{"0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"}, s) {
			p.take("CacheClusterEnabled")
			p.take("CacheClusterSize")
			o.set("cache", newObj().set("size", s))
		}
	}
	if v, ok := p.peek("Variables"); ok {
		if vars, ok := im.stageVariables(v); ok {
			p.take("Variables")
			o.set("variables", vars)
		}
	}
	if v, ok := p.peek("CanarySetting"); ok {
		if c, ok := im.canary(v); ok {
			p.take("CanarySetting")
			o.set("canary", c)
		}
	}
	if v, ok := p.peek("GatewayResponses"); ok {
		if g, ok := gatewayResponses(v); ok {
			p.take("GatewayResponses")
			o.set("gatewayResponses", g)
		}
	}
	for _, k := range []struct{ prop, field string }{{"AlwaysDeploy", "alwaysDeploy"}, {"PropagateTags", "propagateTags"}} {
		if v, ok := p.peek(k.prop); ok {
			if b, ok := v.(bool); ok {
				p.take(k.prop)
				o.set(k.field, b)
			}
		}
	}
	for _, e := range restEnums {
		if s, ok := p.peek(e.prop); ok {
			if str, ok := s.(string); ok && slices.Contains(e.values, str) {
				p.take(e.prop)
				o.set(e.field, str)
			}
		}
	}
	if s, ok := p.peek("SecurityPolicy"); ok {
		if str, ok := s.(string); ok && securityPolicyRe.MatchString(str) {
			p.take("SecurityPolicy")
			o.set("securityPolicy", str)
		}
	}
}

var variableNameRe = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// stageVariables reads a stage's variables (REST Variables, a canary's
// overrides, a WebSocket stage's StageVariables): names the schema takes,
// each value a string or an expression.
func (im *importer) stageVariables(v any) (*obj, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, false
	}
	o := newObj()
	for _, k := range sortedIDs(m) {
		if !variableNameRe.MatchString(k) {
			return nil, false
		}
		switch m[k].(type) {
		case string, map[string]any:
			o.set(k, im.value(m[k], ""))
		default:
			return nil, false
		}
	}
	return o, true
}

// canary reads a REST stage's CanarySetting as render writes it.
func (im *importer) canary(v any) (*obj, bool) {
	m, ok := v.(map[string]any)
	pct, okPct := number(m["PercentTraffic"])
	if !ok || !okPct {
		return nil, false
	}
	if f, isFloat := pct.(float64); isFloat && (f < 0 || f > 100) {
		return nil, false
	}
	if i, isInt := pct.(int64); isInt && (i < 0 || i > 100) {
		return nil, false
	}
	o := newObj().set("percentTraffic", pct)
	for k, x := range m {
		switch k {
		case "PercentTraffic":
		case "StageVariableOverrides":
			vars, ok := im.stageVariables(x)
			if !ok {
				return nil, false
			}
			o.set("variables", vars)
		case "UseStageCache":
			b, ok := x.(bool)
			if !ok {
				return nil, false
			}
			o.set("useStageCache", b)
		default:
			return nil, false
		}
	}
	o.sortFields()
	return o, true
}

var statusCodeRe = regexp.MustCompile(`^[1-5][0-9][0-9]$`)
var gatewayResponseRe = regexp.MustCompile(`^[A-Z_0-9]+$`)

// gatewayResponses reads a REST API's GatewayResponses as render writes
// them: a status code, static headers (quoted, as SAM takes them) and
// body templates.
func gatewayResponses(v any) (*obj, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, false
	}
	out := newObj()
	for _, name := range sortedIDs(m) {
		g, ok := m[name].(map[string]any)
		if !ok || !gatewayResponseRe.MatchString(name) {
			return nil, false
		}
		o := newObj()
		for k, x := range g {
			switch k {
			case "StatusCode":
				s, ok := x.(string)
				if !ok || !statusCodeRe.MatchString(s) {
					return nil, false
				}
				o.set("statusCode", s)
			case "ResponseParameters":
				rp, _ := x.(map[string]any)
				hs, ok := rp["Headers"].(map[string]any)
				if !ok || len(rp) != 1 || len(hs) == 0 {
					return nil, false
				}
				h := newObj()
				for _, hk := range sortedIDs(hs) {
					s, ok := unquote(hs[hk])
					if !ok {
						return nil, false
					}
					h.set(hk, s)
				}
				o.set("headers", h)
			case "ResponseTemplates":
				ts, ok := x.(map[string]any)
				if !ok || len(ts) == 0 {
					return nil, false
				}
				t := newObj()
				for _, ct := range sortedIDs(ts) {
					s, ok := ts[ct].(string)
					if !ok {
						return nil, false
					}
					t.set(ct, s)
				}
				o.set("templates", t)
			default:
				return nil, false
			}
		}
		o.sortFields()
		out.set(name, o)
	}
	return out, true
}

// implicitApi writes implicitApi from Globals.Api, which SAM applies to
// the REST API it creates for api events that name none, when the
// template declares no REST API of its own (Globals.Api reaches those
// too, and implicitApi cannot: SG031). All of it, or nothing: what is
// left is reported by the comparison.
func (im *importer) implicitApi() {
	g, ok := im.implicitGlobals("Api")
	if !ok {
		return
	}
	if auth, _ := g["Auth"].(map[string]any); auth["UsagePlan"] != nil {
		return // a declared API's
	}
	p := newBag(g)
	o := newObj()
	if v, ok := p.take("Name"); ok {
		o.set("name", im.value(v, ""))
	}
	im.restApiSettings(o, p)
	if len(p.m) > 0 {
		return
	}
	im.app.set("implicitApi", o)
}

// implicitHttpApi writes implicitHttpApi from Globals.HttpApi, which SAM
// applies to the HTTP API it creates for httpApi events that name none,
// when the template declares no HTTP API of its own (Globals.HttpApi
// reaches those too, and implicitHttpApi cannot: SG032). All of it, or
// nothing: what is left is reported by the comparison.
func (im *importer) implicitHttpApi() {
	g, ok := im.implicitGlobals("HttpApi")
	if !ok {
		return
	}
	p := newBag(g)
	o := newObj()
	im.httpApiSettings(o, p, implicitIAM(im.t, g))
	if len(p.m) > 0 {
		return
	}
	im.app.set("implicitHttpApi", o)
}

// implicitGlobals returns the template's Globals section (Api, HttpApi)
// when it configures only the implicit API of its kind: an event makes
// SAM generate that API, and the template declares none of its type
// (AWS::Serverless::<section>) for the section to reach too.
func (im *importer) implicitGlobals(section string) (map[string]any, bool) {
	g, _ := im.t.Globals[section].(map[string]any)
	if len(g) == 0 || !implicitAPI(im.t, section) {
		return nil, false
	}
	for _, r := range im.t.Resources {
		if r.Type == "AWS::Serverless::"+section {
			return nil, false
		}
	}
	return g, true
}

// implicitIAM reports whether render turns on the implicit HTTP API's IAM
// authorizer for t (whose Globals.HttpApi is g): its default authorizer,
// or an authorizer of an HttpApi event that names no API, is AWS_IAM.
func implicitIAM(t *cfn.Template, g map[string]any) bool {
	if mapOf(g["Auth"])["DefaultAuthorizer"] == "AWS_IAM" {
		return true
	}
	for _, id := range sortedIDs(t.Resources) {
		evs, _ := t.Resources[id].Properties["Events"].(map[string]any)
		for _, e := range evs {
			m, _ := e.(map[string]any)
			props := mapOf(m["Properties"])
			if _, named := props["ApiId"]; m["Type"] == "HttpApi" && !named && mapOf(props["Auth"])["Authorizer"] == "AWS_IAM" {
				return true
			}
		}
	}
	return false
}

// stage maps an API's StageName that re matches to its stage, unless it
// is samgen's default one (dflt).
func stage(o *obj, p *bag, re *regexp.Regexp, dflt string) {
	if s, ok := p.peek("StageName"); ok {
		if str, ok := s.(string); ok && re.MatchString(str) {
			p.take("StageName")
			if str != dflt {
				o.set("stage", str)
			}
		}
	}
}

// methodSettings reads a REST API stage's MethodSettings as render writes
// them, each setting whole or not at all.
func methodSettings(v any) ([]any, bool) {
	list := cfn.List(v)
	if len(list) == 0 {
		return nil, false
	}
	var out []any
	for _, e := range list {
		m, _ := e.(map[string]any)
		o := newObj()
		for _, k := range sortedIDs(m) {
			x := m[k]
			switch k {
			case "ResourcePath":
				s, _ := x.(string)
				switch {
				case s == "/*":
				case s == "/":
					o.set("path", s)
				case strings.HasPrefix(s, "/~1"):
					// API Gateway's encoding of /orders/{id}: /~1orders~1{id}.
					o.set("path", strings.ReplaceAll(s[1:], "~1", "/"))
				default:
					return nil, false
				}
			case "HttpMethod":
				s, _ := x.(string)
				if s != "*" && !slices.Contains(methods, s) {
					return nil, false
				}
				if s != "*" {
					o.set("method", s)
				}
			case "MetricsEnabled":
				b, ok := x.(bool)
				if !ok {
					return nil, false
				}
				o.set("metrics", b)
			case "CachingEnabled":
				ttl, ok := intOf(m["CacheTtlInSeconds"])
				if x != true || !ok || ttl < 0 || ttl > 3600 {
					return nil, false
				}
				c := o.sub("caching").set("ttl", ttl)
				if enc, ok := m["CacheDataEncrypted"]; ok {
					b, isBool := enc.(bool)
					if !isBool {
						return nil, false
					}
					c.set("encrypted", b)
				}
			case "CacheTtlInSeconds", "CacheDataEncrypted":
				if m["CachingEnabled"] != true {
					return nil, false
				}
			default:
				if !stageSetting(o, k, x, true) {
					return nil, false
				}
			}
		}
		if _, ok := m["HttpMethod"]; !ok {
			return nil, false // API Gateway requires both
		}
		if _, ok := m["ResourcePath"]; !ok {
			return nil, false
		}
		out = append(out, o)
	}
	return out, true
}

// unquote reads a REST API CORS value, which SAM takes quoted ('*').
func unquote(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", false
	}
	return s[1 : len(s)-1], true
}

func restCors(m map[string]any) (*obj, bool) {
	o := newObj()
	for k, v := range m {
		switch k {
		case "AllowOrigin":
			s, ok := unquote(v)
			if !ok {
				return nil, false
			}
			o.set("origin", s)
		case "AllowMethods", "AllowHeaders":
			s, ok := unquote(v)
			if !ok || s == "" {
				return nil, false
			}
			var l []any
			for _, x := range strings.Split(s, ",") {
				l = append(l, x)
			}
			o.set(map[string]string{"AllowMethods": "methods", "AllowHeaders": "headers"}[k], l)
		case "MaxAge":
			s, ok := unquote(v)
			n, err := strconv.Atoi(s)
			if !ok || err != nil || strconv.Itoa(n) != s {
				return nil, false
			}
			o.set("maxAge", int64(n))
		case "AllowCredentials":
			b, ok := v.(bool)
			if !ok {
				return nil, false
			}
			o.set("credentials", b)
		default:
			return nil, false
		}
	}
	if !o.has("origin") {
		return nil, false
	}
	o.sortFields()
	return o, true
}

// restAuth writes a REST API's Auth when all of it maps.
func (im *importer) restAuth(o *obj, m map[string]any) bool {
	auths := newObj()
	plan := newObj()
	def := ""
	for k, v := range m {
		switch k {
		case "DefaultAuthorizer":
			s, ok := v.(string)
			if !ok {
				return false
			}
			def = s
		case "Authorizers":
			am, _ := v.(map[string]any)
			for _, name := range sortedIDs(am) {
				a, _ := am[name].(map[string]any)
				if !ident(name) {
					return false
				}
				switch {
				case a["UserPoolArn"] != nil && len(a) == 1:
					// One pool or a list of them (SAM takes both, and
					// samgen writes one as a string).
					l, ok := stringList(stringOrList(a["UserPoolArn"]))
					if !ok || len(l) == 0 {
						return false
					}
					auths.set(name, newObj().set("cognito", newObj().set("userPools", l)))
				case a["FunctionArn"] != nil && len(a) == 2:
					fn, ok := im.refOf(a["FunctionArn"], "function", schema.AttrArn)
					id, _ := a["Identity"].(map[string]any)
					h, okH := id["Header"].(string)
					if !ok || !okH || len(id) != 1 {
						return false
					}
					l := newObj().set("function", fn.ref())
					if h != "Authorization" {
						l.set("header", h)
					}
					auths.set(name, newObj().set("lambda", l))
				default:
					return false
				}
			}
		case "UsagePlan":
			um, _ := v.(map[string]any)
			if um["CreateUsagePlan"] != "PER_API" {
				return false
			}
			for uk, uv := range um {
				x, _ := uv.(map[string]any)
				switch uk {
				case "CreateUsagePlan":
				case "Throttle":
					b, ok1 := intOf(x["BurstLimit"])
					r, ok2 := number(x["RateLimit"])
					if !ok1 || !ok2 || len(x) != 2 {
						return false
					}
					plan.set("throttle", newObj().set("burst", b).set("rate", r))
				case "Quota":
					l, ok1 := intOf(x["Limit"])
					per, ok2 := x["Period"].(string)
					if !ok1 || !ok2 || len(x) != 2 {
						return false
					}
					plan.set("quota", newObj().set("limit", l).set("period", per))
				default:
					return false
				}
			}
			plan.sortFields()
		default:
			return false
		}
	}
	if !auths.empty() {
		o.set("authorizers", auths)
	}
	if def != "" {
		o.set("defaultAuthorizer", def)
	}
	if m["UsagePlan"] != nil {
		o.set("usagePlan", plan)
	}
	return true
}

// stageSetting reads one setting a REST method and a WebSocket route take
// alike (an HTTP API's route only the throttle, not logs) into o, and
// reports whether it could.
func stageSetting(o *obj, k string, x any, logs bool) bool {
	switch k {
	case "ThrottlingBurstLimit":
		n, ok := intOf(x)
		if !ok || n < 0 {
			return false
		}
		o.sub("throttle").set("burst", n)
	case "ThrottlingRateLimit":
		n, ok := number(x)
		if !ok {
			return false
		}
		o.sub("throttle").set("rate", n)
	case "LoggingLevel":
		if !logs || x != "OFF" && x != "ERROR" && x != "INFO" {
			return false
		}
		o.set("logging", x)
	case "DataTraceEnabled":
		b, ok := x.(bool)
		if !logs || !ok {
			return false
		}
		o.set("dataTrace", b)
	default:
		return false
	}
	return true
}

// routeSettings reads an HTTP or WebSocket API's route settings (one
// block; logs: a WebSocket API's, which logs and traces) as render writes
// them, whole or not at all.
func routeSettings(v any, logs bool) (*obj, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	o := newObj()
	for _, k := range sortedIDs(m) {
		if k == "DetailedMetricsEnabled" {
			b, ok := m[k].(bool)
			if !ok {
				return nil, false
			}
			o.set("detailedMetrics", b)
		} else if !stageSetting(o, k, m[k], logs) {
			return nil, false
		}
	}
	return o, true
}

// stageRouteSettings maps an HTTP or WebSocket API's DefaultRouteSettings
// and RouteSettings into o.
func (im *importer) stageRouteSettings(o *obj, p *bag, logs bool) {
	if v, ok := p.peek("DefaultRouteSettings"); ok {
		if rs, ok := routeSettings(v, logs); ok {
			p.take("DefaultRouteSettings")
			o.set("defaultRouteSettings", rs)
		}
	}
	v, ok := p.peek("RouteSettings")
	m, isMap := v.(map[string]any)
	if !ok || !isMap {
		return
	}
	all := newObj()
	for _, k := range sortedIDs(m) {
		rs, ok := routeSettings(m[k], logs)
		if !ok {
			return
		}
		all.set(k, rs)
	}
	p.take("RouteSettings")
	o.set("routeSettings", all)
}

// webSocketApi maps an AWS::Serverless::WebSocketApi as render's
// webSocketApis writes it: its routes to functions, its $connect
// authorizer, route settings, access log and domain.
func (im *importer) webSocketApi(d *decl, p *bag) {
	o := d.spec
	for _, f := range [][2]string{{"name", "Name"}, {"description", "Description"}} {
		if v, ok := p.take(f[1]); ok {
			o.set(f[0], im.value(v, ""))
		}
	}
	stage(o, p, restStageRe, "default")
	if s, ok := p.peek("RouteSelectionExpression"); ok {
		if str, ok := s.(string); ok {
			p.take("RouteSelectionExpression")
			if str != "$request.body.action" {
				o.set("routeSelection", str)
			}
		}
	}
	if s, ok := p.peek("ApiKeySelectionExpression"); ok && (s == "$request.header.x-api-key" || s == "$context.authorizer.usageIdentifierKey") {
		p.take("ApiKeySelectionExpression")
		o.set("apiKeySelection", s)
	}
	routes, ok := im.webSocketRoutes(p)
	if !ok {
		im.demote(d, "a route of it does not map to samgen's routes (a function's ARN, a timeout, an API key flag, an operation name)")
		return
	}
	o.set("routes", routes)
	if v, ok := p.peek("Auth"); ok {
		if az, ok := im.webSocketAuthorizer(v); ok {
			p.take("Auth")
			o.set("authorizer", az)
		}
	}
	for _, f := range [][2]string{{"disableSchemaValidation", "DisableSchemaValidation"}, {"disableExecuteApiEndpoint", "DisableExecuteApiEndpoint"}, {"propagateTags", "PropagateTags"}} {
		im.boolOpt(o, p, f[0], f[1])
	}
	if s, ok := p.peek("IpAddressType"); ok && (s == "ipv4" || s == "dualstack") {
		p.take("IpAddressType")
		o.set("ipAddressType", s)
	}
	if v, ok := p.peek("StageVariables"); ok {
		if vars, ok := im.stageVariables(v); ok {
			p.take("StageVariables")
			o.set("variables", vars)
		}
	}
	im.stageRouteSettings(o, p, true)
	im.accessLog(d, p, "AccessLogSettings", render.WebSocketAccessLogFormat)
	im.domain(d, p)
	im.samTagsField(o, p)
}

// webSocketRoute are the route keys samgen takes (schema's #WebSocketApi).
var webSocketRoute = regexp.MustCompile(`^(\$connect|\$disconnect|\$default|[A-Za-z0-9]+)$`)

// webSocketRoutes reads a WebSocket API's Routes, all of them or none.
func (im *importer) webSocketRoutes(p *bag) (*obj, bool) {
	v, _ := p.peek("Routes")
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, false
	}
	out := newObj()
	for _, k := range sortedIDs(m) {
		r, _ := m[k].(map[string]any)
		fn, ok := im.refOf(normalizeIntrinsics(r["FunctionArn"]), "function", schema.AttrArn)
		if !webSocketRoute.MatchString(k) || !ok || !onlyKeys(r, "FunctionArn", "IntegrationTimeout", "ApiKeyRequired", "OperationName") {
			return nil, false
		}
		o := newObj().set("function", fn.ref())
		if v, ok := r["IntegrationTimeout"]; ok {
			n, isInt := intOf(v)
			if !isInt {
				return nil, false
			}
			o.set("timeout", n)
		}
		if v, ok := r["ApiKeyRequired"]; ok {
			b, isBool := v.(bool)
			if !isBool {
				return nil, false
			}
			o.set("apiKeyRequired", b)
		}
		if v, ok := r["OperationName"]; ok {
			s, isStr := v.(string)
			if !isStr {
				return nil, false
			}
			o.set("operationName", s)
		}
		out.set(k, o)
	}
	p.take("Routes")
	return out, true
}

// webSocketAuthorizer reads a WebSocket API's Auth: a Lambda authorizer
// (CUSTOM) of a declared function, or AWS_IAM.
func (im *importer) webSocketAuthorizer(v any) (*obj, bool) {
	m, _ := v.(map[string]any)
	switch m["AuthType"] {
	case "AWS_IAM":
		return newObj().set("iam", true), len(m) == 1
	case "CUSTOM":
		fn, ok := im.refOf(normalizeIntrinsics(m["AuthArn"]), "function", schema.AttrArn)
		if !ok || !onlyKeys(m, "AuthType", "AuthArn", "IdentitySource") {
			return nil, false
		}
		o := newObj().set("function", fn.ref())
		if v, ok := m["IdentitySource"]; ok {
			l, isList := v.([]any)
			if !isList || len(l) == 0 || slices.ContainsFunc(l, func(x any) bool { _, s := x.(string); return !s }) {
				return nil, false
			}
			o.set("identitySource", l)
		}
		return o, true
	}
	return nil, false
}
