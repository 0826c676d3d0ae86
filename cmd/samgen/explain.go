package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/render"
)

const explainDoc = `Explain prints the effective IAM of a function's execution role, one
action on one resource per line, with the part of the spec that grants it:
its access verbs, policy templates (expanded), managed policies and
statements, and what SAM adds for its logging, tracing, VPC, event sources
and their failure destinations.

    samgen explain functions.api [DIR]`

func newExplainCmd(e *env) *cobra.Command {
	var f specFlags
	cmd := &cobra.Command{
		Use:   "explain functions.NAME [DIR]",
		Short: "Print the effective IAM of a function",
		Long:  explainDoc,
		Args:  cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, ok := strings.CutPrefix(args[0], "functions.")
			if !ok {
				return usageError{fmt.Errorf("explain takes functions.NAME, not %q", args[0])}
			}
			res, err := f.load(e, dirArg(args[1:]))
			if err != nil {
				return err
			}
			rows, err := render.Explain(res.inst, name)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "SOURCE\tACTION\tRESOURCE")
			for _, r := range rows {
				fmt.Fprintf(w, "%s\t%s\t%s\n", r.Source, r.Action, r.Resource)
			}
			return w.Flush()
		},
	}
	f.register(cmd)
	return cmd
}
