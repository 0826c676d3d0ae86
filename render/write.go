package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"samgen.dev/samgen/internal/cfn"
)

// Canonical key orders, as in rain's format/sort.go: the order a reviewer
// expects, independent of Go map order. Keys not in a table come after the
// listed ones, sorted.
var (
	sectionOrder   = []string{"AWSTemplateFormatVersion", "Transform", "Description", "Parameters", "Mappings", "Conditions", "Globals", "Resources", "Outputs"}
	resourceOrder  = []string{"Type", "Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "Properties"}
	statementOrder = []string{"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}
	documentOrder  = []string{"Version", "Statement"}
	eventOrder     = []string{"Type", "Properties"}
	parameterOrder = []string{"Type", "Description", "Default", "AllowedValues", "AllowedPattern", "MinLength", "MaxLength", "MinValue", "MaxValue", "ConstraintDescription", "NoEcho"}
	outputOrder    = []string{"Description", "Value", "Export"}
)

// tree returns the template as an ordered value tree: every map becomes an
// ordered list of key/value pairs.
func (t *Template) tree() *omap {
	top := &omap{}
	top.add("AWSTemplateFormatVersion", "2010-09-09")
	top.add("Transform", "AWS::Serverless-2016-10-31")
	if t.Description != "" {
		top.add("Description", t.Description)
	}
	// An empty section is left out: CloudFormation rejects `Outputs: {}`.
	top.add("Parameters", order(nonEmpty(t.Parameters), parameterOrder, 2))
	top.add("Mappings", order(nonEmpty(t.Mappings), nil, 0))
	top.add("Conditions", order(nonEmpty(t.Conditions), nil, 0))
	top.add("Globals", order(nonEmpty(t.Globals), nil, 0))
	// Each resource is turned into its ordered tree as it is written, so
	// the trees of a whole template are never all in memory.
	res := &omap{}
	for _, id := range slices.Sorted(maps.Keys(t.Resources)) {
		res.add(id, t.Resources[id])
	}
	top.add("Resources", res)
	top.add("Outputs", order(nonEmpty(t.Outputs), outputOrder, 2))
	return top
}

func nonEmpty(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	return m
}

func (r *Resource) tree() *omap {
	m := &omap{}
	m.add("Type", r.Type)
	if r.Condition != "" {
		m.add("Condition", r.Condition)
	}
	if len(r.DependsOn) > 0 {
		m.add("DependsOn", toAny(r.DependsOn))
	}
	m.add("Metadata", order(r.Metadata, nil, 0))
	if r.DeletionPolicy != "" {
		m.add("DeletionPolicy", r.DeletionPolicy)
	}
	if r.UpdateReplacePolicy != "" {
		m.add("UpdateReplacePolicy", r.UpdateReplacePolicy)
	}
	props := order(r.Properties, nil, 0)
	if props == nil {
		props = &omap{}
	}
	m.add("Properties", props)
	return m
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// omap is an ordered map.
type omap struct {
	keys []string
	vals []any
}

// add appends k unless v is empty: the writer never emits nulls or empty
// sections, which CloudFormation rejects or reports.
func (m *omap) add(k string, v any) {
	if isEmpty(v) {
		return
	}
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case *omap:
		return x == nil
	case map[string]any:
		return x == nil
	}
	return false
}

// order converts a map to an omap, ordering keys by the table first. depth
// applies the table only at the first level (0: the table is the child
// order of every level below, as for resources' properties, which are
// sorted).
func order(m map[string]any, table []string, depth int) *omap {
	if m == nil {
		return nil
	}
	out := &omap{}
	for _, k := range orderedKeys(m, table) {
		var v any
		if depth == 2 {
			// A map of named entries (parameters, outputs): the table orders
			// each entry's keys.
			if e, ok := m[k].(map[string]any); ok {
				v = order(e, table, 0)
			} else {
				v = value(m[k])
			}
		} else {
			v = value(m[k])
		}
		out.add(k, v)
	}
	return out
}

func orderedKeys(m map[string]any, table []string) []string {
	keys := slices.Sorted(maps.Keys(m))
	if table == nil {
		table = tableFor(m)
	}
	if table == nil {
		return keys
	}
	rank := func(k string) int {
		if i := slices.Index(table, k); i >= 0 {
			return i
		}
		return len(table)
	}
	slices.SortStableFunc(keys, func(a, b string) int { return rank(a) - rank(b) })
	return keys
}

// tableFor recognises the shapes whose keys have a conventional order.
func tableFor(m map[string]any) []string {
	_, hasEffect := m["Effect"]
	_, hasAction := m["Action"]
	_, hasStatement := m["Statement"]
	_, hasType := m["Type"]
	_, hasProps := m["Properties"]
	switch {
	case hasEffect && hasAction:
		return statementOrder
	case hasStatement:
		return documentOrder
	case hasType && hasProps && len(m) == 2:
		return eventOrder
	}
	return nil
}

// value converts a JSON-form value to the ordered tree.
func value(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return order(x, nil, 0)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = value(e)
		}
		return out
	case []string:
		return toAny(x)
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = value(e)
		}
		return out
	}
	return v
}

