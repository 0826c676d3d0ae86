package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// minHeap is the heap samgen grows to before its garbage collector first
// runs.
const minHeap = 64 << 20

// tuneGC sets how the garbage collector runs, unless GOGC or GOMEMLIMIT
// says otherwise. samgen is a short-lived process whose heap is mostly
// CUE's evaluation, live until the template is written:
//
//   - below minHeap the collector does not run: a small spec's whole
//     check fits in a few tens of MB, and collecting from Go's first 4 MB
//     target on spends about a third of its CPU (BENCHMARKS.md);
//   - past it, while CUE evaluates, the heap grows, and collecting at
//     150% growth saves CPU;
//   - once the spec is evaluated (evaluated) the live heap is all there
//     is, and samgen's own phases (decode, checks, render) make
//     short-lived garbage: collecting at 75% keeps the peak near `cue
//     export`'s.
//
// Specs checked at once (`build ./...`) share the heap: see several.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	collector.tuned, collector.percent, collector.floored = true, 150, true
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(minHeap)
	// The first collection is the memory limit's, at minHeap; it frees
	// the sentinel, and from then on the percentage rules.
	sentinel := new(struct{ _ *int })
	runtime.AddCleanup(sentinel, func(*gcTuning) { collector.unfloor() }, &collector)
	evaluated = func() { collector.set(75) }
}

// gcTuning is the collector's state, kept by tuneGC.
type gcTuning struct {
	mu      sync.Mutex
	tuned   bool // tuneGC set the collector (GOGC and GOMEMLIMIT unset)
	percent int  // the GOGC to collect at once past minHeap
	floored bool // the heap has not reached minHeap: no collection yet
	// concurrent is set when specs are checked at once: one spec's
	// evaluation ending is not the others'.
	concurrent bool
}

// collector is the process's garbage collector settings.
var collector gcTuning

func (g *gcTuning) unfloor() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.floored = false
	debug.SetGCPercent(g.percent)
	debug.SetMemoryLimit(math.MaxInt64)
}

func (g *gcTuning) set(percent int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.concurrent {
		return
	}
	g.percent = percent
	if !g.floored {
		debug.SetGCPercent(percent)
	}
}

// maxFloor is the most the heap grows to before the first collection when
// specs are checked at once: a machine of many cores is not a reason to
// hold gigabytes of garbage.
const maxFloor = 8 * minHeap

// several tunes the collector for n specs checked at once: the heap holds
// n evaluations, so it first collects at n × minHeap (at most maxFloor),
// and at 150% from then on, while any spec is still evaluating.
func (g *gcTuning) several(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.tuned || n < 2 {
		return
	}
	g.concurrent, g.percent = true, 150
	if g.floored {
		debug.SetMemoryLimit(min(int64(n)*minHeap, maxFloor))
	} else {
		debug.SetGCPercent(150)
	}
}
