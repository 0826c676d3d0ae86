package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/cfnschema"
	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

func (b *builder) rawResources() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Resources)) {
		r := b.app.Resources[name]
		path := "resources." + name
		var props map[string]any
		for _, k := range slices.Sorted(maps.Keys(r.Properties)) {
			v := b.document(path+".properties."+schema.Label(k), r.Properties[k], slices.Contains(nullsMean[r.Type], k))
			if v == nil {
				continue
			}
			if props == nil {
				props = map[string]any{}
			}
			props[k] = v
		}
		// sam package reads a raw resource's local paths from the
		// template's directory, as it does the sources samgen renders.
		for _, lp := range r.LocalPaths() {
			if p := b.local(lp.Path); p != lp.Path {
				props = withProperty(props, strings.Split(lp.Prop, "."), p)
			}
		}
		res := &Resource{
			Type:                r.Type,
			Properties:          props,
			DeletionPolicy:      r.DeletionPolicy,
			UpdateReplacePolicy: r.UpdateReplacePolicy,
		}
		b.resourceAttributes(res, path, r.Resource, nil)
		b.add(schema.LogicalID(r.Ref), path, "", res)
	}
}

// withProperty returns props with the value at the dotted property path
// keys set to v, copying the maps on the way rather than changing them.
func withProperty(props map[string]any, keys []string, v any) map[string]any {
	out := maps.Clone(props)
	if len(keys) == 1 {
		out[keys[0]] = v
		return out
	}
	inner, _ := out[keys[0]].(map[string]any)
	out[keys[0]] = withProperty(inner, keys[1:], v)
	return out
}

// nullsMean are the properties of raw resources, by type, whose nulls
// mean something and are written: a state machine's definition (ASL's
// "ResultPath": null discards the result) and a rule's event pattern.
var nullsMean = map[string][]string{
	"AWS::Serverless::StateMachine":    {"Definition"},
	"AWS::StepFunctions::StateMachine": {"Definition"},
	"AWS::Events::Rule":                {"EventPattern"},
}

