package lsp

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	cuecmd "cuelang.org/go/cmd/cue/cmd"
)

// startCUE runs CUE's own language server in this process and connects
// to it. cue v0.17.1 exposes it only as its `lsp` command (the server's
// packages are internal), which serves stdin and stdout or, with -listen,
// a socket; samgen keeps stdin and stdout for the editor and gives CUE a
// Unix socket in a private temporary directory. args are more flags of
// `cue lsp serve` (-extconfig for external validators).
func startCUE(ctx context.Context, args []string) (net.Conn, func(), error) {
	dir, err := os.MkdirTemp("", "samgen-lsp-")
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	sock := filepath.Join(dir, "cue.sock")
	cmd, _ := cuecmd.New(append([]string{"lsp", "serve", "-listen=unix;" + sock}, args...))
	done := make(chan error, 1)
	go func() { done <- cmd.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("unix", sock)
		if err == nil {
			return c, cleanup, nil
		}
		select {
		case err := <-done:
			cleanup()
			return nil, nil, fmt.Errorf("CUE's language server stopped: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cleanup()
			return nil, nil, fmt.Errorf("CUE's language server did not start: %v", err)
		}
	}
}
