package checks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// acknowledge records a wildcard finding, acknowledged when the function's
// `wildcards` has a reason for what.
func (c *Context) acknowledge(fn schema.Function, what, path, format string, args ...any) {
	c.Report(path, format, args...)
	if reason := fn.Wildcards[what]; reason != "" {
		c.diags[len(c.diags)-1].Silenced = reason
	}
}

func wildcardActions(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, s := range fn.Statements {
			for j, a := range s.Actions {
				if strings.ContainsAny(a, "*?") {
					c.acknowledge(fn, a, fmt.Sprintf("%s.statements[%d].actions[%d]", path, i, j),
						"action %q holds a wildcard", a)
				}
			}
		}
	})
}

func wildcardResources(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, s := range fn.Statements {
			for j, r := range s.Resources {
				if str, ok := r.Template(); ok && strings.ContainsAny(str, "*?") {
					c.acknowledge(fn, str, fmt.Sprintf("%s.statements[%d].resources[%d]", path, i, j),
						"resource %q holds a wildcard", str)
				}
			}
		}
	})
}

func wildcardTemplates(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, entry := range fn.Policies {
			for _, tn := range slices.Sorted(maps.Keys(entry)) {
				t, ok := policies.Lookup(tn)
				if !ok {
					continue // CUE reported it
				}
				p := fmt.Sprintf("%s.policies[%d].%s", path, i, tn)
				reasons := t.Wildcards()
				for _, param := range slices.Sorted(maps.Keys(entry[tn])) {
					if s, ok := entry[tn][param].Template(); ok && strings.Contains(s, "*") {
						reasons = append(reasons, fmt.Sprintf("parameter %s %q", param, s))
					}
				}
				if len(reasons) > 0 {
					c.acknowledge(fn, tn, p, "policy template %s is not scoped to the resources it names: %s", tn, strings.Join(reasons, ", "))
				}
			}
		}
	})
}

func fullAccess(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, v := range fn.ManagedPolicies {
			if m, ok := v.Template(); ok && policies.FullAccess(m) {
				c.acknowledge(fn, m, fmt.Sprintf("%s.managedPolicies[%d]", path, i), "managed policy %s grants full access", m)
			}
		}
	})
}

func templateParams(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		self := func(v schema.Value) bool {
			r, _, ok := v.Ref()
			return ok && r.Is(fn.Ref)
		}
		for i, entry := range fn.Policies {
			if len(entry) != 1 {
				c.Report(fmt.Sprintf("%s.policies[%d]", path, i), "a policies entry names exactly one template, found %d", len(entry))
			}
			for _, tn := range slices.Sorted(maps.Keys(entry)) {
				t, ok := policies.Lookup(tn)
				if !ok {
					continue
				}
				p := fmt.Sprintf("%s.policies[%d].%s", path, i, tn)
				_, problems := policies.Args(c.App, t, entry[tn])
				for _, param := range slices.Sorted(maps.Keys(entry[tn])) {
					switch {
					case problems[param] != "":
						c.Report(p+"."+param, "%s", problems[param])
					case self(entry[tn][param]):
						c.Report(p+"."+param, "%s refers to function %s itself, a circular dependency: give its name as a string", param, name)
					}
				}
			}
		}
		for i, m := range fn.ManagedPolicies {
			if r, attr, ok := m.Ref(); ok {
				if attr == "" {
					attr = schema.AttrArn
				}
				if _, err := c.App.Resolve(r, attr); err != nil {
					c.Report(fmt.Sprintf("%s.managedPolicies[%d]", path, i), "%v", err)
				}
			}
		}
		for i, s := range fn.Statements {
			for j, r := range s.Resources {
				rp := fmt.Sprintf("%s.statements[%d].resources[%d]", path, i, j)
				ref, _, ok := r.Ref()
				switch {
				case !ok:
					// A !Sub may start with a variable ("${Uploads.Arn}/*").
					if str, lit := r.Template(); lit && str != "*" && !strings.HasPrefix(str, "arn:") && !strings.HasPrefix(str, "${") {
						c.Report(rp, "resource %q is not an ARN: give an ARN (arn:...) or a ref", str)
					}
				case ref.Is(fn.Ref):
					c.Report(rp, "a statement of function %s cannot name the function itself, a circular dependency: give its ARN as a string", name)
				default:
					if _, err := c.App.Resolve(ref, schema.AttrArn); err != nil {
						c.Report(rp, "%v", err)
					}
				}
			}
		}
	})
}

