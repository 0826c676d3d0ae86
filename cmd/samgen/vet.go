package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
)

const vetDoc = `Vet checks the spec in DIR (default ".") against samgen's schema, AWS
limits and serverless best practices, and reports every finding at once:

    functions.api.memory: invalid value 64 (out of bound >=128):
        ./samgen.cue:14:11

It exits 1 when there is an error (or, with --strict, a warning). With
DIR/... (such as ./...) it vets every spec under DIR, in parallel, and
prints each spec's findings under its path (with --format json, all of
them in one array); it exits 1 if any spec fails.
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
				return runSpecs(e, args, func(e *env, dir string) error {
					_, err := f.load(e, dir, render.Options{})
					return err
				})
			case "json":
				return vetJSON(e, &f, args)
			}
			return usageError{fmt.Errorf("--format must be text or json, not %q", format)}
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// vetJSON prints the findings of the spec, or of every spec a pattern
// names, as one JSON array (in the order of the specs' paths).
func vetJSON(e *env, f *specFlags, args []string) error {
	dirs := []string{dirArg(args)}
	if root, ok := engine.Pattern(dirArg(args)); ok {
		var err error
		if dirs, err = specDirs(root); err != nil {
			return err
		}
	}
	results := make([]*engine.Result, len(dirs))
	errs := make([]error, len(dirs))
	engine.Parallel(len(dirs), func(i int) { results[i], errs[i] = f.check(dirs[i], render.Options{}) })
	var all diag.List
	failed := false
	for i, err := range errs {
		var ue usageError
		switch {
		case errors.As(err, &ue), err != nil && len(dirs) == 1:
			return err
		case err != nil:
			fmt.Fprintf(e.stderr, "# %s\n", specName(dirs[i]))
			printError(e, err)
			failed = true
			continue
		}
		all = append(all, results[i].Diags.Findings()...)
		failed = failed || results[i].Diags.HasErrors(f.strict)
	}
	if err := diag.PrintJSON(e.stdout, all, e.cwd); err != nil {
		return err
	}
	if failed {
		return errPrinted
	}
	return nil
}
