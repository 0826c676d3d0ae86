package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"

	"samgen.dev/samgen/schema"
)

// specPath turns labels from the package root ("app", "functions", "x",
// "[0]") into a spec path from `app` ("functions.x[0]"), or labels that
// start with one of the schema's definitions into a path from it
// ("#DynamoDBPutItem.item"); ok is false elsewhere.
func specPath(labels []string) (string, bool) {
	switch {
	case len(labels) > 0 && labels[0] == "app":
		labels = labels[1:]
	case len(labels) > 0 && strings.HasPrefix(labels[0], "#"):
	default:
		return "", false
	}
	var b strings.Builder
	for _, l := range labels {
		if strings.HasPrefix(l, "[") {
			b.WriteString(l)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(schema.Label(l))
	}
	return b.String(), true
}

// specPaths are the schema paths of what the cursor is on, and then of
// label beside it when label is set: from the definition a struct around
// it is written with first, then from `app`.
func (c cursor) specPaths(label string) []string {
	var out []string
	for _, labels := range [][]string{c.defPath, c.path} {
		if labels == nil {
			continue
		}
		if label != "" {
			labels = append(slices.Clone(labels), label)
		}
		if spec, ok := specPath(labels); ok && (spec != "" || label == "") {
			out = append(out, spec)
		}
	}
	return out
}

// hover answers a hover request CUE's server had nothing for: the
// schema's doc of the field whose label or value is under the cursor.
func (s *server) hover(params json.RawMessage) any {
	var p textDocumentPositionParams
	if json.Unmarshal(params, &p) != nil {
		return nil
	}
	path, ok := uriPath(p.TextDocument.URI)
	if !ok {
		return nil
	}
	doc, ok := s.docs.get(path)
	if !ok {
		return nil
	}
	c := cursorAt(doc.text, offset(doc.text, p.Position))
	if c.label == "" && !c.value {
		return nil
	}
	var f schema.FieldDoc
	found := false
	for _, spec := range c.specPaths(c.label) {
		if f, found = schema.Describe(spec); found {
			break
		}
	}
	if !found || f.Doc == "" && f.Type == "" {
		return nil
	}
	r := Range{positionAt(doc.text, c.wordStart), positionAt(doc.text, c.wordEnd)}
	return &hover{Contents: markupContent{Kind: "markdown", Value: fieldMarkdown(f)}, Range: &r}
}

// fieldMarkdown is a field's documentation as an editor shows it.
func fieldMarkdown(f schema.FieldDoc) string {
	var b strings.Builder
	b.WriteString("**" + f.Name + "**")
	if f.Type != "" {
		b.WriteString(" `" + f.Type + "`")
	}
	if f.Optional {
		b.WriteString(" (optional)")
	}
	if f.Doc != "" {
		b.WriteString("\n\n" + f.Doc)
	}
	if len(f.Values) > 0 {
		b.WriteString("\n\nOne of: `" + strings.Join(f.Values, "`, `") + "`")
	}
	return b.String()
}

// complete adds samgen's items to CUE's answer to a completion request:
// the fields the schema allows in the struct at the cursor (those not
// yet declared), an enum's values after a label, the names declared
// under a reference being typed (`app.tables.`).
func (s *server) complete(params, cueResult json.RawMessage) (any, error) {
	var p textDocumentPositionParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, err
	}
	path, ok := uriPath(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	doc, ok := s.docs.get(path)
	if !ok {
		return nil, nil
	}
	off := offset(doc.text, p.Position)
	c := cursorAt(doc.text, off)
	edit := Range{positionAt(doc.text, c.wordStart), p.Position}
	var items []completionItem
	switch {
	case len(c.selector) > 0:
		items = s.referenceItems(path, c.selector, edit)
	case c.value:
		for _, spec := range c.specPaths("") {
			if f, ok := schema.Describe(spec); ok {
				for i, v := range f.Values {
					items = append(items, completionItem{Label: v, Kind: completionValue, Detail: f.Name,
						SortText: sortKey(i), TextEdit: &textEdit{Range: edit, NewText: v}})
				}
				break
			}
		}
	default:
		for _, spec := range c.specPaths("") {
			fields := schema.Fields(spec)
			for i, f := range fields {
				if !slices.Contains(c.present, f.Name) {
					items = append(items, fieldItem(f, i, edit))
				}
			}
			if len(fields) > 0 {
				break
			}
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	return mergeCompletions(cueResult, items)
}

func fieldItem(f schema.FieldDoc, i int, edit Range) completionItem {
	return completionItem{
		Label: f.Name, Kind: completionField, Detail: f.Type,
		Documentation: &markupContent{Kind: "markdown", Value: fieldMarkdown(f)},
		SortText:      sortKey(i),
		TextEdit:      &textEdit{Range: edit, NewText: schema.SourceLabel(f.Name)},
	}
}

// sortKey orders samgen's items before the names in scope, in the
// schema's order.
func sortKey(i int) string { return "0" + strconv.Itoa(1000+i) }

// referenceItems are the names a reference can continue with: those the
// package declares under the operand (`app.tables.` → the tables), and
// the fields the schema gives the value there (`ref`).
func (s *server) referenceItems(file string, operand []string, edit Range) []completionItem {
	var items []completionItem
	seen := map[string]bool{}
	decls := schema.Declare(s.packageFiles(filepath.Dir(file)))
	key := strings.Join(quoteAll(operand), ".")
	for i, n := range decls.Names(key) {
		seen[n] = true
		items = append(items, completionItem{Label: n, Kind: completionField, Detail: "declared in " + key,
			SortText: sortKey(i), TextEdit: &textEdit{Range: edit, NewText: schema.SourceLabel(n)}})
	}
	if spec, ok := specPath(operand); ok {
		for i, f := range schema.Fields(spec) {
			if !seen[f.Name] && !f.Optional {
				items = append(items, fieldItem(f, 500+i, edit))
			}
		}
	}
	return items
}

// packageFiles parses the CUE files of dir, the open documents' unsaved
// text for those open; a file that does not parse gives what parses.
func (s *server) packageFiles(dir string) []*ast.File {
	overlay := s.docs.overlay()
	names, _ := filepath.Glob(filepath.Join(dir, "*.cue"))
	for name := range overlay {
		if filepath.Dir(name) == dir && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	var out []*ast.File
	for _, name := range names {
		src, ok := overlay[name]
		if !ok {
			var err error
			if src, err = os.ReadFile(name); err != nil {
				continue
			}
		}
		if f, _ := parser.ParseFile(name, src); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// mergeCompletions puts samgen's items before CUE's, dropping CUE's items
// of the same labels.
func mergeCompletions(cueResult json.RawMessage, items []completionItem) (any, error) {
	list := completionList{}
	if !isNull(cueResult) {
		if err := json.Unmarshal(cueResult, &list); err != nil {
			// The result may be a bare array of items.
			if err := json.Unmarshal(cueResult, &list.Items); err != nil {
				return nil, err
			}
		}
	}
	ours := map[string]bool{}
	var all []json.RawMessage
	for _, it := range items {
		ours[it.Label] = true
		b, err := json.Marshal(it)
		if err != nil {
			return nil, err
		}
		all = append(all, b)
	}
	for _, raw := range list.Items {
		var it struct {
			Label string `json:"label"`
		}
		if json.Unmarshal(raw, &it) == nil && ours[it.Label] {
			continue
		}
		all = append(all, raw)
	}
	list.Items = all
	return list, nil
}

func quoteAll(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = schema.Label(l)
	}
	return out
}
