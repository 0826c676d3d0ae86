package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/render"
)

const vetDoc = `Vet checks the spec in DIR (default ".") against samgen's schema, AWS
limits and serverless best practices, and reports every finding at once:

    functions.api.memory: invalid value 64 (out of bound >=128):
        ./samgen.cue:14:11

It exits 1 when there is an error (or, with --strict, a warning).
--format json prints the findings as a JSON array for CI annotations:
[{"rule", "severity", "path", "file", "line", "column", "message",
"silenced"}], with schema errors as rule "schema".`

func newVetCmd(e *env) *cobra.Command {
	var f specFlags
	var format string
	cmd := &cobra.Command{
		Use:   "vet [DIR]",
		Short: "Check the spec without rendering",
		Long:  vetDoc,
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text":
				_, err := f.load(e, dirArg(args), render.Options{})
				return err
			case "json":
				return vetJSON(e, &f, dirArg(args))
			}
			return usageError{fmt.Errorf("--format must be text or json, not %q", format)}
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func vetJSON(e *env, f *specFlags, dir string) error {
	res, err := f.check(dir, render.Options{})
	if err != nil {
		return err
	}
	if err := diag.PrintJSON(e.stdout, res.Diags.Findings(), e.cwd); err != nil {
		return err
	}
	if res.Diags.HasErrors(f.strict) {
		return errPrinted
	}
	return nil
}
