package review

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/policies"
)

// RoleDelta is what one role gains and loses.
type RoleDelta struct {
	Role string `json:"role"`
	// For is the resource SAM generates the role for, if it does.
	For string `json:"for,omitempty"`
	// New and Deleted mark a role that only one side has.
	New     bool          `json:"new,omitempty"`
	Deleted bool          `json:"deleted,omitempty"`
	Added   []GrantChange `json:"added,omitempty"`
	Removed []GrantChange `json:"removed,omitempty"`
}

// GrantChange is a grant added or removed. Widens says how an added one
// widens the role ("new service sqs", "all resources"); "" when it does
// not.
type GrantChange struct {
	Action   string `json:"action"`
	Resource string `json:"resource"`
	Source   string `json:"source"`
	Widens   string `json:"widens,omitempty"`
}

// Widening reports whether the delta widens a role.
func (d RoleDelta) Widening() bool {
	return slices.ContainsFunc(d.Added, func(g GrantChange) bool { return g.Widens != "" })
}

// roleDeltas compares the roles of two templates.
func roleDeltas(base, head map[string]*Role) []RoleDelta {
	var out []RoleDelta
	ids := slices.Sorted(maps.Keys(maps.Collect(func(yield func(string, bool) bool) {
		for id := range base {
			yield(id, true)
		}
		for id := range head {
			yield(id, true)
		}
	})))
	for _, id := range ids {
		b, h := base[id], head[id]
		d := RoleDelta{Role: id, New: b == nil, Deleted: h == nil}
		if h != nil {
			d.For = h.For
		} else {
			d.For = b.For
		}
		had, has := grantSet(b), grantSet(h)
		services := map[string]bool{}
		for _, g := range had {
			services[service(g.Action)] = true
		}
		for _, k := range slices.Sorted(maps.Keys(has)) {
			if _, ok := had[k]; ok {
				continue
			}
			g := has[k]
			d.Added = append(d.Added, GrantChange{g.Action, g.Resource, g.Source, widens(g, b == nil, services)})
		}
		for _, k := range slices.Sorted(maps.Keys(had)) {
			if _, ok := has[k]; !ok {
				g := had[k]
				d.Removed = append(d.Removed, GrantChange{Action: g.Action, Resource: g.Resource, Source: g.Source})
			}
		}
		if len(d.Added)+len(d.Removed) > 0 {
			out = append(out, d)
		}
	}
	return out
}

func grantSet(r *Role) map[string]Grant {
	m := map[string]Grant{}
	if r == nil {
		return m
	}
	for _, g := range r.Grants {
		if _, ok := m[g.key()]; !ok {
			m[g.key()] = g
		}
	}
	return m
}

func service(action string) string {
	s, _, _ := strings.Cut(action, ":")
	return strings.ToLower(s)
}

// widens says how an added grant widens its role: a managed policy, a
// wildcard action, all resources or a wildcard in a resource's ARN (a
// trailing /* or :* under one named resource aside: its objects, its
// versions), a service the role did not use. A new role is judged by its
// wildcards alone, and not for the managed policies SAM attaches to every
// function role for its logging, tracing and VPC access (for logging, not
// on an existing role either: every function role starts with it).
func widens(g Grant, newRole bool, services map[string]bool) string {
	var why []string
	switch {
	case g.Managed == "AWSLambdaBasicExecutionRole",
		newRole && (g.Managed == "AWSXrayWriteOnlyAccess" || g.Managed == "AWSLambdaVPCAccessExecutionRole"):
		return ""
	case g.Action == ManagedPolicy:
		if policies.FullAccess(g.Resource) {
			return "full-access managed policy"
		}
		return "managed policy"
	}
	if strings.Contains(g.Action, "*") {
		why = append(why, "wildcard action")
	}
	if g.Resource == "*" {
		why = append(why, "all resources")
	} else if strings.Contains(trimWildSuffix(g.Resource), "*") {
		why = append(why, "wildcard resource")
	}
	if !newRole && !services[service(g.Action)] {
		why = append(why, "new service "+service(g.Action))
	}
	return strings.Join(why, ", ")
}

func trimWildSuffix(r string) string {
	for _, s := range []string{"/*", ":*"} {
		if t, ok := strings.CutSuffix(r, s); ok {
			return t
		}
	}
	return r
}
