package lsp

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/schema"
)

// checker runs samgen's checks on the packages of open documents, a
// debounce after their last change, one check at a time.
type checker struct {
	s    *server
	wake chan struct{}

	mu    sync.Mutex
	dirty map[string]bool
	// published are the URIs with samgen's diagnostics, by package
	// directory, so a fixed finding's diagnostic is cleared.
	published map[string][]string
}

func newChecker(s *server) *checker {
	return &checker{s: s, wake: make(chan struct{}, 1), dirty: map[string]bool{}, published: map[string][]string{}}
}

// schedule asks for dir to be checked after the debounce.
func (c *checker) schedule(dir string) {
	c.mu.Lock()
	c.dirty[dir] = true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *checker) loop(ctx context.Context) {
	t := time.NewTimer(time.Hour)
	t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
			t.Reset(c.s.opts.Debounce)
		case <-t.C:
			c.mu.Lock()
			var dirs []string
			for d := range c.dirty {
				dirs = append(dirs, d)
			}
			clear(c.dirty)
			c.mu.Unlock()
			slices.Sort(dirs)
			for _, d := range dirs {
				c.check(d)
			}
		}
	}
}

// check runs the pipeline `samgen vet` runs on the package in dir, with
// the open documents' unsaved text, and publishes its findings.
func (c *checker) check(dir string) {
	overlay := c.s.docs.overlay()
	if !isSpec(dir, overlay) {
		c.replace(dir, nil)
		return
	}
	res, err := engine.Check(dir, engine.Options{Tags: c.s.opts.Tags, Now: c.s.opts.Now, Overlay: overlay})
	if err != nil {
		c.s.log("%s: %v", dir, err)
		c.replace(dir, nil)
		return
	}
	root := schema.ModuleRoot(dir)
	texts := map[string]string{}
	text := func(file string) string {
		if t, ok := texts[file]; ok {
			return t
		}
		t := string(overlay[file])
		if _, ok := overlay[file]; !ok {
			b, _ := os.ReadFile(file)
			t = string(b)
		}
		texts[file] = t
		return t
	}
	if syntaxOnly(res.Diags) {
		// CUE's server reports what does not parse in the open documents;
		// samgen's findings of the last spec that did stay until the spec
		// parses again, rather than vanish at each keystroke of an
		// unfinished struct. What does not load in a file the editor has
		// not opened, no one else reports: samgen does, beside them.
		byURI := c.publishedOf(dir)
		unopened := map[string]bool{}
		for _, d := range res.Diags {
			if _, open := c.s.docs.get(d.Pos.File); open || !d.Pos.IsValid() || d.Pos.InSchema() {
				continue
			}
			uri := c.s.uriOf(d.Pos.File)
			if !unopened[uri] {
				unopened[uri], byURI[uri] = true, nil // its findings are of the text before
			}
			byURI[uri] = append(byURI[uri], toLSP(d, text(d.Pos.File), root, c.s.uriOf))
		}
		if len(unopened) > 0 {
			c.replace(dir, byURI)
		}
		return
	}
	byURI := map[string][]Diagnostic{}
	for _, d := range res.Diags {
		if d.Rule == "" {
			if d.Severity == diag.Note {
				c.s.log("%s: %s", dir, d.Msg)
			}
			continue
		}
		if !d.Pos.IsValid() || d.Pos.InSchema() {
			continue
		}
		uri := c.s.uriOf(d.Pos.File)
		byURI[uri] = append(byURI[uri], toLSP(d, text(d.Pos.File), root, c.s.uriOf))
	}
	c.replace(dir, byURI)
}

// syntaxOnly reports whether the spec failed to load at all: its only
// errors are schema errors without a spec path (syntax, imports).
func syntaxOnly(ds diag.List) bool {
	failed := false
	for _, d := range ds {
		switch {
		case d.Rule == diag.Schema && d.Path == "":
			failed = true
		case d.Rule != "":
			return false
		}
	}
	return failed
}

// publishedOf returns samgen's diagnostics published for the package in
// dir, by URI.
func (c *checker) publishedOf(dir string) map[string][]Diagnostic {
	c.mu.Lock()
	uris := c.published[dir]
	c.mu.Unlock()
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	out := map[string][]Diagnostic{}
	for _, uri := range uris {
		out[uri] = c.s.ours[uri]
	}
	return out
}

