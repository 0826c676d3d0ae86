package importer

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles a pattern on first use. The schema's length limits
// written as counted repetitions ({0,510}) compile to hundreds of states
// each: compiled at start-up they cost every samgen command, not only
// import, about 4 ms.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
