package policies

//go:generate go run ./internal/gencatalog

import (
	"fmt"
	"maps"
	"regexp"
	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/didyoumean"
	"slices"
	"strings"
)

// Forms of a template parameter: what kind of identifier SAM substitutes
// into the ARN it builds. The same resource is referred to differently per
// form (a DynamoDB table's `!Ref` is its name, an SNS topic's is its ARN), so
// a renderer picks the intrinsic from the form.
const (
	// FormName is a resource name (a table name, a queue name).
	FormName = "name"
	// FormARN is a full Amazon Resource Name.
	FormARN = "arn"
	// FormID is a service-assigned identifier (a KMS key ID, an AMI ID).
	FormID = "id"
)

// Template is a SAM policy template: a named set of IAM statements with
// `{"Ref": "Param"}` holes that SAM fills with the parameter values given in
// a function's `Policies` list.
type Template struct {
	// Name is the template's name, the key of a SAM `Policies` entry.
	Name string
	// Description is SAM's one-line description of what it grants.
	Description string
	// Params are the template's parameters, sorted by name.
	Params []Param
	// Statements are the IAM statements the template grants, exactly as in
	// SAM's policy_templates.json, before parameter substitution.
	Statements []any
}

// Param is a parameter of a [Template].
type Param struct {
	// Name is the parameter's name, a key of the template's parameter map.
	Name string
	// Doc says what the value identifies, as a phrase such as "name of the
	// DynamoDB table".
	Doc string
	// Form is [FormName], [FormARN] or [FormID].
	Form string
}

// Lookup returns the template named name. The result is a copy: changing
// it does not change the catalogue.
func Lookup(name string) (Template, bool) {
	t, ok := entry(name)
	if !ok {
		return Template{}, false
	}
	t.Params = slices.Clone(t.Params)
	t.Statements = clone(t.Statements).([]any)
	return t, true
}

// entry returns the catalogue's template, shared: for reading only.
func entry(name string) (Template, bool) {
	i, ok := slices.BinarySearchFunc(catalog, name, func(t Template, name string) int {
		return strings.Compare(t.Name, name)
	})
	if !ok {
		return Template{}, false
	}
	return catalog[i], true
}

// Names returns the names of all templates, sorted.
func Names() []string {
	names := make([]string, len(catalog))
	for i, t := range catalog {
		names[i] = t.Name
	}
	return names
}

// Suggest returns the template name a user most likely meant by name, for a
// "did you mean" hint: a name equal to it but for case, else the closest one
// within a Levenshtein distance of 2 (ties go to the first in sorted order).
// It returns "" when nothing is that close. It is meant for names [Lookup]
// did not find; for a known name it returns the name itself.
func Suggest(name string) string {
	return didyoumean.Suggest(name, Names())
}

