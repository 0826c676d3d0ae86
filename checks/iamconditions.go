package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// conditionOperators are IAM's condition operators (IAM User Guide,
// "IAM JSON policy elements: Condition operators"). Each but Null also
// takes the IfExists suffix, and each the ForAllValues: or ForAnyValue:
// prefix for multivalued keys.
var conditionOperators = []string{
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
	"BinaryEquals", "Bool",
	"DateEquals", "DateGreaterThan", "DateGreaterThanEquals", "DateLessThan", "DateLessThanEquals", "DateNotEquals",
	"IpAddress", "NotIpAddress", "Null",
	"NumericEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "NumericLessThan", "NumericLessThanEquals", "NumericNotEquals",
	"StringEquals", "StringEqualsIgnoreCase", "StringLike", "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike",
}

// conditionKey is the shape of a condition key: service:name, the name
// possibly with a /tag-key or /${...} part (aws:PrincipalTag/team).
var conditionKey = regexp.MustCompile(`^[A-Za-z0-9-]+:[A-Za-z0-9_.:/${}*@-]+$`)

func iamConditions(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, st := range fn.Statements {
			p := fmt.Sprintf("%s.statements[%d].conditions", path, i)
			for _, op := range sortedKeys(st.Conditions) {
				at := p + "." + schema.Label(op)
				if msg := operatorProblem(op); msg != "" {
					c.Report(at, "%s", msg)
					continue
				}
				keys, _ := st.Conditions[op].(map[string]any)
				for _, k := range sortedKeys(keys) {
					if !conditionKey.MatchString(k) {
						c.Report(at+"."+schema.Label(k), "%q is not a condition key; a key is service:name, such as aws:SourceArn or aws:PrincipalTag/team", k)
						continue
					}
					if msg := conditionValueProblem(op, keys[k]); msg != "" {
						c.Report(at+"."+schema.Label(k), "%s", msg)
					}
				}
			}
		}
	})
}

// operatorProblem returns what is wrong with a condition operator, or "".
func operatorProblem(op string) string {
	base := op
	for _, set := range []string{"ForAllValues:", "ForAnyValue:"} {
		base = strings.TrimPrefix(base, set)
	}
	ifExists := strings.HasSuffix(base, "IfExists")
	base = strings.TrimSuffix(base, "IfExists")
	switch {
	case !slices.Contains(conditionOperators, base):
		msg := fmt.Sprintf("%q is not an IAM condition operator (such as StringEquals, ArnLike, NumericLessThan, Bool, IpAddress or Null, with IfExists or a ForAllValues:/ForAnyValue: prefix)", op)
		if s := didyoumean.Suggest(base, conditionOperators); s != "" && s != base {
			msg += fmt.Sprintf("; did you mean %s?", strings.Replace(op, base, s, 1))
		}
		return msg
	case base == "Null" && ifExists:
		return "Null takes no IfExists: it tests whether the key exists"
	}
	return ""
}

// conditionValueProblem checks the values of one condition key.
func conditionValueProblem(op string, v any) string {
	base := strings.TrimSuffix(op[strings.LastIndex(op, ":")+1:], "IfExists")
	vals, ok := v.([]any)
	if !ok {
		vals = []any{v}
	}
	for _, x := range vals {
		switch x.(type) {
		case map[string]any, []any, nil:
			return fmt.Sprintf("condition values are strings, numbers or booleans (or a list of them), not %s", jsonText(x))
		}
		if base == "Null" || base == "Bool" {
			if s := fmt.Sprint(x); s != "true" && s != "false" {
				return fmt.Sprintf("%s takes true or false, not %s", base, jsonText(x))
			}
		}
	}
	return ""
}
