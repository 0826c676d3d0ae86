package schema

import (
	"cuelang.org/go/cue"
	"cuelang.org/go/cue/errors"

	"samgen.dev/samgen/internal/didyoumean"
)

// suggestFields adds "did you mean" to every "field not allowed" error
// whose field is a near miss of one the schema allows there (`memroy` →
// `memory`): a misspelt optional field is the most common mistake in a
// spec, and CUE names only the field it rejects.
func (i *Instance) suggestFields(err error) error {
	var out errors.Error
	for _, e := range errors.Errors(err) {
		format, _ := e.Msg()
		if path := e.Path(); format == notAllowed && len(path) >= 2 && path[0] == "app" {
			if s := i.allowedNear(path); s != "" {
				e = hinted{err: e, msg: notAllowed + "; did you mean " + s + "?", pos: i.Pos(specPath(path))}
			}
		}
		out = errors.Append(out, e)
	}
	return out
}

// allowedNear returns the field allowed beside the last label of path that
// is closest to it, or "".
func (i *Instance) allowedNear(path []string) string {
	parent := i.value
	if len(path) > 2 {
		parent = i.value.LookupPath(cuePath(specPath(path[:len(path)-1])))
	}
	it, err := parent.Fields(cue.Optional(true))
	if err != nil {
		return ""
	}
	bad := path[len(path)-1]
	var names []string
	for it.Next() {
		if n := it.Selector().Unquoted(); n != bad && it.Selector().LabelType() == cue.StringLabel {
			names = append(names, n)
		}
	}
	return didyoumean.Suggest(bad, names)
}
