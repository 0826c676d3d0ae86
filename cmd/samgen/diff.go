package main

import (
	"github.com/aymanbagabas/go-udiff"
)

// lineDiff is the unified diff (3 lines of context, one hunk per change)
// from the template on disk to the rendered one, as `build --check` shows
// it: a reviewer reads it like `git diff`, and `patch` could apply it.
func lineDiff(name string, old, new []byte) string {
	return udiff.Unified(name, name+" (rendered)", string(old), string(new))
}
