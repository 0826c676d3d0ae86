package graph

import (
	"fmt"
	"io"
	"strings"
)

// mermaidShapes are the node delimiters of each shape in Mermaid's
// flowchart syntax.
var mermaidShapes = map[Shape][2]string{
	Box:      {"[", "]"},
	Rounded:  {"(", ")"},
	Cylinder: {"[(", ")]"},
	Queue:    {">", "]"},
	Hexagon:  {"{{", "}}"},
	Slanted:  {"[/", "/]"},
	Circle:   {"((", "))"},
	Note:     {"[[", "]]"},
}

// markStyles are the styles of marked nodes: GitHub's diff colours, and
// a dashed border for what the app does not create.
var markStyles = []struct{ class, style string }{
	{Added, "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px"},
	{Removed, "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:4 3"},
	{Replaced, "fill:#fff8c5,stroke:#9a6700,stroke-width:2px"},
	{"existing", "stroke-dasharray:3 3"},
}

// Mermaid writes g as a Mermaid flowchart, which GitHub renders in a
// ```mermaid block.
func (g *Graph) Mermaid(w io.Writer) error {
	p := &printer{w: w}
	p.line("flowchart LR")
	classes := map[string][]string{}
	for _, gr := range g.Groups {
		p.line("  subgraph %s[%s]", gr.ID, quote(gr.Title))
		for _, n := range gr.Nodes {
			d := mermaidShapes[n.Shape]
			p.line("    %s%s%s%s", n.ID, d[0], quote(n.label()), d[1])
			if n.Mark != "" {
				classes[n.Mark] = append(classes[n.Mark], n.ID)
			} else if n.Existing {
				classes["existing"] = append(classes["existing"], n.ID)
			}
		}
		p.line("  end")
	}
	for _, e := range g.Edges {
		arrow := "-->"
		if e.Dashed {
			arrow = "-.->"
		}
		p.line("  %s %s|%s| %s", e.From, arrow, quote(e.Label), e.To)
	}
	for _, m := range markStyles {
		if ids := classes[m.class]; len(ids) > 0 {
			p.line("  classDef %s %s", m.class, m.style)
			p.line("  class %s %s", strings.Join(ids, ","), m.class)
		}
	}
	return p.err
}

// label is a node's text: its name, and what a change does to it.
func (n Node) label() string {
	if n.Mark != "" {
		return n.Label + " (" + n.Mark + ")"
	}
	return n.Label
}

// quote makes s a Mermaid string: in double quotes, which it cannot
// escape but as an entity.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"`
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}
