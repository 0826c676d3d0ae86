package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// bind sets the typed integration fields of a Task state read from a file
// from its Resource and its parameters, so that policies derive its role
// as for a typed state. What cannot be bound is a ProblemBinding.
func (r *aslReader) bind(path string, st *State, res *docNode, jsonata bool) {
	if res == nil {
		r.problem(ProblemSyntax, path, "a Task state needs Resource")
		return
	}
	resPath := path + ".resource"
	arn, ok := res.str()
	if !ok {
		r.problem(ProblemSyntax, resPath, "Resource is a string")
		return
	}
	fields := map[string]any{}
	if name, whole := wholePlaceholder(arn); whole {
		// A function's ARN as the Resource: Lambda's original integration.
		v, bound := r.sm.DefinitionSubstitutions[name]
		if !bound {
			return // the placeholder's own finding
		}
		if ref, _, isRef := v.Ref(); isRef && ref.Kind == "function" {
			r.def.need(name, AttrArn)
			st.Integration = "lambda:invoke"
			st.Function = &RefOrArn{Ref: &ref}
			return
		}
		if s, lit := v.Str(); lit && strings.Contains(s, ":lambda:") {
			st.Integration = "lambda:invoke"
			st.Function = &RefOrArn{Arn: s}
			return
		}
		r.problem(ProblemBinding, resPath, "Resource ${%s} is bound to %s: a task's Resource is an integration (arn:aws:states:::SERVICE:API) or a function, app.functions.NAME.ref", name, v.Text())
		return
	}
	if p := ArnParts(arn); len(p) >= 7 && p[2] == "lambda" && p[5] == "function" {
		st.Integration = "lambda:invoke"
		st.Function = &RefOrArn{Arn: arn}
		return
	}
	integration, pattern, ok := ParseTaskResource(arn)
	params, known := TaskParams[integration]
	switch {
	case ok && strings.Contains(arn, ":activity:"), !ok && strings.Contains(arn, ":activity:"):
		r.problem(ProblemBinding, resPath, "Resource %s is an activity: samgen does not model activities (their workers poll with a role of their own)", arn)
		return
	case !ok:
		r.problem(ProblemBinding, resPath, "Resource %s is neither an integration (arn:aws:states:::SERVICE:API) nor a function, so samgen cannot derive the role", arn)
		return
	case !known:
		r.problem(ProblemBinding, resPath, "samgen derives no role for integration %s (it knows %s): call the API as arn:aws:states:::aws-sdk:%s and state the IAM it needs in the state machine's statements",
			integration, strings.Join(slices.Sorted(maps.Keys(TaskParams)), ", "), integration)
		return
	}
	st.Integration, st.Pattern = integration, pattern
	if integration == "aws-sdk" {
		p := ArnParts(arn)
		st.Service, st.Action = p[6], strings.SplitN(strings.Join(p[7:], ":"), ".", 2)[0]
		if len(r.sm.Statements) == 0 {
			r.problem(ProblemBinding, resPath, "samgen cannot know what %s:%s touches: state the IAM it needs in the state machine's statements", st.Service, st.Action)
		}
		return
	}
	argsField, args := "parameters", map[string]any(st.Parameters)
	if jsonata {
		argsField = "arguments"
		args, _ = st.Arguments.(map[string]any)
	}
	for _, tp := range params {
		p := path + "." + argsField + "." + strings.Join(labels(tp.Param), ".")
		v, dyn, found := lookupParam(args, tp.Param)
		switch {
		case dyn:
			r.problem(ProblemBinding, p, "%s is chosen at run time, so samgen cannot derive the grant for it: give it in the file, or as a ${Name} bound in definitionSubstitutions", tp.Param)
			continue
		case !found:
			if !tp.Optional {
				r.problem(ProblemBinding, path, "a %s task needs %s in %s", integration, tp.Param, pascal(argsField))
			}
			continue
		}
		if x, ok := r.bindParam(p, tp, v); ok {
			fields[tp.Field] = x
		}
	}
	if integration == "events:putEvents" {
		fields["entries"] = r.bindEntries(path+"."+argsField+".Entries", args["Entries"])
	}
	if integration == "apigateway:invoke" {
		if ep, ok := fields["api"]; ok {
			fields["api"] = apiFromEndpoint(ep)
		}
	}
	b, _ := json.Marshal(fields)
	if err := json.Unmarshal(b, st); err != nil {
		r.problem(ProblemBinding, path, "%v", err)
	}
}

