package schema

import (
	"fmt"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"
)

// A Hint explains a schema error better than CUE can, such as "did you
// mean" for a mistyped name: given the error's path (from the spec root,
// starting with "app") and CUE's message, it returns the message to show
// instead, or "" to leave the error alone. Packages that know more than
// the schema (the policy catalogue) add hints with [AddHint] from an init
// function, so the import graph still flows towards schema.
type Hint func(path []string, msg string) string

var hints []Hint

// AddHint registers h for every later [Load].
func AddHint(h Hint) { hints = append(hints, h) }

// withHints applies the registered hints to the errors in err. A hinted
// error that has no position (a required field the user did not write)
// gets that of the nearest enclosing field the user wrote.
func (i *Instance) withHints(err error) error {
	if len(hints) == 0 {
		return err
	}
	var out errors.Error
	for _, e := range errors.Errors(err) {
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		for _, h := range hints {
			if m := h(e.Path(), msg); m != "" {
				e = hinted{err: e, msg: m, pos: i.Pos(specPath(e.Path()))}
				break
			}
		}
		out = errors.Append(out, e)
	}
	return out
}

// hinted is a CUE error with a better message; its path and positions
// are those of the original, or pos when the original has none.
type hinted struct {
	err errors.Error
	msg string
	pos token.Pos
}

func (h hinted) Msg() (string, []any) { return "%s", []any{h.msg} }
func (h hinted) Error() string        { return h.msg }
func (h hinted) Path() []string       { return h.err.Path() }
func (h hinted) Position() token.Pos {
	if p := h.err.Position(); p.IsValid() || len(h.err.InputPositions()) > 0 {
		return p
	}
	return h.pos
}

func (h hinted) InputPositions() []token.Pos { return h.err.InputPositions() }

// specPath turns an error path from the spec root ("app", "functions",
// "hi", "policies", "0") into a path for [Instance.Pos]
// ("functions.hi.policies[0]").
func specPath(labels []string) string {
	var b strings.Builder
	for _, l := range labels[min(1, len(labels)):] {
		if _, err := strconv.Atoi(l); err == nil {
			b.WriteString("[" + l + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if ast.IsValidIdent(l) {
			b.WriteString(l)
		} else {
			b.WriteString(strconv.Quote(l))
		}
	}
	return b.String()
}
