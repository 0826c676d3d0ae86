package policies

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// TemplateHint rewrites CUE's errors about a function's `policies` (a
// [schema.Hint]): an unknown template name gets a "did you mean", a
// missing parameter says what the parameter is.
func TemplateHint(p []string, msg string) string {
	n := len(p)
	switch {
	case n >= 5 && p[n-5] == "functions" && p[n-3] == "policies" && msg == "field not allowed":
		name := p[n-1]
		hint := "unknown policy template " + name
		if s := Suggest(name); s != "" {
			hint += "; did you mean " + s + "?"
		}
		return hint + " (samgen policies lists them)"
	case n >= 6 && p[n-6] == "functions" && p[n-4] == "policies" && strings.HasPrefix(msg, "incomplete value"):
		t, ok := Lookup(p[n-2])
		if !ok {
			return ""
		}
		if param, ok := t.param(p[n-1]); ok {
			return fmt.Sprintf("policy template %s needs parameter %s, the %s", t.Name, param.Name, param.Doc)
		}
	}
	return ""
}

// paramKinds maps a template parameter to the resource kind a ref given
// for it must name.
var paramKinds = map[string]string{
	"TableName": "table", "QueueName": "queue", "TopicName": "topic", "EventBusName": "bus",
	"FunctionName": "function", "StateMachineName": "stateMachine", "SecretArn": "secret",
	"ParameterName": "param", "BucketName": "bucket", "KeyId": "key", "StreamName": "stream",
}

// Args renders the parameters given to template t in the form each needs:
// a ref becomes its resource's name, ARN or ID as the parameter's form
// says (a table's name is `!Ref T`, a queue's `!GetAtt Q.QueueName`); a
// literal is checked against the form (an ARN parameter takes "arn:...",
// a name parameter no ARN). Problems are returned per parameter name.
func Args(a *schema.App, t Template, given map[string]schema.Value) (map[string]any, map[string]string) {
	args := map[string]any{}
	problems := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(given)) {
		p, ok := t.param(name)
		if !ok {
			problems[name] = fmt.Sprintf("%s takes no parameter %s (it takes %s)", t.Name, name, t.paramList())
			continue
		}
		v, err := arg(a, t, p, given[name])
		if err != "" {
			problems[name] = err
			continue
		}
		args[name] = v
	}
	return args, problems
}

// arg renders one parameter value, or explains why it does not fit. An
// expression is rendered as it is: its form is known at deploy time only.
func arg(a *schema.App, t Template, p Param, v schema.Value) (any, string) {
	if s, ok := v.Template(); ok {
		switch {
		case p.Form == FormARN && !strings.HasPrefix(s, "arn:"):
			return nil, fmt.Sprintf("%s takes the %s, not a name: give an ARN (arn:...) or a ref", p.Name, p.Doc)
		case p.Form != FormARN && strings.HasPrefix(s, "arn:"):
			return nil, fmt.Sprintf("%s takes the %s, not an ARN", p.Name, p.Doc)
		}
	}
	r, chosen, ok := v.Ref()
	if !ok || r.Kind == "parameter" {
		val, err := a.ResolveValue(v, "")
		if err != nil {
			return nil, fmt.Sprintf("%s: %v", p.Name, err)
		}
		return val, ""
	}
	if chosen != "" {
		return nil, fmt.Sprintf("%s takes a ref, whose attribute samgen chooses by the parameter's form", p.Name)
	}
	want := paramKinds[p.Name]
	if t.Name == "DynamoDBStreamReadPolicy" && p.Name == "StreamName" {
		want = ""
	}
	switch {
	case want == "":
		return nil, fmt.Sprintf("%s takes the %s as a string, not a ref", p.Name, p.Doc)
	case r.Kind != want:
		return nil, fmt.Sprintf("%s takes the %s, not a %s: give a %s ref", p.Name, p.Doc, r.Kind, want)
	}
	if d, _ := a.Decl(r); !d.Arn.IsZero() && p.Form != FormARN {
		// The template would build the ARN from the name, in the deploying
		// account and region: not the resource declared.
		return nil, fmt.Sprintf("%s builds the ARN from the %s in the deploying account and region, and %s %s is declared by ARN: grant it with access, which names exactly that ARN", p.Name, p.Doc, r.Kind, r.Name)
	}
	attr := schema.AttrName
	if p.Form == FormARN {
		attr = schema.AttrArn
	}
	val, err := a.Resolve(r, attr)
	if err != nil {
		return nil, fmt.Sprintf("%s: %v", p.Name, err)
	}
	if r.Kind == "param" {
		// The SSM templates build parameter/${ParameterName}: one expects
		// the name without its leading slash, the other with it.
		s, _ := val.(string)
		switch {
		case t.Name == "SSMParameterReadPolicy":
			val = strings.TrimPrefix(s, "/")
		case !strings.HasPrefix(s, "/"):
			return nil, fmt.Sprintf("%s takes a name with a leading slash, and %s has none: use SSMParameterReadPolicy", p.Name, s)
		}
	}
	return val, ""
}

// param returns t's parameter named name.
func (t Template) param(name string) (Param, bool) {
	i := slices.IndexFunc(t.Params, func(p Param) bool { return p.Name == name })
	if i < 0 {
		return Param{}, false
	}
	return t.Params[i], true
}

