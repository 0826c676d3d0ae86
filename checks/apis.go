package checks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

func apiRoutes(c *Context) {
	for _, r := range c.routes() {
		p, route := r.at, r.event
		if route.ApiKeyRequired != nil && r.typ == "httpApi" {
			c.Report(p+".apiKeyRequired", "HTTP APIs have no API keys; use a REST API")
		} else if route.ApiKeyRequired != nil && !*route.ApiKeyRequired && !c.apiKeysByDefault(route.Api) {
			// SAM: "Unable to set ApiKeyRequired [False] ... because the
			// related API does not specify any ApiKeyRequired."
			c.Report(p+".apiKeyRequired", "apiKeyRequired: false exempts a route from its API's own ApiKeyRequired, which this API does not set: drop it (the route requires no key already)")
		}
		// The authorizers of the route's API: a declared API's, or
		// implicitApi's for a REST route that names none.
		var api, def string
		var names []string
		configured := true
		switch {
		case route.Api == nil && r.typ == "api" && c.App.ImplicitApi != nil:
			a := c.App.ImplicitApi
			api, names, def = "the implicit REST API (implicitApi)", slices.Sorted(maps.Keys(a.Authorizers)), a.DefaultAuthorizer
		case route.Api == nil && r.typ == "httpApi" && c.App.ImplicitHttpApi != nil:
			a := c.App.ImplicitHttpApi
			api, names, def = "the implicit HTTP API (implicitHttpApi)", slices.Sorted(maps.Keys(a.Authorizers)), a.DefaultAuthorizer
		case route.Api == nil:
			configured = false
		default:
			api, def = "API "+route.Api.Name, c.App.DefaultAuthorizer(*route.Api)
			names, _ = c.App.Authorizers(*route.Api)
		}
		authorizer := route.Authorizer
		if authorizer == "" {
			authorizer = def
		}
		if len(route.Scopes) > 0 && authorizer == "" && (route.Api == nil || route.Api.Kind == r.typ) {
			// SAM: "AuthorizationScopes works only when Authorizer is set"
			// (REST); "'Auth' section requires either an explicit
			// 'Authorizer' set or a 'DefaultAuthorizer'" (HTTP).
			if !configured {
				c.Report(p+".scopes", "scopes are checked by a JWT or Cognito authorizer, and a route of the implicit API has none: give %s a defaultAuthorizer, or route it to a declared API (set api) with an authorizer", implicitField[r.typ])
			} else {
				c.Report(p+".scopes", "scopes are checked by a JWT or Cognito authorizer, and the route has none: name one (authorizer), or give %s a defaultAuthorizer", api)
			}
		}
		if !configured {
			if route.Authorizer != "" {
				c.Report(p+".authorizer", "an authorizer needs a declared API (set api), or %s declaring the implicit API's authorizers", implicitField[r.typ])
			}
			continue
		}
		if route.Api != nil && route.Api.Kind != r.typ {
			c.Report(p+".api", "an %s event routes to a %s, not a %s", r.typ, r.typ, route.Api.Kind)
			continue
		}
		if a := route.Authorizer; a != "" && a != "NONE" && a != "AWS_IAM" && !slices.Contains(names, a) {
			if len(names) == 0 {
				c.Report(p+".authorizer", "%s declares no authorizers, so none named %s", api, a)
			} else {
				c.Report(p+".authorizer", "%s has no authorizer %s (it has: %s)", api, a, strings.Join(names, ", "))
			}
		}
		if route.Authorizer == "NONE" && def == "" {
			// SAM: "'NONE' is only a valid value when a DefaultAuthorizer
			// on the API is specified."
			c.Report(p+".authorizer", "authorizer NONE exempts a route from its API's defaultAuthorizer, and %s has none: drop authorizer (the route is public already)", api)
		}
	}
	check := func(p, def string, names []string, types map[string]int) {
		if def != "" && def != "AWS_IAM" && !slices.Contains(names, def) {
			c.Report(p+".defaultAuthorizer", "defaultAuthorizer %s names no authorizer of the API (%s)", def, declaredAuthorizers(names))
		}
		for _, n := range names {
			if types[n] != 1 {
				c.Report(p+".authorizers."+n, "an authorizer has exactly one type")
			}
		}
	}
	for _, api := range c.httpApis() {
		a := api.settings
		if a.Cors != nil && a.Cors.Credentials != nil && *a.Cors.Credentials && slices.Contains(a.Cors.Origins, "*") {
			c.Report(api.path+".cors.credentials", "CORS with credentials needs explicit origins, not \"*\"")
		}
		types := map[string]int{}
		for n, az := range a.Authorizers {
			types[n] = btoi(az.JWT != nil) + btoi(az.Lambda != nil)
		}
		check(api.path, a.DefaultAuthorizer, slices.Sorted(maps.Keys(a.Authorizers)), types)
	}
	for _, api := range c.restApis() {
		a := api.settings
		if a.Cors != nil && a.Cors.Credentials != nil && *a.Cors.Credentials && a.Cors.Origin == "*" {
			c.Report(api.path+".cors.credentials", "CORS with credentials needs an explicit origin, not \"*\"")
		}
		types := map[string]int{}
		for n, az := range a.Authorizers {
			types[n] = btoi(az.Cognito != nil) + btoi(az.Lambda != nil)
			if l := az.Lambda; l != nil && l.Request != nil && len(l.Request.Headers)+len(l.Request.QueryStrings)+len(l.Request.StageVariables)+len(l.Request.Context) == 0 {
				c.Report(api.path+".authorizers."+n+".lambda.request", "a REQUEST authorizer is cached by its identity sources: name at least one header, query string, stage variable or context value")
			}
		}
		check(api.path, a.DefaultAuthorizer, slices.Sorted(maps.Keys(a.Authorizers)), types)
	}
}

