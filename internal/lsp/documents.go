package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf16"
)

// documents are the files the editor has open, with their unsaved text.
type documents struct {
	mu   sync.Mutex
	docs map[string]*document // by absolute path
}

type document struct {
	uri     string
	version int
	text    string
}

func (ds *documents) open(path, uri string, version int, text string) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	ds.docs[path] = &document{uri: uri, version: version, text: text}
}

func (ds *documents) close(path string) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	delete(ds.docs, path)
}

// change applies an editor's changes: a range replaced, or the whole text
// when the range is nil.
func (ds *documents) change(path string, p didChangeParams) error {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d, ok := ds.docs[path]
	if !ok {
		return fmt.Errorf("didChange of %s, which is not open", path)
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = c.Text
			continue
		}
		start, end := offset(d.text, c.Range.Start), offset(d.text, c.Range.End)
		if end < start {
			start, end = end, start
		}
		d.text = d.text[:start] + c.Text + d.text[end:]
	}
	d.version = p.TextDocument.Version
	return nil
}

// get returns a copy of the document at path.
func (ds *documents) get(path string) (document, bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d, ok := ds.docs[path]
	if !ok {
		return document{}, false
	}
	return *d, true
}

// overlay returns the text of every open document, by path.
func (ds *documents) overlay() map[string][]byte {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	out := map[string][]byte{}
	for p, d := range ds.docs {
		out[p] = []byte(d.text)
	}
	return out
}

// offset converts an LSP position to a byte offset in text, clamped to
// the line (a character past its end is its end).
func offset(text string, p Position) int {
	off := 0
	for line := 0; line < p.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	units := 0
	for i, r := range text[off:] {
		if units >= p.Character || r == '\n' {
			return off + i
		}
		units += utf16.RuneLen(r)
	}
	return len(text)
}

// position converts a one-based line and byte column, as CUE counts them,
// to an LSP position in text.
func position(text string, line, column int) Position {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	end := off + max(column-1, 0)
	if nl := strings.IndexByte(text[off:], '\n'); nl >= 0 && end > off+nl {
		end = off + nl
	}
	end = min(end, len(text))
	return Position{Line: line - 1, Character: utf16Len(text[off:end])}
}

// positionAt converts a byte offset in text to an LSP position.
func positionAt(text string, off int) Position {
	off = min(off, len(text))
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return Position{Line: line, Character: utf16Len(text[start:off])}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// uriPath converts a file URI to a path; ok is false for other schemes.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p), true
}

// pathURI converts an absolute path to a file URI.
func pathURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