// Sourced is a policy and the spec field it comes from, relative to the
// function ("access[0].read", "policies[2]", "statements[0]").
type Sourced struct {
	Path   string
	Policy Policy
}

// ForFunction returns the policies a function declares: its access verbs,
// policy templates, managed policies and statements, in that order. The
// errors name the spec field relative to the function; the lint rules
// report the same problems with positions before rendering.
func ForFunction(a *schema.App, f schema.Function) ([]Sourced, []error) {
	var out []Sourced
	var errs []error
	for i, ac := range f.Access {
		for _, g := range ac.Grants() {
			p := fmt.Sprintf("access[%d].%s", i, g.Verb)
			pols, err := ForGrant(a, g)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
			}
			for _, pol := range pols {
				out = append(out, Sourced{p, pol})
			}
		}
	}
	for i, entry := range f.Policies {
		for _, name := range slices.Sorted(maps.Keys(entry)) {
			p := fmt.Sprintf("policies[%d].%s", i, name)
			t, ok := Lookup(name)
			if !ok {
				errs = append(errs, fmt.Errorf("%s: unknown policy template", p))
				continue
			}
			args, problems := Args(a, t, entry[name])
			for _, param := range slices.Sorted(maps.Keys(problems)) {
				errs = append(errs, fmt.Errorf("%s.%s: %s", p, param, problems[param]))
			}
			if len(problems) == 0 {
				out = append(out, Sourced{p, Policy{Template: name, Params: args}})
			}
		}
	}
	for i, m := range f.ManagedPolicies {
		p := fmt.Sprintf("managedPolicies[%d]", i)
		v, err := a.ResolveValue(m, schema.AttrArn)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		out = append(out, Sourced{p, Policy{Managed: v}})
	}
	for i, s := range f.Statements {
		p := fmt.Sprintf("statements[%d]", i)
		st, err := UserStatement(a, s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		out = append(out, Sourced{p, Policy{Statement: st}})
	}
	for _, grants := range []func(*schema.App, schema.Function) ([]Sourced, []error){featureGrants, eventGrants} {
		gs, es := grants(a, f)
		out = append(out, gs...)
		errs = append(errs, es...)
	}
	deliver := func(p string, r schema.Ref, d *schema.Delivery) {
		var ss []*Statement
		var err error
		// SAM grants nothing for some deliveries (an S3 bucket of a stream
		// source): samgen does, or every delivery would fail.
		if d.ByRender {
			ss, err = Deliver(a, r, d)
		}
		if err == nil {
			var st *Statement
			if st, err = DataKey(a, r, d.KeyActions); st != nil {
				ss = append(ss, st)
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
		}
		for _, st := range ss {
			out = append(out, Sourced{p, Policy{Statement: st}})
		}
	}
	for _, ev := range slices.Sorted(maps.Keys(f.Events)) {
		t, opts, _ := f.Events[ev].Type()
		if r := schema.OnFailureOf(opts); r != nil {
			if k, _ := schema.KindOf(r.Kind); k.StreamFailure != nil {
				deliver(fmt.Sprintf("events.%s.%s.onFailure", ev, t.Name), *r, k.StreamFailure)
			}
		}
	}
	for _, d := range asyncDeliveries(a, f.Ref.Name) {
		deliver(d.path, d.target, d.how)
	}
	return out, errs
}

// UserStatement renders a statement of the spec: refs become ARNs, a
// string with ${...} a !Sub; references in its conditions become the
// intrinsics they stand for.
func UserStatement(a *schema.App, s schema.Statement) (*Statement, error) {
	var res []any
	for i, r := range s.Resources {
		v, err := a.ResolveValue(r, schema.AttrArn)
		if err != nil {
			return nil, fmt.Errorf("resources[%d]: %w", i, err)
		}
		res = append(res, v)
	}
	st := Allow(slices.Clone(s.Actions), res...)
	if s.Conditions != nil {
		cond, err := a.ResolveJSON(s.Conditions)
		if err != nil {
			return nil, fmt.Errorf("conditions: %w", err)
		}
		st.Condition, _ = cond.(map[string]any)
	}
	return st, nil
}

// Statements returns what p grants as statements: a template expanded, a
// statement as is, nothing for a managed policy (its document is AWS's).
func (p Policy) Statements() ([]*Statement, error) {
	switch {
	case p.Template != "":
		t, ok := Lookup(p.Template)
		if !ok {
			return nil, fmt.Errorf("unknown policy template %s", p.Template)
		}
		return t.Expand(p.Params)
	case p.Statement != nil:
		return []*Statement{p.Statement}, nil
	}
	return nil, nil
}

// FullAccess reports whether a managed policy (a name or an ARN) grants
// full access to a service or to the account: AdministratorAccess,
// PowerUserAccess, IAMFullAccess and every *FullAccess policy.
func FullAccess(managed string) bool {
	name := path.Base(managed)
	switch name {
	case "AdministratorAccess", "PowerUserAccess", "IAMFullAccess":
		return true
	}
	return strings.HasSuffix(name, "FullAccess")
}
