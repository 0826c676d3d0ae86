package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// conditions renders the Conditions section.
func (b *builder) conditions() {
	if len(b.app.Conditions) == 0 {
		return
	}
	b.t.Conditions = map[string]any{}
	cond := func(r schema.Ref) any { return map[string]any{"Condition": schema.ConditionID(r.Name)} }
	conds := func(rs []schema.Ref) []any {
		var out []any
		for _, r := range rs {
			out = append(out, cond(r))
		}
		return out
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Conditions)) {
		c := b.app.Conditions[name]
		path := "conditions." + name
		var v any
		switch {
		case c.Equals != nil:
			var args []any
			for i, e := range c.Equals {
				args = append(args, b.value(fmt.Sprintf("%s.equals[%d]", path, i), e, ""))
			}
			v = map[string]any{"Fn::Equals": args}
		case c.Not != nil:
			v = map[string]any{"Fn::Not": []any{cond(*c.Not)}}
		case c.And != nil:
			v = map[string]any{"Fn::And": conds(c.And)}
		case c.Or != nil:
			v = map[string]any{"Fn::Or": conds(c.Or)}
		default:
			b.errf(path, "no condition")
			continue
		}
		b.t.Conditions[schema.ConditionID(name)] = v
	}
}

// resourceConditions gives every resource the condition of what it comes
// from: a declared resource its own, a resource samgen makes for one (a
// log group, a permission, a queue policy) that of its owner, which it
// refers to. It also records the condition of the IDs SAM will add, for
// conditionalDeliveries.
func (b *builder) resourceConditions() {
	byPath := map[string]string{}
	for _, c := range b.app.Conditionals() {
		byPath[c.Path] = schema.ConditionID(c.Condition.Name)
	}
	b.conditionOf = map[string]string{}
	for id, os := range b.owners {
		for _, o := range os {
			if c := byPath[declaration(o.path)]; c != "" {
				b.conditionOf[id] = c
			}
		}
	}
	for id, res := range b.t.Resources {
		if c := b.conditionOf[id]; c != "" && res.Condition == "" {
			res.Condition = c
		}
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Outputs)) {
		if c := b.app.Outputs[name].Condition; c != nil {
			b.t.Outputs[schema.OutputID(name)].(map[string]any)["Condition"] = schema.ConditionID(c.Name)
		}
	}
}

// declaration returns the path of the declaration a spec path is in: its
// first two selectors ("functions.x.events.y" → "functions.x").
func declaration(path string) string {
	first, rest, _ := strings.Cut(path, ".")
	name, _, _ := strings.Cut(rest, ".")
	return first + "." + name
}

// conditionalDeliveries keeps the template valid when a sender exists only
// under a condition: a queue or topic policy statement scoped to a
// conditional sender is included only when that sender exists.
func (b *builder) conditionalDeliveries() {
	cond := b.conditionOf
	for _, id := range slices.Sorted(maps.Keys(b.t.Resources)) {
		res := b.t.Resources[id]
		if res.Type != "AWS::SQS::QueuePolicy" && res.Type != "AWS::SNS::TopicPolicy" {
			continue
		}
		// Raw resources of these types are the user's, and are left as
		// given: only samgen's policies have the shape looked at here.
		doc, _ := res.Properties["PolicyDocument"].(map[string]any)
		stmts, _ := doc["Statement"].([]any)
		if len(stmts) == 0 {
			continue
		}
		conds := make([]string, len(stmts))
		for i, st := range stmts {
			conds[i] = cond[intrinsicID(sourceArn(st))]
		}
		if c := conds[0]; c != "" && res.Condition == "" && !slices.ContainsFunc(conds, func(o string) bool { return o != c }) {
			// Every sender has the same condition: so has the policy,
			// which would otherwise be empty without them.
			res.Condition = c
			continue
		}
		for i, c := range conds {
			if c != "" && c != res.Condition {
				stmts[i] = cfn.If(c, stmts[i], cfn.NoValue())
			}
		}
	}
}

// sourceArn returns the aws:SourceArn a generated statement is scoped to.
func sourceArn(stmt any) any {
	v := stmt
	for _, k := range []string{"Condition", "ArnEquals", "aws:SourceArn"} {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// intrinsicID returns the logical ID a !Ref or !GetAtt names, or "".
func intrinsicID(v any) string {
	m, _ := v.(map[string]any)
	switch x := m["Fn::GetAtt"].(type) {
	case []any:
		s, _ := x[0].(string)
		return s
	}
	s, _ := m["Ref"].(string)
	return s
}