// Expand returns the statements t grants with the parameter values args,
// substituted the way SAM's translator does: every `{"Ref": "Param"}` in
// the statements becomes args["Param"]. A `${Param}` written directly in an
// `Fn::Sub` string becomes a Sub variable, so the result is
// `{"Fn::Sub": [str, {"Param": value}]}`; pseudo parameters such as
// `${AWS::Region}` are left to CloudFormation. Values are CloudFormation
// values (strings or intrinsics) and are copied, not shared.
//
// Every parameter of t must be given a non-nil value, and no other; the
// error names the missing and unknown ones. Unlike SAM, which ignores
// unknown parameters, Expand rejects them: they are typos.
func (t Template) Expand(args map[string]any) ([]*Statement, error) {
	var missing, unknown []string
	for _, p := range t.Params {
		if args[p.Name] == nil {
			missing = append(missing, p.Name)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(args)) {
		if !t.hasParam(k) {
			unknown = append(unknown, k)
		}
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, plural("missing parameter", missing))
	}
	if len(unknown) > 0 {
		problems = append(problems, plural("unknown parameter", unknown)+
			" (takes "+t.paramList()+")")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("policy template %s: %s", t.Name, strings.Join(problems, "; "))
	}
	out := make([]*Statement, 0, len(t.Statements))
	for i, raw := range t.Statements {
		s, err := statement(substitute(raw, args))
		if err != nil {
			return nil, fmt.Errorf("policy template %s: statement %d: %w", t.Name, i, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// paramList names t's parameters for an error message.
func (t Template) paramList() string {
	if len(t.Params) == 0 {
		return "no parameters"
	}
	names := make([]string, len(t.Params))
	for i, p := range t.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// plural formats "what a" or "whats a, b".
func plural(what string, names []string) string {
	if len(names) > 1 {
		what += "s"
	}
	return what + " " + strings.Join(names, ", ")
}

// substitute returns a copy of v with the template parameters in args
// filled in (see [Template.Expand]).
func substitute(v any, args map[string]any) any {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 1 {
			if name, ok := v["Ref"].(string); ok {
				if a, ok := args[name]; ok {
					return clone(a)
				}
			}
			if sub, ok := v["Fn::Sub"]; ok {
				return map[string]any{"Fn::Sub": substituteSub(sub, args)}
			}
		}
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = substitute(x, args)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			l[i] = substitute(x, args)
		}
		return l
	default:
		return v
	}
}

// substituteSub fills in the argument of an `Fn::Sub`: the values of its
// variable map, and a variable for each parameter its string names
// directly. A Sub that names no parameter is returned as is.
func substituteSub(sub any, args map[string]any) any {
	str, given, ok := splitSub(sub)
	if !ok {
		return substitute(sub, args) // malformed; leave it to CloudFormation
	}
	var vars map[string]any
	if given != nil {
		vars = make(map[string]any, len(given))
		for k, x := range given {
			vars[k] = substitute(x, args)
		}
	}
	for _, name := range subVars(str) {
		if _, done := vars[name]; done {
			continue
		}
		if a, ok := args[name]; ok {
			if vars == nil {
				vars = map[string]any{}
			}
			vars[name] = clone(a)
		}
	}
	if vars == nil {
		return str
	}
	return []any{str, vars}
}

// splitSub splits the argument of an `Fn::Sub` into its string and its
// variable map (nil in the short form, a string alone); ok is false when it
// is neither form.
func splitSub(sub any) (str string, vars map[string]any, ok bool) {
	switch sub := sub.(type) {
	case string:
		return sub, nil, true
	case []any:
		if len(sub) == 2 {
			str, ok1 := sub[0].(string)
			vars, ok2 := sub[1].(map[string]any)
			return str, vars, ok1 && ok2
		}
	}
	return "", nil, false
}

// subVarRE matches a `${name}` of an `Fn::Sub` string; `${!literal}` is an
// escape, not a variable.
var subVarRE = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// subVars returns the variable names an `Fn::Sub` string uses, in order.
func subVars(s string) []string {
	var names []string
	for _, m := range subVarRE.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	return names
}

// ParseStatement reads a policy-document statement in JSON form, as a
// template holds it.
func ParseStatement(v any) (*Statement, error) { return statement(v) }

// statement converts a policy-document statement in JSON form into a
// [Statement], normalising Action to a list of strings and Resource to a
// list.
func statement(v any) (*Statement, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object: %T", v)
	}
	s := &Statement{}
	s.Sid, _ = m["Sid"].(string)
	s.Effect, _ = m["Effect"].(string)
	for _, a := range cfn.List(m["Action"]) {
		str, ok := a.(string)
		if !ok {
			return nil, fmt.Errorf("action %v is not a string", a)
		}
		s.Action = append(s.Action, str)
	}
	s.Resource = cfn.List(m["Resource"])
	if c, ok := m["Condition"]; ok {
		if s.Condition, ok = c.(map[string]any); !ok {
			return nil, fmt.Errorf("condition is not an object: %T", c)
		}
	}
	return s, nil
}

// clone returns a deep copy of a JSON-form value.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = clone(x)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			l[i] = clone(x)
		}
		return l
	default:
		return v
	}
}

