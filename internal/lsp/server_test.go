package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"samgen.dev/samgen/internal/benchspec"
	"samgen.dev/samgen/internal/specfixture"
	"samgen.dev/samgen/schema"
)

// client is a test editor: it talks to [Serve] over pipes, as an editor
// talks to `samgen lsp` over its standard input and output.
type client struct {
	t      testing.TB
	s      *stream
	nextID int
	// version is that of the last change sent.
	version int
	msgs    chan *message
	done    chan error
}

func newClient(t testing.TB, opts Options) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, s: newStream(outR, inW), msgs: make(chan *message, 1000), done: make(chan error, 1)}
	go func() {
		c.done <- Serve(ctx, inR, outW, opts)
		outW.Close()
	}()
	go func() {
		for {
			m, err := c.s.read()
			if err != nil {
				close(c.msgs)
				return
			}
			if m.isRequest() {
				// workspace/configuration wants one value per item; the
				// rest of CUE's requests (registerCapability, progress)
				// take null.
				result := json.RawMessage("null")
				if m.Method == "workspace/configuration" {
					var p struct{ Items []any }
					_ = json.Unmarshal(m.Params, &p)
					result, _ = json.Marshal(make([]any, len(p.Items)))
				}
				_ = c.s.write(&message{ID: m.ID, Result: result})
				continue
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() {
		c.request("shutdown", nil)
		c.notify("exit", nil)
		inW.Close()
		select {
		case err := <-c.done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("Serve did not return after exit")
		}
		cancel()
	})
	return c
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	p, _ := json.Marshal(params)
	if err := c.s.write(&message{Method: method, Params: p}); err != nil {
		c.t.Fatal(err)
	}
}

// request sends a request and returns its result, keeping the other
// messages for later.
func (c *client) request(method string, params any) json.RawMessage {
	c.t.Helper()
	c.nextID++
	id := json.RawMessage(fmt.Sprint(c.nextID))
	p, _ := json.Marshal(params)
	if err := c.s.write(&message{ID: id, Method: method, Params: p}); err != nil {
		c.t.Fatal(err)
	}
	var kept []*message
	defer func() {
		for _, m := range kept {
			c.msgs <- m
		}
	}()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("%s: the server closed the connection", method)
			}
			if m.isResponse() && string(m.ID) == string(id) {
				if m.Error != nil {
					c.t.Fatalf("%s: %s", method, m.Error)
				}
				return m.Result
			}
			kept = append(kept, m)
		case <-timeout:
			c.t.Fatalf("%s: no answer", method)
		}
	}
}

// diagnostics waits for a publication of uri whose samgen diagnostics
// satisfy ok, and returns them.
func (c *client) diagnostics(uri string, ok func([]Diagnostic) bool) []Diagnostic {
	c.t.Helper()
	return c.allDiagnostics(uri, func(ds []Diagnostic) bool {
		return ok(slices.DeleteFunc(ds, func(d Diagnostic) bool { return d.Source != "samgen" }))
	})
}

// allDiagnostics waits for a publication of uri whose diagnostics, CUE's
// and samgen's, satisfy ok; it returns samgen's.
func (c *client) allDiagnostics(uri string, ok func([]Diagnostic) bool) []Diagnostic {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m := <-c.msgs:
			if m.Method != "textDocument/publishDiagnostics" {
				continue
			}
			var p struct {
				URI         string       `json:"uri"`
				Diagnostics []Diagnostic `json:"diagnostics"`
			}
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			if p.URI != uri {
				continue
			}
			if ok(slices.Clone(p.Diagnostics)) {
				return slices.DeleteFunc(p.Diagnostics, func(d Diagnostic) bool { return d.Source != "samgen" })
			}
		case <-timeout:
			c.t.Fatalf("no such diagnostics for %s", uri)
		}
	}
}

