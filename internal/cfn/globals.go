package cfn

import (
	"maps"
	"slices"
	"strings"
)

// Effective returns the template's resources with SAM's Globals applied,
// as SAM's transform applies them: a Serverless resource's properties are
// the Globals section of its type ("Function" for AWS::Serverless::Function)
// merged with its own. Maps merge key by key, lists are concatenated
// (the globals' items first), and a scalar of the resource wins.
func (t *Template) Effective() map[string]Resource {
	out := make(map[string]Resource, len(t.Resources))
	for id, r := range t.Resources {
		if section, ok := strings.CutPrefix(r.Type, "AWS::Serverless::"); ok {
			if g, ok := t.Globals[section].(map[string]any); ok {
				r.Properties, _ = MergeGlobal(g, r.Properties).(map[string]any)
			}
		}
		out[id] = r
	}
	return out
}

// MergeGlobal merges a value of a Globals section (global) with a
// resource's own (local), as SAM does.
func MergeGlobal(global, local any) any {
	switch l := local.(type) {
	case nil:
		return global
	case map[string]any:
		g, ok := global.(map[string]any)
		if !ok || IsIntrinsic(l) {
			return l
		}
		m := maps.Clone(g)
		for _, k := range slices.Sorted(maps.Keys(l)) {
			m[k] = MergeGlobal(g[k], l[k])
		}
		return m
	case []any:
		if g, ok := global.([]any); ok {
			return append(slices.Clone(g), l...)
		}
	}
	return local
}