// YAML writes t as YAML: canonical order, 2-space indent, CloudFormation
// short-form tags, no nulls. The bytes are those yaml.v3 writes with an
// indent of 2 (write_test.go checks it against yaml.v3 on every example
// and on random trees), written in one pass over the template without an
// encoder: yaml.v3 keeps every event of a document until its end, and an
// encoder per resource cost a fifth of samgen's allocations.
func YAML(t *Template) ([]byte, error) {
	var w yamlWriter
	w.buf = make([]byte, 0, 640*len(t.Resources)+4096) // what a resource takes, about
	for _, line := range strings.Split(t.Header, "\n") {
		if line != "" {
			w.buf = append(w.buf, "# "+line+"\n"...)
		}
	}
	w.indent = -1
	w.indention = true
	w.whitespace = true
	if err := w.node(t.tree(), ctxRoot); err != nil {
		return nil, err
	}
	w.writeIndent() // the document's end
	return w.buf, nil
}

// ValueYAML writes a JSON-form value (a policy statement) as YAML, with
// CloudFormation short-form tags, as templates are written.
func ValueYAML(v any) ([]byte, error) {
	var w yamlWriter
	w.indent = -1
	w.indention = true
	w.whitespace = true
	if err := w.node(value(v), ctxRoot); err != nil {
		return nil, err
	}
	w.writeIndent()
	return w.buf, nil
}

// yamlWriter is the part of yaml.v3's emitter (emitterc.go, ported from
// libyaml; MIT licence) that block-style output with an indent of 2 and
// no line width uses: the same state, indentation and scalar styles.
type yamlWriter struct {
	buf []byte
	// column is the output column; indent the current indentation.
	column, indent int
	// whitespace: the last character written was a space (or nothing);
	// indention: only indentation was written on this line.
	whitespace, indention bool
}

// Where a node is, as the emitter's state says it.
type yamlContext int

const (
	ctxRoot      yamlContext = iota
	ctxSeqItem               // an element of a block sequence
	ctxMapValue              // the value of a block mapping entry
	ctxSimpleKey             // a mapping key written on the entry's line
	ctxKey                   // a mapping key after "? "
)

func (w *yamlWriter) put(c byte) {
	w.buf = append(w.buf, c)
	w.column++
}

func (w *yamlWriter) putBreak() {
	w.buf = append(w.buf, '\n')
	w.column = 0
	w.indention = true
}

// write writes one character of s at *i.
func (w *yamlWriter) write(s string, i *int) {
	n := width(s[*i])
	w.buf = append(w.buf, s[*i:*i+n]...)
	*i += n
	w.column++
}

// writeBreak writes the line break of s at *i.
func (w *yamlWriter) writeBreak(s string, i *int) {
	if s[*i] == '\n' {
		w.putBreak()
		*i++
		return
	}
	w.write(s, i)
	w.column = 0
	w.indention = true
}

func (w *yamlWriter) writeIndent() {
	indent := max(w.indent, 0)
	if !w.indention || w.column > indent || (w.column == indent && !w.whitespace) {
		w.putBreak()
	}
	for w.column < indent {
		w.put(' ')
	}
	w.whitespace = true
}

