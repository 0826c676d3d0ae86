// Package lsp is samgen's language server: CUE's own server, run in the
// samgen process, with every request passed through, and samgen's
// findings, hover and completion added where CUE's server has none.
//
// cue v0.17.1's server reports syntax errors only, and sees nothing inside
// the collections of #App, which are pattern constraints (`functions:
// [N=#Name]: #Function`). samgen adds:
//
//   - diagnostics: everything `samgen vet` reports, for every open spec,
//     recomputed from the editor's unsaved text (an overlay, nothing is
//     written) a moment after the last change, on the offending value's
//     range, with the rule's ID and documentation link;
//   - hover: the schema's doc comment of the field under the cursor, its
//     constraint and an enum's values, where CUE's server returns nothing;
//   - completion: the fields the definition at the cursor allows, an
//     enum's values, the names declared after `app.tables.`;
//   - code actions: apply a did-you-mean; silence a warning with a
//     `lint: ignore` entry whose reason is left to fill in.
//
// [Validator] serves the same diagnostics over cue's external-validator
// protocol, for teams that run `cue lsp` itself.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Options tune [Serve].
type Options struct {
	// Tags are CUE tag values ("stage=prod") the checks use.
	Tags []string
	// Debounce is how long after the last change the spec is checked;
	// zero is 50 ms.
	Debounce time.Duration
	// CUEArgs are more flags of `cue lsp serve` (-extconfig FILE).
	CUEArgs []string
	// Now is the date runtime lifecycle rules compare with; zero is today.
	Now time.Time
}

// server passes messages between the editor and CUE's server and adds
// samgen's.
type server struct {
	editor, cue *stream
	opts        Options
	docs        documents
	checker     *checker

	mu sync.Mutex
	// pending are the editor's requests CUE has not answered, by ID.
	pending map[string]*message
	// cueDiags are CUE's latest diagnostics and ours samgen's, by URI:
	// an editor keeps one list per document, so they are published
	// together.
	cueDiags map[string][]json.RawMessage
	ours     map[string][]Diagnostic
}

// Serve runs samgen's language server on in and out (an editor's pipes)
// until the editor exits or closes in.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce == 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	conn, cleanup, err := startCUE(ctx, opts.CUEArgs)
	if err != nil {
		return err
	}
	defer cleanup()
	defer conn.Close()
	s := &server{
		editor:   newStream(in, out),
		cue:      newStream(conn, conn),
		opts:     opts,
		docs:     documents{docs: map[string]*document{}},
		pending:  map[string]*message{},
		cueDiags: map[string][]json.RawMessage{},
		ours:     map[string][]Diagnostic{},
	}
	s.checker = newChecker(s)
	go s.checker.loop(ctx)
	errc := make(chan error, 2)
	go func() { errc <- s.fromCUE() }()
	go func() { errc <- s.fromEditor() }()
	err = <-errc
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// fromEditor forwards the editor's messages to CUE's server, keeping the
// documents' text and remembering requests whose answers samgen amends.
func (s *server) fromEditor() error {
	for {
		m, err := s.editor.read()
		if err != nil {
			return err
		}
		switch {
		case m.isRequest():
			s.mu.Lock()
			s.pending[string(m.ID)] = m
			s.mu.Unlock()
		case m.isNotification():
			s.notified(m)
		}
		if err := s.cue.write(m); err != nil {
			return fmt.Errorf("to CUE's language server: %w", err)
		}
		if m.Method == "exit" {
			return io.EOF
		}
	}
}

// notified keeps the text of open documents and schedules checks.
func (s *server) notified(m *message) {
	switch m.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if json.Unmarshal(m.Params, &p) == nil {
			if path, ok := uriPath(p.TextDocument.URI); ok {
				s.docs.open(path, p.TextDocument.URI, p.TextDocument.Version, p.TextDocument.Text)
				s.checker.schedule(filepath.Dir(path))
			}
		}
	case "textDocument/didChange":
		var p didChangeParams
		if json.Unmarshal(m.Params, &p) == nil {
			if path, ok := uriPath(p.TextDocument.URI); ok {
				if err := s.docs.change(path, p); err != nil {
					s.log("%v", err)
				}
				s.checker.schedule(filepath.Dir(path))
			}
		}
	case "textDocument/didClose":
		var p didCloseParams
		if json.Unmarshal(m.Params, &p) == nil {
			if path, ok := uriPath(p.TextDocument.URI); ok {
				s.docs.close(path)
				s.checker.schedule(filepath.Dir(path))
			}
		}
	case "textDocument/didSave", "workspace/didChangeWatchedFiles":
		// The disk changed under a spec that is not open, or a spec was
		// saved: the open documents' directories are checked again.
		for _, dir := range s.docs.dirs() {
			s.checker.schedule(dir)
		}
	}
}

