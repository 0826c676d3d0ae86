package importer

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

// bag holds the properties of one resource while its importer maps them
// to spec fields: each one mapped is taken out, and what is left is what
// samgen has no field for, written as overrides ([bag.leftovers]).
type bag struct {
	m map[string]any
}

func newBag(props map[string]any) *bag {
	m, _ := deepCopy(props).(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return &bag{m: m}
}

// peek returns the value at path without taking it.
func (b *bag) peek(path ...string) (any, bool) {
	var v any = b.m
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// take returns the value at path and removes it; maps emptied by the
// removal are removed too.
func (b *bag) take(path ...string) (any, bool) {
	v, ok := b.peek(path...)
	if !ok {
		return nil, false
	}
	b.remove(b.m, path)
	return v, true
}

func (b *bag) remove(m map[string]any, path []string) bool {
	if len(path) == 1 {
		delete(m, path[0])
		return len(m) == 0
	}
	sub, ok := m[path[0]].(map[string]any)
	if !ok {
		return false
	}
	if b.remove(sub, path[1:]) {
		delete(m, path[0])
	}
	return len(m) == 0
}

// str takes a string at path.
func (b *bag) str(path ...string) (string, bool) {
	v, ok := b.peek(path...)
	s, isStr := v.(string)
	if !ok || !isStr {
		return "", false
	}
	b.take(path...)
	return s, true
}

// boolean takes a boolean at path (true, or "true" as templates also
// write it).
func (b *bag) boolean(path ...string) (bool, bool) {
	v, ok := b.peek(path...)
	if !ok {
		return false, false
	}
	x, ok := boolean(v)
	if ok {
		b.take(path...)
	}
	return x, ok
}

// has reports whether path is set.
func (b *bag) has(path ...string) bool {
	_, ok := b.peek(path...)
	return ok
}

// empty reports whether everything was taken.
func (b *bag) empty() bool { return len(b.m) == 0 }

// leftover is a property no field took: its override path and value.
type leftover struct {
	path  []string
	value any
}

// overrideKey is what an override's dotted path may hold.
var overrideKey = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// leftovers returns what is left, as the deepest override paths that
// reach it: a map is descended while its keys can be override path
// segments, so a property of a nested block left alone is overridden
// alone (Events.Jobs.Properties.RequestModel), and a key that cannot be
// a segment overrides its parent whole, with the parent's full original
// value from orig.
func (b *bag) leftovers(orig map[string]any) []leftover {
	var out []leftover
	var walk func(path []string, left map[string]any)
	walk = func(path []string, left map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(left)) {
			p := append(slices.Clone(path), k)
			if !overrideKey.MatchString(k) {
				// The whole parent, as the template has it.
				full, _ := (&bag{m: orig}).peek(path...)
				out = append(out, leftover{path: path, value: full})
				return
			}
			if m, ok := left[k].(map[string]any); ok && len(m) > 0 && !isIntrinsicMap(m) {
				if origSub, _ := (&bag{m: orig}).peek(p...); sameKeys(origSub, m) {
					// Nothing of it was taken: override it whole.
					out = append(out, leftover{path: p, value: origSub})
					continue
				}
				walk(p, m)
				continue
			}
			out = append(out, leftover{path: p, value: left[k]})
		}
	}
	walk(nil, b.m)
	// A parent overridden whole covers the overrides below it.
	slices.SortFunc(out, func(a, b leftover) int { return strings.Compare(strings.Join(a.path, "."), strings.Join(b.path, ".")) })
	var kept []leftover
	for _, l := range out {
		if len(l.path) == 0 {
			continue
		}
		if len(kept) > 0 && under(l.path, kept[len(kept)-1].path) {
			continue
		}
		kept = append(kept, l)
	}
	return kept
}

// under reports whether path is within (or equal to) parent.
func under(path, parent []string) bool {
	return len(path) >= len(parent) && slices.Equal(path[:len(parent)], parent)
}

func sameKeys(a any, b map[string]any) bool {
	m, ok := a.(map[string]any)
	if !ok || len(m) != len(b) {
		return false
	}
	for k, v := range b {
		o, ok := m[k]
		if !ok {
			return false
		}
		if om, isMap := o.(map[string]any); isMap {
			bm, _ := v.(map[string]any)
			if !sameKeys(om, bm) {
				return false
			}
		}
	}
	return true
}

func isIntrinsicMap(m map[string]any) bool {
	if len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}