func (w *yamlWriter) writeIndicator(indicator string, needWhitespace, isWhitespace, isIndention bool) {
	if needWhitespace && !w.whitespace {
		w.put(' ')
	}
	w.buf = append(w.buf, indicator...)
	w.column += len(indicator)
	w.whitespace = isWhitespace
	w.indention = w.indention && isIndention
}

// increaseIndent enters a collection or a scalar; it returns the
// indentation to restore.
func (w *yamlWriter) increaseIndent(flow bool, ctx yamlContext) int {
	saved := w.indent
	switch {
	case w.indent < 0 && flow:
		w.indent = 2
	case w.indent < 0:
		w.indent = 0
	case ctx == ctxSeqItem:
		// The first indentation inside a sequence skips the "- ".
		w.indent += 2
	default:
		w.indent = 2 * ((w.indent + 2) / 2)
	}
	return saved
}

// node writes v, a value of the ordered tree.
func (w *yamlWriter) node(v any, ctx yamlContext) error {
	switch x := v.(type) {
	case *omap:
		if tag, arg, ok := intrinsic(x); ok {
			return w.tagged(tag, arg, ctx)
		}
		return w.mapping(x, "", ctx)
	case *Resource:
		return w.mapping(x.tree(), "", ctx)
	case []any:
		return w.sequence(x, "", ctx)
	case string:
		return w.stringScalar(x, ctx)
	}
	value, tag, err := scalarText(v)
	if err != nil {
		return err
	}
	handle, suffix := "", ""
	if resolveTag(value) != tag {
		handle, suffix = "!!", strings.TrimPrefix(tag, "!!")
	}
	w.scalar(value, handle, suffix, stylePlain, ctx)
	return nil
}

// scalarText returns the text and the YAML tag of a scalar that is not a
// string.
func scalarText(v any) (string, string, error) {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x), "!!bool", nil
	case int:
		return strconv.Itoa(x), "!!int", nil
	case int64:
		return strconv.FormatInt(x, 10), "!!int", nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10), "!!int", nil
		}
		return strconv.FormatFloat(x, 'g', -1, 64), "!!float", nil
	case json.Number:
		return x.String(), "!!int", nil
	case Null:
		return "null", "!!null", nil
	}
	return "", "", fmt.Errorf("render: cannot write %T", v)
}

// stringScalar writes a string value: plain where it reads back as the
// same string in YAML 1.2 and 1.1, else quoted; literal when multiline.
func (w *yamlWriter) stringScalar(s string, ctx yamlContext) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("render: string %q is not valid UTF-8", s)
	}
	style := stylePlain
	switch {
	case yaml11Quoted(s):
		style = styleDouble
	case strings.Contains(s, "\n"):
		style = styleLiteral
	case resolveTag(s) != "!!str":
		style = styleDouble
	}
	w.scalar(s, "", "", style, ctx)
	return nil
}

// tagged writes an intrinsic in short form: !Ref X, !GetAtt X.Arn.
func (w *yamlWriter) tagged(tag string, arg any, ctx yamlContext) error {
	if tag == "!GetAtt" {
		if parts, ok := arg.([]any); ok && len(parts) == 2 {
			a, aok := parts[0].(string)
			b, bok := parts[1].(string)
			if aok && bok {
				arg = a + "." + b
			}
		}
	}
	suffix := strings.TrimPrefix(tag, "!")
	switch x := arg.(type) {
	case *omap:
		// A node has one tag: an intrinsic inside another is written in
		// its long form (`!Base64 {Fn::Sub: ...}`), as CloudFormation
		// requires.
		return w.mapping(x, suffix, ctx)
	case []any:
		return w.sequence(x, suffix, ctx)
	case string:
		if !utf8.ValidString(x) {
			return fmt.Errorf("render: string %q is not valid UTF-8", x)
		}
		style := stylePlain
		switch {
		case x == "":
			// `!GetAZs ''`: an empty plain scalar would read as no argument.
			style = styleSingle
		case strings.Contains(x, "\n"):
			style = styleLiteral
		}
		w.scalar(x, "!", suffix, style, ctx)
		return nil
	}
	value, _, err := scalarText(arg)
	if err != nil {
		return err
	}
	w.scalar(value, "!", suffix, stylePlain, ctx)
	return nil
}

