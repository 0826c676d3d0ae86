package checks

import (
	"regexp"
	"strings"

	"samgen.dev/samgen/schema"
)

// route is one route of an API: a function's `api` or `httpApi` event,
// or a state machine's `api` event.
type route struct {
	// api names the API: the declared one's kind and name, or SAM's
	// implicit API of the event type ("api", "httpApi").
	api    string
	method string
	path   string
	// at is the spec path of the event's options.
	at string
	// typ is the event type (api, httpApi), event its options.
	typ   string
	event *schema.ApiEvent
}

// routes returns every route, sorted by spec path.
func (c *Context) routes() []route {
	var out []route
	add := func(typ string, e *schema.ApiEvent, at string) {
		if e == nil {
			return
		}
		api := "the implicit " + map[string]string{"api": "REST API", "httpApi": "HTTP API"}[typ]
		if e.Api != nil {
			api = display(*e.Api)
		}
		out = append(out, route{api: api, method: e.Method, path: e.Path, at: at, typ: typ, event: e})
	}
	c.eachEvent(func(fn string, e schema.Event, path string) {
		add("api", e.Api, path+".api")
		add("httpApi", e.HttpApi, path+".httpApi")
	})
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		for _, ev := range sortedKeys(sm.Events) {
			add("api", sm.Events[ev].Api, "stateMachines."+schema.Label(name)+".events."+schema.Label(ev)+".api")
		}
	}
	return out
}

// pathParam matches a path segment that is a parameter: {name} or the
// greedy {name+}.
var pathParam = regexp.MustCompile(`^\{([A-Za-z0-9._-]+)(\+?)\}$`)

// segments splits a route path ("/orders/{id}") into its segments; the
// root "/" has none.
func segments(path string) []string {
	if path == "/" {
		return nil
	}
	return strings.Split(strings.TrimPrefix(path, "/"), "/")
}

func routePaths(c *Context) {
	for _, r := range c.routes() {
		segs := segments(r.path)
		seen := map[string]bool{}
		for i, s := range segs {
			m := pathParam.FindStringSubmatch(s)
			switch {
			case s == "":
				c.Report(r.at+".path", "path %q has an empty segment (a doubled or trailing '/'); API Gateway paths are /a/b, without an empty part", r.path)
			case m == nil && strings.ContainsAny(s, "{}"):
				c.Report(r.at+".path", "segment %q of path %q is not a parameter: a parameter is a whole segment {name} (letters, digits, '.', '_' and '-'), with its braces closed", s, r.path)
			case m == nil:
			case m[2] == "+" && i != len(segs)-1:
				c.Report(r.at+".path", "greedy parameter {%s+} of path %q must be its last segment; put the other segments before it", m[1], r.path)
			case seen[m[1]]:
				c.Report(r.at+".path", "path %q names parameter %s twice; give each a name of its own", r.path, m[1])
			}
			if m != nil {
				seen[m[1]] = true
			}
		}
	}
}

func routeConflicts(c *Context) {
	rs := c.routes()
	byAPI := map[string][]route{}
	for _, r := range rs {
		byAPI[r.api] = append(byAPI[r.api], r)
	}
	for _, api := range sortedKeys(byAPI) {
		// params holds, per path prefix, the parameter first declared at
		// the next position and where.
		type param struct{ name, at, path string }
		params := map[string]param{}
		for _, r := range byAPI[api] {
			prefix := ""
			for _, s := range segments(r.path) {
				m := pathParam.FindStringSubmatch(s)
				if m != nil {
					if p, ok := params[prefix]; ok && p.name != s {
						c.Report(r.at+".path", "path %q has parameter %s where %s (at %s) has %s; API Gateway takes one parameter at each position of a path: name it %s here too", r.path, s, p.path, p.at, p.name, p.name)
						break
					}
					params[prefix] = param{s, r.at, r.path}
					s = "{}"
				}
				prefix += "/" + s
			}
		}
	}
}

func routeDuplicates(c *Context) {
	first := map[string]route{}
	for _, r := range c.routes() {
		key := r.api + " " + strings.ToUpper(r.method) + " " + normalRoute(r.path)
		if f, dup := first[key]; dup {
			c.Report(r.at, "%s %s is also a route of %s at %s; each method and path of an API has one target", r.method, r.path, r.api, f.at)
			continue
		}
		first[key] = r
	}
}

// normalRoute is a route path with its parameters unnamed: /orders/{id}
// and /orders/{orderId} are one route (whose conflicting names
// routeConflicts reports).
func normalRoute(path string) string {
	segs := segments(path)
	for i, s := range segs {
		if m := pathParam.FindStringSubmatch(s); m != nil {
			segs[i] = "{" + m[2] + "}"
		}
	}
	return "/" + strings.Join(segs, "/")
}

// domainMappings reports a custom domain's base path mapped to two APIs:
// API Gateway maps each (domain, base path) to one API stage (cfn-lint
// E3019: the primary identifier of AWS::ApiGateway::BasePathMapping and
// AWS::ApiGatewayV2::ApiMapping is the domain and the path). A domain
// given by expression is known at deploy time only.
func domainMappings(c *Context) {
	type mapping struct{ domain, basePath string }
	first := map[mapping]string{}
	check := func(path string, d *schema.ApiDomain) {
		if d == nil {
			return
		}
		name, ok := d.Name.Str()
		if !ok {
			return
		}
		m := mapping{name, strings.Trim(d.BasePath, "/")}
		if prev, dup := first[m]; dup {
			shown := "its root"
			at := path + ".domain"
			if m.basePath != "" {
				shown, at = "base path "+m.basePath, at+".basePath"
			}
			c.Report(at, "domain %s maps %s to %s already; each base path of a domain maps to one API: give this API another basePath", name, shown, prev)
			return
		}
		first[m] = path
	}
	for _, name := range sortedKeys(c.App.Apis) {
		check("apis."+schema.Label(name), c.App.Apis[name].Domain)
	}
	for _, name := range sortedKeys(c.App.HttpApis) {
		check("httpApis."+schema.Label(name), c.App.HttpApis[name].Domain)
	}
}