func pascal(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// labels splits a nested parameter name into path labels.
func labels(param string) []string {
	parts := strings.Split(param, ".")
	for i, p := range parts {
		parts[i] = Label(p)
	}
	return parts
}

// lookupParam finds a (nested) parameter: its value, whether it is chosen
// at run time (a ".$" key or a JSONata expression), and whether it is
// there at all.
func lookupParam(args map[string]any, param string) (v any, dynamic, found bool) {
	parts := strings.Split(param, ".")
	m := args
	for i, p := range parts {
		if m == nil {
			return nil, false, false
		}
		if _, ok := m[p+".$"]; ok {
			return nil, true, true
		}
		x, ok := m[p]
		if !ok {
			return nil, false, false
		}
		if i == len(parts)-1 {
			if s, ok := x.(string); ok && strings.HasPrefix(strings.TrimSpace(s), "{%") {
				return nil, true, true
			}
			return x, false, true
		}
		m, _ = x.(map[string]any)
	}
	return nil, false, false
}

// wholePlaceholder reports whether s is one placeholder, "${Name}".
func wholePlaceholder(s string) (string, bool) {
	m := placeholder.FindStringSubmatchIndex(s)
	if m == nil || m[0] != 0 || m[1] != len(s) {
		return "", false
	}
	return s[m[2]:m[3]], true
}

// bindParam turns a parameter's value into the JSON of its typed field.
func (r *aslReader) bindParam(path string, tp TaskParam, v any) (any, bool) {
	s, isStr := v.(string)
	if !isStr {
		r.problem(ProblemBinding, path, "%s is a string", tp.Param)
		return nil, false
	}
	subs := r.sm.DefinitionSubstitutions
	if tp.Kind != "" {
		name, whole := wholePlaceholder(s)
		if !whole {
			if tp.Arn && strings.HasPrefix(s, "arn:") && !strings.Contains(s, "${") {
				return s, true
			}
			r.problem(ProblemBinding, path, "%s %q names no declared %s: write a ${Name} placeholder and bind it in definitionSubstitutions to app.%s.NAME.ref, so that samgen can grant on it", tp.Param, s, tp.Kind, collectionOf(tp.Kind))
			return nil, false
		}
		sub, bound := subs[name]
		if !bound {
			return nil, false // the placeholder's own finding
		}
		if ref, _, isRef := sub.Ref(); isRef {
			if ref.Kind != tp.Kind {
				r.problem(ProblemBinding, path, "%s ${%s} is bound to %s %s; the task takes %s", tp.Param, name, aKind(ref.Kind), ref.Name, aKind(tp.Kind))
				return nil, false
			}
			r.def.need(name, tp.Attr)
			return ref, true
		}
		if lit, ok := sub.Str(); ok && tp.Arn && strings.HasPrefix(lit, "arn:") {
			return lit, true
		}
		r.problem(ProblemBinding, path, "%s ${%s} is bound to %s; bind it to app.%s.NAME.ref (declare an existing one by its arn), so that samgen can grant on it", tp.Param, name, sub.Text(), collectionOf(tp.Kind))
		return nil, false
	}
	// A value: its placeholders stand for the substitutions' values.
	if !strings.Contains(s, "${") {
		return s, true
	}
	if name, whole := wholePlaceholder(s); whole {
		sub, bound := subs[name]
		if !bound {
			return nil, false
		}
		if tp.Text {
			if lit, ok := sub.Str(); ok {
				return lit, true
			}
			return nil, false // decided at deploy time; no grant depends on it
		}
		return sub.Any(), true
	}
	vars := map[string]any{}
	literal := true
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-1]
		sub, bound := subs[name]
		if !bound {
			literal = false
			return m
		}
		if lit, ok := sub.Str(); ok {
			return lit
		}
		literal = false
		vars[name] = sub.Any()
		return m
	})
	switch {
	case literal:
		return out, true
	case tp.Text:
		return nil, false
	}
	return map[string]any{"Fn::Sub": []any{out, vars}}, true
}

func collectionOf(kind string) string {
	if k, ok := KindOf(kind); ok {
		return k.Collection
	}
	return kind
}

// bindEntries binds the buses of a putEvents task's entries.
func (r *aslReader) bindEntries(path string, x any) []any {
	list, _ := x.([]any)
	var out []any
	for i, e := range list {
		m, _ := e.(map[string]any)
		entry := map[string]any{"source": m["Source"], "detailType": m["DetailType"], "detail": m["Detail"]}
		p := fmt.Sprintf("%s[%d].EventBusName", path, i)
		if _, dyn := m["EventBusName.$"]; dyn {
			r.problem(ProblemBinding, p, "EventBusName is chosen at run time, so samgen cannot derive the grant for it: bind it to app.buses.NAME.ref with a ${Name} placeholder")
			continue
		}
		if bus, ok := m["EventBusName"]; ok {
			v, ok := r.bindParam(p, TaskParam{Param: "EventBusName", Kind: "bus", Attr: AttrName}, bus)
			if !ok {
				continue
			}
			entry["bus"] = v
		}
		out = append(out, entry)
	}
	return out
}

// apiFromEndpoint is the API of an apigateway:invoke ApiEndpoint,
// "ID.execute-api.REGION.amazonaws.com": its ID, or the substitution its
// placeholder names.
func apiFromEndpoint(ep any) any {
	switch x := ep.(type) {
	case string:
		id, _, _ := strings.Cut(x, ".")
		return id
	case map[string]any:
		if sub, ok := x["Fn::Sub"].([]any); ok && len(sub) == 2 {
			tmpl, _ := sub[0].(string)
			vars, _ := sub[1].(map[string]any)
			id, _, _ := strings.Cut(tmpl, ".")
			if name, whole := wholePlaceholder(id); whole && vars[name] != nil {
				return vars[name]
			}
			if !strings.Contains(id, "${") {
				return id
			}
		}
	}
	return ep
}