// declaredAuthorizers lists an API's authorizers for a finding.
func declaredAuthorizers(names []string) string {
	if len(names) == 0 {
		return "it declares none"
	}
	return "it declares " + strings.Join(names, ", ")
}

// apiOf is an API whose settings (S) the checks read: a declared one
// (decl), or the implicit one of its type, configured by implicitApi or
// implicitHttpApi.
type apiOf[S, D any] struct {
	path     string // of its settings in the spec
	label    string // how findings name it: "REST API orders"
	settings S
	decl     *D       // nil for the implicit API
	routes   []string // "METHOD /path", sorted
}

type (
	restApi = apiOf[schema.RestApiSettings, schema.RestApi]
	httpApi = apiOf[schema.HttpApiSettings, schema.HttpApi]
)

// restApis lists the declared REST APIs by name, then the implicit API
// when implicitApi configures it.
func (c *Context) restApis() []restApi {
	return apisOf(c, implicitRestApi, "apis", "REST API", c.App.Apis, func(a schema.RestApi) (schema.RestApiSettings, schema.Ref) { return a.RestApiSettings, a.Ref }, "implicitApi", c.App.ImplicitApi)
}

// httpApis lists the declared HTTP APIs by name, then the implicit HTTP
// API when implicitHttpApi configures it.
func (c *Context) httpApis() []httpApi {
	return apisOf(c, implicitHttpApi, "httpApis", "HTTP API", c.App.HttpApis, func(a schema.HttpApi) (schema.HttpApiSettings, schema.Ref) { return a.HttpApiSettings, a.Ref }, "implicitHttpApi", c.App.ImplicitHttpApi)
}

// apisOf lists the APIs of collection coll (what: "REST API"), declared
// in decls, by name, then the implicit one (implicit, its key in
// apiRouteKeys) when field configures it (settings, else nil).
func apisOf[S, D any](c *Context, implicit schema.Ref, coll, what string, decls map[string]D, of func(D) (S, schema.Ref), field string, settings *S) []apiOf[S, D] {
	var out []apiOf[S, D]
	for _, name := range slices.Sorted(maps.Keys(decls)) {
		d := decls[name]
		s, r := of(d)
		out = append(out, apiOf[S, D]{path: coll + "." + name, label: what + " " + name, settings: s, decl: &d, routes: c.apiRouteKeys(r)})
	}
	if settings != nil {
		out = append(out, apiOf[S, D]{path: field, label: "the implicit " + what, settings: *settings, routes: c.apiRouteKeys(implicit)})
	}
	return out
}

// implicitHttpApiSettings: implicitHttpApi configures an implicit HTTP
// API that exists, in an app whose declared HTTP APIs its
// Globals.HttpApi would reach too (SG032).
func implicitHttpApiSettings(c *Context) {
	if c.App.ImplicitHttpApi != nil {
		c.implicitSettings("implicitHttpApi", "HttpApi", "HTTP API", "httpApi", slices.Sorted(maps.Keys(c.App.HttpApis)), implicitHttpApi)
	}
}

