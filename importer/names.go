package importer

import (
	"strconv"
	"strings"
	"unicode"

	"samgen.dev/samgen/internal/cfn"
)

// names hands out the spec names of one collection: each distinct, each a
// CUE identifier and a samgen #Name.
type names struct {
	taken map[string]bool
}

func newNames() *names { return &names{taken: map[string]bool{}} }

// take returns the name for a logical ID in a collection whose kind
// appends suffix to derived IDs, and whether the derived ID is the
// logical ID itself (so no logicalId needs pinning). The name is the ID
// without its suffix in camelCase (OrdersTable → orders, HTTPApiHandler →
// httpApiHandler); when that derives another ID, the camel case of the
// whole ID is tried, and the ID is pinned if neither derives it.
func (n *names) take(id, suffix string) (name string, derived bool) {
	stem := strings.TrimSuffix(id, suffix)
	if stem == "" {
		stem = id
	}
	for _, cand := range []string{camel(stem), camel(id), lowerFirst(stem), lowerFirst(id)} {
		if cand == "" || !ident(cand) {
			continue
		}
		if cfn.LogicalID(cand, suffix) == id && !n.taken[cand] {
			n.taken[cand] = true
			return cand, true
		}
	}
	return n.unique(camel(stem)), false
}

// unique returns base, or base with the smallest number after it that is
// not taken, and takes it.
func (n *names) unique(base string) string {
	if base == "" || !ident(base) {
		base = "x" + base
	}
	name := base
	for i := 2; n.taken[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	n.taken[name] = true
	return name
}

// camel turns a PascalCase logical ID into a camelCase name: the leading
// run of capitals is lowered, keeping the last capital of a run followed by
// a lower-case letter (HTTPServer → httpServer, DLQ → dlq, S3Bucket →
// s3Bucket).
func camel(s string) string {
	rs := []rune(s)
	i := 0
	for i < len(rs) && (unicode.IsUpper(rs[i]) || unicode.IsDigit(rs[i])) {
		i++
	}
	switch {
	case i == 0:
		return s
	case i == len(rs):
		return strings.ToLower(s)
	case i > 1 && unicode.IsLower(rs[i]):
		i-- // the last capital starts the next word
	}
	for j := 0; j < i; j++ {
		rs[j] = unicode.ToLower(rs[j])
	}
	return string(rs)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	rs[0] = unicode.ToLower(rs[0])
	return string(rs)
}

// keyName turns a key of the template that is not a logical ID (an
// event's key, an authorizer's, a target's) into a samgen #Name.
func keyName(k string) string {
	if k == "" {
		return "x"
	}
	var b strings.Builder
	for i, r := range k {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if i == 0 && unicode.IsDigit(r) {
				b.WriteString("x")
			}
			b.WriteRune(r)
		case r == '-' || r == '_':
			if i == 0 {
				b.WriteString("x")
			}
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
