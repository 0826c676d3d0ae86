package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue"

	"samgen.dev/samgen/internal/cfn"
)

// Value is a CloudFormation value of the spec: the Go side of the CUE
// #Value family (#StringValue, #IntValue, #BoolValue, #ArnValue). It holds
// the decoded JSON form of what the user wrote: a string, a number
// (int64 or float64), a bool, a reference ({kind, name[, id]} or {ref,
// attr}), or an intrinsic function ({"Fn::Sub": ...}). The zero Value is
// unset.
//
// Checks read it with [Value.Str], [Value.Int], [Value.Bool] and
// [Value.Ref], which answer only for literals and references: anything
// else is known at deploy time only. Render and policies turn it into
// CloudFormation with [App.ResolveValue].
type Value struct{ v any }

// V returns the Value of a decoded JSON form (tests, and values samgen
// makes itself).
func V(x any) Value {
	if i, ok := x.(int); ok {
		x = int64(i)
	}
	return Value{x}
}

// UnmarshalCUE decodes a CUE value of the spec.
func (v *Value) UnmarshalCUE(cv cue.Value) error {
	return cv.Decode(&v.v)
}

// UnmarshalJSON decodes the JSON form.
func (v *Value) UnmarshalJSON(b []byte) error {
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return err
	}
	v.v = normalize(x)
	return nil
}

// normalize turns json.Number into int64 or float64, as CUE decodes them.
func normalize(x any) any {
	switch y := x.(type) {
	case json.Number:
		if i, err := y.Int64(); err == nil {
			return i
		}
		f, _ := y.Float64()
		return f
	case map[string]any:
		for k, e := range y {
			y[k] = normalize(e)
		}
	case []any:
		for i, e := range y {
			y[i] = normalize(e)
		}
	}
	return x
}

// MarshalJSON writes the JSON form.
func (v Value) MarshalJSON() ([]byte, error) { return json.Marshal(v.v) }

// IsZero reports whether v is unset.
func (v Value) IsZero() bool { return v.v == nil }

// Any returns the decoded JSON form.
func (v Value) Any() any { return v.v }

// Str returns a literal string: one without ${...} variables (which make it
// a !Sub).
func (v Value) Str() (string, bool) {
	s, ok := v.v.(string)
	if !ok || strings.Contains(s, "${") {
		return "", false
	}
	return s, true
}

// Template returns the string of v when it is one: a literal, or a !Sub
// template with its ${...} variables.
func (v Value) Template() (string, bool) {
	s, ok := v.v.(string)
	return s, ok
}

// Int returns a literal integer.
func (v Value) Int() (int, bool) {
	switch n := v.v.(type) {
	case int64:
		return int(n), true
	case float64:
		if n == math.Trunc(n) {
			return int(n), true
		}
	}
	return 0, false
}

