package checks

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// The checks of CloudFormation values (schema.Value): their form (SG021),
// dynamic references (SG023), lists where lists go (SG024) and what
// samgen could not verify on a deploy-time value (SG025). The names a
// value refers to are checked where the template is assembled (SG022,
// render).

// eachValue calls f for every value of every declaration.
func (c *Context) eachValue(f func(schema.ValueAt)) {
	if c.values == nil {
		// Several rules read every value: walk the model once.
		c.values = []schema.ValueAt{}
		add := func(at schema.ValueAt) { c.values = append(c.values, at) }
		c.eachDeclaration(func(path, _ string, entry any) {
			schema.Values(entry, path, add)
		})
		for _, name := range sortedKeys(c.App.Conditions) {
			schema.Values(c.App.Conditions[name], "conditions."+schema.Label(name), add)
		}
	}
	for _, at := range c.values {
		f(at)
	}
}

// intrinsicNames are the intrinsic functions a value may use.
var intrinsicNames = []string{"Ref", "Fn::Sub", "Fn::GetAtt", "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::GetAZs", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap"}

// intrinsicShape explains what is wrong with the argument of intrinsic
// fn, or returns "", checking the values inside it too.
func (c *Context) intrinsicShape(fn, path string, arg any) string {
	switch fn {
	case "Ref":
		if _, ok := arg.(string); !ok {
			return "!Ref takes a name: {Ref: \"AWS::Region\"}"
		}
		return ""
	case "Fn::Sub":
		switch a := arg.(type) {
		case string:
			return subSyntax(a)
		case []any:
			if len(a) == 2 {
				s, ok1 := a[0].(string)
				vars, ok2 := a[1].(map[string]any)
				if ok1 && ok2 {
					for _, k := range slices.Sorted(maps.Keys(vars)) {
						c.checkExpr(path+`."Fn::Sub"[1].`+schema.Label(k), vars[k])
					}
					return subSyntax(s)
				}
			}
		}
		return `Fn::Sub takes a string, or [string, {variable: value}]`
	case "Fn::GetAtt":
		switch a := arg.(type) {
		case string:
			if id, attr, ok := strings.Cut(a, "."); ok && id != "" && attr != "" {
				return ""
			}
		case []any:
			if len(a) == 2 {
				_, isID := a[0].(string)
				_, isAttr := a[1].(string)
				if (isID || isRefValue(a[0])) && isAttr {
					return ""
				}
			}
		}
		return `Fn::GetAtt takes [logicalId, attribute] (the logical ID may be a ref) or "logicalId.attribute"`
	case "Fn::ImportValue":
		if _, ok := arg.(string); ok {
			return ""
		}
		if m, ok := arg.(map[string]any); ok && isFn(m) {
			c.checkExpr(path+`."Fn::ImportValue"`, arg)
			return ""
		}
		return "Fn::ImportValue takes the export name: a string or an expression of parameters"
	case "Fn::Join":
		if a, ok := arg.([]any); ok && len(a) == 2 {
			if _, ok := a[0].(string); ok {
				c.checkArgs(path+`."Fn::Join"[1]`, a[1])
				return ""
			}
		}
		return `Fn::Join takes [separator, [values]]`
	case "Fn::Select":
		if a, ok := arg.([]any); ok && len(a) == 2 {
			c.checkArgs(path+`."Fn::Select"[0]`, a[0])
			c.checkArgs(path+`."Fn::Select"[1]`, a[1])
			return ""
		}
		return `Fn::Select takes [index, list]`
	case "Fn::Split":
		if a, ok := arg.([]any); ok && len(a) == 2 {
			if _, ok := a[0].(string); ok {
				c.checkArgs(path+`."Fn::Split"[1]`, a[1])
				return ""
			}
		}
		return `Fn::Split takes [separator, string]`
	case "Fn::If":
		if a, ok := arg.([]any); ok && len(a) == 3 {
			_, isName := a[0].(string)
			r, _, isRef := schema.AsAttrRef(a[0])
			if isName || isRef && r.Kind == "condition" {
				c.checkExpr(path+`."Fn::If"[1]`, a[1])
				c.checkExpr(path+`."Fn::If"[2]`, a[2])
				return ""
			}
		}
		return `Fn::If takes [condition, value if true, value if false]; the condition is app.conditions.x.ref or its logical ID`
	case "Fn::GetAZs":
		switch a := arg.(type) {
		case string:
			return ""
		case map[string]any:
			if a["Ref"] == "AWS::Region" && len(a) == 1 {
				return ""
			}
		}
		return `Fn::GetAZs takes a region: "" for the stack's`
	case "Fn::Base64":
		c.checkArgs(path+`."Fn::Base64"`, arg)
		return ""
	case "Fn::Cidr":
		if a, ok := arg.([]any); ok && len(a) == 3 {
			for i, e := range a {
				c.checkArgs(fmt.Sprintf(`%s."Fn::Cidr"[%d]`, path, i), e)
			}
			return ""
		}
		return `Fn::Cidr takes [ipBlock, count, cidrBits]`
	case "Fn::FindInMap":
		// The mapping is named by a literal, so that samgen can check it is
		// declared (SG022); the keys may be expressions. The fourth,
		// default value needs the AWS::LanguageExtensions transform.
		if a, ok := arg.([]any); ok && len(a) == 3 {
			if _, ok := a[0].(string); ok {
				for i := 1; i < 3; i++ {
					if _, isStr := a[i].(string); !isStr {
						c.checkExpr(fmt.Sprintf(`%s."Fn::FindInMap"[%d]`, path, i), a[i])
					}
				}
				return ""
			}
		}
		return `Fn::FindInMap takes [mapping, topLevelKey, secondLevelKey]; the mapping is the name of one of app.mappings`
	}
	return ""
}

// notInValues explains the intrinsics a value cannot use.
var notInValues = map[string]string{
	"Fn::Equals":       "a condition function: declare it in app.conditions and use Fn::If",
	"Fn::And":          "a condition function: declare it in app.conditions and use Fn::If",
	"Fn::Or":           "a condition function: declare it in app.conditions and use Fn::If",
	"Fn::Not":          "a condition function: declare it in app.conditions and use Fn::If",
	"Condition":        "a condition function: declare it in app.conditions and use Fn::If",
	"Fn::Transform":    "a macro, which samgen does not run: write the value in CUE",
	"Fn::ToJsonString": "it needs the AWS::LanguageExtensions transform, which samgen does not add: write the JSON in CUE (json.Marshal)",
	"Fn::Length":       "it needs the AWS::LanguageExtensions transform, which samgen does not add: use CUE's len()",
	"Fn::ForEach":      "it needs the AWS::LanguageExtensions transform, which samgen does not add: use a CUE comprehension",
}

func isFn(m map[string]any) bool {
	for k := range m {
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return true
		}
	}
	return false
}

