// Package cfn builds CloudFormation values: intrinsic functions in their
// JSON form ({"Ref": "X"}, {"Fn::GetAtt": ["X", "Arn"]}, {"Fn::Sub": "..."})
// and logical IDs. render turns the JSON forms into YAML short tags (!Ref,
// !GetAtt X.Arn, !Sub) when it writes a template.
package cfn

import (
	"strconv"
	"strings"
	"unicode"
)

// Ref is the intrinsic `!Ref id`.
func Ref(id string) map[string]any { return map[string]any{"Ref": id} }

// GetAtt is the intrinsic `!GetAtt id.attr`.
func GetAtt(id, attr string) map[string]any {
	return map[string]any{"Fn::GetAtt": []any{id, attr}}
}

// Sub is the intrinsic `!Sub s`.
func Sub(s string) map[string]any { return map[string]any{"Fn::Sub": s} }

// SubVars is the intrinsic `!Sub [s, vars]`.
func SubVars(s string, vars map[string]any) map[string]any {
	return map[string]any{"Fn::Sub": []any{s, vars}}
}

// Join is the intrinsic `!Join [sep, parts]`.
func Join(sep string, parts ...any) map[string]any {
	return map[string]any{"Fn::Join": []any{sep, parts}}
}

// Select is the intrinsic `!Select [index, list]`.
func Select(index int, list any) map[string]any {
	return map[string]any{"Fn::Select": []any{index, list}}
}

// Split is the intrinsic `!Split [sep, s]`.
func Split(sep string, s any) map[string]any {
	return map[string]any{"Fn::Split": []any{sep, s}}
}

// If is the intrinsic `!If [cond, a, b]`.
func If(cond string, a, b any) map[string]any {
	return map[string]any{"Fn::If": []any{cond, a, b}}
}

// Prefixed renders prefix (a !Sub template) followed by the value v: a
// literal, a !Sub (whose template is extended) or any other expression
// (a !Sub variable).
func Prefixed(prefix string, v any) any {
	switch x := v.(type) {
	case string:
		return Sub(prefix + x)
	case map[string]any:
		switch sub := x["Fn::Sub"].(type) {
		case string:
			return Sub(prefix + sub)
		case []any:
			if len(sub) == 2 {
				s, _ := sub[0].(string)
				vars, _ := sub[1].(map[string]any)
				return SubVars(prefix+s, vars)
			}
		}
	}
	return SubVars(prefix+"${Name}", map[string]any{"Name": v})
}

// NoValue is `!Ref AWS::NoValue`.
func NoValue() map[string]any { return Ref("AWS::NoValue") }

// IsIntrinsic reports whether v is a single-key map naming an intrinsic
// function or a Ref.
func IsIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

// LogicalID derives the CloudFormation logical ID of a spec name and a kind
// suffix: ("get-product", "Function") → "GetProductFunction". Separators
// ('-', '_') start a new word. IDs depend on names only, never on order or
// content, so a resource keeps its ID (and is not replaced) as the spec
// changes around it.
func LogicalID(name, suffix string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if r == '-' || r == '_' {
			upper = true
			continue
		}
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String() + suffix
}

// ScalarString returns a number or a boolean as the string CloudFormation
// makes of it for a property that takes a string: 8080 → "8080", 0.5 →
// "0.5", true → "true".
func ScalarString(v any) (string, bool) {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// List reads what CloudFormation takes as one value or a list of them (a
// statement's Action, a role's Policies, a document's Statement): a list
// as is, nil as nil, anything else as a list of one.
func List(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}
