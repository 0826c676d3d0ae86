package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/schema"
	"samgen.dev/samgen/schema/lint"
)

// specFlags are the flags of every command that loads a spec.
type specFlags struct {
	tags   []string
	strict bool
	today  string
}

func (f *specFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "set a CUE @tag value, such as -t stage=prod (repeatable)")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	cmd.Flags().StringVar(&f.today, "today", "", "date (YYYY-MM-DD) runtime lifecycle dates are compared with (default: today)")
	_ = cmd.Flags().MarkHidden("today")
}

// loaded is a spec that passed the schema, and its lint findings.
type loaded struct {
	inst  *schema.Instance
	diags []lint.Diagnostic
}

// check evaluates and checks the spec in dir without printing. A schema
// violation is returned as the error; lint findings are in the result.
func (f *specFlags) check(dir string) (*loaded, error) {
	opts := lint.Options{}
	today := f.today
	if today == "" {
		// SAMGEN_TODAY pins the date for reproducible runs (tests, CI).
		today = os.Getenv("SAMGEN_TODAY")
	}
	if today != "" {
		t, err := time.Parse(time.DateOnly, today)
		if err != nil {
			return nil, usageError{fmt.Errorf("--today: %v", err)}
		}
		opts.Now = t
	}
	inst, err := schema.Load(dir, schema.Options{Tags: f.tags})
	if err != nil {
		return nil, err
	}
	return &loaded{inst: inst, diags: lint.Check(inst, opts)}, nil
}

// load is check, printing the notices and findings; the error is
// errPrinted when a finding fails the command.
func (f *specFlags) load(e *env, dir string) (*loaded, error) {
	res, err := f.check(dir)
	if err != nil {
		return nil, err
	}
	for _, n := range res.inst.Notices {
		fmt.Fprintf(e.stderr, "note: %s\n", n)
	}
	printDiagnostics(e, res.diags)
	if lint.HasErrors(res.diags, f.strict) {
		return nil, errPrinted
	}
	return res, nil
}

func dirArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}
