package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/schema"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1 // the input is invalid, or --check found a stale file
	exitUsage   = 2
)

// errPrinted marks an error whose diagnostics were already printed.
var errPrinted = errors.New("printed")

// usageError marks a command-line mistake (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// env is what commands share: the output streams and the working
// directory positions are printed relative to.
type env struct {
	stdout, stderr io.Writer
	cwd            string
}

// Main runs samgen with args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	cwd, _ := os.Getwd()
	e := &env{stdout: stdout, stderr: stderr, cwd: cwd}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errPrinted):
		return exitInvalid
	}
	var ue usageError
	var se schema.UsageError
	if errors.As(err, &ue) || errors.As(err, &se) || isCobraUsage(err) {
		fmt.Fprintf(stderr, "samgen: %v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
		return exitUsage
	}
	printError(e, err)
	return exitInvalid
}

// arguments checks a command's number of arguments, between min and max,
// saying what the command takes (its usage line) and, when there are too
// many, which were given; more follows the message of too many.
func arguments(min, max int, more string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= min && len(args) <= max {
			return nil
		}
		takes := fmt.Sprintf("%d to %d arguments", min, max)
		switch {
		case max == 0:
			takes = "no arguments"
		case min == max:
			takes = fmt.Sprintf("%d %s", max, plural(max, "argument"))
		case min == 0:
			takes = fmt.Sprintf("at most %d %s", max, plural(max, "argument"))
		case max == min+1:
			takes = fmt.Sprintf("%d or %d arguments", min, max)
		}
		given := fmt.Sprint(len(args))
		if len(args) > max {
			given += " (" + strings.Join(args, " ") + ")"
		} else {
			more = ""
		}
		name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		return usageError{fmt.Errorf("%s takes %s, not %s: %s%s", name, takes, given, cmd.UseLine(), more)}
	}
}

// plural is noun for n things.
func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// isCobraUsage recognises cobra's own argument and flag errors, which it
// returns as plain errors.
func isCobraUsage(err error) bool {
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires ", "invalid argument", "flag needs an argument"} {
		if strings.Contains(err.Error(), p) {
			return true
		}
	}
	return false
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "samgen",
		Short: "Render AWS SAM templates from checked CUE specs",
		Long: `samgen turns a CUE spec of a serverless application (functions, events,
queues, tables, topics and their access) into an AWS SAM template that
'sam deploy' takes as is, after checking it against AWS limits and
serverless best practices. Every problem is reported at once, at the
spec's file:line:col.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.AddCommand(
		newBuildCmd(e),
		newVetCmd(e),
		newInitCmd(e),
		newSchemaCmd(e),
		newVersionCmd(e),
		newPoliciesCmd(e),
		newExplainCmd(e),
		newDiffCmd(e),
		newImportCmd(e),
		newGraphCmd(e),
		newLSPCmd(e),
		newServeCmd(e),
	)
	return root
}

// toSlash reports whether paths are printed with forward slashes: always
// under test, so golden stderr is the same on every OS.
func toSlash() bool { return testing.Testing() }