// tag writes a node's tag, its handle ("!", "!!") and suffix.
func (w *yamlWriter) tag(handle, suffix string) {
	if handle == "" {
		return
	}
	if !w.whitespace {
		w.put(' ')
	}
	w.buf = append(w.buf, handle...)
	w.column += len(handle)
	for i := 0; i < len(suffix); {
		c := suffix[i]
		if strings.IndexByte(";/?:@&=+$,_.~*'()[]", c) >= 0 || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '-' {
			w.write(suffix, &i)
			continue
		}
		for k := width(c); k > 0; k-- {
			w.buf = append(w.buf, '%', "0123456789ABCDEF"[suffix[i]>>4], "0123456789ABCDEF"[suffix[i]&15])
			w.column += 3
			i++
		}
	}
	w.whitespace = false
	w.indention = false
}

func (w *yamlWriter) mapping(m *omap, tag string, ctx yamlContext) error {
	if tag != "" {
		w.tag("!", tag)
	}
	if len(m.keys) == 0 {
		w.writeIndicator("{", true, true, false)
		w.writeIndicator("}", false, false, false)
		return nil
	}
	saved := w.increaseIndent(false, ctx)
	for i, k := range m.keys {
		w.writeIndent()
		if simpleKey(k) {
			if err := w.stringScalar(k, ctxSimpleKey); err != nil {
				return err
			}
			w.writeIndicator(":", false, false, false)
		} else {
			w.writeIndicator("?", true, false, true)
			if err := w.stringScalar(k, ctxKey); err != nil {
				return err
			}
			w.writeIndent()
			w.writeIndicator(":", true, false, true)
		}
		if err := w.node(m.vals[i], ctxMapValue); err != nil {
			return err
		}
	}
	w.indent = saved
	return nil
}

// simpleKey reports whether a key is written on its entry's line, as
// yaml.v3 decides: one line of at most 128 bytes.
func simpleKey(k string) bool {
	return len(k) <= 128 && !strings.ContainsAny(k, "\r\n\u0085\u2028\u2029")
}

func (w *yamlWriter) sequence(s []any, tag string, ctx yamlContext) error {
	if tag != "" {
		w.tag("!", tag)
	}
	if len(s) == 0 {
		w.writeIndicator("[", true, true, false)
		w.writeIndicator("]", false, false, false)
		return nil
	}
	saved := w.increaseIndent(false, ctx)
	for _, e := range s {
		w.writeIndent()
		w.writeIndicator("-", true, false, true)
		if err := w.node(e, ctxSeqItem); err != nil {
			return err
		}
	}
	w.indent = saved
	return nil
}

type scalarStyle int

const (
	stylePlain scalarStyle = iota
	styleSingle
	styleDouble
	styleLiteral
)

// scalar writes value in the requested style, or the one the emitter
// falls back to when the value cannot be written so.
func (w *yamlWriter) scalar(value, handle, suffix string, style scalarStyle, ctx yamlContext) {
	a := analyzeScalar(value)
	simple := ctx == ctxSimpleKey
	if simple && a.multiline {
		style = styleDouble
	}
	if style == stylePlain {
		if !a.blockPlainAllowed || len(value) == 0 && simple {
			style = styleSingle
		}
	}
	if style == styleSingle && !a.singleQuotedAllowed {
		style = styleDouble
	}
	if style == styleLiteral && (!a.blockAllowed || simple) {
		style = styleDouble
	}
	w.tag(handle, suffix)
	saved := w.increaseIndent(true, ctx)
	switch style {
	case stylePlain:
		w.plain(value, !simple)
	case styleSingle:
		w.singleQuoted(value, !simple)
	case styleDouble:
		w.doubleQuoted(value)
	case styleLiteral:
		w.literal(value)
	}
	w.indent = saved
}

