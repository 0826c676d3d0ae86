package lsp

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cuelang.org/go/unstable/lspaux/protocol"
	"github.com/coder/websocket"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
)

// zipOf zips files (slash paths).
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, body := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var badMemory = strings.Replace(editorSpec, "memory:  512", "memory:  64", 1)

// TestValidatorProtocol speaks cue's external-validator protocol to the
// validator: one evaluation request, its result at the file and byte
// offset of the value, and the end of the results.
func TestValidatorProtocol(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(&Validator{Token: "secret"})
	defer srv.Close()
	ctx := context.Background()
	if _, _, err := websocket.Dial(ctx, srv.URL+ValidatorPath, nil); err == nil {
		t.Fatal("a client without the token was accepted")
	}
	conn, _, err := websocket.Dial(ctx, srv.URL+ValidatorPath, &websocket.DialOptions{HTTPHeader: map[string][]string{"Authorization": {"Bearer secret"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	req := &protocol.EvalRequestMsg{RequestID: "7", RepoName: "github:example/app", CommitID: "0123456789abcdef", ZipData: zipOf(t, map[string]string{
		"README.md":              "not CUE",
		"cue.mod/module.cue":     "module: \"example.com/app\"\nlanguage: version: \"v0.17.1\"\n",
		"services/shop/app.cue":  badMemory,
		"services/other/lib.cue": "package lib\n\nx: 1\n",
	})}
	if err := conn.Write(ctx, websocket.MessageBinary, req.MarshalBytes()); err != nil {
		t.Fatal(err)
	}
	_, data, err := conn.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var res protocol.EvalResultMsg
	if err := res.UnmarshalBytes(data); err != nil {
		t.Fatal(err)
	}
	want := protocol.EvalError{
		Message:     "app.functions.hello.memory: invalid value 64 (out of bound >=128)",
		Coordinates: []protocol.FileCoordinate{{Path: "services/shop/app.cue", ByteOffset: uint32(strings.Index(badMemory, "64"))}},
	}
	if res.RequestID != "7" || len(res.Errors) != 1 || res.Errors[0].Message != want.Message || len(res.Errors[0].Coordinates) != 1 || res.Errors[0].Coordinates[0] != want.Coordinates[0] {
		t.Fatalf("result %+v; want %+v", res, want)
	}
	_, data, err = conn.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var fin protocol.EvalFinishedMsg
	if err := fin.UnmarshalBytes(data); err != nil || fin.RequestID != "7" {
		t.Fatalf("finished %+v, %v; want request 7", fin, err)
	}
}

// TestValidatorRefusesEscapes: a zip entry outside the repository is an
// error, and nothing is written outside the validator's directory.
func TestValidatorRefusesEscapes(t *testing.T) {
	t.Parallel()
	_, err := (&Validator{}).Evaluate(zipOf(t, map[string]string{"../outside.cue": "package x\n"}))
	if err == nil || !strings.Contains(err.Error(), "outside the repository") {
		t.Fatalf("Evaluate: %v; want an error about the path", err)
	}
}

// TestValidatorSkipsSources: the zip holds the repository's tracked files
// only, so a source directory of untracked or no files is not in it; the
// validator does not report it missing (SG124), while a check of the same
// files on disk does.
func TestValidatorSkipsSources(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"cue.mod/module.cue": "module: \"example.com/app\"\nlanguage: version: \"v0.17.1\"\n",
		"app.cue":            editorSpec,
	}
	errs, err := (&Validator{}).Evaluate(zipOf(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 0 {
		t.Errorf("validator findings %+v; want none", errs)
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	res, err := engine.Check(dir, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return d.Rule == "SG124" }) {
		t.Errorf("on disk, findings %v; want SG124 for the missing src", res.Diags)
	}
}

// TestValidatorWithCUE runs the whole set-up docs/editors.md describes:
// CUE's own language server (inside samgen lsp here, as `cue lsp
// -extconfig FILE` would run it) connected to the validator, a git
// repository with an origin, and the "Run external validators" code
// lens: CUE's server shows samgen's finding at the value.
func TestValidatorWithCUE(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed: CUE's server sends the files git tracks")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go (&Validator{}).Serve(ctx, ln)

	dir, file := module(t, badMemory)
	for _, args := range [][]string{
		{"init", "-q"},
		{"config", "user.email", "test@example.com"},
		{"config", "user.name", "test"},
		{"remote", "add", "origin", "https://example.com/app.git"},
		{"add", "."},
		{"commit", "-qm", "spec"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	config := filepath.Join(t.TempDir(), "validators.cue")
	if err := os.WriteFile(config, []byte(`activeProfile: "samgen"
profiles: samgen: {
	serverURL: "http://`+ln.Addr().String()+`"
	name:      "samgen"
	token:     ""
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Options{CUEArgs: []string{"-extconfig", config}})
	c.initialize(dir)
	uri := c.open(file, badMemory)
	// CUE's server offers the code lens as soon as it has the file, before
	// its connection to the validator is up; a click before then sends
	// nothing and leaves the lens in place, so click until it goes.
	clicked := false
	for deadline := time.Now().Add(20 * time.Second); ; {
		if time.Now().After(deadline) {
			t.Fatalf("the code lens stayed (clicked: %v): CUE's server sent no request to the validator", clicked)
		}
		var lenses []struct {
			Command *struct {
				Command   string            `json:"command"`
				Arguments []json.RawMessage `json:"arguments"`
			} `json:"command"`
		}
		if err := json.Unmarshal(c.request("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}), &lenses); err != nil {
			t.Fatal(err)
		}
		if len(lenses) > 0 && lenses[0].Command != nil {
			c.request("workspace/executeCommand", *lenses[0].Command)
			clicked = true
		} else if clicked {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	want := Position{Line: strings.Count(badMemory[:strings.Index(badMemory, "64")], "\n"), Character: strings.Index(badMemory, "64") - strings.LastIndex(badMemory[:strings.Index(badMemory, "64")], "\n") - 1}
	c.allDiagnostics(uri, func(ds []Diagnostic) bool {
		for _, d := range ds {
			if d.Source != "samgen" && d.Message == "app.functions.hello.memory: invalid value 64 (out of bound >=128)" && d.Range.Start == want {
				return true
			}
		}
		return false
	})
}
