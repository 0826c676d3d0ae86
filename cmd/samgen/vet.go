package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
)

const vetDoc = `Vet checks the spec in DIR (default ".") against samgen's schema, AWS
limits and serverless best practices, and reports every finding at once,
at the offending value:

    app.functions.api.memory: invalid value 64 (out of bound >=128):
        ./samgen.cue:14:11

It exits 1 when there is an error (or, with --strict, a warning). With
DIR/... (such as ./...) it vets every spec under DIR, in parallel: in
text, each spec's findings under its path; in the other formats, every
spec's findings in one output. It exits 1 if any spec fails.
--format chooses the output (every format but text goes to standard
output):

  text    as cue vet prints errors, on standard error (the default)
  json    a JSON array of {rule, severity, path, file, line, column,
          endLine, endColumn, message, silenced, suggestion}
          (docs/vet-json.md)
  github  GitHub Actions workflow commands: annotations on the files
  sarif   a SARIF 2.1.0 log for code scanning: the rules with help links,
          silenced findings as suppressions, did-you-means as fixes
  gnu     one FILE:LINE:COL: SEVERITY: MESSAGE line per finding, for
          editors' compile modes and problem matchers`

// vetFormats print diagnostics in each --format but text.
var vetFormats = map[string]func(e *env, ds diag.List) error{
	"json": func(e *env, ds diag.List) error { return diag.PrintJSON(e.stdout, ds, e.cwd) },
	"github": func(e *env, ds diag.List) error {
		diag.PrintGitHub(e.stdout, ds, e.cwd)
		return nil
	},
	"gnu": func(e *env, ds diag.List) error {
		diag.PrintGNU(e.stdout, ds, e.cwd, toSlash())
		return nil
	},
	"sarif": func(e *env, ds diag.List) error {
		tool := diag.Tool{Version: versions().samgen}
		for _, r := range checks.Rules() {
			tool.Rules = append(tool.Rules, diag.RuleDoc{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Doc: r.Doc})
		}
		return diag.PrintSARIF(e.stdout, ds, e.cwd, tool)
	},
}

func newVetCmd(e *env) *cobra.Command {
	f := specFlags{release: true}
	var format string
	cmd := &cobra.Command{
		Use:   "vet [DIR]",
		Short: "Check the spec without rendering",
		Long:  vetDoc,
		Args:  arguments(0, 1, specsHint),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "text" {
				return runSpecs(e, args, func(e *env, dir string) error {
					_, err := f.load(e, dir, render.Options{})
					return err
				})
			}
			print, ok := vetFormats[format]
			if !ok {
				return usageError{fmt.Errorf("--format must be text, json, github, sarif or gnu, not %q", format)}
			}
			return vetFindings(e, &f, args, print)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json, github, sarif or gnu")
	return cmd
}

// vetFindings prints, in one output, the findings of the spec or of every
// spec a pattern names (in the order of the specs' paths).
func vetFindings(e *env, f *specFlags, args []string, print func(e *env, ds diag.List) error) error {
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
	if err := print(e, all); err != nil {
		return err
	}
	if failed {
		return errPrinted
	}
	return nil
}