func (w *yamlWriter) plain(value string, allowBreaks bool) {
	if len(value) > 0 && !w.whitespace {
		w.put(' ')
	}
	breaks := false
	for i := 0; i < len(value); {
		switch {
		case value[i] == ' ':
			w.write(value, &i)
		case isBreak(value, i):
			if !breaks && value[i] == '\n' {
				w.putBreak()
			}
			w.writeBreak(value, &i)
			breaks = true
		default:
			if breaks {
				w.writeIndent()
			}
			w.write(value, &i)
			w.indention = false
			breaks = false
		}
	}
	if len(value) > 0 {
		w.whitespace = false
	}
	w.indention = false
}

func (w *yamlWriter) singleQuoted(value string, allowBreaks bool) {
	w.writeIndicator("'", true, false, false)
	breaks := false
	for i := 0; i < len(value); {
		switch {
		case value[i] == ' ':
			w.write(value, &i)
		case isBreak(value, i):
			if !breaks && value[i] == '\n' {
				w.putBreak()
			}
			w.writeBreak(value, &i)
			breaks = true
		default:
			if breaks {
				w.writeIndent()
			}
			if value[i] == '\'' {
				w.put('\'')
			}
			w.write(value, &i)
			w.indention = false
			breaks = false
		}
	}
	w.writeIndicator("'", false, false, false)
	w.whitespace = false
	w.indention = false
}

func (w *yamlWriter) doubleQuoted(value string) {
	w.writeIndicator("\"", true, false, false)
	bom := strings.HasPrefix(value, "\ufeff") // yaml.v3 tests the value's start at every character
	for i := 0; i < len(value); {
		c := value[i]
		if !isPrintable(value, i) || bom || isBreak(value, i) || c == '"' || c == '\\' {
			r, n := utf8.DecodeRuneInString(value[i:])
			i += n
			w.put('\\')
			switch r {
			case 0x00:
				w.put('0')
			case 0x07:
				w.put('a')
			case 0x08:
				w.put('b')
			case 0x09:
				w.put('t')
			case 0x0A:
				w.put('n')
			case 0x0b:
				w.put('v')
			case 0x0c:
				w.put('f')
			case 0x0d:
				w.put('r')
			case 0x1b:
				w.put('e')
			case 0x22:
				w.put('"')
			case 0x5c:
				w.put('\\')
			case 0x85:
				w.put('N')
			case 0xA0:
				w.put('_')
			case 0x2028:
				w.put('L')
			case 0x2029:
				w.put('P')
			default:
				digits := 8
				switch {
				case r <= 0xFF:
					w.put('x')
					digits = 2
				case r <= 0xFFFF:
					w.put('u')
					digits = 4
				default:
					w.put('U')
				}
				for k := (digits - 1) * 4; k >= 0; k -= 4 {
					w.put("0123456789ABCDEF"[(r>>uint(k))&0x0F])
				}
			}
			continue
		}
		w.write(value, &i)
	}
	w.writeIndicator("\"", false, false, false)
	w.whitespace = false
	w.indention = false
}

func (w *yamlWriter) literal(value string) {
	w.writeIndicator("|", true, false, false)
	if value[0] == ' ' || isBreak(value, 0) {
		w.writeIndicator("2", false, false, false)
	}
	// The chomping indicator: strip the last break, keep all of several.
	chomp := ""
	i := len(value) - 1
	for value[i]&0xC0 == 0x80 {
		i--
	}
	switch {
	case !isBreak(value, i):
		chomp = "-"
	case i == 0:
		chomp = "+"
	default:
		i--
		for value[i]&0xC0 == 0x80 {
			i--
		}
		if isBreak(value, i) {
			chomp = "+"
		}
	}
	if chomp != "" {
		w.writeIndicator(chomp, false, false, false)
	}
	if isBreak(value, 0) {
		// The header's line ends here, as libyaml ends it: yaml.v3 leaves
		// it to the value's first break, which then reads back as no
		// line at all ("\n\nx" would read as "\nx").
		w.putBreak()
	}
	w.whitespace = true
	breaks := true
	for i := 0; i < len(value); {
		if isBreak(value, i) {
			w.writeBreak(value, &i)
			breaks = true
			continue
		}
		if breaks {
			w.writeIndent()
		}
		w.write(value, &i)
		w.indention = false
		breaks = false
	}
}

