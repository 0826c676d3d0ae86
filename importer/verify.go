package importer

import (
	"fmt"
	"slices"
	"strings"
)

// fallback imports more plainly what the last build got wrong, and
// reports whether it changed anything (another pass is due):
//
//   - a resource a declaration absorbed but samgen did not render stays
//     a raw resource of its own;
//   - a property of a resource samgen renders that differs from the
//     template's, or that samgen does not render, is overridden with the
//     template's value;
//   - a resource whose attributes differ, that has a property samgen
//     renders and the template lacks, or that samgen renders and the
//     template does not have at all, makes the declaration it comes from a
//     raw resource.
func (im *importer) fallback(diffs []Difference, origins map[string]string) bool {
	changed := false
	demote := func(path, why string) {
		for id, d := range im.decls {
			if d.path() == path && d.kind != "resource" {
				if _, done := im.raw[id]; !done {
					im.raw[id] = why
					changed = true
				}
			}
		}
	}
	for _, df := range Unadopted(diffs, im.adopted) {
		if df.Section != "Resources" {
			continue
		}
		id := df.LogicalID
		_, inTemplate := im.t.Resources[id]
		origin := origins[id]
		switch {
		case df.Path == "" && df.Got == nil:
			// In the template, not built: a resource absorbed in vain.
			if im.absorbed[id] != nil && !im.noAbsorb[id] {
				im.noAbsorb[id] = true
				changed = true
			}
		case df.Path == "" && df.Want == nil:
			if origin != "" {
				demote(origin, fmt.Sprintf("samgen renders %s for it, which the template does not have", id))
			}
		case !inTemplate:
		case strings.HasPrefix(df.Path, "("):
			if d, ok := im.renders(id); ok {
				demote(d.path(), fmt.Sprintf("its %s differs from what samgen renders", strings.Trim(df.Path, "()")))
			}
		case df.Want == nil:
			d, ok := im.renders(id)
			if !ok {
				continue
			}
			if path := df.Path; !slices.ContainsFunc(strings.Split(path, "."), func(s string) bool { return !overrideKey.MatchString(s) }) {
				// Unset what samgen renders and the template lacks: an
				// override to AWS::NoValue, which CloudFormation reads as
				// the property absent.
				if im.forced[id] == nil {
					im.forced[id] = map[string]forced{}
				}
				if _, done := im.forced[id][path]; !done {
					im.forced[id][path] = forced{value: map[string]any{"Ref": "AWS::NoValue"}, why: fmt.Sprintf("%s: samgen renders %s, which the template does not have", d.res.Type, path)}
					changed = true
					continue
				}
			}
			demote(d.path(), fmt.Sprintf("samgen renders %s, which the template does not have", df.Path))
		default:
			d, ok := im.renders(id)
			if !ok {
				continue
			}
			path, value, ok := im.overridePath(id, df.Path)
			if !ok {
				demote(d.path(), fmt.Sprintf("samgen renders %s otherwise than the template", df.Path))
				continue
			}
			if im.forced[id] == nil {
				im.forced[id] = map[string]forced{}
			}
			if _, done := im.forced[id][path]; done {
				// Overridden already and still different: give up on the
				// declaration.
				demote(d.path(), fmt.Sprintf("samgen renders %s otherwise than the template, even overridden", path))
				continue
			}
			im.forced[id][path] = forced{value: value, why: fmt.Sprintf("%s: samgen renders %s otherwise than the template", d.res.Type, path)}
			changed = true
		}
	}
	return changed
}

// overridePath returns the override path for a differing property: the
// deepest path of override segments above it, and the template's value
// there.
func (im *importer) overridePath(id, path string) (string, any, bool) {
	r, ok := im.res[id]
	if !ok {
		return "", nil, false
	}
	b := &bag{m: r.Properties}
	var keep []string
	var value any
	for _, s := range strings.Split(path, ".") {
		if !overrideKey.MatchString(s) {
			break
		}
		v, ok := b.peek(append(slices.Clone(keep), s)...)
		if !ok {
			break
		}
		keep, value = append(keep, s), v
	}
	if len(keep) == 0 {
		return "", nil, false
	}
	return strings.Join(keep, "."), value, true
}

// finish completes the result of the last pass: the broad grants and
// the adopted defaults, and what differs because of them.
func (im *importer) finish(res *Result) {
	slices.SortFunc(res.Acknowledged, func(a, b Ack) int { return strings.Compare(a.Path, b.Path) })
	res.Differences = Unadopted(res.Differences, res.Adopted)
}

// Unadopted leaves out of diffs the property differences of resources
// whose defaults were adopted ([Options.AdoptDefaults]): the changes the
// import listed.
func Unadopted(diffs []Difference, adopted []Change) []Difference {
	var left []Difference
	for _, d := range diffs {
		if d.Section != "Resources" || d.Path == "" || !slices.ContainsFunc(adopted, func(c Change) bool { return c.LogicalID == d.LogicalID }) {
			left = append(left, d)
		}
	}
	return left
}
