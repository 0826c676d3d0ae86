package checks

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// The dependency graph of the template, as CloudFormation sees it once
// SAM has expanded it: a resource depends on every resource it names (a
// function on what its role, environment and destinations name), and SAM
// adds dependencies of its own (an API's definition names the functions
// behind its routes, a bucket's notifications name the functions it
// notifies). CloudFormation creates a resource only after what it depends
// on, so a loop cannot be deployed (cfn-lint E3004, which does not see
// the loops SAM's generated definitions close).

// depEdge is one dependency: from depends on to because of the spec's
// value at path.
type depEdge struct {
	from, to schema.Ref
	path     string
	// via is what the reference is, relative to from ("env.PEER").
	via string
}

// The fields SAM renders as resources of their own, which depend on the
// resource rather than it on them: a WebSocket API's routes and
// authorizer (Route, Integration, Authorizer, Permission), a function's
// deployment preference (its alarms and hooks sit on the CodeDeploy
// deployment group and the alias's update policy). An alarm that stops its
// own function's deployment, or a function posting back through the
// WebSocket API that routes to it, is no loop. samDetachedFields lists
// them by kind, samDetached by the SAM type of a raw resource.
var (
	samDetachedFields = map[string][]string{
		"function":     {"deployment"},
		"webSocketApi": {"routes", "authorizer"},
	}
	samDetached = map[string][]string{
		"AWS::Serverless::Function":     {"DeploymentPreference"},
		"AWS::Serverless::WebSocketApi": {"Routes", "Auth"},
	}
)

// dependencies returns the graph's edges, sorted by path.
func (c *Context) dependencies() []depEdge {
	a := c.App
	var out []depEdge
	add := func(from, to schema.Ref, path, via string) {
		if c.rendersRef(to) {
			out = append(out, depEdge{from: from, to: to, path: path, via: via})
		}
	}
	rel := func(path, base string) string { return strings.TrimPrefix(strings.TrimPrefix(path, base), ".") }
	a.Each(func(k schema.Kind, path string, d schema.Decl) {
		if !d.Owned || k.Suffix == "" && k.Name != "resource" {
			return
		}
		skip := []string{path + ".ref", path + ".events", path + ".invokers"}
		for _, field := range samDetachedFields[k.Name] {
			skip = append(skip, path+"."+field)
		}
		entry := k.Entry(a, d.Ref.Name)
		if r, ok := entry.(schema.RawResource); ok {
			for _, prop := range samDetached[r.Type] {
				skip = append(skip, path+".properties."+prop)
			}
		}
		schema.Refs(entry, path, func(p string, r schema.Ref) {
			for _, s := range skip {
				if p == s || strings.HasPrefix(p, s+".") || strings.HasPrefix(p, s+"[") {
					return
				}
			}
			add(d.Ref, r, p, rel(p, path))
		})
	})
	// What functions inherit from defaults.function.
	d := a.Defaults.Function
	for _, name := range a.OwnedFunctions() {
		f := a.Functions[name]
		inherited := schema.FunctionSettings{Layers: d.Layers}
		for k, v := range d.Env {
			if _, own := f.Env[k]; !own {
				if inherited.Env == nil {
					inherited.Env = map[string]schema.Value{}
				}
				inherited.Env[k] = v
			}
		}
		if f.Async == nil {
			inherited.Async = d.Async
		}
		if f.DeadLetter == nil {
			inherited.DeadLetter = d.DeadLetter
		}
		if f.VPC == nil {
			inherited.VPC = d.VPC
		}
		schema.Refs(inherited, "defaults.function", func(p string, r schema.Ref) {
			add(f.Ref, r, p, p)
		})
	}
	// The dependencies SAM adds: an API's definition names the function
	// (or state machine) of each route, a bucket's notifications the
	// functions they invoke.
	for _, name := range a.OwnedFunctions() {
		f := a.Functions[name]
		for _, ev := range sortedKeys(f.Events) {
			e := f.Events[ev]
			p := "functions." + schema.Label(name) + ".events." + schema.Label(ev)
			for _, route := range []*schema.ApiEvent{e.Api, e.HttpApi} {
				if route != nil && route.Api != nil {
					add(*route.Api, f.Ref, p, "the route of "+p)
				}
			}
			if e.S3 != nil {
				add(e.S3.Bucket, f.Ref, p, "the notification of "+p)
			}
		}
	}
	for _, name := range sortedKeys(a.StateMachines) {
		sm := a.StateMachines[name]
		for _, ev := range sortedKeys(sm.Events) {
			if e := sm.Events[ev]; e.Api != nil && e.Api.Api != nil {
				p := "stateMachines." + schema.Label(name) + ".events." + schema.Label(ev)
				add(*e.Api.Api, sm.Ref, p, "the route of "+p)
			}
		}
	}
	slices.SortFunc(out, func(x, y depEdge) int {
		return cmp.Or(strings.Compare(x.path, y.path), strings.Compare(x.to.Name, y.to.Name))
	})
	return out
}

// rendersRef reports whether a reference to r renders as a reference to
// its logical ID (a dependency), rather than as a literal: resources that
// exist elsewhere, and buckets samgen names, are named, not referenced.
func (c *Context) rendersRef(r schema.Ref) bool {
	d, ok := c.App.Decl(r)
	if !ok || !d.Owned {
		return false
	}
	k, _ := schema.KindOf(r.Kind)
	if k.Suffix == "" && k.Name != "resource" {
		return false
	}
	id := schema.LogicalID(d.Ref)
	for _, attr := range []string{"", schema.AttrArn, schema.AttrName} {
		if v, err := c.App.Resolve(r, attr); err == nil && namesID(v, id) {
			return true
		}
	}
	return false
}