// module writes a module with the vendored schema (what `samgen init`
// lays out, so CUE's server resolves the import) and the spec.
func module(t testing.TB, spec string) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{"cue.mod/module.cue": "module: \"example.com/app\"\nlanguage: version: \"v0.17.1\"\n", "samgen.cue": spec}
	specfixture.Sources(t, dir, spec)
	for name, b := range schema.Files() {
		files[filepath.ToSlash(filepath.Join(schema.VendorDir, name))] = string(b)
	}
	writeFiles(t, dir, files)
	return dir, filepath.Join(dir, "samgen.cue")
}

// writeFiles writes files (slash paths relative to dir) into dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (c *client) initialize(dir string) {
	c.t.Helper()
	c.request("initialize", map[string]any{
		"processId": nil,
		"rootUri":   pathURI(dir),
		"capabilities": map[string]any{"textDocument": map[string]any{
			"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{"codeActionKind": map[string]any{"valueSet": []string{"quickfix"}}}},
		}},
		"workspaceFolders": []any{map[string]any{"uri": pathURI(dir), "name": "app"}},
	})
	c.notify("initialized", map[string]any{})
}

// open sends the editor's didOpen of file with text.
func (c *client) open(file, text string) (uri string) {
	uri = pathURI(file)
	c.version = 1
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "cue", "version": c.version, "text": text}})
	return uri
}

// editing starts a server on a module holding spec, as an editor that
// opens the spec: the client and the spec's URI.
func editing(t testing.TB, spec string, opts Options) (*client, string) {
	t.Helper()
	dir, file := module(t, spec)
	c := newClient(t, opts)
	c.initialize(dir)
	return c, c.open(file, spec)
}

// change replaces the first occurrence of old in text, sending the
// editor's incremental change.
func (c *client) change(uri string, text *string, old, new string) {
	c.t.Helper()
	c.version++
	i := strings.Index(*text, old)
	if i < 0 {
		c.t.Fatalf("%q not in the document", old)
	}
	r := Range{positionAt(*text, i), positionAt(*text, i+len(old))}
	*text = (*text)[:i] + new + (*text)[i+len(old):]
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": c.version},
		"contentChanges": []any{map[string]any{"range": r, "text": new}},
	})
}

// at is the position of the first occurrence of s in text, plus n
// bytes.
func at(text, s string, n int) Position {
	i := strings.Index(text, s)
	if i < 0 {
		panic(s + " not found")
	}
	return positionAt(text, i+n)
}

const editorSpec = `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "shop"
	defaults: function: {memory: 256, timeout: 10, tracing: "Active", logging: retention: 14}
	functions: hello: {
		handler: "app.handler"
		runtime: "python3.13"
		source:  "src"
		memory:  512
	}
}
`

