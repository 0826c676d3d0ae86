package lsp

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"cuelang.org/go/unstable/lspaux/protocol"
	"github.com/coder/websocket"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
)

// ValidatorPath is where cue's language server connects to an external
// validator: its profile's serverURL followed by this path (cue's
// internal/lsp/extvalidator, v0.17.1).
const ValidatorPath = "/ws/lsp"

// Validator is an external validator for `cue lsp -extconfig FILE`, cue
// v0.17.1's experimental hook: the editor's language server sends the
// repository's tracked files with their unsaved changes as a zip
// (protocol.EvalRequestMsg) when the user runs the "Run external
// validators" code lens, and shows the errors the validator returns at
// their file and byte offset. samgen returns what `samgen vet` reports
// for every spec in the repository.
type Validator struct {
	// Tags are CUE tag values the checks use.
	Tags []string
	// Now is the date runtime lifecycle rules compare with; zero is today.
	Now time.Time
	// Token, when set, is the bearer token clients must send (the
	// profile's `token`).
	Token string
	// Log receives one line per request; nil discards them.
	Log io.Writer
}

// maxRequest bounds an evaluation request: a zip of a repository's text
// files.
const maxRequest = 64 << 20

// ServeHTTP accepts cue's websocket connection at [ValidatorPath] and
// answers its evaluation requests, one at a time, until it closes.
func (v *Validator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != ValidatorPath {
		http.NotFound(w, r)
		return
	}
	if v.Token != "" {
		want := "Bearer " + v.Token
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte(want)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
	}
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	conn.SetReadLimit(maxRequest)
	ctx := r.Context()
	for {
		typ, data, err := conn.Read(ctx)
		if err != nil {
			return
		}
		if typ != websocket.MessageBinary {
			conn.Close(websocket.StatusUnsupportedData, "binary messages only")
			return
		}
		var req protocol.EvalRequestMsg
		if err := req.UnmarshalBytes(data); err != nil {
			conn.Close(websocket.StatusProtocolError, err.Error())
			return
		}
		res := &protocol.EvalResultMsg{RequestID: req.RequestID, Errors: []protocol.EvalError{}}
		errs, err := v.Evaluate(req.ZipData)
		if err != nil {
			// Not the spec's fault (a zip that does not read): say so
			// where the user looks, without a position.
			errs = []protocol.EvalError{{Message: "samgen: " + err.Error()}}
		}
		res.Errors = errs
		v.logf("request %s (%s at %.12s): %d findings", req.RequestID, req.RepoName, req.CommitID, len(errs))
		if err := conn.Write(ctx, websocket.MessageBinary, res.MarshalBytes()); err != nil {
			return
		}
		fin := &protocol.EvalFinishedMsg{RequestID: req.RequestID}
		if err := conn.Write(ctx, websocket.MessageBinary, fin.MarshalBytes()); err != nil {
			return
		}
	}
}

func (v *Validator) logf(format string, args ...any) {
	if v.Log != nil {
		fmt.Fprintf(v.Log, "samgen serve: "+format+"\n", args...)
	}
}

// Evaluate checks every samgen spec in the files of a zip (paths relative
// to the repository's root) and returns the findings at their file and
// byte offset.
func (v *Validator) Evaluate(zipData []byte) ([]protocol.EvalError, error) {
	root, err := os.MkdirTemp("", "samgen-serve-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	dirs, err := unzip(zipData, root)
	if err != nil {
		return nil, err
	}
	out := []protocol.EvalError{}
	for _, dir := range dirs {
		// The zip holds the tracked files only: a source directory of
		// untracked or no files is not in it, though it is on the user's
		// disk, so the rules about sources do not run.
		res, err := engine.Check(dir, engine.Options{Tags: v.Tags, Now: v.Now, Copy: true})
		if err != nil {
			rel, _ := filepath.Rel(root, dir)
			out = append(out, protocol.EvalError{Message: fmt.Sprintf("samgen: %s: %v", filepath.ToSlash(rel), err)})
			continue
		}
		for _, d := range res.Diags.Findings() {
			e := protocol.EvalError{Message: oneLine(d)}
			if d.Pos.IsValid() && !d.Pos.InSchema() {
				if rel, err := filepath.Rel(root, d.Pos.File); err == nil {
					e.Coordinates = []protocol.FileCoordinate{{Path: filepath.ToSlash(rel), ByteOffset: uint32(d.Pos.Offset)}}
				}
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// oneLine is a finding as one line: path, message, rule, and the reason
// of a silenced one.
func oneLine(d diag.Diagnostic) string {
	var b strings.Builder
	switch {
	case d.Silenced != "":
		b.WriteString("silenced: ")
	case d.Severity == diag.Warning:
		b.WriteString("warning: ")
	case d.Severity == diag.Note:
		b.WriteString("note: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path + ": ")
	}
	b.WriteString(d.Msg)
	if d.Rule != "" && d.Rule != diag.Schema {
		b.WriteString(" [" + d.Rule + "]")
	}
	if d.Silenced != "" {
		b.WriteString(" (reason: " + d.Silenced + ")")
	}
	return b.String()
}

// unzip writes the files of a zip under root and returns the directories
// of the samgen specs among them, sorted. A name that would leave root is
// an error.
func unzip(data []byte, root string) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("read the request's files: %w", err)
	}
	cueDirs := map[string]bool{}
	for _, f := range zr.File {
		name := path.Clean(f.Name)
		if f.FileInfo().IsDir() {
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return nil, fmt.Errorf("read the request's files: %q is outside the repository", f.Name)
		}
		dst := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return nil, err
		}
		src, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
		b, err := io.ReadAll(io.LimitReader(src, maxRequest))
		src.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
		if err := os.WriteFile(dst, b, 0o600); err != nil {
			return nil, err
		}
		if strings.HasSuffix(name, ".cue") {
			cueDirs[filepath.Dir(dst)] = true
		}
	}
	var dirs []string
	for d := range cueDirs {
		if isSpec(d, nil) {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	return dirs, nil
}

// Serve answers the connections of ln until ctx is done.
func (v *Validator) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: v, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
