package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"samgen.dev/samgen/internal/lsp"
)

const serveDoc = `Serve runs samgen as an external validator for CUE's language server, for
teams that run 'cue lsp' itself rather than 'samgen lsp': the same findings
as 'samgen vet', over cue v0.17.1's experimental external-validator
protocol (a websocket at ADDR` + lsp.ValidatorPath + `).

Point cue lsp at it with a config file (cue lsp -extconfig FILE):

    activeProfile: "samgen"
    profiles: samgen: {
        serverURL: "http://localhost:7770"
        name:      "samgen"
        token:     ""
    }

In a git repository with an "origin" remote, CUE's server then shows a
"Run external validators" code lens at the top of each file; running it
sends the tracked files, unsaved changes included, and shows samgen's
findings at their positions. Set-up per editor: docs/editors.md.`

func newServeCmd(e *env) *cobra.Command {
	var f specFlags
	var listen, token string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run samgen as an external validator for cue lsp -extconfig",
		Long:  serveDoc,
		Args:  arguments(0, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			now, err := f.now()
			if err != nil {
				return err
			}
			if _, _, err := net.SplitHostPort(listen); err != nil {
				return usageError{fmt.Errorf("--listen %s: %v (give HOST:PORT, such as localhost:7770)", listen, unwrapAddr(err))}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return fmt.Errorf("--listen %s: %w", listen, err)
			}
			fmt.Fprintf(e.stderr, "samgen serve: external validator at http://%s (cue lsp -extconfig: serverURL \"http://%[1]s\")\n", ln.Addr())
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			v := &lsp.Validator{Tags: f.tags, Now: now, Token: token, Log: e.stderr}
			return v.Serve(ctx, ln)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "localhost:7770", "address to listen on")
	cmd.Flags().StringVar(&token, "token", "", "bearer token clients must send (the profile's token)")
	f.registerTags(cmd)
	return cmd
}

// unwrapAddr is the reason of an address error, without the address it
// repeats.
func unwrapAddr(err error) error {
	var ae *net.AddrError
	if errors.As(err, &ae) {
		return errors.New(ae.Err)
	}
	return err
}