// replace sets samgen's diagnostics of the package in dir and publishes
// every document whose diagnostics changed.
func (c *checker) replace(dir string, byURI map[string][]Diagnostic) {
	c.mu.Lock()
	old := c.published[dir]
	var now []string
	for uri := range byURI {
		now = append(now, uri)
	}
	slices.Sort(now)
	c.published[dir] = now
	c.mu.Unlock()
	c.s.mu.Lock()
	var changed []string
	for _, uri := range old {
		if _, ok := byURI[uri]; !ok {
			delete(c.s.ours, uri)
			changed = append(changed, uri)
		}
	}
	for _, uri := range now {
		c.s.ours[uri] = byURI[uri]
		changed = append(changed, uri)
	}
	c.s.mu.Unlock()
	for _, uri := range changed {
		c.s.publish(uri)
	}
}

// uriOf is the URI of a file: the editor's own for an open document.
func (s *server) uriOf(file string) string {
	if d, ok := s.docs.get(file); ok {
		return d.uri
	}
	return pathURI(file)
}

// isSpec reports whether the package in dir is a samgen spec: one of its
// files imports samgen's schema. The vendored schema and cue.mod are not.
func isSpec(dir string, overlay map[string][]byte) bool {
	if slices.Contains(strings.Split(filepath.ToSlash(dir), "/"), "cue.mod") {
		return false
	}
	imports := func(src []byte) bool { return bytes.Contains(src, []byte(`"`+schema.ImportPath+`"`)) }
	for name, src := range overlay {
		if filepath.Dir(name) == dir && strings.HasSuffix(name, ".cue") && imports(src) {
			return true
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.cue"))
	for _, f := range files {
		if _, ok := overlay[f]; ok {
			continue
		}
		if src, err := os.ReadFile(f); err == nil && imports(src) {
			return true
		}
	}
	return false
}

// toLSP converts a finding of the file whose text is given. Positions in
// samgen's schema link to the vendored copy in the module, when there is
// one.
func toLSP(d diag.Diagnostic, text, root string, uriOf func(string) string) Diagnostic {
	out := Diagnostic{
		Range:   rangeOf(text, d.Pos, d.End),
		Source:  "samgen",
		Code:    d.Rule,
		Message: d.Msg,
		Data:    &diagnosticData{Path: d.Path, Rule: d.Rule, Suggestion: d.Suggestion},
	}
	if u := diag.RuleURL(d.Rule); u != "" {
		out.CodeDescription = &codeDescription{Href: u}
	}
	switch {
	case d.Silenced != "":
		out.Severity = severityHint
		out.Message = "silenced: " + d.Msg + " (reason: " + d.Silenced + ")"
	case d.Severity == diag.Warning:
		out.Severity = severityWarning
		out.Data.Warning = true
	case d.Severity == diag.Note:
		out.Severity = severityInformation
	default:
		out.Severity = severityError
	}
	for _, p := range d.Related {
		file, msg := p.File, "see also"
		if p.InSchema() {
			if root == "" {
				continue
			}
			file = filepath.Join(root, schema.VendorDir, strings.TrimPrefix(p.File, diag.SchemaFile))
			msg = "samgen's schema"
			if _, err := os.Stat(file); err != nil {
				continue
			}
		}
		at := Position{Line: p.Line - 1, Character: p.Column - 1}
		out.RelatedInformation = append(out.RelatedInformation, relatedInformation{
			Location: Location{URI: uriOf(file), Range: Range{at, at}}, Message: msg,
		})
	}
	return out
}

// rangeOf is the range of a finding: the value from start to end when
// they are on one line; else the rest of the start line (a struct's first
// line), or the token at start when the end is unknown.
func rangeOf(text string, start, end diag.Position) Range {
	s := position(text, start.Line, start.Column)
	if end.IsValid() && end.Line == start.Line && end.Column > start.Column {
		return Range{s, position(text, end.Line, end.Column)}
	}
	lineStart := offset(text, Position{Line: start.Line - 1})
	off := min(lineStart+start.Column-1, len(text))
	e := off
	for e < len(text) && text[e] != '\n' && (end.IsValid() || !strings.ContainsRune(" \t\r,}]", rune(text[e]))) {
		e++
	}
	return Range{s, positionAt(text, e)}
}
