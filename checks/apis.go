package checks

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

func apiRoutes(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			for _, x := range []struct {
				typ, kind string
				route     *schema.ApiEvent
			}{{"api", "api", e.Api}, {"httpApi", "httpApi", e.HttpApi}} {
				if x.route == nil {
					continue
				}
				p := path + ".events." + ev + "." + x.typ
				if x.route.Api == nil {
					if x.route.Authorizer != "" {
						c.Report(p+".authorizer", "an authorizer needs a declared API (set api)")
					}
					continue
				}
				if x.route.Api.Kind != x.kind {
					c.Report(p+".api", "an %s event routes to a %s, not a %s", x.typ, x.kind, x.route.Api.Kind)
					continue
				}
				names, _ := c.App.Authorizers(*x.route.Api)
				if a := x.route.Authorizer; a != "" && a != "NONE" && !slices.Contains(names, a) {
					c.Report(p+".authorizer", "API %s has no authorizer %s (it has: %s)", x.route.Api.Name, a, strings.Join(names, ", "))
				}
				if x.route.Authorizer == "NONE" && c.App.DefaultAuthorizer(*x.route.Api) == "" {
					// SAM: "'NONE' is only a valid value when a
					// DefaultAuthorizer on the API is specified."
					c.Report(p+".authorizer", "authorizer NONE exempts a route from its API's defaultAuthorizer, and API %s has none: drop authorizer (the route is public already)", x.route.Api.Name)
				}
				if x.route.ApiKeyRequired != nil && x.kind == "httpApi" {
					c.Report(p+".apiKeyRequired", "HTTP APIs have no API keys; use a REST API")
				}
			}
		}
	})
	check := func(p, def string, names []string, types map[string]int) {
		if def != "" && !slices.Contains(names, def) {
			c.Report(p+".defaultAuthorizer", "no authorizer %s is declared (declared: %s)", def, strings.Join(names, ", "))
		}
		for _, n := range names {
			if types[n] != 1 {
				c.Report(p+".authorizers."+n, "an authorizer has exactly one type")
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		a := c.App.HttpApis[name]
		if a.Cors != nil && a.Cors.Credentials != nil && *a.Cors.Credentials && slices.Contains(a.Cors.Origins, "*") {
			c.Report("httpApis."+name+".cors.credentials", "CORS with credentials needs explicit origins, not \"*\"")
		}
		types := map[string]int{}
		for n, az := range a.Authorizers {
			types[n] = btoi(az.JWT != nil) + btoi(az.Lambda != nil)
		}
		check("httpApis."+name, a.DefaultAuthorizer, slices.Sorted(maps.Keys(a.Authorizers)), types)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		a := c.App.Apis[name]
		if a.Cors != nil && a.Cors.Credentials != nil && *a.Cors.Credentials && a.Cors.Origin == "*" {
			c.Report("apis."+name+".cors.credentials", "CORS with credentials needs an explicit origin, not \"*\"")
		}
		types := map[string]int{}
		for n, az := range a.Authorizers {
			types[n] = btoi(az.Cognito != nil) + btoi(az.Lambda != nil)
		}
		check("apis."+name, a.DefaultAuthorizer, slices.Sorted(maps.Keys(a.Authorizers)), types)
	}
}