// implicitApiSettings: implicitApi configures an implicit REST API that
// exists, in an app whose declared REST APIs its Globals.Api would reach
// too (SG031).
func implicitApiSettings(c *Context) {
	if c.App.ImplicitApi != nil {
		c.implicitSettings("implicitApi", "Api", "REST API", "api", slices.Sorted(maps.Keys(c.App.Apis)), implicitRestApi)
	}
}

// implicitSettings reports the settings of an implicit API of type what
// (at field, rendered as Globals.section) in an app that declares APIs of
// its type (in its collection, or raw), or in which no event of type event
// makes it.
func (c *Context) implicitSettings(field, section, what, event string, declared []string, implicit schema.Ref) {
	// A raw SAM API of the type takes Globals.<section> too.
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		if c.App.Resources[name].Type == "AWS::Serverless::"+section {
			declared = append(declared, "resources."+name)
		}
	}
	if len(declared) > 0 {
		c.Report(field, "%s is rendered as SAM's Globals.%s, which would apply to the declared %ss too (%s): set these settings on each declared API and route the events to one of them", field, section, what, strings.Join(declared, ", "))
		return
	}
	if len(c.apiRouteKeys(implicit)) == 0 {
		c.Report(field, "no %s event uses the implicit %s (every one names its api, or there are none): %s configures nothing; remove it", event, what, field)
	}
}

// implicitField is the field that configures the implicit API of a
// route's type.
var implicitField = map[string]string{"api": "implicitApi", "httpApi": "implicitHttpApi"}

// implicitRestApi keys the routes of the implicit REST API in
// apiRouteKeys: no declared API has an empty name.
var implicitRestApi = schema.Ref{Kind: "api"}

// implicitHttpApi is implicitRestApi for the implicit HTTP API.
var implicitHttpApi = schema.Ref{Kind: "httpApi"}

// apiKeysByDefault reports whether the REST API r names requires API keys
// on every method (SAM's Auth.ApiKeyRequired), which samgen renders only
// when an override sets it; the implicit API (r nil) never does.
func (c *Context) apiKeysByDefault(r *schema.Ref) bool {
	if r == nil {
		return false
	}
	o := c.App.Overrides[schema.LogicalID(*r)]
	if _, ok := o["Auth.ApiKeyRequired"]; ok {
		return true
	}
	auth, _ := o["Auth"].(map[string]any)
	_, ok := auth["ApiKeyRequired"]
	return ok
}

// apiRouteKeys returns the routes of the API r names, as "METHOD /path":
// those of functions' and state machines' api and httpApi events.
func (c *Context) apiRouteKeys(r schema.Ref) []string {
	if c.routeKeys == nil {
		c.routeKeys = map[schema.Ref][]string{}
		add := func(e *schema.ApiEvent, implicit schema.Ref) {
			switch {
			case e == nil:
			case e.Api != nil:
				c.routeKeys[*e.Api] = append(c.routeKeys[*e.Api], e.Method+" "+e.Path)
			default:
				c.routeKeys[implicit] = append(c.routeKeys[implicit], e.Method+" "+e.Path)
			}
		}
		for _, fn := range c.App.Functions {
			for _, e := range fn.Events {
				add(e.Api, implicitRestApi)
				add(e.HttpApi, implicitHttpApi)
			}
		}
		for _, sm := range c.App.StateMachines {
			for _, e := range sm.Events {
				add(e.Api, implicitRestApi)
			}
		}
		// A raw SAM function's or state machine's event that names no API
		// is a route of the implicit API too.
		for _, r := range c.App.RawImplicitRoutes() {
			k := schema.Ref{Kind: r.Kind}
			c.routeKeys[k] = append(c.routeKeys[k], r.Route)
		}
		for api, keys := range c.routeKeys {
			slices.Sort(keys)
			c.routeKeys[api] = slices.Compact(keys)
		}
	}
	return c.routeKeys[r]
}