func isRefValue(x any) bool {
	_, _, ok := schema.AsAttrRef(x)
	return ok
}

// valueForms checks that every value is a literal, a reference or one
// intrinsic function of the right shape (SG021).
func valueForms(c *Context) {
	c.eachValue(func(at schema.ValueAt) {
		x := at.Value.Any()
		if items, ok := x.([]any); ok && (at.List || at.Field == "Output.value") {
			for i, it := range items {
				c.checkExpr(fmt.Sprintf("%s[%d]", at.Path, i), it)
			}
			return
		}
		c.checkExpr(at.Path, x)
	})
}

// checkExpr checks a value: a literal, a reference or one intrinsic.
func (c *Context) checkExpr(path string, x any) {
	switch y := x.(type) {
	case string:
		if msg := subSyntax(y); msg != "" {
			c.Report(path, "%s", msg)
		}
	case []any:
		c.Report(path, "a list goes only where a list fits (or inside an intrinsic's arguments)")
	case map[string]any:
		if _, _, ok := schema.AsAttrRef(y); ok {
			return
		}
		keys := slices.Sorted(maps.Keys(y))
		if len(keys) != 1 {
			if isFn(y) {
				c.Report(path, "an intrinsic function is a map of exactly one key, found %s", strings.Join(keys, ", "))
				return
			}
			c.Report(path, "not a CloudFormation value: give a literal, a reference (app.x.y.ref, or {ref: app.x.y.ref, attr: ...}) or one intrinsic function ({\"Fn::Sub\": ...}); found keys %s", strings.Join(keys, ", "))
			return
		}
		fn := keys[0]
		if why, ok := notInValues[fn]; ok {
			c.Report(path, "%s cannot be used in a value: %s", fn, why)
			return
		}
		if !slices.Contains(intrinsicNames, fn) {
			msg := fmt.Sprintf("%s is not an intrinsic function a value takes", fn)
			if s := didyoumean.Suggest(fn, intrinsicNames); s != "" {
				msg += "; did you mean " + s + "?"
			}
			c.Report(path, "%s", msg)
			return
		}
		if msg := c.intrinsicShape(fn, path, y[fn]); msg != "" {
			c.Report(path, "%s", msg)
		}
	}
}

