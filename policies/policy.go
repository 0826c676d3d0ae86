// Package policies turns declared access into least-privilege IAM: SAM
// policy templates where one grants exactly what was declared, scoped
// inline statements where none does.
package policies

import (
	"reflect"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// Policy is one entry of a SAM `Policies` list. Exactly one field is set.
type Policy struct {
	// Template names a SAM policy template; Params are its parameters as
	// CloudFormation values.
	Template string
	Params   map[string]any
	// Managed is an AWS managed policy name or ARN, a CloudFormation value;
	// nil for other policies.
	Managed any
	// Statement is an inline statement.
	Statement *Statement
}

// Statement is an IAM policy statement. Resources are CloudFormation values
// (strings or intrinsics).
type Statement struct {
	Sid       string         `json:"Sid,omitempty"`
	Effect    string         `json:"Effect"`
	Action    []string       `json:"Action"`
	Resource  []any          `json:"Resource"`
	Condition map[string]any `json:"Condition,omitempty"`
}

// Allow returns an Allow statement.
func Allow(actions []string, resources ...any) *Statement {
	return &Statement{Effect: "Allow", Action: actions, Resource: resources}
}

// SAM renders p as an item of a SAM `Policies` list.
func (p Policy) SAM() any {
	switch {
	case p.Template != "":
		params := p.Params
		if params == nil {
			params = map[string]any{}
		}
		return map[string]any{p.Template: params}
	case p.Managed != nil:
		return p.Managed
	default:
		return map[string]any{"Version": "2012-10-17", "Statement": []any{p.Statement.JSON()}}
	}
}

// JSON renders s as a policy-document statement.
func (s *Statement) JSON() map[string]any {
	m := map[string]any{"Effect": s.Effect}
	if s.Sid != "" {
		m["Sid"] = s.Sid
	}
	acts := make([]any, len(s.Action))
	for i, a := range s.Action {
		acts[i] = a
	}
	m["Action"] = acts
	if len(s.Resource) == 1 {
		m["Resource"] = s.Resource[0]
	} else {
		m["Resource"] = s.Resource
	}
	if len(s.Condition) > 0 {
		m["Condition"] = s.Condition
	}
	return m
}

// Wildcards explains where p grants more than the resources it names: the
// catalogue's analysis for a SAM policy template ([Template.Wildcards]),
// the `*` actions and resources of an inline statement. A managed policy is
// judged by name elsewhere (full access), not here.
func (p Policy) Wildcards() []string {
	switch {
	case p.Template != "":
		t, _ := entry(p.Template) // Wildcards only reads it
		return t.Wildcards()
	case p.Statement != nil:
		return p.Statement.Wildcards()
	}
	return nil
}

// Wildcards lists the actions and resources of s that hold a `*`. An
// "<arn>:*" or "<arn>/..." beside "<arn>" selects parts of the one
// resource named (a function's versions and aliases, a bucket's objects,
// a table's indexes), not other resources, and is not listed.
func (s *Statement) Wildcards() []string {
	var out []string
	for _, a := range s.Action {
		if strings.Contains(a, "*") {
			out = append(out, "action "+a)
		}
	}
	for _, r := range s.Resource {
		str, ok := r.(string)
		if !ok || !strings.Contains(str, "*") {
			continue
		}
		if slices.ContainsFunc(s.Resource, func(o any) bool {
			base, ok := o.(string)
			rest, within := strings.CutPrefix(str, base)
			return ok && base != str && !strings.Contains(base, "*") && within && (rest == ":*" || strings.HasPrefix(rest, "/"))
		}) {
			continue
		}
		out = append(out, "resource "+str)
	}
	return out
}

// Allows reports whether pols allow action on the resource r names: on
// its ARN, on every resource, or on an ARN a template builds from its name
// or ID (KMSDecryptPolicy's key/${keyId}). A condition is taken to hold.
func Allows(a *schema.App, pols []Sourced, action string, r schema.Ref) bool {
	arn, _ := a.Resolve(r, schema.AttrArn)
	name, _ := a.Resolve(r, schema.AttrName)
	for _, p := range pols {
		ss, err := p.Policy.Statements()
		if err != nil {
			continue
		}
		for _, s := range ss {
			if s.Effect != "Allow" || !slices.ContainsFunc(s.Action, func(act string) bool { return WildcardMatch(strings.ToLower(act), strings.ToLower(action)) }) {
				continue
			}
			for _, res := range s.Resource {
				if res == "*" || reflect.DeepEqual(res, arn) || builtFrom(res, name) {
					return true
				}
			}
		}
	}
	return false
}

// builtFrom reports whether res is an Fn::Sub one of whose variables is v.
func builtFrom(res, v any) bool {
	m, ok := res.(map[string]any)
	if !ok || v == nil {
		return false
	}
	_, vars, ok := splitSub(m["Fn::Sub"])
	if !ok {
		return false
	}
	for _, x := range vars {
		if reflect.DeepEqual(x, v) {
			return true
		}
	}
	return false
}

// WildcardMatch matches s against an IAM pattern with the wildcards * and
// ? (an action or a resource; IAM compares actions case-insensitively,
// which is the caller's to do).
func WildcardMatch(pattern, s string) bool {
	if pattern == s {
		return true
	}
	if !strings.ContainsAny(pattern, "*?") {
		return false
	}
	p, q := []rune(pattern), []rune(s)
	var match func(i, j int) bool
	memo := map[[2]int]bool{}
	match = func(i, j int) bool {
		if i == len(p) {
			return j == len(q)
		}
		k := [2]int{i, j}
		if v, ok := memo[k]; ok {
			return v
		}
		var ok bool
		switch p[i] {
		case '*':
			ok = match(i+1, j) || (j < len(q) && match(i, j+1))
		case '?':
			ok = j < len(q) && match(i+1, j+1)
		default:
			ok = j < len(q) && p[i] == q[j] && match(i+1, j+1)
		}
		memo[k] = ok
		return ok
	}
	return match(0, 0)
}
