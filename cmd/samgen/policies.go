package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/render"
)

const policiesDoc = `Policies lists SAM's policy templates, which a function's 'policies'
field names: {SQSPollerPolicy: QueueName: app.queues.jobs.ref}.

With NAME it shows the template's parameters (each a name, an ARN or an
ID, which decides how a ref given for it renders), whether it grants more
than the resources it names (an error unless acknowledged in 'wildcards'),
and its statements as SAM expands them.`

func newPoliciesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "policies [NAME]",
		Short: "List the SAM policy templates, or show one",
		Long:  policiesDoc,
		Args:  arguments(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				for _, name := range policies.Names() {
					t, _ := policies.Lookup(name)
					fmt.Fprintf(w, "%s\t%s\n", name, t.Description)
				}
				return w.Flush()
			}
			return showTemplate(e, args[0])
		},
	}
}

func showTemplate(e *env, name string) error {
	t, ok := policies.Lookup(name)
	if !ok {
		msg := fmt.Sprintf("unknown policy template %q", name)
		if s := policies.Suggest(name); s != "" {
			msg += "; did you mean " + s + "?"
		}
		return fmt.Errorf("%s", msg)
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", t.Name, t.Description)
	if len(t.Params) > 0 {
		fmt.Fprintln(e.stdout, "\nParameters:")
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, p := range t.Params {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", p.Name, p.Form, p.Doc)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if ws := t.Wildcards(); len(ws) > 0 {
		fmt.Fprintf(e.stdout, "\nNot scoped to the resources it names: %s\n", strings.Join(ws, ", "))
	}
	body, err := render.ValueYAML(map[string]any{"Statement": t.Statements})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n%s", body)
	return nil
}
