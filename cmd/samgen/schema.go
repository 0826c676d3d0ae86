package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/shell"
	"samgen.dev/samgen/schema"
)

func newSchemaCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Manage the schema vendored into a module",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "sync [DIR]",
		Short: "Refresh the vendored schema in DIR's module",
		Long: `Sync rewrites cue.mod/pkg/samgen.dev/schema/ in the module containing DIR
with the schema of this samgen, removing files it no longer has, so that
'cue vet' and the editor check what samgen checks.`,
		Args: arguments(0, 1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := findModule(dirArg(args))
			if err != nil {
				return err
			}
			vdir := filepath.Join(root, schema.VendorDir)
			if entries, err := os.ReadDir(vdir); err == nil {
				want := schema.Files()
				for _, en := range entries {
					if _, keep := want[en.Name()]; !keep && strings.HasSuffix(en.Name(), ".cue") {
						if err := os.Remove(filepath.Join(vdir, en.Name())); err != nil {
							return err
						}
					}
				}
			}
			if err := writeFiles(root, vendoredFiles()); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "synced %s to schema %s\n", filepath.ToSlash(schema.VendorDir), schema.Version)
			return nil
		},
	})
	return cmd
}

// findModule returns the directory at or above dir that holds cue.mod.
func findModule(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if root := schema.ModuleRoot(abs); root != "" {
		return root, nil
	}
	return "", fmt.Errorf("no CUE module (cue.mod) at or above %s; run `samgen init %s` to make one", dir, shell.Word(dir))
}