// namesID reports whether a rendered value refers to logical ID id.
func namesID(v any, id string) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			switch k {
			case "Ref":
				if y == id {
					return true
				}
			case "Fn::GetAtt":
				if l, ok := y.([]any); ok && len(l) > 0 && l[0] == id {
					return true
				}
			case "Fn::Sub":
				s, _ := y.(string)
				if l, ok := y.([]any); ok && len(l) > 0 {
					s, _ = l[0].(string)
				}
				if strings.Contains(s, "${"+id+"}") || strings.Contains(s, "${"+id+".") {
					return true
				}
			}
			if namesID(y, id) {
				return true
			}
		}
	case []any:
		for _, y := range x {
			if namesID(y, id) {
				return true
			}
		}
	}
	return false
}

func cycles(c *Context) {
	edges := c.dependencies()
	out := map[schema.Ref][]depEdge{}
	for _, e := range edges {
		out[e.from] = append(out[e.from], e)
	}
	reported := map[string]bool{}
	for _, e := range edges {
		if e.from.Is(e.to) {
			if !sfnCycle(c, []depEdge{e}) {
				c.Report(e.path, "%s refers to itself (%s): CloudFormation would need it created before creating it (circular dependency); %s", display(e.from), e.via, selfAdvice(e))
			}
			reported[e.path] = true
		}
	}
	for _, start := range refsOf(edges) {
		loop := shortestLoop(out, start)
		if len(loop) < 2 || slices.ContainsFunc(loop, func(e depEdge) bool { return reported[e.path] }) || sfnCycle(c, loop) {
			continue
		}
		var chain []string
		for _, e := range loop {
			chain = append(chain, fmt.Sprintf("%s (%s)", display(e.from), e.via))
		}
		chain = append(chain, display(loop[0].from))
		for _, e := range loop {
			reported[e.path] = true
			c.Report(e.path, "%s: CloudFormation cannot create any of them first (circular dependency); remove one of these references, and pass what it gives at run time instead (an SSM parameter, or a queue between them)",
				strings.Join(chain, " → "))
		}
	}
}

// refsOf returns the resources edges start from, sorted.
func refsOf(edges []depEdge) []schema.Ref {
	seen := map[schema.Ref]bool{}
	var out []schema.Ref
	for _, e := range edges {
		if k := (schema.Ref{Kind: e.from.Kind, Name: e.from.Name}); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	slices.SortFunc(out, func(x, y schema.Ref) int {
		return cmp.Or(strings.Compare(x.Kind, y.Kind), strings.Compare(x.Name, y.Name))
	})
	return out
}

// shortestLoop returns the shortest path of edges from start back to
// start, of two edges or more (self-references are reported alone), or nil.
func shortestLoop(out map[schema.Ref][]depEdge, start schema.Ref) []depEdge {
	key := func(r schema.Ref) schema.Ref { return schema.Ref{Kind: r.Kind, Name: r.Name} }
	prev := map[schema.Ref]depEdge{}
	seen := map[schema.Ref]bool{key(start): true}
	queue := []schema.Ref{key(start)}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range out[n] {
			to := key(e.to)
			if to == key(e.from) {
				continue
			}
			if to == key(start) {
				loop := []depEdge{e}
				for at := key(e.from); at != key(start); at = key(prev[at].from) {
					loop = append([]depEdge{prev[at]}, loop...)
				}
				return loop
			}
			if !seen[to] {
				seen[to], prev[to] = true, e
				queue = append(queue, to)
			}
		}
	}
	return nil
}

// sfnCycle reports whether a loop is the one SG512 reports: a state
// machine and a function it invokes that refers back to it, or a state
// machine that starts itself.
func sfnCycle(c *Context, loop []depEdge) bool {
	if len(loop) == 1 {
		return loop[0].from.Kind == "stateMachine" && strings.Contains(loop[0].via, "states")
	}
	if len(loop) != 2 {
		return false
	}
	for i, e := range loop {
		back := loop[1-i]
		if e.from.Kind == "stateMachine" && e.to.Kind == "function" && strings.HasPrefix(e.via, "states") &&
			(strings.HasPrefix(back.via, "access") || strings.HasPrefix(back.via, "env")) && strings.HasPrefix(back.path, "functions.") {
			return true
		}
	}
	return false
}

// selfAdvice says what to write instead of a reference to oneself.
func selfAdvice(e depEdge) string {
	via := strings.TrimPrefix(e.via, "defaults.function.")
	switch {
	case e.from.Kind == "function" && strings.HasPrefix(via, "env"):
		return "a function's own name is in AWS_LAMBDA_FUNCTION_NAME at run time: drop the variable"
	case e.from.Kind == "function" && strings.HasPrefix(via, "async"):
		return "send the invocation records to a queue or topic, and consume that"
	case e.from.Kind == "function":
		return "to run again, let the function send the work to a queue it consumes (an sqs event)"
	}
	return "remove the reference"
}

// display names a resource for a person: "function f", "REST API orders".
func display(r schema.Ref) string {
	names := map[string]string{"api": "REST API", "httpApi": "HTTP API", "stateMachine": "state machine", "resource": "resource"}
	return cmp.Or(names[r.Kind], r.Kind) + " " + r.Name
}
