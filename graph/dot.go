package graph

import (
	"io"
	"strconv"
)

var dotShapes = map[Shape]string{
	Box:      "box",
	Rounded:  "box",
	Cylinder: "cylinder",
	Queue:    "cds",
	Hexagon:  "hexagon",
	Slanted:  "parallelogram",
	Circle:   "circle",
	Note:     "note",
}

var dotMarks = map[string]string{
	Added:    `style="filled,bold", fillcolor="#dafbe1", color="#1a7f37"`,
	Removed:  `style="filled,dashed", fillcolor="#ffebe9", color="#cf222e"`,
	Replaced: `style="filled,bold", fillcolor="#fff8c5", color="#9a6700"`,
}

// DOT writes g in Graphviz's DOT language, one cluster per group.
func (g *Graph) DOT(w io.Writer) error {
	p := &printer{w: w}
	p.line("digraph app {")
	p.line("  rankdir=LR;")
	p.line("  node [fontname=\"Helvetica\"];")
	p.line("  edge [fontname=\"Helvetica\", fontsize=10];")
	for _, gr := range g.Groups {
		p.line("  subgraph cluster_%s {", gr.ID)
		p.line("    label=%s;", strconv.Quote(gr.Title))
		for _, n := range gr.Nodes {
			attrs := "shape=" + dotShapes[n.Shape]
			switch {
			case n.Mark != "":
				attrs += ", " + dotMarks[n.Mark]
			case n.Existing:
				attrs += `, style="dashed"`
			case n.Shape == Rounded:
				attrs += `, style="rounded"`
			}
			p.line("    %s [label=%s, %s];", n.ID, strconv.Quote(n.label()), attrs)
		}
		p.line("  }")
	}
	for _, e := range g.Edges {
		style := ""
		if e.Dashed {
			style = ", style=dashed"
		}
		p.line("  %s -> %s [label=%s%s];", e.From, e.To, strconv.Quote(e.Label), style)
	}
	p.line("}")
	return p.err
}