// apiSettingRoutes: a route setting, a method setting or a resource
// policy names a route of its API.
func apiSettingRoutes(c *Context) {
	for _, api := range c.httpApis() {
		for _, k := range slices.Sorted(maps.Keys(api.settings.RouteSettings)) {
			if k != "$default" && !slices.Contains(api.routes, k) {
				c.Report(api.path+".routeSettings."+schema.Label(k), "%s has no route %q (it has: %s); API Gateway rejects the stage", api.label, k, strings.Join(api.routes, ", "))
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.WebSocketApis)) {
		a := c.App.WebSocketApis[name]
		routes := slices.Sorted(maps.Keys(a.Routes))
		for _, k := range slices.Sorted(maps.Keys(a.RouteSettings)) {
			if !slices.Contains(routes, k) {
				c.Report("webSocketApis."+name+".routeSettings."+schema.Label(k), "WebSocket API %s has no route %q (it has: %s); API Gateway rejects the stage", name, k, strings.Join(routes, ", "))
			}
		}
	}
	for _, api := range c.restApis() {
		routes := api.routes
		matches := func(method, path string) bool {
			return path == "/*" || slices.ContainsFunc(routes, func(r string) bool {
				m, p, _ := strings.Cut(r, " ")
				return p == path && (method == "*" || method == m)
			})
		}
		for i, m := range api.settings.MethodSettings {
			if !matches(m.Method, m.Path) {
				c.Report(fmt.Sprintf("%s.methodSettings[%d]", api.path, i), "%s has no method %s %s (it has: %s); API Gateway rejects the stage's method setting", api.label, m.Method, m.Path, strings.Join(routes, ", "))
			}
		}
		if api.decl == nil {
			continue
		}
		name, a := strings.TrimPrefix(api.path, "apis."), api.decl
		for i, st := range a.Policy {
			for j, r := range st.Routes {
				if r == "*" {
					continue
				}
				p := fmt.Sprintf("apis.%s.policy[%d].routes[%d]", name, i, j)
				method, path, ok := strings.Cut(r, " ")
				if !ok || !strings.HasPrefix(path, "/") {
					c.Report(p, "a policy route is \"METHOD /path\" or \"*\", not %q", r)
					continue
				}
				if !matches(method, path) {
					c.Report(p, "REST API %s has no route %q (it has: %s), so the statement covers nothing", name, r, strings.Join(routes, ", "))
				}
			}
		}
	}
}

// apiMethodCaching: a method caches only in a stage with a cache.
func apiMethodCaching(c *Context) {
	for _, api := range c.restApis() {
		a := api.settings
		for i, m := range a.MethodSettings {
			if m.Caching != nil && a.Cache == nil {
				c.Report(fmt.Sprintf("%s.methodSettings[%d].caching", api.path, i), "%s has no cache, so method %s %s caches nothing: set cache", api.label, m.Method, m.Path)
			}
		}
		if a.Canary != nil && a.Canary.UseStageCache != nil && *a.Canary.UseStageCache && a.Cache == nil {
			c.Report(api.path+".canary.useStageCache", "%s has no cache for its canary to use: set cache", api.label)
		}
	}
}

// apiPrivatePolicy: a PRIVATE REST API has a resource policy, and only a
// PRIVATE one takes VPC endpoints.
func apiPrivatePolicy(c *Context) {
	for _, api := range c.restApis() {
		e := api.settings.Endpoint
		switch {
		case e == nil:
		case e.Type == "PRIVATE" && api.decl != nil && len(api.decl.Policy) == 0:
			c.Report(api.path+".endpoint", "private %s has no resource policy, so nothing may invoke it (API Gateway refuses to deploy it): set policy, allowing its VPC endpoints", api.label)
		case e.Type != "PRIVATE" && len(e.VpcEndpoints) > 0:
			c.Report(api.path+".endpoint.vpcEndpoints", "only a PRIVATE API is reached through VPC endpoints; %s is %s", api.label, e.Type)
		}
	}
}

// apiDomainMTLS: mutual TLS needs a regional domain with TLS 1.2.
func apiDomainMTLS(c *Context) {
	check := func(path string, d *schema.ApiDomain) {
		if d == nil || d.MTLS == nil {
			return
		}
		if d.Endpoint != "REGIONAL" {
			c.Report(path+".endpoint", "mutual TLS needs a REGIONAL domain, not %s", d.Endpoint)
		}
		if d.SecurityPolicy != "TLS_1_2" {
			c.Report(path+".securityPolicy", "mutual TLS needs securityPolicy TLS_1_2")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		check("apis."+name+".domain", c.App.Apis[name].Domain)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		check("httpApis."+name+".domain", c.App.HttpApis[name].Domain)
	}
}

// webSocketShape: a WebSocket API has a route, and an authorizer of one
// type on its $connect route.
func webSocketShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.WebSocketApis)) {
		a := c.App.WebSocketApis[name]
		path := "webSocketApis." + name
		if len(a.Routes) == 0 {
			c.Report(path+".routes", "WebSocket API %s has no route: give $connect, $disconnect, $default or a route of its own", name)
		}
		az := a.Authorizer
		if az == nil {
			continue
		}
		if btoi(az.Function != nil)+btoi(az.IAM != nil) != 1 {
			c.Report(path+".authorizer", "an authorizer is a function or iam, exactly one")
		}
		if az.Function == nil && len(az.IdentitySource) > 0 {
			c.Report(path+".authorizer.identitySource", "identitySource is what a function authorizer is passed; IAM authorization takes none")
		}
		if _, ok := a.Routes["$connect"]; !ok {
			c.Report(path+".authorizer", "WebSocket API %s authorizes connections on its $connect route, which it does not have", name)
		}
	}
}

