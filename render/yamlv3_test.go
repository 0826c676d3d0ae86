package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/cfn"
)

// yamlV3 is the writer YAML replaced, through yaml.v3's encoder: the
// oracle TestYAMLEqualsYAMLv3 compares YAML with.
func yamlV3(t *Template) ([]byte, error) {
	root, err := v3node(t.tree())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	for _, line := range strings.Split(t.Header, "\n") {
		if line != "" {
			buf.WriteString("# " + line + "\n")
		}
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func v3node(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case *Resource:
		return v3node(x.tree())
	case *omap:
		if tag, arg, ok := intrinsic(x); ok {
			return v3tagged(tag, arg)
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		for i, k := range x.keys {
			c, err := v3node(x.vals[i])
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Style: v3style(k)}, c)
		}
		return n, nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range x {
			c, err := v3node(e)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case string:
		n := &yaml.Node{}
		n.SetString(x)
		n.Style |= v3style(x)
		return n, nil
	}
	text, tag, err := scalarText(v)
	if err != nil {
		return nil, err
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}, nil
}

func v3style(s string) yaml.Style {
	if yaml11Quoted(s) {
		return yaml.DoubleQuotedStyle
	}
	return 0
}

func v3tagged(tag string, arg any) (*yaml.Node, error) {
	if tag == "!GetAtt" {
		if parts, ok := arg.([]any); ok && len(parts) == 2 {
			a, aok := parts[0].(string)
			b, bok := parts[1].(string)
			if aok && bok {
				arg = a + "." + b
			}
		}
	}
	var n *yaml.Node
	var err error
	if m, ok := arg.(*omap); ok {
		// In its long form, as the writer does (a node has one tag).
		n = &yaml.Node{Kind: yaml.MappingNode}
		for i, k := range m.keys {
			c, err := v3node(m.vals[i])
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Style: v3style(k)}, c)
		}
	} else if n, err = v3node(arg); err != nil {
		return nil, err
	}
	n.Tag = tag
	n.Style = 0
	if n.Kind == yaml.ScalarNode && n.Value == "" {
		n.Style = yaml.SingleQuotedStyle
	}
	return n, nil
}

// YAMLv3 is yamlV3 for the external tests (TestExamplesYAMLEqualsYAMLv3).
var YAMLv3 = yamlV3

// TestYAMLEqualsYAMLv3 checks the writer against yaml.v3's encoder on
// random templates made of the strings YAML treats specially
// (TestExamplesYAMLEqualsYAMLv3 on the examples').
func TestYAMLEqualsYAMLv3(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		tp := &Template{Description: randString(r), Resources: map[string]*Resource{}}
		for j := range 1 + r.IntN(3) {
			tp.Resources[fmt.Sprintf("R%d", j)] = &Resource{Type: "AWS::X::Y", Properties: randMap(r, 3)}
		}
		compareYAML(t, "random template "+strconv.Itoa(i), tp)
	}
}

