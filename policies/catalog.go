package policies

//go:generate go run ./internal/gencatalog

import (
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
	i, ok := slices.BinarySearchFunc(catalog, name, func(t Template, name string) int {
		return strings.Compare(t.Name, name)
	})
	if !ok {
		return Template{}, false
	}
	t := catalog[i]
	t.Params = slices.Clone(t.Params)
	t.Statements = clone(t.Statements).([]any)
	return t, true
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
	best, bestDist := "", 3
	for _, t := range catalog {
		if strings.EqualFold(t.Name, name) {
			return t.Name
		}
		if d := levenshtein(name, t.Name); d < bestDist {
			best, bestDist = t.Name, d
		}
	}
	return best
}

// levenshtein returns the edit distance between a and b, counted in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
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