// overrides merges the spec's property overrides into the resources
// samgen renders. Each is checked against the property schema of its
// resource's type (SG731) and against the IAM samgen derives (SG732), and
// listed (SG716); an acknowledgement of discarded IAM that matches no
// override is SG733.
func (b *builder) overrides() {
	raw := map[string]string{}
	for name, r := range b.app.Resources {
		raw[schema.LogicalID(r.Ref)] = name
	}
	acknowledged := map[[2]string]bool{}
	for _, id := range slices.Sorted(maps.Keys(b.app.Overrides)) {
		res, ok := b.t.Resources[id]
		if !ok {
			msg := fmt.Sprintf("no resource samgen renders has logical ID %s", id)
			if s := didyoumean.Suggest(id, slices.Collect(maps.Keys(b.t.Resources))); s != "" {
				msg += fmt.Sprintf("; did you mean %s?", s)
			}
			b.report("SG715", "overrides."+id, "%s", msg)
			continue
		}
		if name, ok := raw[id]; ok {
			b.report("SG731", "overrides."+id, "%s is the raw resource resources.%s: give the property in its properties", id, schema.Label(name))
			continue
		}
		if res.Properties == nil {
			res.Properties = map[string]any{}
		}
		paths := slices.Sorted(maps.Keys(b.app.Overrides[id]))
		_, role := b.app.Overrides[id]["Role"]
		// Sorted, the paths inside one come right after it (a path's
		// characters sort after the dot).
		outer := ""
		for _, p := range paths {
			at := "overrides." + id + "." + schema.Label(p)
			if outer != "" && strings.HasPrefix(p, outer+".") {
				b.report("SG731", at, "%s is inside %s of %s, which is overridden whole too; give one of them", p, outer, id)
				continue
			}
			outer = p
			if role && withRole(res.Type) && (p == "Policies" || strings.HasPrefix(p, "Policies.")) {
				// SAM ignores a function's Policies beside a Role and
				// rejects a state machine's.
				b.report("SG731", at, "%s takes no Policies beside a Role: give the role its policies", id)
				continue
			}
			if acked, ok := b.override(id, res, p, at); ok {
				acknowledged[[2]string{id, p}] = acked
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(b.app.DiscardsIAM)) {
		for _, p := range slices.Sorted(maps.Keys(b.app.DiscardsIAM[id])) {
			if !acknowledged[[2]string{id, p}] {
				b.report("SG733", "discardsIAM."+id+"."+schema.Label(p), "no override of %s discards IAM samgen derives at %s; remove the acknowledgement", id, p)
			}
		}
	}
}

// override applies the override of property path p of resource id, at spec
// path at, once it fits. It reports whether the override discards derived
// IAM with an acknowledgement, and whether it was applied.
func (b *builder) override(id string, res *Resource, p, at string) (acked, applied bool) {
	keys := strings.Split(p, ".")
	v := b.document(at, b.app.Overrides[id][p], false)
	problems := cfnschema.CheckProperty(res.Type, keys, v)
	for _, pr := range problems {
		where := at
		for _, k := range pr.At {
			if strings.HasPrefix(k, "[") {
				where += k
			} else {
				where += "." + schema.Label(k)
			}
		}
		b.report("SG731", where, "%s", pr.Message)
	}
	if len(problems) > 0 {
		return false, false
	}
	old, found := res.Properties[keys[0]]
	where := ""
	if !found {
		// A property samgen puts in Globals applies to the resource too;
		// SAM takes the resource's own over it.
		section, _ := b.t.Globals[strings.TrimPrefix(res.Type, "AWS::Serverless::")].(map[string]any)
		if old, found = section[keys[0]]; found {
			where = " in Globals"
		}
	}
	for i, k := range keys[1:] {
		m, ok := old.(map[string]any)
		if found && (!ok || cfn.IsIntrinsic(old)) {
			whole := strings.Join(keys[:i+1], ".")
			b.report("SG731", at, "samgen renders %s of %s as %s: override %s whole", whole, id, renderedAs(old), whole)
			return false, false
		}
		old, found = m[k]
	}
	reason, ok := b.app.DiscardsIAM[id][p]
	if what := discardsIAM(res, keys, found); what != "" {
		if !ok {
			b.report("SG732", at, "overriding %s of %s discards %s; acknowledge it with a reason (discardsIAM: %s: %s: \"...\")", p, id, what, id, schema.Label(p))
			return false, false
		}
		b.report("SG716", at, "overrides property %s of %s, discarding %s: %s", p, id, what, reason)
		acked = true
	} else if found {
		b.report("SG716", at, "overrides property %s of %s, replacing what samgen renders%s", p, id, where)
	} else {
		b.report("SG716", at, "overrides property %s of %s", p, id)
	}
	setPath(res.Properties, keys, v)
	if p == "Role" && withRole(res.Type) {
		// The derived policies were for the role SAM no longer generates,
		// and a reference to that role now names nothing (SG022).
		delete(res.Properties, "Policies")
		role := schema.RoleID(id)
		b.replacedRoles[role] = id
		if b.owners[role] = slices.DeleteFunc(b.owners[role], func(o owner) bool { return o.sam }); len(b.owners[role]) == 0 {
			delete(b.owners, role)
		}
	}
	return acked, true
}

// withRole reports a SAM type whose Role replaces the role SAM generates
// from its Policies.
func withRole(typ string) bool {
	return typ == "AWS::Serverless::Function" || typ == "AWS::Serverless::StateMachine"
}

// derivedIAM lists, per type of resource samgen renders, the properties
// holding IAM that samgen derives from the spec: roles and their policies,
// the resource policies that let services deliver, permissions. An
// override of one discards what samgen derived there.
var derivedIAM = map[string][]string{
	"AWS::Serverless::Function":     {"Policies", "Role"},
	"AWS::Serverless::StateMachine": {"Policies", "Role"},
	"AWS::IAM::Role":                {"AssumeRolePolicyDocument", "ManagedPolicyArns", "Policies"},
	"AWS::SQS::QueuePolicy":         {"PolicyDocument", "Queues"},
	"AWS::SNS::TopicPolicy":         {"PolicyDocument", "Topics"},
	"AWS::Lambda::Permission":       {"Action", "FunctionName", "Principal", "SourceAccount", "SourceArn"},
}

// discardsIAM says what an override of the property at path of res
// discards of the IAM samgen derives, or "" when it discards none: a
// function's or a state machine's Role replaces the role SAM generates for
// it; an override under a property listed in derivedIAM replaces what
// samgen rendered there (found), and only adds where samgen rendered
// nothing.
func discardsIAM(res *Resource, path []string, found bool) string {
	switch {
	case !slices.Contains(derivedIAM[res.Type], path[0]):
		return ""
	case len(path) == 1 && path[0] == "Role" && withRole(res.Type):
		return "the role SAM generates for it and every grant samgen derives for it"
	case found:
		return "the " + strings.Join(path, ".") + " samgen derives"
	}
	return ""
}

// renderedAs names what samgen rendered where an override expects an
// object.
func renderedAs(v any) string {
	switch x := v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		for k := range x {
			return "an expression (" + k + ")"
		}
	case string:
		return "a string"
	}
	return "a value"
}

// setPath sets m[k0][k1]...= v, creating (or replacing non-map values with)
// maps on the way.
func setPath(m map[string]any, keys []string, v any) {
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}
