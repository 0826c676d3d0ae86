package schema

import (
	"maps"
	"slices"
	"strings"

	"cuelang.org/go/cue"

	"samgen.dev/samgen/internal/cfn"
)

// Conditional is a resource declared with a condition.
type Conditional struct {
	// Path of the resource in the spec, ID its logical ID.
	Path, ID  string
	Condition Ref
}

// Conditionals lists the resources of every collection declared with a
// condition, sorted by path. The condition is read from the CUE value, so
// every collection takes one the same way (see #Conditional).
func (i *Instance) Conditionals() []Conditional {
	var out []Conditional
	cond := cue.ParsePath("condition")
	visit := func(coll string, id func(name string) string) {
		it, err := i.Value(coll).Fields()
		if err != nil {
			return
		}
		for it.Next() {
			name := it.Selector().Unquoted()
			var r Ref
			if c := it.Value().LookupPath(cond); !c.Exists() || c.Decode(&r) != nil {
				continue
			}
			out = append(out, Conditional{Path: coll + "." + it.Selector().String(), ID: id(name), Condition: r})
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(Kinds)) {
		visit(Kinds[kind].Collection, func(name string) string { return LogicalID(i.DeclaredRef(kind, name)) })
	}
	visit("rules", RuleID)
	visit("subscriptions", SubscriptionID)
	slices.SortFunc(out, func(a, b Conditional) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// RuleID is the logical ID of an EventBridge rule of `rules`.
func RuleID(name string) string { return cfn.LogicalID(name, "Rule") }

// SubscriptionID is the logical ID of a subscription of `subscriptions`.
func SubscriptionID(name string) string { return cfn.LogicalID(name, "Subscription") }