// Wildcards returns why t is not scoped to the resources its parameters
// name, one human-readable reason per finding, in statement order without
// repeats; nil when it is fully scoped. The reasons are:
//
//   - `Resource "*"`: a statement applies to every resource;
//   - `action x:Y*`: an action name holds a wildcard (sqs:SendMessage*,
//     textract:*);
//   - `resource ARN`: a resource ARN holds a `*` that reaches beyond the
//     named resource. That is a `*` glued to a parameter
//     (`function:${FunctionName}*` also matches other functions whose name
//     starts with it), or a `*` with no parameter before it (`stack/*`,
//     `secret:*`: every resource of the type). The ARN is shown with SAM's
//     Sub variables replaced by the parameter they stand for.
//
// A `*` after a parameter and a separator only selects sub-resources of the
// named resource (`table/${TableName}/index/*`, `${BucketName}/*`,
// `table/${TableName}/stream/*`, `log-group:${LogGroupName}:log-stream:*`)
// and is not reported. So of the 20 templates that aws-facts.md §6 marks
// "ARN*", 13 count as fully scoped here and 7 are reported; with the 24
// `Resource "*"` and 2 wildcard-action templates, 31 templates are reported
// and 50 are fully scoped.
func (t Template) Wildcards() []string {
	var reasons []string
	add := func(r string) {
		if !slices.Contains(reasons, r) {
			reasons = append(reasons, r)
		}
	}
	for _, raw := range t.Statements {
		m, _ := raw.(map[string]any)
		for _, a := range cfn.List(m["Action"]) {
			if s, _ := a.(string); strings.Contains(s, "*") {
				add("action " + s)
			}
		}
		for _, r := range cfn.List(m["Resource"]) {
			if r == "*" {
				add(`Resource "*"`)
			} else if arn, wide := t.wideARN(r); wide {
				add("resource " + arn)
			}
		}
	}
	return reasons
}

// wideARN reports whether the resource r holds a `*` that reaches beyond
// the resource its parameters name (see [Template.Wildcards]), and returns
// its ARN with SAM's Sub variables renamed to the parameters they stand for.
func (t Template) wideARN(r any) (string, bool) {
	str, _ := r.(string)
	var vars map[string]any
	if m, ok := r.(map[string]any); ok {
		if str, vars, ok = splitSub(m["Fn::Sub"]); !ok {
			return "", false
		}
	}
	// param maps a Sub variable to the template parameter it stands for.
	param := func(v string) (string, bool) {
		if ref, ok := vars[v].(map[string]any); ok {
			name, ok := ref["Ref"].(string)
			return name, ok && t.hasParam(name)
		}
		return v, t.hasParam(v)
	}
	arn := subVarRE.ReplaceAllStringFunc(str, func(m string) string {
		if p, ok := param(m[2 : len(m)-1]); ok {
			return "${" + p + "}"
		}
		return m
	})
	// Find each `*` and look at what precedes it: positions of variables
	// are known from the matches, so the text between them is literal.
	locs := subVarRE.FindAllStringSubmatchIndex(arn, -1)
	for i := 0; i < len(arn); i++ {
		if arn[i] != '*' {
			continue
		}
		named, glued := false, false
		for _, l := range locs {
			if l[1] > i {
				break
			}
			if _, ok := param(arn[l[2]:l[3]]); ok {
				named = true
				glued = l[1] == i
			}
		}
		if glued || !named {
			return arn, true
		}
	}
	return arn, false
}

// hasParam reports whether t has a parameter named name.
func (t Template) hasParam(name string) bool {
	return slices.ContainsFunc(t.Params, func(p Param) bool { return p.Name == name })
}