// checkArgs checks the argument of an intrinsic: a list of values, or a
// value; its strings are CloudFormation's own.
func (c *Context) checkArgs(path string, x any) {
	switch y := x.(type) {
	case []any:
		for i, e := range y {
			if _, isStr := e.(string); !isStr {
				c.checkExpr(fmt.Sprintf("%s[%d]", path, i), e)
			}
		}
	case map[string]any:
		c.checkExpr(path, y)
	}
}

// subSyntax explains a malformed ${...} of a !Sub template, or "".
func subSyntax(s string) string {
	rest := s
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			return ""
		}
		rest = rest[i+2:]
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return fmt.Sprintf("%q opens a ${ that is not closed", s)
		}
		if strings.TrimSpace(rest[:end]) == "" {
			return fmt.Sprintf("%q has an empty ${}", s)
		}
		rest = rest[end+1:]
	}
}

// dynamicReferences checks the {{resolve:...}} of every string of a value
// (SG023).
func dynamicReferences(c *Context) {
	c.eachValue(func(at schema.ValueAt) {
		eachString(at.Path, at.Value.Any(), func(path, s string) {
			for _, ref := range resolveRE(s) {
				if msg := resolveSyntax(ref); msg != "" {
					c.Report(path, "%s", msg)
				}
			}
		})
	})
}

func eachString(path string, x any, f func(path, s string)) {
	switch y := x.(type) {
	case string:
		f(path, y)
	case []any:
		for i, e := range y {
			eachString(fmt.Sprintf("%s[%d]", path, i), e, f)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(y)) {
			eachString(path+"."+schema.Label(k), y[k], f)
		}
	}
}

