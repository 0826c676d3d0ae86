package lint

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

func init() {
	register(
		Rule{ID: "SG601", Severity: Error, Check: wildcardActions,
			Summary: "a statement's action holds a wildcard",
			Doc:     "`s3:*` or `dynamodb:Get*` grants actions nobody reviewed, including ones AWS adds later. List the actions the code calls, or acknowledge the wildcard with a reason: `wildcards: \"logs:*\": \"why\"`; vet shows every acknowledgement."},
		Rule{ID: "SG602", Severity: Error, Check: wildcardResources,
			Summary: "a statement's resource holds a wildcard",
			Doc:     "`Resource: \"*\"` or an ARN with `*` grants the actions on resources the spec does not name. Use a ref or a full ARN, or acknowledge the wildcard with a reason: `wildcards: \"arn:aws:s3:::logs-*\": \"why\"`."},
		Rule{ID: "SG603", Severity: Error, Check: wildcardTemplates,
			Summary: "a policy template grants more than the resources it names",
			Doc:     "24 of SAM's 81 policy templates grant `Resource: \"*\"`, others a wildcard action or an ARN prefix (`function:NAME*`), and a `*` given as a parameter widens any of them. `samgen policies NAME` shows what a template grants. Prefer an access verb or a scoped statement, or acknowledge the template with a reason: `wildcards: CloudWatchPutMetricPolicy: \"why\"`."},
		Rule{ID: "SG604", Severity: Error, Check: fullAccess,
			Summary: "a managed policy grants full access",
			Doc:     "AdministratorAccess, PowerUserAccess, IAMFullAccess and the *FullAccess managed policies grant every action of a service (or of the account) on every resource. Use access verbs, policy templates or statements, or acknowledge the policy with a reason: `wildcards: AmazonS3FullAccess: \"why\"`."},
		Rule{ID: "SG605", Severity: Error, Check: templateParams,
			Summary: "a policy template parameter or statement resource does not fit",
			Doc:     "Each parameter takes a name, an ARN or an ID (`samgen policies NAME` says which): an ARN parameter takes \"arn:...\" or a ref, a name parameter no ARN, and a ref must be of the kind the parameter names (a QueueName takes a queue). Each entry of `policies` names one template. A function's policies cannot name the function itself: its role would depend on the function that depends on it."},
		Rule{ID: "SG606", Severity: Error, Check: invokers,
			Summary: "an invoker needs a principal and, for a service, a source condition",
			Doc:     "A service principal alone lets the service invoke the function on behalf of any account's resource (the confused deputy). Give `sourceArn` (the bucket, topic or rule that invokes) or `account` (the source's owner) with every `service`; an `account` alone is a cross-account principal. Each invoker's permission is named <Function><Key>InvokePermission, which must not be the name SAM gives an event's permission (<Function><Event>Permission)."},
		Rule{ID: "SG607", Severity: Warning, Check: staleWildcards,
			Summary: "a wildcard acknowledgement matches nothing",
			Doc:     "Each key of `wildcards` must be a wildcard action or resource of the function's statements, a policy template it uses, or a managed policy it attaches. A stale acknowledgement would silently cover a later wildcard."},
	)
}

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
				if str, ok := r.(string); ok && strings.ContainsAny(str, "*?") {
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
					if s, ok := entry[tn][param].(string); ok && strings.Contains(s, "*") {
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
		for i, m := range fn.ManagedPolicies {
			if policies.FullAccess(m) {
				c.acknowledge(fn, m, fmt.Sprintf("%s.managedPolicies[%d]", path, i), "managed policy %s grants full access", m)
			}
		}
	})
}

func templateParams(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		self := func(v any) bool {
			r, ok := schema.AsRef(v)
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
		for i, s := range fn.Statements {
			for j, r := range s.Resources {
				rp := fmt.Sprintf("%s.statements[%d].resources[%d]", path, i, j)
				ref, ok := schema.AsRef(r)
				switch {
				case !ok:
					if str, _ := r.(string); str != "*" && !strings.HasPrefix(str, "arn:") {
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
		// The IDs SAM gives the permissions it makes for events: the
		// function's ID, the event's name as written, "Permission".
		ids := map[string]string{}
		for ev := range fn.Events {
			ids[schema.LogicalID(fn.Ref)+ev+"Permission"] = "event " + ev
		}
		for _, k := range slices.Sorted(maps.Keys(fn.Invokers)) {
			inv := fn.Invokers[k]
			p := path + ".invokers." + k
			id := schema.InvokerID(fn.Ref, k)
			if other, dup := ids[id]; dup {
				c.Report(p, "invoker %s and %s both have the logical ID %s; rename one of them", k, other, id)
			}
			ids[id] = "invoker " + k
			switch {
			case inv.Service == "" && inv.Account == "":
				c.Report(p, "invoker %s names no principal: give a service or an account", k)
			case inv.Service != "" && inv.Account == "" && inv.SourceArn == nil:
				c.Report(p+".service", "service %s may invoke on behalf of any account: scope it with sourceArn or account", inv.Service)
			case inv.Service == "" && inv.SourceArn != nil:
				c.Report(p+".sourceArn", "sourceArn applies to a service principal: give the service that invokes")
			}
			if r, ok := schema.AsRef(inv.SourceArn); ok {
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
				if str, ok := r.(string); ok {
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
			used[m] = true
		}
		for _, k := range slices.Sorted(maps.Keys(fn.Wildcards)) {
			if !used[k] {
				c.Report(fmt.Sprintf("%s.wildcards.%q", path, k), "%q is not a statement action or resource, policy template or managed policy of function %s", k, name)
			}
		}
	})
}
