package schema

import (
	"samgen.dev/samgen/internal/didyoumean"
)

// allowedNear returns the field the schema declares beside the last label
// of path (from the package root) that is closest to it, or "". Only the
// schema's own fields are candidates: the user's other names (the
// functions beside a rejected function name) are no spelling of a field,
// and the rejected name itself never is.
func (i *Instance) allowedNear(path []string) string {
	bad := path[len(path)-1]
	var names []string
	for _, f := range Fields(joinPath(path[1 : len(path)-1])) {
		if f.Name != bad {
			names = append(names, f.Name)
		}
	}
	return didyoumean.Suggest(bad, names)
}