func compareYAML(t *testing.T, name string, tp *Template) {
	t.Helper()
	if leadingBreak(tp) {
		return // yaml.v3 loses a multiline string's first line break: see TestYAMLLeadingBreak
	}
	got, err := YAML(tp)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want, err := yamlV3(tp)
	if err != nil {
		t.Fatalf("%s: yaml.v3: %v", name, err)
	}
	if !bytes.Equal(got, want) {
		js, _ := JSON(tp)
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s: the writer and yaml.v3 differ at line %d:\ngot:  %q\nwant: %q\nin\n%s\nJSON: %s", name, i+1, gl[i], wl[i], want, js)
			}
		}
		t.Fatalf("%s: the writer and yaml.v3 differ in length:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// pieces are what random strings are made of: YAML's indicators, words
// YAML 1.1 and 1.2 read as other types, breaks, blanks, escapes.
var pieces = append([]string{"a", "Z", "9", " ", "  ", "\t", "\n", "\n\n", "\r", "\u0085", "\u2028", "\u2029",
	"\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\u00a0", "é", "日", "😀", "'", "\"", "\\", ":", ": ", "#", " #", "-", "- ",
	"?", "? ", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "---", "...", "${AWS::Region}",
	"0x1F", "0o17", "0b101", "-0b1", "1_000", "1e3", ".5", "12:30", "2026-01-01", "2001-12-14t21:59:43.10-05:00"},
	yaml11Words...)

// readable are the pieces whose every string yaml.v3 writes so that it
// reads it back: not a tab, which it writes as a literal block's line that
// no reader takes.
var readable = slices.DeleteFunc(slices.Clone(pieces), func(p string) bool { return p == "\t" })

// alphabet is what randString makes strings of.
var alphabet = pieces

func randString(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(4) {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	if r.IntN(50) == 0 {
		b.WriteString(strings.Repeat("k", 130))
	}
	return b.String()
}

func randValue(r *rand.Rand, depth int) any {
	switch n := r.IntN(14); {
	case depth > 0 && n < 3:
		return randMap(r, depth-1)
	case depth > 0 && n < 5:
		var l []any
		for range r.IntN(4) {
			l = append(l, randValue(r, depth-1))
		}
		if l == nil {
			l = []any{}
		}
		return l
	case depth > 0 && n < 7:
		fns := []string{"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::Base64", "Condition", "Fn::Odd name"}
		arg := randValue(r, depth-1)
		if m, ok := arg.(map[string]any); ok && len(m) == 1 {
			arg = []any{arg} // not an intrinsic as another's argument: see TestYAMLNestedIntrinsic
		}
		return map[string]any{fns[r.IntN(len(fns))]: arg}
	case n == 7:
		return r.IntN(2) == 0
	case n == 8:
		return []any{1, -3, 2.5, 1e21, 1e-7, float64(300), int64(1 << 40), json.Number("7")}[r.IntN(8)]
	case n == 9:
		return Null{}
	}
	s := randString(r)
	for !utf8.ValidString(s) {
		s = randString(r)
	}
	return s
}

func randMap(r *rand.Rand, depth int) map[string]any {
	m := map[string]any{}
	for range r.IntN(4) {
		m[randString(r)] = randValue(r, depth)
	}
	return m
}

// TestYAMLNestedIntrinsic: a node takes one tag, so an intrinsic that is
// another's argument is written in its long form, as CloudFormation asks.
func TestYAMLNestedIntrinsic(t *testing.T) {
	tp := oneResource(map[string]any{"UserData": map[string]any{"Fn::Base64": map[string]any{"Fn::Sub": "echo ${AWS::Region}"}}})
	out, err := YAML(tp)
	if err != nil {
		t.Fatal(err)
	}
	want := "      UserData: !Base64\n        Fn::Sub: echo ${AWS::Region}\n"
	if !bytes.HasSuffix(out, []byte(want)) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", out, want)
	}
	if err := Verify(tp, out); err != nil {
		t.Error(err)
	}
}

// TestYAMLUnknownFunction: a function with no short form (one CloudFormation
// does not know, in a raw resource) is written in its long form, which
// reads back as written; a tag would be no intrinsic function.
func TestYAMLUnknownFunction(t *testing.T) {
	tp := oneResource(map[string]any{"Name": map[string]any{"Fn::Odd": "x"}})
	out, err := YAML(tp)
	if err != nil {
		t.Fatal(err)
	}
	if want := "      Name:\n        Fn::Odd: x\n"; !bytes.HasSuffix(out, []byte(want)) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", out, want)
	}
	if err := Verify(tp, out); err != nil {
		t.Error(err)
	}
}

// TestDataEqualsParse checks Data against cfn.Parse of the YAML on random
// templates (TestExamplesDataEqualsParse on the examples').
func TestDataEqualsParse(t *testing.T) {
	alphabet = readable
	defer func() { alphabet = pieces }()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		tp := &Template{Description: randString(r), Resources: map[string]*Resource{}}
		for j := range 1 + r.IntN(3) {
			tp.Resources[fmt.Sprintf("R%d", j)] = &Resource{Type: "AWS::X::Y", Properties: randMap(r, 3)}
		}
		CompareData(t, "random template "+strconv.Itoa(i), tp)
	}
}

// CompareData fails t when Data of tp differs from cfn.Parse of its YAML.
func CompareData(t *testing.T, name string, tp *Template) {
	t.Helper()
	y, err := YAML(tp)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want, err := cfn.Parse(y)
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, y)
	}
	if diff := cmp.Diff(want, Data(tp, len(y))); diff != "" {
		t.Fatalf("%s: Data differs from cfn.Parse of the YAML (-parse +Data):\n%s\nYAML:\n%s", name, diff, y)
	}
}

// leadingBreak reports whether a string of tp that is written as a literal
// block starts with a line break.
func leadingBreak(tp *Template) bool {
	found := false
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case *Resource:
			walk(x.tree())
		case *omap:
			for i, k := range x.keys {
				walk(k)
				walk(x.vals[i])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if strings.Contains(x, "\n") && x != "" && isBreak(x, 0) {
				found = true
			}
		}
	}
	walk(tp.tree())
	return found
}

// TestYAMLLeadingBreak: a multiline string that starts with a line break
// reads back whole (yaml.v3 drops that break).
func TestYAMLLeadingBreak(t *testing.T) {
	for _, s := range []string{"\nx", "\n\nx\n", "\r\nx", "\n"} {
		tp := oneResource(map[string]any{"S": s})
		out, err := YAML(tp)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cfn.Parse(out)
		if err != nil {
			t.Fatal(err)
		}
		if v := got.Resources["A"].Properties["S"]; v != s {
			t.Errorf("%q reads back as %q from\n%s", s, v, out)
		}
	}
}