// TestEditor drives the server as an editor does: open a spec, edit it,
// and ask for what the editor shows.
func TestEditor(t *testing.T) {
	t.Parallel()
	c, uri := editing(t, editorSpec, Options{})
	text := editorSpec

	// An edit makes memory out of range: the diagnostic is on the value.
	c.change(uri, &text, "memory:  512", "memory:  64")
	want := Range{at(text, "memory:  64", 9), at(text, "memory:  64", 11)}
	ds := c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) > 0 })
	if len(ds) != 1 || ds[0].Range != want || ds[0].Message != "invalid value 64 (out of bound >=128)" || ds[0].Code != "schema" || ds[0].Severity != severityError {
		t.Fatalf("after memory: 64, diagnostics %+v; want one at %+v", ds, want)
	}

	// While the spec does not parse, CUE's server reports the syntax
	// error and samgen's findings stay.
	c.change(uri, &text, "memory:  64", "memory:  64,,")
	ds = c.allDiagnostics(uri, func(ds []Diagnostic) bool {
		return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Source != "samgen" })
	})
	if len(ds) != 1 || ds[0].Message != "invalid value 64 (out of bound >=128)" {
		t.Errorf("with a syntax error, samgen's diagnostics are %+v", ds)
	}
	c.change(uri, &text, "memory:  64,,", "memory:  64")

	// Hover on a field of a function, where CUE's server has nothing.
	var h hover
	if err := json.Unmarshal(c.request("textDocument/hover", textDocumentPositionParams{
		TextDocument: textDocumentIdentifier{uri}, Position: at(text, "handler:", 2),
	}), &h); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Contents.Value, "handler is the entry point") {
		t.Errorf("hover on handler: %q; want the schema's doc comment", h.Contents.Value)
	}

	// Completion inside a function being written.
	c.change(uri, &text, "\tfunctions: hello: {", "\tfunctions: x: {\n\t\t\n\t}\n\tfunctions: hello: {")
	var list struct {
		Items []completionItem `json:"items"`
	}
	if err := json.Unmarshal(c.request("textDocument/completion", textDocumentPositionParams{
		TextDocument: textDocumentIdentifier{uri}, Position: at(text, "functions: x: {\n\t\t", len("functions: x: {\n\t\t")),
	}), &list); err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, it := range list.Items {
		labels = append(labels, it.Label)
	}
	for _, l := range []string{"memory", "handler", "events"} {
		if !slices.Contains(labels, l) {
			t.Errorf("completion in functions: x: { offers %v; want %s", labels, l)
		}
	}

	// A misspelt field: the did-you-mean is a quick fix.
	c.change(uri, &text, "\tfunctions: x: {\n\t\t\n\t}\n", "")
	c.change(uri, &text, "memory:  64", "memroy:  256")
	ds = c.diagnostics(uri, func(ds []Diagnostic) bool {
		return len(ds) == 1 && strings.HasPrefix(ds[0].Message, "field not allowed")
	})
	var actions []codeAction
	if err := json.Unmarshal(c.request("textDocument/codeAction", codeActionParams{
		TextDocument: textDocumentIdentifier{uri}, Range: ds[0].Range,
		Context: struct {
			Diagnostics []Diagnostic `json:"diagnostics"`
		}{ds},
	}), &actions); err != nil {
		t.Fatal(err)
	}
	fixed := ""
	for _, a := range actions {
		if a.Title == "Change to memory" {
			fixed = apply(text, a.Edit.Changes[uri])
		}
	}
	if !strings.Contains(fixed, "\t\tmemory:  256\n") {
		t.Fatalf("code actions %+v do not fix memroy", actions)
	}
	c.change(uri, &text, text, fixed)
	c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) == 0 })
}

// TestEditorUnopenedFileDoesNotParse: a file of the package the editor
// has not opened, and that does not parse, is reported in that file; CUE's
// server reports only the open documents. Once it parses, samgen's
// findings are back.
// TestEditorSources: the editor's spec is checked in its own directory,
// so a source that is not on disk is reported as vet reports it, at the
// value, and goes once the source names a directory that is there.
func TestEditorSources(t *testing.T) {
	t.Parallel()
	c, uri := editing(t, editorSpec, Options{})
	text := editorSpec
	c.change(uri, &text, `source:  "src"`, `source:  "scr"`)
	want := Range{at(text, `"scr"`, 0), at(text, `"scr"`, 5)}
	ds := c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) > 0 })
	if len(ds) != 1 || ds[0].Code != "SG124" || ds[0].Range != want || !strings.HasSuffix(ds[0].Message, `did you mean "src"?`) {
		t.Fatalf("with source scr, diagnostics %+v; want SG124 at %+v", ds, want)
	}
	c.change(uri, &text, `source:  "scr"`, `source:  "src"`)
	c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) == 0 })
}

