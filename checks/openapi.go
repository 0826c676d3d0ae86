package checks

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// openAPIs calls f for every API with an OpenAPI document of its own,
// HTTP APIs first, each sorted by name.
func (c *Context) openAPIs(f func(api schema.Ref, path string, d schema.OpenAPIDefinition, routes map[string]schema.ServiceRoute)) {
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		a := c.App.HttpApis[name]
		if a.OpenAPI != nil {
			f(a.Ref, "httpApis."+schema.Label(name), a.OpenAPIDefinition, a.Integrations)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		a := c.App.Apis[name]
		if a.OpenAPI != nil {
			f(a.Ref, "apis."+schema.Label(name), a.OpenAPIDefinition, a.Integrations)
		}
	}
}

func openAPIProblems(c *Context, kind string) {
	c.openAPIs(func(_ schema.Ref, _ string, d schema.OpenAPIDefinition, _ map[string]schema.ServiceRoute) {
		for _, p := range d.OpenAPI.Problems {
			if p.Kind == kind {
				c.Report(p.Path, "%s", p.Msg)
			}
		}
	})
}

func openAPISyntax(c *Context) { openAPIProblems(c, schema.ProblemSyntax) }

func openAPIBindings(c *Context) { openAPIProblems(c, schema.ProblemBinding) }

func openAPIPlaceholders(c *Context) {
	c.openAPIs(func(_ schema.Ref, path string, d schema.OpenAPIDefinition, _ map[string]schema.ServiceRoute) {
		subs := sortedKeys(d.DefinitionSubstitutions)
		for _, p := range d.OpenAPI.Placeholders {
			if _, ok := d.DefinitionSubstitutions[p.Name]; ok {
				continue
			}
			msg := fmt.Sprintf("placeholder ${%s} is bound by no entry of %s.definitionSubstitutions", p.Name, path)
			if s := didyoumean.Suggest(p.Name, subs); s != "" {
				msg += fmt.Sprintf("; did you mean ${%s}?", s)
			}
			c.Report(p.Path, "%s", msg)
		}
	})
}

func openAPISubstitutionsUsed(c *Context) {
	c.openAPIs(func(_ schema.Ref, path string, d schema.OpenAPIDefinition, _ map[string]schema.ServiceRoute) {
		if d.OpenAPI.Doc == nil {
			return // the file was not read: SG532
		}
		used := map[string]bool{}
		var names []string
		for _, p := range d.OpenAPI.Placeholders {
			used[p.Name] = true
			names = append(names, p.Name)
		}
		where := "the definitionBody"
		if d.DefinitionFile != "" {
			where = filepath.Base(d.DefinitionFile)
		}
		for _, k := range sortedKeys(d.DefinitionSubstitutions) {
			if used[k] {
				continue
			}
			msg := fmt.Sprintf("substitution %s is used by no ${%s} in %s", k, k, where)
			if s := didyoumean.Suggest(k, names); s != "" {
				msg += fmt.Sprintf("; the document has ${%s}", s)
			}
			c.Report(path+".definitionSubstitutions."+schema.Label(k), "%s", msg)
		}
	})
}

// openAPIDefinition: one document per API, substitutions only with one,
// and each route in one place.
func openAPIDefinition(c *Context) {
	check := func(api schema.Ref, path string, d schema.OpenAPIDefinition, routes map[string]schema.ServiceRoute) {
		if d.DefinitionFile != "" && d.DefinitionBody != nil {
			c.ReportSpec(path+".definitionBody", "%s has a definitionFile: give the document in one of definitionFile and definitionBody", path)
		}
		if d.OpenAPI == nil {
			if c.Inst.Has(path + ".definitionSubstitutions") {
				c.Report(path+".definitionSubstitutions", "definitionSubstitutions bind the placeholders of a definitionFile or definitionBody, and %s has neither", path)
			}
			return
		}
		events := c.apiRouteKeys(api)
		for _, op := range d.OpenAPI.Operations {
			key := op.RouteKey()
			switch {
			case slices.Contains(events, key):
				c.Report(op.SpecPath, "route %s is also a function's event, and SAM replaces the document's integration of it with the function's: drop the event, or this x-amazon-apigateway-integration to let the event fill it in", key)
			case hasRoute(routes, key):
				c.Report(op.SpecPath, "route %s is also one of %s.integrations: give the route one integration", key, path)
			}
		}
	}
	c.openAPIs(check)
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		if a := c.App.HttpApis[name]; a.OpenAPI == nil {
			check(a.Ref, "httpApis."+schema.Label(name), a.OpenAPIDefinition, a.Integrations)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		if a := c.App.Apis[name]; a.OpenAPI == nil {
			check(a.Ref, "apis."+schema.Label(name), a.OpenAPIDefinition, a.Integrations)
		}
	}
}

func hasRoute(routes map[string]schema.ServiceRoute, key string) bool {
	_, ok := routes[key]
	return ok
}
