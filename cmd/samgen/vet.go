package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/schema"
	"samgen.dev/samgen/schema/lint"
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
				_, err := f.load(e, dirArg(args))
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

// jsonFinding is the documented --format json record.
type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
	Silenced string `json:"silenced,omitempty"`
}

func vetJSON(e *env, f *specFlags, dir string) error {
	findings := []jsonFinding{}
	res, err := f.check(dir)
	var cerr cueerrors.Error
	switch {
	case err == nil:
		for _, d := range res.diags {
			findings = append(findings, jsonFinding{
				Rule: d.Rule, Severity: string(d.Severity), Path: "app." + d.Path,
				File: relFile(e, d.Pos.Filename()), Line: d.Pos.Line(), Column: d.Pos.Column(),
				Message: d.Msg, Silenced: d.Silenced,
			})
		}
	case cueerrors.As(err, &cerr):
		for _, ce := range cueerrors.Errors(err) {
			format, args := ce.Msg()
			j := jsonFinding{Rule: "schema", Severity: string(lint.Error),
				Path: strings.Join(ce.Path(), "."), Message: fmt.Sprintf(format, args...)}
			if ps := userPositions(ce); len(ps) > 0 {
				j.File, j.Line, j.Column = relFile(e, ps[0].Filename()), ps[0].Line(), ps[0].Column()
			}
			findings = append(findings, j)
		}
	default:
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages quote CUE bounds such as <=2 verbatim
	if err := enc.Encode(findings); err != nil {
		return err
	}
	if err != nil || lint.HasErrors(res.diags, f.strict) {
		return errPrinted
	}
	return nil
}

// userPositions returns an error's positions, the user's files first: the
// schema's own lines explain the rule, the user's say where to fix it.
func userPositions(ce cueerrors.Error) []token.Pos {
	ps := cueerrors.Positions(ce)
	slices.SortStableFunc(ps, func(a, b token.Pos) int {
		return cmp.Compare(isSchemaFile(a.Filename()), isSchemaFile(b.Filename()))
	})
	return ps
}

func isSchemaFile(name string) int {
	if strings.Contains(filepath.ToSlash(name), "/"+filepath.ToSlash(schema.VendorDir)+"/") {
		return 1
	}
	return 0
}

func relFile(e *env, name string) string {
	if name == "" {
		return ""
	}
	return strings.TrimPrefix(lint.RelPath(name, e.cwd), "./")
}