// fromCUE forwards CUE's messages to the editor, amending the answers to
// the requests samgen adds to and merging the diagnostics.
func (s *server) fromCUE() error {
	for {
		m, err := s.cue.read()
		if err != nil {
			return fmt.Errorf("from CUE's language server: %w", err)
		}
		switch {
		case m.isResponse():
			s.mu.Lock()
			req := s.pending[string(m.ID)]
			delete(s.pending, string(m.ID))
			s.mu.Unlock()
			if req != nil {
				m = s.amend(req, m)
			}
		case m.Method == "textDocument/publishDiagnostics":
			var p publishDiagnosticsParams
			if json.Unmarshal(m.Params, &p) == nil {
				s.mu.Lock()
				s.cueDiags[p.URI] = p.Diagnostics
				s.mu.Unlock()
				s.publish(p.URI)
				continue
			}
		}
		if err := s.editor.write(m); err != nil {
			return err
		}
	}
}

// amend returns CUE's answer to req with samgen's added.
func (s *server) amend(req, resp *message) *message {
	var result any
	var err error
	switch req.Method {
	case "initialize":
		result, err = amendInitialize(resp.Result)
	case "textDocument/hover":
		if isNull(resp.Result) {
			result = s.hover(req.Params)
		}
	case "textDocument/completion":
		result, err = s.complete(req.Params, resp.Result)
	case "textDocument/codeAction":
		result, err = s.codeActions(req.Params, resp.Result)
	}
	if err != nil {
		s.log("%s: %v", req.Method, err)
	}
	if result == nil {
		return resp
	}
	b, err := json.Marshal(result)
	if err != nil {
		s.log("%s: %v", req.Method, err)
		return resp
	}
	return &message{ID: resp.ID, Result: b}
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// amendInitialize adds samgen to the server's name and quick fixes to
// its code actions; CUE's server already offers hover, completion and
// code actions, which samgen extends.
func amendInitialize(raw json.RawMessage) (any, error) {
	var res map[string]any
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, err
	}
	caps, _ := res["capabilities"].(map[string]any)
	if caps == nil {
		caps = map[string]any{}
		res["capabilities"] = caps
	}
	caps["hoverProvider"] = true
	if cp, ok := caps["completionProvider"].(map[string]any); ok {
		cp["triggerCharacters"] = []string{".", `"`}
	} else {
		caps["completionProvider"] = map[string]any{"triggerCharacters": []string{".", `"`}}
	}
	switch ca := caps["codeActionProvider"].(type) {
	case map[string]any:
		kinds, _ := ca["codeActionKinds"].([]any)
		ca["codeActionKinds"] = append(kinds, "quickfix")
	default:
		caps["codeActionProvider"] = true
	}
	res["serverInfo"] = map[string]any{"name": "samgen lsp (with cuelsp)"}
	return res, nil
}

// publish sends the editor CUE's and samgen's diagnostics of uri.
func (s *server) publish(uri string) {
	s.mu.Lock()
	all := append([]json.RawMessage{}, s.cueDiags[uri]...)
	for _, d := range s.ours[uri] {
		if b, err := json.Marshal(d); err == nil {
			all = append(all, b)
		}
	}
	s.mu.Unlock()
	p, _ := json.Marshal(publishDiagnosticsParams{URI: uri, Diagnostics: all})
	if err := s.editor.write(&message{Method: "textDocument/publishDiagnostics", Params: p}); err != nil {
		s.log("publish diagnostics: %v", err)
	}
}

// log sends the editor a log message (window/logMessage, type Log).
func (s *server) log(format string, args ...any) {
	p, _ := json.Marshal(logMessageParams{Type: 4, Message: "samgen: " + fmt.Sprintf(format, args...)})
	_ = s.editor.write(&message{Method: "window/logMessage", Params: p})
}

// dirs returns the directories of the open CUE documents.
func (ds *documents) dirs() []string {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for p := range ds.docs {
		if d := filepath.Dir(p); strings.HasSuffix(p, ".cue") && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