// scalarAnalysis is what yaml_emitter_analyze_scalar finds of a value.
type scalarAnalysis struct {
	multiline                                            bool
	blockPlainAllowed, singleQuotedAllowed, blockAllowed bool
}

func analyzeScalar(value string) scalarAnalysis {
	if len(value) == 0 {
		return scalarAnalysis{blockPlainAllowed: true, singleQuotedAllowed: true}
	}
	var blockIndicators, lineBreaks, specialCharacters, tabCharacters,
		leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak,
		previousSpace, previousBreak bool
	if strings.HasPrefix(value, "---") || strings.HasPrefix(value, "...") {
		blockIndicators = true
	}
	precededByWhitespace := true
	for i, n := 0, 0; i < len(value); i += n {
		n = width(value[i])
		followedByWhitespace := i+n >= len(value) || isBlank(value, i+n)
		if i == 0 {
			switch value[i] {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				blockIndicators = true
			case '?', ':', '-':
				if followedByWhitespace {
					blockIndicators = true
				}
			}
		} else {
			switch value[i] {
			case ':':
				if followedByWhitespace {
					blockIndicators = true
				}
			case '#':
				if precededByWhitespace {
					blockIndicators = true
				}
			}
		}
		if value[i] == '\t' {
			tabCharacters = true
		} else if !isPrintable(value, i) {
			specialCharacters = true
		}
		switch {
		case value[i] == ' ':
			if i == 0 {
				leadingSpace = true
			}
			if i+n == len(value) {
				trailingSpace = true
			}
			if previousBreak {
				breakSpace = true
			}
			previousSpace, previousBreak = true, false
		case isBreak(value, i):
			lineBreaks = true
			if i == 0 {
				leadingBreak = true
			}
			if i+n == len(value) {
				trailingBreak = true
			}
			if previousSpace {
				spaceBreak = true
			}
			previousSpace, previousBreak = false, true
		default:
			previousSpace, previousBreak = false, false
		}
		precededByWhitespace = isBlank(value, i) || isBreak(value, i)
	}
	a := scalarAnalysis{multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.blockPlainAllowed = false
	}
	if trailingSpace {
		a.blockAllowed = false
	}
	if breakSpace {
		a.blockPlainAllowed, a.singleQuotedAllowed = false, false
	}
	if spaceBreak || tabCharacters || specialCharacters {
		a.blockPlainAllowed, a.singleQuotedAllowed = false, false
	}
	if spaceBreak || specialCharacters {
		a.blockAllowed = false
	}
	if lineBreaks || blockIndicators {
		a.blockPlainAllowed = false
	}
	return a
}

func width(b byte) int {
	switch {
	case b&0x80 == 0x00:
		return 1
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 0
}

func isBlank(s string, i int) bool { return s[i] == ' ' || s[i] == '\t' }

func isBreak(s string, i int) bool {
	return s[i] == '\r' || s[i] == '\n' ||
		s[i] == 0xC2 && s[i+1] == 0x85 ||
		s[i] == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)
}

// isPrintable is YAML's printable set as yaml.v3 tests it (which leaves
// out the characters beyond U+FFFF).
func isPrintable(s string, i int) bool {
	b := s[i]
	return b == 0x0A || b >= 0x20 && b <= 0x7E ||
		b == 0xC2 && s[i+1] >= 0xA0 ||
		b > 0xC2 && b < 0xED ||
		b == 0xED && s[i+1] < 0xA0 ||
		b == 0xEE ||
		b == 0xEF && !(s[i+1] == 0xBB && s[i+2] == 0xBF) && !(s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF))
}

