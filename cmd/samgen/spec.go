package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/render"
)

// specFlags are the flags of every command that loads a spec.
type specFlags struct {
	tags   []string
	strict bool
	today  string
	// release: the command asks the result for no position once it is
	// checked (engine.Options.Release).
	release bool
}

func (f *specFlags) register(cmd *cobra.Command) {
	f.registerTags(cmd)
	cmd.Flags().BoolVar(&f.strict, "strict", false, "treat warnings as errors")
}

// registerTags registers the flags of the commands that check specs
// without failing (lsp, serve): tags and the date.
func (f *specFlags) registerTags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "set a CUE @tag value, such as -t stage=prod (repeatable)")
	cmd.Flags().StringVar(&f.today, "today", "", "date (YYYY-MM-DD) runtime lifecycle dates are compared with (default: today)")
	_ = cmd.Flags().MarkHidden("today")
}

// check runs the pipeline on the spec in dir without printing.
func (f *specFlags) check(dir string, ro render.Options) (*engine.Result, error) {
	now, err := f.now()
	if err != nil {
		return nil, err
	}
	return engine.Check(dir, engine.Options{Tags: f.tags, Render: ro, Now: now, Release: f.release, Evaluated: evaluated})
}

// now is the date runtime lifecycle rules compare with: --today, else
// SAMGEN_TODAY (which pins it for reproducible runs: tests, CI), else
// zero (today).
func (f *specFlags) now() (time.Time, error) {
	today, from := f.today, "--today "
	if today == "" {
		today, from = os.Getenv("SAMGEN_TODAY"), "SAMGEN_TODAY="
	}
	if today == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, today)
	var pe *time.ParseError
	switch {
	case errors.As(err, &pe) && pe.Message != "":
		return time.Time{}, usageError{fmt.Errorf("%s%s%s", from, today, pe.Message)}
	case err != nil:
		return time.Time{}, usageError{fmt.Errorf("%s%s: not a date YYYY-MM-DD", from, today)}
	}
	return t, nil
}

// load is check, printing the diagnostics; the error is errPrinted when a
// finding fails the command.
func (f *specFlags) load(e *env, dir string, ro render.Options) (*engine.Result, error) {
	res, err := f.check(dir, ro)
	if err != nil {
		return nil, err
	}
	printDiagnostics(e, res.Diags)
	if res.Diags.HasErrors(f.strict) || res.Template == nil {
		return nil, errPrinted
	}
	return res, nil
}

// printDiagnostics prints diagnostics once, as `cue vet` prints errors.
func printDiagnostics(e *env, ds diag.List) {
	diag.Print(e.stderr, ds, e.cwd, toSlash())
}

func dirArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}
