package render

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// Values of the spec become CloudFormation here, and only here: a value
// field through value (a list field through list), a JSON document of the
// spec (raw properties, overrides, event patterns, filter policies)
// through document. All three render references as the intrinsics they
// stand for, honouring pinned logical IDs, and record the names the
// result refers to, so idFindings can check them (SG022) once every
// logical ID of the template is known.

// valueError records why a value at path could not be rendered: a
// reference to nothing declared is SG714's finding (checks report it at
// the reference), any other a finding of its own (SG030).
func (b *builder) valueError(path string, err error) {
	if errors.As(err, new(schema.UndeclaredError)) {
		b.errf(path, "%v", err)
		return
	}
	b.report("SG030", path, "%v", err)
}

// value renders v, the value of a field at path; attr is the attribute a
// reference renders when it chooses none ("" for its kind's default).
func (b *builder) value(path string, v schema.Value, attr string) any {
	out, err := b.app.ResolveValue(v, attr)
	if err != nil {
		b.valueError(path, err)
		return ""
	}
	b.uses(path, out)
	return out
}

// optional renders v, or returns nil when it is unset.
func (b *builder) optional(path string, v schema.Value, attr string) any {
	if v.IsZero() {
		return nil
	}
	return b.value(path, v, attr)
}

// list renders a list field: its items, or the one expression standing
// for the whole list.
func (b *builder) list(path string, l schema.ListValue, attr string) any {
	out, err := b.app.ResolveList(l, attr)
	if err != nil {
		b.valueError(path, err)
		return nil
	}
	b.uses(path, out)
	return out
}

// document renders a JSON document of the spec. keepNull keeps the nulls
// the document holds, where they mean something (ASL, event patterns);
// elsewhere CloudFormation takes none.
func (b *builder) document(path string, x any, keepNull bool) any {
	out, err := b.app.ResolveJSON(x)
	if err != nil {
		b.valueError(path, err)
		return nil
	}
	b.usesIn(path, out, false)
	if keepNull {
		return withNulls(out)
	}
	return out
}

// withNulls turns the nils of a decoded JSON value into written nulls.
func withNulls(x any) any {
	switch y := x.(type) {
	case nil:
		return Null{}
	case map[string]any:
		out := make(map[string]any, len(y))
		for k, v := range y {
			out[k] = withNulls(v)
		}
		return out
	case []any:
		out := make([]any, len(y))
		for i, v := range y {
			out[i] = withNulls(v)
		}
		return out
	}
	return x
}

// tags renders a tag map as a SAM resource takes it, a map.
func (b *builder) tags(path string, t schema.Tags) map[string]any {
	if len(t) == 0 {
		return nil
	}
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		out[k] = b.value(path+"."+schema.Label(k), t[k], "")
	}
	return out
}

// tagList renders tags as a CloudFormation resource takes them, a list of
// {Key, Value} sorted by key.
func (b *builder) tagList(path string, t schema.Tags) []any {
	if len(t) == 0 {
		return nil
	}
	var out []any
	for _, k := range slices.Sorted(maps.Keys(t)) {
		out = append(out, map[string]any{"Key": k, "Value": b.value(path+"."+schema.Label(k), t[k], "")})
	}
	return out
}

// nameUse is a name an intrinsic of the user's spec refers to: a logical
// ID, a parameter, a pseudo parameter or a condition.
type nameUse struct {
	path, name string
	// what is how the name is used: "Ref", "Fn::GetAtt", "Fn::Sub",
	// "Fn::If".
	what string
}

// uses records the names a rendered value at path refers to, each at the
// path of the intrinsic that names it.
func (b *builder) uses(path string, x any) { b.usesIn(path, x, true) }

// usesIn is uses; conditions tells whether the Fn::If conditions count
// (those of raw properties and overrides are SG714's).
func (b *builder) usesIn(path string, x any, conditions bool) {
	walkIntrinsics(path, x, nil, func(at, fn string, arg any, local map[string]bool) {
		add := func(name string) {
			if name != "" && !local[name] {
				b.names = append(b.names, nameUse{at, name, fn})
			}
		}
		switch fn {
		case "Ref":
			s, _ := arg.(string)
			add(s)
		case "Fn::GetAtt":
			switch a := arg.(type) {
			case []any:
				if len(a) > 0 {
					s, _ := a[0].(string)
					add(s)
				}
			case string:
				id, _, _ := strings.Cut(a, ".")
				add(id)
			}
		case "Fn::If":
			if a, ok := arg.([]any); ok && len(a) > 0 && conditions {
				s, _ := a[0].(string)
				add(s)
			}
		case "Fn::Sub":
			str, _ := arg.(string)
			if a, ok := arg.([]any); ok && len(a) > 0 {
				str, _ = a[0].(string)
			}
			for _, v := range schema.SubVariables(str) {
				add(v)
			}
		}
	})
}