// apiSecurityPolicy: an enhanced security policy has an endpoint access
// mode, and only an enhanced one takes it.
func apiSecurityPolicy(c *Context) {
	for _, api := range c.restApis() {
		a := api.settings
		enhanced := strings.HasPrefix(a.SecurityPolicy, "SecurityPolicy_")
		switch {
		case enhanced && a.EndpointAccessMode == "":
			c.Report(api.path+".securityPolicy", "the enhanced security policy %s needs endpointAccessMode (STRICT or BASIC)", a.SecurityPolicy)
		case !enhanced && a.EndpointAccessMode != "":
			c.Report(api.path+".endpointAccessMode", "endpointAccessMode applies to an enhanced security policy (SecurityPolicy_...) only")
		}
	}
}

// serviceRoutes: a service route names one service its API can call, and
// a route no function serves too.
func serviceRoutes(c *Context) {
	check := func(api schema.Ref, path string, routes map[string]schema.ServiceRoute, rest bool) {
		served := c.apiRouteKeys(api)
		for _, key := range slices.Sorted(maps.Keys(routes)) {
			r := routes[key]
			p := path + ".integrations." + schema.Label(key)
			n := btoi(r.StartExecution != nil) + btoi(r.SendMessage != nil) + btoi(r.PutEvents != nil) + btoi(r.GetObject != nil) + btoi(r.PutObject != nil)
			if n != 1 {
				c.Report(p, "a service route calls exactly one service: startExecution, sendMessage, putEvents, getObject or putObject")
				continue
			}
			if slices.Contains(served, key) {
				c.Report(p, "route %s is also a function's event: give it one integration", key)
			}
			switch {
			case r.StartExecution != nil:
				sm, ok := c.App.StateMachines[r.StartExecution.StateMachine.Name]
				if ok && sm.Type != "EXPRESS" && schema.SyncStart(c.App, r) {
					c.Report(p+".startExecution.sync", "state machine %s is STANDARD: only an EXPRESS execution can be waited for (StartSyncExecution); drop sync to start it and answer with its ARN", r.StartExecution.StateMachine.Name)
				}
			case r.GetObject != nil, r.PutObject != nil:
				if !rest {
					c.Report(p, "HTTP APIs have no S3 integration; serve objects from a REST API")
				} else if _, path, _ := strings.Cut(key, " "); lastParam(path) == "" {
					c.Report(p, "an object route names its object by a path parameter, such as \"GET /files/{key}\"")
				}
			}
			if r.RequestTemplate != "" && (!rest || r.GetObject != nil || r.PutObject != nil) {
				c.Report(p+".requestTemplate", "requestTemplate maps the request of a REST API's Step Functions, SQS or EventBridge route; this route passes its request through")
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		a := c.App.HttpApis[name]
		check(a.Ref, "httpApis."+name, a.Integrations, false)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		a := c.App.Apis[name]
		check(a.Ref, "apis."+name, a.Integrations, true)
	}
}

// lastParam is the last {parameter} segment of a path, "" if none.
func lastParam(path string) string {
	segs := strings.Split(path, "/")
	for i := len(segs) - 1; i >= 0; i-- {
		if s := segs[i]; strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			return s
		}
	}
	return ""
}