// resolveRE returns the dynamic references of s, each without its braces:
// "resolve:ssm:/shop/url:3".
func resolveRE(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{{resolve:")
		if i < 0 {
			return out
		}
		s = s[i+2:]
		end := strings.Index(s, "}}")
		if end < 0 {
			return append(out, s)
		}
		out = append(out, s[:end])
		s = s[end+2:]
	}
}

// resolveSyntax explains a malformed dynamic reference, or "". The forms
// are CloudFormation's: {{resolve:ssm:NAME[:VERSION]}},
// {{resolve:ssm-secure:NAME[:VERSION]}} and
// {{resolve:secretsmanager:SECRET[:SecretString[:JSON_KEY[:VERSION_STAGE[:VERSION_ID]]]]}},
// where SECRET is a name or a whole ARN (which holds colons itself).
// Source: the CloudFormation user guide, "Get values stored in other
// services using dynamic references".
func resolveSyntax(ref string) string {
	whole := "{{" + ref + "}}"
	parts := strings.Split(strings.TrimPrefix(ref, "resolve:"), ":")
	switch service := parts[0]; service {
	case "ssm", "ssm-secure":
		if len(parts) < 2 || parts[1] == "" {
			return fmt.Sprintf("dynamic reference %s names no parameter: {{resolve:%s:NAME:VERSION}}", whole, service)
		}
		if len(parts) > 3 {
			return fmt.Sprintf("dynamic reference %s has too many parts: {{resolve:%s:NAME:VERSION}}", whole, service)
		}
		if len(parts) == 3 {
			if n, err := strconv.Atoi(parts[2]); err != nil || n < 1 {
				return fmt.Sprintf("dynamic reference %s: the version %q of an SSM parameter is a number from 1", whole, parts[2])
			}
		}
	case "secretsmanager":
		rest := parts[1:]
		if len(rest) > 0 && rest[0] == "arn" {
			// An ARN: arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME.
			if len(rest) < 7 {
				return fmt.Sprintf("dynamic reference %s: the secret's ARN is cut short", whole)
			}
			rest = append([]string{strings.Join(rest[:7], ":")}, rest[7:]...)
		}
		if len(rest) == 0 || rest[0] == "" {
			return fmt.Sprintf("dynamic reference %s names no secret: {{resolve:secretsmanager:SECRET:SecretString:KEY:STAGE:VERSION}}", whole)
		}
		if len(rest) > 5 {
			return fmt.Sprintf("dynamic reference %s has too many parts: {{resolve:secretsmanager:SECRET:SecretString:KEY:STAGE:VERSION}}", whole)
		}
		if len(rest) > 1 && rest[1] != "SecretString" && rest[1] != "" {
			return fmt.Sprintf("dynamic reference %s: the part after the secret is SecretString, not %q", whole, rest[1])
		}
		if len(rest) == 5 && rest[3] != "" && rest[4] != "" {
			return fmt.Sprintf("dynamic reference %s gives both a version stage and a version ID: give one", whole)
		}
	default:
		return fmt.Sprintf("dynamic reference %s: the service is ssm, ssm-secure or secretsmanager, not %q", whole, service)
	}
	return ""
}

// listShapes checks that a list goes where a list fits and one value
// where one value does (SG024): a list-typed parameter in a field of one
// value, or an expression of one value (an export, a !Sub) where a list
// goes, renders a template CloudFormation rejects.
func listShapes(c *Context) {
	c.eachValue(func(at schema.ValueAt) {
		v := at.Value
		switch {
		case at.List:
			items, literal := schema.ListValue{Value: v}.Items()
			if !literal {
				if why := c.scalar(v.Any()); why != "" {
					c.Report(at.Path, "a list goes here, and %s is one value (%s)", v.Text(), why)
				}
				return
			}
			if len(items) < 2 {
				return
			}
			for i, it := range items {
				if c.App.ListValued(it) {
					c.Report(fmt.Sprintf("%s[%d]", at.Path, i), "%s is a whole list: give it alone, as the list (not one of its items)", it.Text())
				}
			}
		case at.Field == "Output.value":
			// A list is joined with commas.
		case c.App.ListValued(v) && !isListLiteral(v):
			c.Report(at.Path, "%s is a list, and this field takes one value", v.Text())
		}
	})
}

func isListLiteral(v schema.Value) bool {
	_, ok := v.Any().([]any)
	return ok
}

// scalar explains why x is surely one value, or returns "" when it may be
// a list (an attribute, a selection).
func (c *Context) scalar(x any) string {
	if _, ok := x.([]any); ok {
		return ""
	}
	m, ok := x.(map[string]any)
	if !ok {
		return "a literal"
	}
	if r, _, ok := schema.AsAttrRef(m); ok {
		if r.Kind == "parameter" {
			if c.App.Parameters[r.Name].List() {
				return ""
			}
			return "parameter " + r.Name + " is of type " + c.App.Parameters[r.Name].Type
		}
		return "a resource's attribute"
	}
	for fn, arg := range m {
		switch fn {
		case "Fn::ImportValue":
			return `an export is a string; split it: {"Fn::Split": [",", {"Fn::ImportValue": ...}]}`
		case "Fn::Sub", "Fn::Join", "Fn::Base64":
			return fn + " makes a string"
		case "Ref":
			name, _ := arg.(string)
			if schema.IsPseudoParameter(name) {
				if name == "AWS::NotificationARNs" || name == "AWS::NoValue" {
					return ""
				}
				return name + " is a string"
			}
			for n, p := range c.App.Parameters {
				if schema.ParameterID(n) == name && !p.List() {
					return "parameter " + n + " is of type " + p.Type
				}
			}
		case "Fn::If":
			if a, ok := arg.([]any); ok && len(a) == 3 {
				if why := c.scalar(a[1]); why != "" {
					return why
				}
				return c.scalar(a[2])
			}
		}
	}
	return ""
}
