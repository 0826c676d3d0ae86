package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/render"
)

const explainDoc = `Explain prints the effective IAM of a function's execution role, one
action on one resource per line, with the part of the spec that grants it:
its access verbs, policy templates (expanded), managed policies and
statements, and what SAM adds for its logging, tracing, VPC, event sources
and their failure destinations. For a state machine, it prints what each
task's integration needs, what logging needs and what SAM adds for tracing.

    samgen explain functions.api [DIR]
    samgen explain stateMachines.orders [DIR]`

func newExplainCmd(e *env) *cobra.Command {
	var f specFlags
	cmd := &cobra.Command{
		Use:   "explain functions.NAME|stateMachines.NAME [DIR]",
		Short: "Print the effective IAM of a function or state machine",
		Long:  explainDoc,
		Args:  arguments(1, 2, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, ok := strings.CutPrefix(args[0], "functions.")
			machine, isMachine := strings.CutPrefix(args[0], "stateMachines.")
			if !ok && !isMachine {
				return usageError{fmt.Errorf("explain takes functions.NAME or stateMachines.NAME, not %q", args[0])}
			}
			res, err := f.load(e, dirArg(args[1:]), render.Options{})
			if err != nil {
				return err
			}
			var rows []policies.Row
			if isMachine {
				rows, err = policies.ExplainStateMachine(&res.Inst.App, machine)
			} else {
				rows, err = render.Explain(res.Inst, name)
			}
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
