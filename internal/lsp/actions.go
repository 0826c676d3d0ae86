package lsp

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"

	"samgen.dev/samgen/schema"
)

// codeActions adds samgen's quick fixes to CUE's code actions for the
// diagnostics the editor names (or samgen's at the range, when it names
// none): replace a value by its did-you-mean, and silence a warning for
// its resource with a `lint: ignore` entry whose reason is left empty, so
// the schema asks for one until it is written.
func (s *server) codeActions(params, cueResult json.RawMessage) (any, error) {
	var p codeActionParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, err
	}
	path, ok := uriPath(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	diags := slices.DeleteFunc(slices.Clone(p.Context.Diagnostics), func(d Diagnostic) bool {
		return d.Source != "samgen" || d.Data == nil
	})
	if len(diags) == 0 {
		s.mu.Lock()
		for _, d := range s.ours[p.TextDocument.URI] {
			if overlaps(d.Range, p.Range) {
				diags = append(diags, d)
			}
		}
		s.mu.Unlock()
	}
	doc, _ := s.docs.get(path)
	var ours []codeAction
	silenced := map[string]bool{}
	for _, d := range diags {
		if d.Data.Suggestion != "" {
			ours = append(ours, codeAction{
				Title: "Change to " + d.Data.Suggestion, Kind: "quickfix", Diagnostics: []Diagnostic{d}, IsPreferred: true,
				Edit: workspaceEdit{Changes: map[string][]textEdit{p.TextDocument.URI: {{Range: d.Range, NewText: d.Data.Suggestion}}}},
			})
		}
		if d.Data.Warning && d.Data.Rule != "" && doc.text != "" {
			res := resourceOf(d.Data.Path)
			key := strings.Join(res, ".") + "/" + d.Data.Rule
			if len(res) < 3 || silenced[key] {
				continue
			}
			if e, ok := ignoreEdit(path, doc.text, res, d.Data.Rule); ok {
				silenced[key] = true
				ours = append(ours, codeAction{
					Title: "Silence " + d.Data.Rule + " for " + strings.Join(res[1:], ".") + " (lint: ignore, with a reason to write)",
					Kind:  "quickfix", Diagnostics: []Diagnostic{d},
					Edit: workspaceEdit{Changes: map[string][]textEdit{p.TextDocument.URI: {e}}},
				})
			}
		}
	}
	if len(ours) == 0 {
		return nil, nil
	}
	var all []json.RawMessage
	if !isNull(cueResult) {
		if err := json.Unmarshal(cueResult, &all); err != nil {
			return nil, err
		}
	}
	for _, a := range ours {
		b, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		all = append(all, b)
	}
	return all, nil
}

func overlaps(a, b Range) bool {
	before := func(x, y Position) bool { return x.Line < y.Line || x.Line == y.Line && x.Character <= y.Character }
	return before(a.Start, b.End) && before(b.Start, a.End)
}

// resourceOf returns the labels of the resource a finding's path is in,
// the one whose `lint: ignore` silences it: `app.functions.report...` →
// app, functions, report (`app.defaults.function` for the defaults).
func resourceOf(path string) []string {
	var out []string
	for path != "" && len(out) < 3 {
		var sel string
		if strings.HasPrefix(path, `"`) {
			q, err := strconv.QuotedPrefix(path)
			if err != nil {
				return nil
			}
			sel, _ = strconv.Unquote(q)
			path = path[len(q):]
		} else {
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			sel, path = path[:end], path[end:]
		}
		out = append(out, sel)
		if strings.HasPrefix(path, "[") {
			break
		}
		path = strings.TrimPrefix(path, ".")
	}
	return out
}

// ignoreEdit inserts `lint: ignore: RULE: ""` into the struct of the
// resource res in the file's text: as its first field, or, when the file
// declares the resource only in shorthand, as a field of the `app` struct.
func ignoreEdit(file, text string, res []string, rule string) (textEdit, bool) {
	f, err := parser.ParseFile(file, text)
	if err != nil {
		return textEdit{}, false
	}
	decls := schema.Declare([]*ast.File{f})
	field := "lint: ignore: " + rule + `: ""`
	st := decls.Struct(strings.Join(quoteAll(res), "."))
	if st == nil {
		if st = decls.Struct("app"); st == nil {
			return textEdit{}, false
		}
		var labels []string
		for _, l := range res[1:] {
			labels = append(labels, schema.SourceLabel(l))
		}
		field = strings.Join(labels, ": ") + ": " + field
	}
	lb, rb := st.Lbrace.Offset(), st.Rbrace.Offset()
	at := positionAt(text, lb+1)
	insert := ""
	switch {
	case !strings.Contains(text[lb:rb], "\n"):
		insert = field
		if len(st.Elts) > 0 {
			insert += ", "
		}
	default:
		insert = "\n" + indentAfter(text, lb) + field
	}
	return textEdit{Range: Range{at, at}, NewText: insert}, true
}

// indentAfter is the indentation of the first line after the brace at
// off that holds something, or that of the brace's line and a tab.
func indentAfter(text string, off int) string {
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	own := text[lineStart:off]
	own = own[:len(own)-len(strings.TrimLeft(own, " \t"))]
	rest := text[off:]
	for {
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 {
			return own + "\t"
		}
		rest = rest[nl+1:]
		line := rest
		if e := strings.IndexByte(line, '\n'); e >= 0 {
			line = line[:e]
		}
		if t := strings.TrimLeft(line, " \t"); t != "" {
			if strings.HasPrefix(t, "}") {
				return own + "\t"
			}
			return line[:len(line)-len(t)]
		}
	}
}
