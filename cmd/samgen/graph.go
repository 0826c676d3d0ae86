package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/graph"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/review"
)

const graphDoc = `Graph draws the app in DIR (default "."): its APIs, functions, state
machines, tables, queues, topics, buses and buckets as nodes grouped by
kind; events as edges into what they trigger; access as edges labelled with
the verb that grants it (a state machine's tasks with their integration);
destinations, dead-letter targets and redrives as dashed edges.

--format mermaid (the default) writes a Mermaid flowchart, which GitHub
renders in a ` + "```mermaid" + ` block of a Markdown file or comment; --format dot
writes Graphviz DOT. 'samgen diff --graph' marks what a change adds,
removes and replaces.`

func newGraphCmd(e *env) *cobra.Command {
	var f specFlags
	var format string
	cmd := &cobra.Command{
		Use:   "graph [DIR]",
		Short: "Draw the app: resources, events, access and destinations",
		Long:  graphDoc,
		Args:  arguments(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "mermaid" && format != "dot" {
				return usageError{fmt.Errorf("--format must be mermaid or dot, not %q", format)}
			}
			res, err := f.load(e, dirArg(args), render.Options{})
			if err != nil {
				return err
			}
			g := graph.Of(&res.Inst.App)
			if format == "dot" {
				return g.DOT(e.stdout)
			}
			return g.Mermaid(e.stdout)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "mermaid", "output format: mermaid or dot")
	return cmd
}

// writeDiffGraph draws the app after the change with what the report
// says it adds, removes and replaces marked: Mermaid after a text report,
// a Mermaid block after a Markdown one.
func writeDiffGraph(e *env, res *engine.Result, rep *review.Report, format string) error {
	g := graph.Of(&res.Inst.App)
	g.Mark(rep.Marks())
	fmt.Fprintln(e.stdout)
	if format == "markdown" {
		fmt.Fprintln(e.stdout, "```mermaid")
		defer fmt.Fprintln(e.stdout, "```")
	}
	return g.Mermaid(e.stdout)
}
