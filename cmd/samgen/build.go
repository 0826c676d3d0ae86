package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/atomicfile"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/shell"
	"samgen.dev/samgen/render"
)

const buildDoc = `Build checks the spec in DIR (default ".") and writes its SAM template to
DIR/template.yaml, where 'sam build' and 'sam deploy' look for it. With
DIR/... (such as ./...) it builds every spec under DIR, in parallel, each
into its own template.yaml; each spec's findings are printed under its
path, and samgen exits 1 if any spec fails.

The file is written atomically: on any error an existing template is left
untouched. Written elsewhere (-o build/template.yaml), the template names
the spec's code, layers and definition files from its own directory, as
SAM reads them. With --check nothing is written; samgen exits 1 and prints a
diff when the file on disk is not what the spec renders (use it in CI).`

func newBuildCmd(e *env) *cobra.Command {
	f := specFlags{release: true}
	var out, format, pols string
	var check bool
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Check the spec and write its SAM template",
		Long:  buildDoc,
		Args:  arguments(0, 1, specsHint),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "yaml" && format != "json" {
				return usageError{fmt.Errorf("--format must be yaml or json, not %q", format)}
			}
			if pols != render.PoliciesSAM && pols != render.PoliciesInline {
				return usageError{fmt.Errorf("--policies must be sam or inline, not %q", pols)}
			}
			if check && out == "-" {
				return usageError{fmt.Errorf("--check compares the template with a file, and -o - names none: drop -o -, or name the file with -o FILE")}
			}
			if _, many := engine.Pattern(dirArg(args)); many && out != "" {
				return usageError{fmt.Errorf("-o names one file: it cannot be used with %s, which builds each spec's template.yaml", dirArg(args))}
			}
			return runSpecs(e, args, func(e *env, dir string) error {
				out := out
				if out == "" {
					out = filepath.Join(dir, "template.yaml")
				}
				res, err := f.load(e, dir, render.Options{Policies: pols, SpecDir: specDirFrom(out, dir)})
				if err != nil {
					return err
				}
				body := res.YAML
				if format != "yaml" || body == nil {
					if body, err = render.Encode(res.Template, format); err != nil {
						return err
					}
				}
				switch {
				case check:
					return checkFresh(e, out, body, rebuild(dir, out, f.tags, format, pols))
				case out == "-":
					_, err = e.stdout.Write(body)
					return err
				}
				return atomicfile.Write(out, body, templateFile)
			})
		},
	}
	f.register(cmd)
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file, or - for standard output (default DIR/template.yaml)")
	cmd.Flags().StringVar(&format, "format", "yaml", "output format: yaml or json")
	cmd.Flags().StringVar(&pols, "policies", render.PoliciesSAM, "IAM rendering: sam (SAM policy templates) or inline (templates expanded into one policy document per function)")
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; exit 1 with a diff if the output file is stale")
	return cmd
}

// specDirFrom is the spec's directory dir as a path from the directory of
// the template file out (render.Options.SpecDir): "" beside it, or for
// standard output.
func specDirFrom(out, dir string) string {
	if out == "-" {
		return ""
	}
	from, err1 := filepath.Abs(filepath.Dir(out))
	to, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil || from == to {
		return ""
	}
	rel, err := filepath.Rel(from, to)
	if err != nil {
		return filepath.ToSlash(to)
	}
	return filepath.ToSlash(rel)
}

// templateFile is where a template may go: never onto a .cue file, which
// would destroy the spec (-o samgen.cue) or, new, be loaded as part of it.
var templateFile = atomicfile.Options{Sources: []string{".cue"}}

// checkFresh compares the rendered template with the file on disk; fix
// is the command that writes it.
func checkFresh(e *env, path string, want []byte, fix string) error {
	if err := atomicfile.Check(path, templateFile); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	got, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if bytes.Equal(got, want) {
		return nil
	}
	if got == nil {
		fmt.Fprintf(e.stderr, "%s does not exist; run `%s`\n", path, fix)
	} else {
		fmt.Fprintf(e.stderr, "%s is stale; run `%s`:\n%s", path, fix, lineDiff(path, got, want))
	}
	return errPrinted
}

// rebuild is the build command that writes what `build --check` compared:
// the same spec, output, tags, format and policies.
func rebuild(dir, out string, tags []string, format, pols string) string {
	args := []string{"samgen", "build"}
	if dir != "." {
		args = append(args, specName(dir))
	}
	if out != filepath.Join(dir, "template.yaml") {
		args = append(args, "-o", out)
	}
	for _, t := range tags {
		args = append(args, "-t", t)
	}
	if format != "yaml" {
		args = append(args, "--format", format)
	}
	if pols != render.PoliciesSAM {
		args = append(args, "--policies", pols)
	}
	for i, a := range args {
		args[i] = shell.Word(a)
	}
	return strings.Join(args, " ")
}

// lineDiff is the unified diff (3 lines of context, one hunk per change)
// from the template on disk to the rendered one, as `build --check` shows
// it: a reviewer reads it like `git diff`, and `patch` could apply it.
func lineDiff(name string, old, new []byte) string {
	return udiff.Unified(name, name+" (rendered)", string(old), string(new))
}
