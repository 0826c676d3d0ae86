package schema

import (
	"cuelang.org/go/cue"

	"samgen.dev/samgen/internal/didyoumean"
)

// allowedNear returns the field allowed beside the last label of path that
// is closest to it, or "".
func (i *Instance) allowedNear(path []string) string {
	parent := i.value
	if len(path) > 2 {
		parent = i.Value(specPath(path[:len(path)-1]))
	}
	it, err := parent.Fields(cue.Optional(true))
	if err != nil {
		return ""
	}
	bad := path[len(path)-1]
	var names []string
	for it.Next() {
		if it.Selector().LabelType() != cue.StringLabel {
			continue
		}
		if n := it.Selector().Unquoted(); n != bad {
			names = append(names, n)
		}
	}
	return didyoumean.Suggest(bad, names)
}
