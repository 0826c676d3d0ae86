package schema

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/diag"
)

// A document is a JSON or YAML file the spec names (a state machine's
// definitionFile, an API's OpenAPI definitionFile), read with the position
// of every value so that a finding inside it points at its line.

// docNode is one value of a document and where it is.
type docNode struct {
	// kind is "object", "array" or "scalar".
	kind string
	// keys are an object's keys in the order written; fields its values.
	keys   []string
	fields map[string]*docNode
	// keyPos is where each key of an object is.
	keyPos map[string]diag.Position
	items  []*docNode
	// value is a scalar's decoded JSON value (string, float64 or int,
	// bool, nil).
	value    any
	pos, end diag.Position
}

// field returns the value of key k of an object, nil when it has none.
func (n *docNode) field(k string) *docNode {
	if n == nil || n.kind != "object" {
		return nil
	}
	return n.fields[k]
}

// str returns a scalar's string.
func (n *docNode) str() (string, bool) {
	if n == nil || n.kind != "scalar" {
		return "", false
	}
	s, ok := n.value.(string)
	return s, ok
}

// JSON returns the node's value in its JSON form (maps, slices, strings,
// numbers as int or float64, booleans, nil).
func (n *docNode) JSON() any {
	switch n.kind {
	case "object":
		m := make(map[string]any, len(n.keys))
		for _, k := range n.keys {
			m[k] = n.fields[k].JSON()
		}
		return m
	case "array":
		l := make([]any, len(n.items))
		for i, e := range n.items {
			l[i] = e.JSON()
		}
		return l
	}
	return n.value
}

// readDocument reads and parses the JSON or YAML file at abs.
func readDocument(abs string) (*docNode, error) {
	src, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	return parseDocument(abs, src)
}

// DocumentError is a syntax error in a document, at its place.
type DocumentError struct {
	Pos diag.Position
	Msg string
}

func (e *DocumentError) Error() string { return e.Msg }

func parseDocument(file string, src []byte) (*docNode, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, &DocumentError{Pos: yamlErrorPos(file, src, err), Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil, &DocumentError{Pos: diag.Position{File: file, Line: 1, Column: 1}, Msg: "the file is empty"}
	}
	lines := lineOffsets(src)
	p := &docParser{file: file, src: src, lines: lines}
	return p.node(root.Content[0], 0)
}

// yamlErrorPos finds the line yaml.v3 names in its error ("line 3: ...").
func yamlErrorPos(file string, src []byte, err error) diag.Position {
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		rest := msg[i+5:]
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(rest)
		}
		if n, err := strconv.Atoi(rest[:end]); err == nil && n > 0 {
			lines := lineOffsets(src)
			if n > len(lines) {
				n = len(lines)
			}
			return diag.Position{File: file, Line: n, Column: 1, Offset: lines[n-1]}
		}
	}
	return diag.Position{File: file, Line: 1, Column: 1}
}

func lineOffsets(src []byte) []int {
	out := []int{0}
	for i, c := range src {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

type docParser struct {
	file  string
	src   []byte
	lines []int
}

// at converts yaml.v3's line and column (in characters) to a position.
func (p *docParser) at(line, col int) diag.Position {
	if line < 1 || line > len(p.lines) {
		return diag.Position{File: p.file, Line: max(line, 1), Column: max(col, 1)}
	}
	off := p.lines[line-1]
	for c := 1; c < col && off < len(p.src) && p.src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(p.src[off:])
		off += size
	}
	return diag.Position{File: p.file, Line: line, Column: col, Offset: off}
}

// maxDepth bounds the nesting of a document, which a hostile file could
// make deep enough to exhaust the stack.
const maxDepth = 200

func (p *docParser) node(n *yaml.Node, depth int) (*docNode, error) {
	if depth > maxDepth {
		return nil, &DocumentError{Pos: p.at(n.Line, n.Column), Msg: fmt.Sprintf("the document nests deeper than %d levels", maxDepth)}
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	out := &docNode{pos: p.at(n.Line, n.Column)}
	if n.Kind != yaml.ScalarNode && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return nil, &DocumentError{Pos: out.pos, Msg: shortFormMsg(n.Tag)}
	}
	switch n.Kind {
	case yaml.MappingNode:
		out.kind = "object"
		out.fields = map[string]*docNode{}
		out.keyPos = map[string]diag.Position{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &DocumentError{Pos: p.at(k.Line, k.Column), Msg: "a key must be a string"}
			}
			if _, dup := out.fields[k.Value]; dup {
				return nil, &DocumentError{Pos: p.at(k.Line, k.Column), Msg: fmt.Sprintf("key %q is given twice", k.Value)}
			}
			child, err := p.node(v, depth+1)
			if err != nil {
				return nil, err
			}
			out.keys = append(out.keys, k.Value)
			out.fields[k.Value] = child
			out.keyPos[k.Value] = p.at(k.Line, k.Column)
		}
	case yaml.SequenceNode:
		out.kind = "array"
		for _, e := range n.Content {
			child, err := p.node(e, depth+1)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, child)
		}
	case yaml.ScalarNode:
		out.kind = "scalar"
		v, err := scalar(n)
		if err != nil {
			return nil, &DocumentError{Pos: out.pos, Msg: err.Error()}
		}
		out.value = v
		width := utf8.RuneCountInString(n.Value)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2
		}
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !strings.Contains(n.Value, "\n") {
			out.end = p.at(n.Line, n.Column+width)
		}
	default:
		return nil, &DocumentError{Pos: out.pos, Msg: "unsupported YAML node"}
	}
	return out, nil
}

// scalar decodes a YAML scalar as JSON would see it.
func scalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, err
		}
		if i > math.MaxInt32 || i < math.MinInt32 {
			return float64(i), nil
		}
		return int(i), nil
	case "!!float":
		var f float64
		err := n.Decode(&f)
		return f, err
	case "!!str", "!!binary", "!!timestamp", "":
		return n.Value, nil
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return nil, fmt.Errorf("%s", shortFormMsg(n.Tag))
	}
	return n.Value, nil
}

func shortFormMsg(tag string) string {
	return tag + " is a YAML tag: CloudFormation evaluates nothing in this file, so it takes no intrinsic function; give the value in the spec (a substitution) and write its ${Name} here"
}

// walk calls visit on n and on every value under it, each with its path
// (path.key, path[i]), parents first.
func (n *docNode) walk(path string, visit func(path string, n *docNode)) {
	visit(path, n)
	switch n.kind {
	case "object":
		for _, k := range n.keys {
			n.fields[k].walk(path+"."+Label(k), visit)
		}
	case "array":
		for i, e := range n.items {
			e.walk(fmt.Sprintf("%s[%d]", path, i), visit)
		}
	}
}
