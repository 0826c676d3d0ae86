package schema

import (
	"fmt"

	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"
)

// A Hint explains a schema error better than CUE can, such as "did you
// mean" for a mistyped name: given the error's path (relative to the spec
// root, starting with "app") and CUE's message, it returns text to add to
// the message, or "". Packages that know more than the schema (the policy
// catalogue) add hints with [AddHint] from an init function, so the import
// graph still flows towards schema.
type Hint func(path []string, msg string) string

var hints []Hint

// AddHint registers h for every later [Load].
func AddHint(h Hint) { hints = append(hints, h) }

// withHints adds the registered hints to the errors in err.
func withHints(err error) error {
	if len(hints) == 0 {
		return err
	}
	var out errors.Error
	for _, e := range errors.Errors(err) {
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		for _, h := range hints {
			if extra := h(e.Path(), msg); extra != "" {
				e = hinted{err: e, msg: msg + ": " + extra}
				break
			}
		}
		out = errors.Append(out, e)
	}
	return out
}

// hinted is a CUE error with a longer message; its path and positions
// are those of the original.
type hinted struct {
	err errors.Error
	msg string
}

func (h hinted) Msg() (string, []any)        { return "%s", []any{h.msg} }
func (h hinted) Error() string               { return h.msg }
func (h hinted) Path() []string              { return h.err.Path() }
func (h hinted) Position() token.Pos         { return h.err.Position() }
func (h hinted) InputPositions() []token.Pos { return h.err.InputPositions() }
