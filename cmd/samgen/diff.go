package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/review"
)

const diffDoc = `Diff builds the spec in DIR (default ".") and reports what deploying its
template instead of the base would do to the stack: the resources added,
removed, modified (which properties) and replaced — a changed logical ID, or
a change to a property CloudFormation can only set at creation — the data a
replaced or removed table, bucket, queue, stream, log group, key or layer
version takes with it, each role's IAM after SAM expands its policy
templates and adds its own grants (widening marked), what SAM's transform
generates, and the resource count against CloudFormation's limit.

The base is DIR/template.yaml as committed at HEAD, or --base: a git
revision (origin/main) or a template file.

    samgen diff
    samgen diff --base origin/main --format markdown   # a pull-request comment
    samgen diff --fail-on replace,data-loss,iam-widen   # exit 1 in CI

It exits 1 when the spec is invalid or the report shows a failure named in
--fail-on.`

func newDiffCmd(e *env) *cobra.Command {
	var f specFlags
	var base, format, pols string
	var failOn []string
	var withGraph bool
	cmd := &cobra.Command{
		Use:   "diff [DIR]",
		Short: "Report what a change does to the stack: replacements, data loss, IAM",
		Long:  diffDoc,
		Args:  arguments(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"text", "markdown", "json"}, format) {
				return usageError{fmt.Errorf("--format must be text, markdown or json, not %q", format)}
			}
			if withGraph && format == "json" {
				return usageError{fmt.Errorf("--graph draws Mermaid after a text or markdown report, not json")}
			}
			for _, x := range failOn {
				if !slices.Contains(review.FailOn, x) {
					return usageError{fmt.Errorf("--fail-on takes %s, not %q", strings.Join(review.FailOn, ","), x)}
				}
			}
			dir := dirArg(args)
			res, err := f.load(e, dir, render.Options{Policies: pols})
			if err != nil {
				return err
			}
			body, err := render.Encode(res.Template, "yaml")
			if err != nil {
				return err
			}
			head, err := cfn.Parse(body)
			if err != nil {
				return err
			}
			old, what, err := review.Base(base, filepath.Join(dir, "template.yaml"))
			if fp := (cfn.FileProblems{}); errors.As(err, &fp) {
				fmt.Fprintln(e.stderr, fp)
				return errPrinted
			} else if err != nil {
				return err
			}
			if !sharesResource(old, head) {
				fmt.Fprintf(e.stderr, "note: %s has none of the logical IDs of the spec's template: is it this stack's template?\n", what)
			}
			rep, err := review.Compare(old, head, review.Options{Specs: review.Specs(&res.Inst.App)})
			if err != nil {
				return err
			}
			if err := writeReport(e, rep, format, what); err != nil {
				return err
			}
			if withGraph {
				if err := writeDiffGraph(e, res, rep, format); err != nil {
					return err
				}
			}
			for _, x := range failOn {
				if rep.Has(x) {
					return errPrinted
				}
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&base, "base", "", "what to compare with: a git revision or a template file (default: DIR/template.yaml at HEAD)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, markdown (a pull-request comment) or json")
	cmd.Flags().StringSliceVar(&failOn, "fail-on", nil, "exit 1 when the change shows any of: "+strings.Join(review.FailOn, ", "))
	cmd.Flags().StringVar(&pols, "policies", render.PoliciesSAM, "IAM rendering of the spec, as build's --policies")
	cmd.Flags().BoolVar(&withGraph, "graph", false, "also draw the app (Mermaid), marking what the change adds, removes and replaces")
	return cmd
}

// sharesResource reports whether base, when it has resources, has one of
// head's logical IDs: a base of another stack's template reports every
// resource replaced or lost.
func sharesResource(base, head *cfn.Template) bool {
	if len(base.Resources) == 0 {
		return true
	}
	for id := range base.Resources {
		if _, ok := head.Resources[id]; ok {
			return true
		}
	}
	return false
}

func writeReport(e *env, rep *review.Report, format, base string) error {
	switch format {
	case "json":
		return rep.WriteJSON(e.stdout)
	case "markdown":
		if err := rep.WriteMarkdown(e.stdout); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.stdout, "\n<sub>Compared with %s.</sub>\n", base)
		return err
	}
	fmt.Fprintf(e.stdout, "Compared with %s.\n\n", base)
	return rep.WriteText(e.stdout)
}
