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
		Args:  arguments(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			v := versions()
			fmt.Fprintf(e.stdout, "samgen %s\ncue %s\nschema %s %s\n", v.samgen, v.cue, schema.ImportPath, schema.Version)
			return nil
		},
	}
}

// versions are samgen's and the linked CUE's, from the build information.
func versions() (v struct{ samgen, cue string }) {
	v.samgen, v.cue = "(devel)", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v.samgen = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path == "cuelang.org/go" {
				v.cue = d.Version
			}
		}
	}
	return v
}
