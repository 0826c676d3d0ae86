package schema

import (
	"slices"
	"strings"
)

// Parameter is a template parameter.
type Parameter struct {
	Ref                   Ref      `json:"ref"`
	Type                  string   `json:"type"`
	Description           string   `json:"description,omitempty"`
	Default               any      `json:"default,omitempty"`
	Allowed               []any    `json:"allowed,omitempty"`
	AllowedPattern        string   `json:"allowedPattern,omitempty"`
	MinLength             *int     `json:"minLength,omitempty"`
	MaxLength             *int     `json:"maxLength,omitempty"`
	MinValue              *float64 `json:"minValue,omitempty"`
	MaxValue              *float64 `json:"maxValue,omitempty"`
	ConstraintDescription string   `json:"constraintDescription,omitempty"`
	NoEcho                bool     `json:"noEcho,omitempty"`
}

// List reports whether the parameter's value is a list: List<...>,
// CommaDelimitedList, or an SSM parameter holding one.
func (p Parameter) List() bool {
	t := strings.TrimSuffix(strings.TrimPrefix(p.Type, "AWS::SSM::Parameter::Value<"), ">")
	return strings.HasPrefix(t, "List<") || t == "CommaDelimitedList"
}

// Number reports whether the parameter's value is a number.
func (p Parameter) Number() bool { return p.Type == "Number" }

// Condition is a CloudFormation condition; exactly one field is set.
type Condition struct {
	Ref    Ref     `json:"ref"`
	Equals []Value `json:"equals,omitempty"`
	Not    *Ref    `json:"not,omitempty"`
	And    []Ref   `json:"and,omitempty"`
	Or     []Ref   `json:"or,omitempty"`
}

// Output is a stack output.
type Output struct {
	Condition   *Ref    `json:"condition,omitempty"`
	Description Value   `json:"description,omitempty"`
	Value       Value   `json:"value,omitempty"`
	Sub         *string `json:"sub,omitempty"`
	Ref         *Ref    `json:"ref,omitempty"`
	Attr        string  `json:"attr,omitempty"`
	Export      Value   `json:"export,omitempty"`
}

// Conditional is a resource samgen renders under a condition.
type Conditional struct {
	// Path of the declaration in the spec, ID the logical ID of the
	// resource.
	Path, ID  string
	Condition Ref
}

// Conditionals lists the rendered resources declared with a condition:
// every kind's, then rules' and subscriptions', sorted by path.
func (a *App) Conditionals() []Conditional {
	var out []Conditional
	a.Each(func(k Kind, path string, d Decl) {
		if d.Condition != nil && d.Owned && k.Suffix != "" || d.Condition != nil && k.Name == "resource" {
			out = append(out, Conditional{path, LogicalID(d.Ref), *d.Condition})
		}
	})
	for _, name := range sortedKeys(a.Rules) {
		if c := a.Rules[name].Condition; c != nil {
			out = append(out, Conditional{"rules." + name, a.RuleID(name), *c})
		}
	}
	for _, name := range sortedKeys(a.Subscriptions) {
		if c := a.Subscriptions[name].Condition; c != nil {
			out = append(out, Conditional{"subscriptions." + name, a.SubscriptionID(name), *c})
		}
	}
	slices.SortFunc(out, func(x, y Conditional) int { return strings.Compare(x.Path, y.Path) })
	return out
}

// Mapping is a decoded `#Mapping`: top-level key → second-level key → a
// string or a list of strings.
type Mapping map[string]map[string]any
