package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/schema"
)

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print samgen's, CUE's and the schema's versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			version, cueVersion := "(devel)", "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				if bi.Main.Version != "" {
					version = bi.Main.Version
				}
				for _, d := range bi.Deps {
					if d.Path == "cuelang.org/go" {
						cueVersion = d.Version
					}
				}
			}
			fmt.Fprintf(e.stdout, "samgen %s\ncue %s\nschema %s %s\n", version, cueVersion, schema.ImportPath, schema.Version)
			return nil
		},
	}
}
