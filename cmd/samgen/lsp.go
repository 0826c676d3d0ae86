package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/lsp"
)

const lspDoc = `Lsp runs the language server an editor starts for CUE files, in place of
'cue lsp': CUE's own language server (cue v0.17.1, inside samgen, so there
is nothing else to install), with every request passed through, and
samgen's additions:

  - every finding 'samgen vet' reports, for each open spec, recomputed from
    the unsaved text a moment after each change, on the offending value,
    with the rule's ID and a link to its documentation;
  - hover and completion inside functions, tables, queues, events and the
    other collections, where CUE's server sees nothing: the schema's doc
    comments, the fields a definition allows, an enum's values, the names
    declared after app.tables.;
  - quick fixes: apply a did-you-mean; silence a warning with a
    'lint: ignore' entry whose reason you write.

It speaks the Language Server Protocol on standard input and output.
Set-up for VS Code, Neovim, Helix and Emacs: docs/editors.md.`

func newLSPCmd(e *env) *cobra.Command {
	var f specFlags
	var extConfig, extProfile string
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the CUE language server with samgen's checks, hover and completion (for editors)",
		Long:  lspDoc,
		Args:  arguments(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			now, err := f.now()
			if err != nil {
				return err
			}
			opts := lsp.Options{Tags: f.tags, Now: now}
			if extConfig != "" {
				// CUE's server exits the process on a config it cannot
				// read; say which file instead.
				if _, err := os.ReadFile(extConfig); err != nil {
					return usageError{fmt.Errorf("--extconfig: %v", err)}
				}
				opts.CUEArgs = append(opts.CUEArgs, "-extconfig", extConfig)
			}
			if extProfile != "" {
				opts.CUEArgs = append(opts.CUEArgs, "-extprofile", extProfile)
			}
			return lsp.Serve(cmd.Context(), cmd.InOrStdin(), e.stdout, opts)
		},
	}
	f.registerTags(cmd)
	cmd.Flags().StringVar(&extConfig, "extconfig", "", "cue lsp's -extconfig: a config file of external validators for CUE's server")
	cmd.Flags().StringVar(&extProfile, "extprofile", "", "cue lsp's -extprofile: the profile of --extconfig to use")
	return cmd
}
