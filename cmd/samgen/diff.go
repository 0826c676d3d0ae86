package main

import (
	"fmt"
	"strings"
)

// lineDiff is a small unified-style diff of two texts: enough to show a
// reviewer which lines of a stale template change. It prints the changed
// region between the common prefix and suffix of lines.
func lineDiff(name string, old, new []byte) string {
	a := strings.SplitAfter(string(old), "\n")
	b := strings.SplitAfter(string(new), "\n")
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s (rendered)\n@@ -%d,%d +%d,%d @@\n", name, name, p+1, len(a)-p-s, p+1, len(b)-p-s)
	for _, l := range a[p : len(a)-s] {
		out.WriteString("-" + strings.TrimSuffix(l, "\n") + "\n")
	}
	for _, l := range b[p : len(b)-s] {
		out.WriteString("+" + strings.TrimSuffix(l, "\n") + "\n")
	}
	return out.String()
}