// walkIntrinsics calls f for every intrinsic function in x, a value at
// path, with its own path and the variables the Fn::Sub it is in defines.
func walkIntrinsics(path string, x any, local map[string]bool, f func(at, fn string, arg any, local map[string]bool)) {
	switch y := x.(type) {
	case map[string]any:
		if len(y) == 1 {
			for fn, arg := range y {
				if fn != "Ref" && fn != "Condition" && !strings.HasPrefix(fn, "Fn::") {
					break
				}
				if a, ok := arg.([]any); ok && fn == "Fn::Sub" && len(a) == 2 {
					vars, _ := a[1].(map[string]any)
					inner := maps.Clone(local)
					if inner == nil {
						inner = map[string]bool{}
					}
					for k := range vars {
						inner[k] = true
					}
					f(path, fn, arg, inner)
					walkIntrinsics(path+"."+strconv.Quote(fn)+"[1]", a[1], local, f)
					return
				}
				f(path, fn, arg, local)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(y)) {
			walkIntrinsics(path+"."+schema.Label(k), y[k], local, f)
		}
	case []any:
		for i, e := range y {
			walkIntrinsics(path+"["+strconv.Itoa(i)+"]", e, local, f)
		}
	}
}

// resourceAttributes sets the resource attributes a declared resource gives itself:
// DependsOn, and Metadata (the spec's own merged over what samgen sets,
// such as BuildMethod).
func (b *builder) resourceAttributes(res *Resource, path string, r schema.Resource, metadata map[string]any) {
	b.attributes(res, path, r.Attributes)
	if len(r.Metadata) > 0 {
		if metadata == nil {
			metadata = map[string]any{}
		}
		m, _ := b.document(path+".metadata", r.Metadata, false).(map[string]any)
		maps.Copy(metadata, m)
	}
	if len(metadata) > 0 {
		res.Metadata = metadata
	}
}

// attributes sets the DependsOn of a resource: each entry a reference
// (the logical ID of what it names) or a logical ID of the template,
// checked with the other names (SG022).
func (b *builder) attributes(res *Resource, path string, a schema.Attributes) {
	for i, d := range a.DependsOn {
		p := path + ".dependsOn[" + strconv.Itoa(i) + "]"
		if r, _, ok := d.Ref(); ok {
			decl, declared := b.app.Decl(r)
			if !declared {
				b.errf(p, "no %s named %s is declared", r.Kind, r.Name)
				continue
			}
			res.DependsOn = append(res.DependsOn, schema.LogicalID(decl.Ref))
			continue
		}
		id, _ := d.Template()
		b.names = append(b.names, nameUse{p, id, "DependsOn"})
		res.DependsOn = append(res.DependsOn, id)
	}
}

// addDeclared adds the CloudFormation resource of type typ that a
// declaration at path renders: its properties, its tags (as the list
// CloudFormation resources take), its attributes and, when s is set, what
// keeps its data.
func (b *builder) addDeclared(typ, path string, r schema.Resource, s *schema.Stateful, tags schema.Tags, props map[string]any) {
	if list := b.tagList(path+".tags", tags); list != nil {
		props["Tags"] = list
	}
	res := &Resource{Type: typ, Properties: props}
	b.resourceAttributes(res, path, r, nil)
	if s != nil {
		stateful(res, *s)
	}
	b.add(schema.LogicalID(r.Ref), path, "", res)
}

// stateful sets what keeps a resource's data.
func stateful(res *Resource, s schema.Stateful) {
	res.DeletionPolicy = s.DeletionPolicy
	res.UpdateReplacePolicy = s.UpdateReplacePolicy
}

// buildMetadata is the Metadata `sam build` reads: BuildMethod, its
// BuildProperties and, for a layer, BuildArchitecture.
func buildMetadata(method string, props map[string]any, arch string) map[string]any {
	if method == "" && props == nil {
		return nil
	}
	m := map[string]any{}
	if method != "" {
		m["BuildMethod"] = method
	}
	if props != nil {
		m["BuildProperties"] = props
	}
	if arch != "" {
		m["BuildArchitecture"] = arch
	}
	return m
}

// logGroup adds a log group samgen creates for the resource at owner,
// with the attributes the spec sets on it at path.
func (b *builder) logGroup(id, owner, path string, lg *schema.LogGroup, props map[string]any) {
	res := &Resource{Type: "AWS::Logs::LogGroup", Properties: props}
	for k, v := range props {
		if v == nil {
			delete(props, k)
		}
	}
	if lg != nil {
		b.attributes(res, path+".logGroup", lg.Attributes)
		stateful(res, lg.Stateful)
	}
	b.add(id, owner, "the log group", res)
}

// setValue sets m[k] to a rendered value unless it is nil (unset).
func setValue(m map[string]any, k string, v any) {
	if !isNil(v) {
		m[k] = v
	}
}

// nameFindings checks the names the spec's values refer to (SG022): a
// !Ref names a template parameter, a pseudo parameter or a logical ID of
// the template, those samgen renders and those SAM generates alike; an
// Fn::GetAtt a logical ID; a ${...} of a !Sub any of them (an attribute
// after a logical ID); an Fn::If a condition; a dependsOn a logical ID.
func (b *builder) nameFindings() {
	params := map[string]bool{}
	for name := range b.app.Parameters {
		params[schema.ParameterID(name)] = true
	}
	conds := map[string]bool{}
	for name := range b.app.Conditions {
		conds[schema.ConditionID(name)] = true
	}
	ids := slices.Collect(maps.Keys(b.owners))
	seen := map[[2]string]bool{}
	for _, u := range b.names {
		if seen[[2]string{u.path, u.name}] {
			continue
		}
		seen[[2]string{u.path, u.name}] = true
		if msg := b.nameProblem(u, params, conds, ids); msg != "" {
			b.report("SG022", u.path, "%s", msg)
		}
	}
}

// nameProblem says what is wrong with a name, or "".
func (b *builder) nameProblem(u nameUse, params, conds map[string]bool, ids []string) string {
	resource := func(id string) bool { _, ok := b.owners[id]; return ok }
	if id, _, _ := strings.Cut(u.name, "."); u.what != "Fn::If" && !resource(id) {
		if owner, ok := b.replacedRoles[id]; ok {
			return fmt.Sprintf("%s is the role SAM would generate for %s, which overrides.%s.Role replaces with another, so SAM generates none: refer to the role given there", id, owner, owner)
		}
	}
	suggest := func(name string, cands []string) string {
		if s := didyoumean.Suggest(name, cands); s != "" {
			return "; did you mean " + s + "?"
		}
		return ""
	}
	switch u.what {
	case "Fn::If":
		if !conds[u.name] {
			return fmt.Sprintf("Fn::If names condition %s, which is not declared in conditions%s", u.name, suggest(u.name, slices.Collect(maps.Keys(conds))))
		}
	case "Ref":
		if schema.IsPseudoParameter(u.name) || params[u.name] || resource(u.name) {
			return ""
		}
		return fmt.Sprintf("!Ref %s names no parameter, pseudo parameter or logical ID of the template%s", u.name, suggest(u.name, append(append(slices.Collect(maps.Keys(params)), ids...), schema.PseudoParameters...)))
	case "Fn::GetAtt", "DependsOn":
		if resource(u.name) {
			return ""
		}
		what := "!GetAtt " + u.name
		if u.what == "DependsOn" {
			what = "dependsOn " + u.name
		}
		return fmt.Sprintf("%s names no logical ID of the template%s", what, suggest(u.name, ids))
	case "Fn::Sub":
		name := u.name
		switch {
		case strings.HasPrefix(name, "AWS::"):
			if schema.IsPseudoParameter(name) && name != "AWS::NoValue" && name != "AWS::NotificationARNs" {
				return ""
			}
			return fmt.Sprintf("${%s} is not a pseudo parameter a !Sub can use (AWS::AccountId, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName, AWS::URLSuffix)", name)
		case strings.Contains(name, ":"):
			return fmt.Sprintf("${%s} is an IAM policy variable, which CloudFormation would try to substitute: write ${!%s}", name, name)
		case strings.Contains(name, "."):
			id, _, _ := strings.Cut(name, ".")
			if resource(id) {
				return ""
			}
			return fmt.Sprintf("${%s} names no logical ID of the template%s", name, suggest(id, ids))
		case params[name] || resource(name):
			return ""
		}
		return fmt.Sprintf("${%s} names no parameter or logical ID of the template%s", name, suggest(name, append(slices.Collect(maps.Keys(params)), ids...)))
	}
	return ""
}

// unrenderedAttributes reports attributes set on a resource samgen does
// not render (SG027): a pinned ID there names nothing, and the resource
// ported with that ID would be deleted.
func (b *builder) unrenderedAttributes() {
	rendered := func(id string) bool { _, ok := b.t.Resources[id]; return ok }
	for _, name := range slices.Sorted(maps.Keys(b.app.Queues)) {
		q := b.app.Queues[name]
		if q.Policy != nil && !rendered(schema.QueuePolicyID(b.declared(q.Ref), q.Policy)) {
			b.report("SG027", "queues."+name+".policy", "queue %s gets no queue policy: no AWS service delivers to it", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Topics)) {
		t := b.app.Topics[name]
		if t.Policy != nil && !rendered(schema.TopicPolicyID(b.declared(t.Ref), t.Policy)) {
			b.report("SG027", "topics."+name+".policy", "topic %s gets no topic policy: no AWS service publishes to it", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Rules)) {
		r := b.app.Rules[name]
		if r.Role != nil && !rendered(b.app.RuleRoleID(name)) {
			b.report("SG027", "rules."+name+".role", "rule %s gets no role: it starts no state machine", name)
		}
		for _, tn := range slices.Sorted(maps.Keys(r.Targets)) {
			if t := r.Targets[tn]; t.Permission != nil && t.Function == nil {
				b.report("SG027", "rules."+name+".targets."+tn+".permission", "target %s gets no invoke permission: it is not a function", tn)
			}
		}
	}
	for _, name := range b.app.OwnedFunctions() {
		f := b.app.Functions[name]
		eff := b.app.Effective(name)
		if f.Logging != nil && f.Logging.LogGroup != nil && eff.Logging.Retention.IsZero() {
			b.report("SG027", "functions."+name+".logging.logGroup", "function %s gets no log group: its logs have no retention (logging.retention)", name)
		}
	}
}
