package review

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// effective returns the template's resources with SAM's Globals applied,
// as SAM's transform applies them: a Serverless resource's properties are
// the Globals section of its type ("Function" for AWS::Serverless::Function)
// merged with its own. Maps merge key by key, lists are concatenated
// (the globals' items first), and a scalar of the resource wins.
func effective(t *cfn.Template) map[string]cfn.Resource {
	out := make(map[string]cfn.Resource, len(t.Resources))
	for id, r := range t.Resources {
		if section, ok := strings.CutPrefix(r.Type, "AWS::Serverless::"); ok {
			if g, ok := t.Globals[section].(map[string]any); ok {
				r.Properties, _ = mergeGlobal(g, r.Properties).(map[string]any)
			}
		}
		out[id] = r
	}
	return out
}

func mergeGlobal(global, local any) any {
	switch l := local.(type) {
	case nil:
		return global
	case map[string]any:
		g, ok := global.(map[string]any)
		if !ok || isIntrinsic(l) {
			return l
		}
		m := maps.Clone(g)
		for _, k := range slices.Sorted(maps.Keys(l)) {
			m[k] = mergeGlobal(g[k], l[k])
		}
		return m
	case []any:
		if g, ok := global.([]any); ok {
			return append(slices.Clone(g), l...)
		}
	}
	return local
}

func isIntrinsic(v any) bool { return cfn.IsIntrinsic(v) }