func TestEditorUnopenedFileDoesNotParse(t *testing.T) {
	t.Parallel()
	dir, file := module(t, editorSpec)
	other := filepath.Join(dir, "other.cue")
	if err := os.WriteFile(other, []byte("package app\n\napp: functions: hello: {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Options{})
	c.initialize(dir)
	uri := c.open(file, editorSpec)
	ds := c.diagnostics(pathURI(other), func(ds []Diagnostic) bool { return len(ds) > 0 })
	if len(ds) != 1 || ds[0].Message != "expected '}', found 'EOF'" || ds[0].Severity != severityError {
		t.Fatalf("other.cue, which does not parse: diagnostics %+v; want its syntax error", ds)
	}

	if err := os.WriteFile(other, []byte("package app\n\napp: functions: hello: memory: 64\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := editorSpec
	c.change(uri, &text, "memory:  512", "memory:  64")
	ds = c.diagnostics(pathURI(other), func(ds []Diagnostic) bool { return len(ds) == 1 && ds[0].Code == "schema" })
	if ds[0].Message != "invalid value 64 (out of bound >=128)" {
		t.Errorf("other.cue once it parses: diagnostics %+v; want memory's bound", ds)
	}
}

// TestSilenceAction: a warning's quick fix adds a `lint: ignore` entry to
// its resource, with an empty reason the schema then asks to write.
func TestSilenceAction(t *testing.T) {
	t.Parallel()
	spec := strings.Replace(editorSpec, `tracing: "Active", `, "", 1)
	c, uri := editing(t, spec, Options{})
	text := spec
	ds := c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) > 0 })
	if ds[0].Code != "SG801" || ds[0].Severity != severityWarning || ds[0].CodeDescription == nil || ds[0].CodeDescription.Href != "https://samgen.dev/docs/rules#sg801" {
		t.Fatalf("diagnostics %+v; want the SG801 warning with its documentation", ds)
	}
	var actions []codeAction
	if err := json.Unmarshal(c.request("textDocument/codeAction", codeActionParams{TextDocument: textDocumentIdentifier{uri}, Range: ds[0].Range}), &actions); err != nil {
		t.Fatal(err)
	}
	actions = slices.DeleteFunc(actions, func(a codeAction) bool { return a.Kind != "quickfix" })
	if len(actions) != 1 || !strings.HasPrefix(actions[0].Title, "Silence SG801 for functions.hello") {
		t.Fatalf("code actions %+v; want one that silences SG801", actions)
	}
	fixed := apply(text, actions[0].Edit.Changes[uri])
	if !strings.Contains(fixed, "functions: hello: {\n\t\tlint: ignore: SG801: \"\"\n\t\thandler:") {
		t.Fatalf("silenced:\n%s", fixed)
	}
	c.change(uri, &text, text, fixed)
	ds = c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) == 1 && ds[0].Code == "schema" })
	if want := at(text, `SG801: ""`, len("SG801: ")); ds[0].Range.Start != want {
		t.Errorf("the empty reason is reported at %+v; want %+v", ds[0].Range.Start, want)
	}
}

// apply applies edits to text (ranges of the original text, applied from
// the last).
func apply(text string, edits []textEdit) string {
	sort.Slice(edits, func(i, j int) bool { return offset(text, edits[i].Range.Start) > offset(text, edits[j].Range.Start) })
	for _, e := range edits {
		text = text[:offset(text, e.Range.Start)] + e.NewText + text[offset(text, e.Range.End):]
	}
	return text
}

// BenchmarkDidChange measures, for a 100-function spec, the time from a
// didChange to the diagnostics it causes; the median is reported as
// ms-median. Each iteration breaks a value or fixes it again.
func BenchmarkDidChange(b *testing.B) {
	text := string(benchspec.Spec(100))
	c, uri := editing(b, text, Options{})
	c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) > 0 })
	// The spec has findings of its own (a stack of 100 functions is over
	// CloudFormation's resource limit after SAM's transform); each edit
	// adds or removes the one it makes.
	broken := func(ds []Diagnostic) bool {
		return slices.ContainsFunc(ds, func(d Diagnostic) bool { return strings.HasPrefix(d.Message, "invalid value 64") })
	}
	var times []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if i%2 == 0 {
			c.change(uri, &text, "\t\tmemory: 1024\n", "\t\tmemory: 64\n")
			c.diagnostics(uri, broken)
		} else {
			c.change(uri, &text, "\t\tmemory: 64\n", "\t\tmemory: 1024\n")
			c.diagnostics(uri, func(ds []Diagnostic) bool { return len(ds) > 0 && !broken(ds) })
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}