// Number returns a literal number.
func (v Value) Number() (float64, bool) {
	switch n := v.v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// Bool returns a literal boolean.
func (v Value) Bool() (bool, bool) {
	b, ok := v.v.(bool)
	return b, ok
}

// Literal reports whether v is known before deploy: a string without
// variables, a number or a boolean.
func (v Value) Literal() bool {
	switch x := v.v.(type) {
	case string:
		return !strings.Contains(x, "${")
	case int64, float64, bool:
		return true
	}
	return false
}

// Ref returns the reference v is, with the attribute it chooses ("" for
// the field's default).
func (v Value) Ref() (r Ref, attr string, ok bool) { return AsAttrRef(v.v) }

// Text shows v for a message: a literal as written, an expression in
// CloudFormation's short form (!Ref Subnets, !ImportValue net-Vpc, a
// reference as its spec path).
func (v Value) Text() string { return text(v.v) }

func text(x any) string {
	switch y := x.(type) {
	case string:
		return strconv.Quote(y)
	case int64:
		return strconv.FormatInt(y, 10)
	case float64:
		return strconv.FormatFloat(y, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(y)
	case []any:
		parts := make([]string, len(y))
		for i, e := range y {
			parts[i] = text(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		if r, attr, ok := AsAttrRef(y); ok {
			s := "app." + r.kindCollection() + "." + Label(r.Name) + ".ref"
			if attr != "" {
				s += " (" + attr + ")"
			}
			return s
		}
		if fn, arg, ok := intrinsic(y); ok {
			name := strings.TrimPrefix(fn, "Fn::")
			return "!" + name + " " + text(arg)
		}
		b, _ := json.Marshal(y)
		return string(b)
	}
	return fmt.Sprint(x)
}

func (r Ref) kindCollection() string {
	if k, ok := KindOf(r.Kind); ok {
		return k.Collection
	}
	return r.Kind
}

// intrinsic returns the function name and argument of a one-key map
// naming an intrinsic function (Ref, Condition or Fn::*).
func intrinsic(m map[string]any) (fn string, arg any, ok bool) {
	if !cfn.IsIntrinsic(m) {
		return "", nil, false
	}
	for k, v := range m {
		return k, v, true
	}
	return "", nil, false
}

// Intrinsic returns the function name and argument of v when it is an
// intrinsic function.
func (v Value) Intrinsic() (fn string, arg any, ok bool) {
	m, isMap := v.v.(map[string]any)
	if !isMap {
		return "", nil, false
	}
	return intrinsic(m)
}

// ListValue is a list of the spec: the CUE #ListValue, items that are
// values, or one expression that stands for a whole list.
type ListValue struct{ Value }

// L returns the ListValue of a decoded JSON form.
func L(x any) ListValue { return ListValue{V(x)} }

// Items returns the items of a literal list; ok is false when the list is
// one expression.
func (l ListValue) Items() (items []Value, ok bool) {
	xs, ok := l.v.([]any)
	if !ok {
		return nil, false
	}
	items = make([]Value, len(xs))
	for i, x := range xs {
		items[i] = Value{x}
	}
	return items, true
}

// PseudoParameters are CloudFormation's pseudo parameters; !Ref and
// ${...} may name them. AWS::NoValue and AWS::NotificationARNs cannot be
// ${...} variables of a !Sub (the first is no value, the second a list).
var PseudoParameters = []string{
	"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
	"AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
}

// IsPseudoParameter reports whether name is a pseudo parameter.
func IsPseudoParameter(name string) bool { return slices.Contains(PseudoParameters, name) }

// ResolveValue renders v as CloudFormation: a literal as it is, a string
// with ${...} variables as !Sub, a reference as the attribute attr of
// what it names (the kind's default when attr is "", unless the reference
// chooses one itself), and an intrinsic function as written with the
// references in its arguments rendered. The strings inside an intrinsic's
// arguments are CloudFormation's: they are not made a !Sub.
func (a *App) ResolveValue(v Value, attr string) (any, error) {
	return a.resolveValue(v.v, attr)
}

// ResolveList renders a list: its items as values, or its one expression.
// A list of one item that stands for a whole list (a list-typed
// parameter) is that list, never a list in a list.
func (a *App) ResolveList(l ListValue, attr string) (any, error) {
	items, ok := l.Items()
	if !ok {
		return a.ResolveValue(l.Value, attr)
	}
	if len(items) == 1 && a.ListValued(items[0]) {
		return a.ResolveValue(items[0], attr)
	}
	out := make([]any, len(items))
	for i, it := range items {
		x, err := a.ResolveValue(it, attr)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		out[i] = x
	}
	return out, nil
}

// ResolveJSON renders a JSON document of the spec (a raw resource's
// properties, an override, an event pattern): references become the
// intrinsics they stand for (their default attribute, or the one they
// choose), everything else is kept as written, strings included.
func (a *App) ResolveJSON(x any) (any, error) {
	switch y := x.(type) {
	case []any:
		out := make([]any, len(y))
		for i, e := range y {
			r, err := a.ResolveJSON(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		if r, attr, ok := AsAttrRef(y); ok {
			if _, known := KindOf(r.Kind); known {
				return a.Resolve(r, attr)
			}
		}
		if fn, arg, ok := intrinsic(y); ok {
			return a.resolveIntrinsic(fn, arg, "")
		}
		out := make(map[string]any, len(y))
		for _, k := range slices.Sorted(maps.Keys(y)) {
			r, err := a.ResolveJSON(y[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", Label(k), err)
			}
			out[k] = r
		}
		return out, nil
	}
	return x, nil
}

func (a *App) resolveValue(x any, attr string) (any, error) {
	switch y := x.(type) {
	case string:
		if strings.Contains(y, "${") {
			return cfn.Sub(y), nil
		}
		return y, nil
	case map[string]any:
		if r, at, ok := AsAttrRef(y); ok {
			if at == "" {
				at = attr
			}
			return a.Resolve(r, at)
		}
		if fn, arg, ok := intrinsic(y); ok {
			return a.resolveIntrinsic(fn, arg, attr)
		}
	}
	return a.ResolveJSON(x)
}

// resolveIntrinsic renders an intrinsic function whose arguments may hold
// references: the condition of an Fn::If and the logical ID of an
// Fn::GetAtt may be given as refs, and the two values of an Fn::If stand
// where the intrinsic does (attr applies to them).
func (a *App) resolveIntrinsic(fn string, arg any, attr string) (any, error) {
	args, isList := arg.([]any)
	switch {
	case fn == "Fn::If" && isList && len(args) == 3:
		cond := args[0]
		if r, _, ok := AsAttrRef(cond); ok {
			cond = ConditionID(r.Name)
		}
		yes, err := a.resolveValueIn(args[1], attr)
		if err != nil {
			return nil, err
		}
		no, err := a.resolveValueIn(args[2], attr)
		if err != nil {
			return nil, err
		}
		return map[string]any{fn: []any{cond, yes, no}}, nil
	case fn == "Fn::GetAtt" && isList && len(args) == 2:
		if r, _, ok := AsAttrRef(args[0]); ok {
			d, declared := a.Decl(r)
			if !declared {
				return nil, UndeclaredError{r}
			}
			return cfn.GetAtt(LogicalID(d.Ref), fmt.Sprint(args[1])), nil
		}
	}
	out, err := a.ResolveJSON(arg)
	if err != nil {
		return nil, err
	}
	return map[string]any{fn: out}, nil
}

// resolveValueIn renders a value inside an intrinsic: a reference as
// attr, anything else as CloudFormation's own.
func (a *App) resolveValueIn(x any, attr string) (any, error) {
	if r, at, ok := AsAttrRef(x); ok {
		if at == "" {
			at = attr
		}
		return a.Resolve(r, at)
	}
	return a.ResolveJSON(x)
}

// ListValued reports whether v stands for a whole list: a list-typed
// template parameter (by reference or !Ref), AWS::NotificationARNs, or
// Fn::Split, Fn::GetAZs, Fn::Cidr, or an Fn::If whose values do.
func (a *App) ListValued(v Value) bool { return a.listValued(v.v) }

func (a *App) listValued(x any) bool {
	if _, ok := x.([]any); ok {
		return true
	}
	m, ok := x.(map[string]any)
	if !ok {
		return false
	}
	if r, _, ok := AsAttrRef(m); ok {
		return r.Kind == "parameter" && a.Parameters[r.Name].List()
	}
	fn, arg, ok := intrinsic(m)
	if !ok {
		return false
	}
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		if name == "AWS::NotificationARNs" {
			return true
		}
		for n, p := range a.Parameters {
			if ParameterID(n) == name {
				return p.List()
			}
		}
	case "Fn::Split", "Fn::GetAZs", "Fn::Cidr":
		return true
	case "Fn::If":
		if args, ok := arg.([]any); ok && len(args) == 3 {
			return a.listValued(args[1]) || a.listValued(args[2])
		}
	}
	return false
}

// Scalar returns a literal as the string CloudFormation gives a property
// that takes a string: a number in decimal (8080 → "8080"), a boolean as
// "true" or "false". Lambda takes environment variables as strings only.
func (v Value) Scalar() (string, bool) {
	if x, ok := v.v.(string); ok {
		return x, !strings.Contains(x, "${")
	}
	return cfn.ScalarString(v.v)
}

// SubVariables returns the ${...} variables of an Fn::Sub template, in
// order: "AWS::Region", "Orders", "Orders.Arn". ${!literal} is an escape,
// not a variable.
func SubVariables(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return out
		}
		s = s[i+2:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return out
		}
		if name := s[:end]; !strings.HasPrefix(name, "!") {
			out = append(out, strings.TrimSpace(name))
		}
		s = s[end+1:]
	}
}