// resolveTag returns the tag a YAML 1.2 reader (yaml.v3's resolver) gives
// the plain scalar s: "!!str" unless s reads as null, a bool, a number, a
// timestamp or a merge key.
func resolveTag(s string) string {
	if s == "" {
		return "!!null"
	}
	switch c := s[0]; {
	case 'a' <= c && c <= 'z' && !strings.ContainsRune("ntfoy", rune(c)), 'A' <= c && c <= 'Z' && !strings.ContainsRune("NTFOY", rune(c)):
		return "!!str" // the common case: no special word starts so
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	case "<<":
		return "!!merge"
	}
	switch c := s[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		if isTimestamp(s) {
			return "!!timestamp"
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int"
		}
		if yamlFloat.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
		for _, p := range []struct {
			prefix string
			base   int
		}{{"0b", 2}, {"0o", 8}} {
			if rest, ok := strings.CutPrefix(plain, p.prefix); ok {
				if _, err := strconv.ParseInt(rest, p.base, 64); err == nil {
					return "!!int"
				}
				if _, err := strconv.ParseUint(rest, p.base, 64); err == nil {
					return "!!int"
				}
			} else if rest, ok := strings.CutPrefix(plain, "-"+p.prefix); ok {
				if _, err := strconv.ParseInt("-"+rest, p.base, 64); err == nil {
					return "!!int"
				}
			}
		}
	}
	return "!!str"
}

var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// isTimestamp reports whether s reads as a YAML timestamp, in the formats
// yaml.v3 accepts.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, format := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}

// intrinsic recognises {"Ref": x} and {"Fn::Name": arg} of a function
// with a short form.
func intrinsic(m *omap) (tag string, arg any, ok bool) {
	if len(m.keys) != 1 {
		return "", nil, false
	}
	k := m.keys[0]
	switch {
	case k == "Ref":
		return "!Ref", m.vals[0], true
	case k == "Condition":
		if _, isStr := m.vals[0].(string); isStr {
			return "!Condition", m.vals[0], true
		}
	case strings.HasPrefix(k, "Fn::") && cfn.ShortTag(k):
		// A function CloudFormation does not know (in a raw resource) is
		// written in its long form, which reads back as it is: no tag
		// stands for it.
		return "!" + strings.TrimPrefix(k, "Fn::"), m.vals[0], true
	}
	return "", nil, false
}

// JSON writes t as JSON in the same canonical order, 2-space indented.
func JSON(t *Template) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, t.tree(), ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func writeJSON(buf *bytes.Buffer, v any, indent string) error {
	in := indent + "  "
	switch x := v.(type) {
	case *Resource:
		return writeJSON(buf, x.tree(), indent)
	case *omap:
		if len(x.keys) == 0 {
			buf.WriteString("{}")
			return nil
		}
		buf.WriteString("{\n")
		for i, k := range x.keys {
			kb, _ := json.Marshal(k)
			buf.WriteString(in)
			buf.Write(kb)
			buf.WriteString(": ")
			if err := writeJSON(buf, x.vals[i], in); err != nil {
				return err
			}
			if i < len(x.keys)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			buf.WriteString("[]")
			return nil
		}
		buf.WriteString("[\n")
		for i, e := range x {
			buf.WriteString(in)
			if err := writeJSON(buf, e, in); err != nil {
				return err
			}
			if i < len(x)-1 {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case float64:
		text, _, _ := scalarText(x)
		buf.WriteString(text)
	case Null:
		buf.WriteString("null")
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	return nil
}

// yaml11Implicit matches the other plain scalars YAML 1.1 reads as
// something other than a string and yaml.v3 leaves plain: base-60 numbers
// (PyYAML reads 12:30 as 750), binary integers (0b101), and '=' and '<<'
// (PyYAML's value and merge keys; it fails on a plain '=').
var yaml11Implicit = regexp.MustCompile(`^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0b[01_]+|=|<<)$`)

// yaml11Quoted reports the strings YAML 1.1 parsers (PyYAML in cfn-lint and
// the SAM CLI) read as something else, which a YAML 1.2 writer leaves
// plain: `Condition: On` would name the condition true.
func yaml11Quoted(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 'o' || c == 'O':
		switch strings.ToLower(s) {
		case "y", "yes", "n", "no", "on", "off":
			return true
		}
		return false
	case c == '+' || c == '-' || '0' <= c && c <= '9' || c == '=' || c == '<':
		return yaml11Implicit.MatchString(s)
	}
	return false
}