func invokers(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, k := range slices.Sorted(maps.Keys(fn.Invokers)) {
			inv := fn.Invokers[k]
			p := path + ".invokers." + k
			switch {
			case inv.Service == "" && inv.Account.IsZero():
				c.Report(p, "invoker %s names no principal: give a service or an account", k)
			case inv.Service != "" && inv.Account.IsZero() && inv.SourceArn.IsZero():
				c.Report(p+".service", "service %s may invoke on behalf of any account: scope it with sourceArn or account", inv.Service)
			case inv.Service == "" && !inv.SourceArn.IsZero():
				c.Report(p+".sourceArn", "sourceArn applies to a service principal: give the service that invokes")
			}
			if r, _, ok := inv.SourceArn.Ref(); ok {
				if _, err := c.App.Resolve(r, schema.AttrArn); err != nil {
					c.Report(p+".sourceArn", "%v", err)
				}
			}
		}
	})
}

func staleWildcards(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		used := map[string]bool{}
		for _, s := range fn.Statements {
			for _, a := range s.Actions {
				used[a] = true
			}
			for _, r := range s.Resources {
				if str, ok := r.Template(); ok {
					used[str] = true
				}
			}
		}
		for _, entry := range fn.Policies {
			for tn := range entry {
				used[tn] = true
			}
		}
		for _, m := range fn.ManagedPolicies {
			if s, ok := m.Template(); ok {
				used[s] = true
			}
		}
		for _, k := range slices.Sorted(maps.Keys(fn.Wildcards)) {
			if !used[k] {
				c.Report(fmt.Sprintf("%s.wildcards.%q", path, k), "%q is not a statement action or resource, policy template or managed policy of function %s", k, name)
			}
		}
	})
}

func proxyInVPC(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e := schema.Effective(c.App.Defaults.Function, fn.FunctionSettings)
		if e.VPC != nil {
			return
		}
		for i, a := range fn.Access {
			if a.Connect != nil && a.Connect.Kind == "proxy" {
				c.Report(fmt.Sprintf("%s.access[%d].connect", path, i),
					"function %s connects to RDS Proxy %s but is not in a VPC; set vpc (here or in defaults.function)", name, a.Connect.Name)
			}
		}
	})
}

// templateKeys: a policy template that reads or writes data under a
// customer managed key, in a role that may not use the key. S3, Kinesis,
// SQS, SNS and DynamoDB then refuse every call the template allows. A managed policy may grant
// the key: samgen cannot see into it, so a function with one is not
// checked.
func templateKeys(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if len(fn.ManagedPolicies) > 0 {
			return
		}
		var pols []policies.Sourced
		for i, entry := range fn.Policies {
			for _, tn := range slices.Sorted(maps.Keys(entry)) {
				use, ok := policies.TemplateKeyUse(tn)
				if !ok {
					continue
				}
				r, _, ok := entry[tn][use.Param].Ref()
				if !ok {
					continue
				}
				d, _ := c.App.Decl(r)
				if d.Key == nil {
					continue
				}
				if pols == nil {
					pols, _ = policies.ForFunction(c.App, fn)
				}
				var missing []string
				for _, act := range use.Actions {
					if !policies.Allows(c.App, pols, act, *d.Key) {
						missing = append(missing, act)
					}
				}
				if len(missing) == 0 {
					continue
				}
				c.Report(fmt.Sprintf("%s.policies[%d].%s.%s", path, i, tn, use.Param),
					"%s %s is encrypted with key %s, which function %s may not use (no %s): every call %s allows fails with AccessDenied; use access %s on the %s, which grants the key too",
					r.Kind, r.Name, d.Key.Name, name, strings.Join(missing, ", "), tn, use.Verb, r.Kind)
			}
		}
	})
}
