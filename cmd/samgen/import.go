package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/importer"
	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

const importDoc = `Import turns an existing SAM template (YAML with short or long intrinsics,
or JSON) into a samgen spec, samgen.cue in DIR (-o, default "."), that
builds back to the same CloudFormation. Without a CUE module in DIR it
creates one (cue.mod/module.cue and the vendored schema, as init does).
It never overwrites a file: if one it would write exists, or the template
cannot be read, nothing is written.

Each resource goes to its collection under a name derived from its logical
ID, with logicalId pinned where samgen would derive another; Globals become
defaults; references become refs. What samgen does not model becomes a raw
resource or an override, and is listed. Grants wider than one named
resource are kept and acknowledged with the reason "imported as is", and
listed. Where samgen would add a safer default the template lacks, import
writes the setting that keeps the template's behaviour; --adopt-defaults
lets samgen's defaults in instead and lists what they change.

After writing, import builds the spec and compares what it builds with the
template (resources, properties, attributes, outputs, parameters,
conditions, mappings, Globals folded in) and prints "equivalent" or each
difference. It exits 1 when they differ, unless --allow-diff.

    samgen import template.yaml -o app
    samgen vet app && samgen build app    # app/template.yaml`

func newImportCmd(e *env) *cobra.Command {
	var out, name string
	var adopt, allowDiff bool
	cmd := &cobra.Command{
		Use:   "import TEMPLATE",
		Short: "Turn an existing SAM template into a samgen spec that builds the same stack",
		Long:  importDoc,
		Args:  arguments(1, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(e, args[0], out, name, adopt, allowDiff)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", ".", "directory the spec is written to")
	cmd.Flags().StringVar(&name, "name", "", "the app's name (default: derived from the directory's name)")
	cmd.Flags().BoolVar(&adopt, "adopt-defaults", false, "let samgen's safer defaults in where the template lacks them, and list what they change")
	cmd.Flags().BoolVar(&allowDiff, "allow-diff", false, "exit 0 even when the spec builds a template that differs")
	return cmd
}

func runImport(e *env, tmplPath, dir, name string, adopt, allowDiff bool) error {
	if name != "" && !schema.Allows("name", name) {
		doc, _ := schema.Describe("name")
		return usageError{fmt.Errorf("--name %q is not an app's name, which is %s", name, doc.Type)}
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return usageError{fmt.Errorf("-o %s is a file: -o names the directory the spec is written to", dir)}
	}
	src, err := os.ReadFile(tmplPath)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if name == "" {
		name = moduleName(filepath.Base(abs))
	}
	now, err := (&specFlags{}).now()
	if err != nil {
		return err
	}
	opts := importer.Options{
		Now:           now,
		Name:          name,
		TemplateDir:   filepath.Dir(tmplPath),
		Dir:           dir,
		AdoptDefaults: adopt,
	}
	res, err := importer.Import(src, opts)
	if err != nil {
		var ps cfn.Problems
		if errors.As(err, &ps) {
			fmt.Fprintf(e.stderr, "%v\nnothing written\n", cfn.FileProblems{File: displayPath(e, tmplPath), Problems: ps})
			return errPrinted
		}
		return err
	}
	files := res.Files
	if _, err := os.Stat(filepath.Join(dir, "cue.mod", "module.cue")); errors.Is(err, fs.ErrNotExist) {
		files = maps.Clone(files)
		files["cue.mod/module.cue"] = fmt.Appendf(nil, "module: %q\nlanguage: version: \"v0.17.1\"\n", modulePrefix+moduleName(filepath.Base(abs)))
		maps.Copy(files, vendoredFiles())
	}
	var exist []string
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			exist = append(exist, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if len(exist) > 0 {
		return fmt.Errorf("import %s: %s already exists in %s; nothing written", tmplPath, strings.Join(exist, ", "), dir)
	}
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	writeImportReport(e, tmplPath, dir, src, res)
	// The self-check: build what was written and compare it with the
	// template.
	diffs, err := importer.Verify(src, dir, opts)
	if err != nil {
		return err
	}
	diffs = importer.Unadopted(diffs, res.Adopted)
	if len(diffs) == 0 {
		if len(res.Adopted) > 0 {
			fmt.Fprintln(e.stdout, "equivalent but for the defaults adopted")
		} else {
			fmt.Fprintln(e.stdout, "equivalent")
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "not equivalent: %d differences\n", len(diffs))
	for _, d := range diffs {
		fmt.Fprintf(e.stdout, "  %s\n", d)
	}
	if allowDiff {
		return nil
	}
	return errPrinted
}

// writeImportReport lists what the import wrote and every choice the team
// has to review.
func writeImportReport(e *env, tmplPath, dir string, src []byte, res *importer.Result) {
	w := e.stdout
	spec := filepath.Join(dir, "samgen.cue")
	if toSlash() {
		spec = filepath.ToSlash(spec)
	}
	n := 0
	if t, err := cfn.Parse(src); err == nil {
		n = len(t.Resources)
	}
	fmt.Fprintf(w, "imported %s into %s: %d resources\n", displayPath(e, tmplPath), spec, n)
	if len(res.Hatches) > 0 {
		fmt.Fprintf(w, "escape hatches (%d): what samgen does not model, kept as the template has it\n", len(res.Hatches))
		for _, h := range res.Hatches {
			fmt.Fprintf(w, "  %s: %s\n", h.Path, h.Why)
		}
	}
	if len(res.Acknowledged) > 0 {
		fmt.Fprintf(w, "acknowledged %q (%d): grants kept as the template has them, to narrow\n", importer.ImportReason, len(res.Acknowledged))
		for _, a := range res.Acknowledged {
			fmt.Fprintf(w, "  %s: %s\n", a.Path, a.Grant)
		}
	}
	if len(res.Adopted) > 0 {
		fmt.Fprintf(w, "samgen's defaults adopted (%d): what deploying the spec changes\n", len(res.Adopted))
		for _, c := range res.Adopted {
			fmt.Fprintf(w, "  %s (%s): %s\n", c.Path, c.LogicalID, c.What)
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// displayPath is a path as the user gave it, with forward slashes under
// test.
func displayPath(e *env, p string) string {
	if toSlash() {
		return filepath.ToSlash(p)
	}
	return p
}
