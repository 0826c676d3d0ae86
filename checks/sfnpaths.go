package checks

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// The JSONPath side of the States Language: the paths a JSONPath state
// selects with, and the ".$" fields whose value is a path or an intrinsic
// function (ASL "Paths", "Reference Paths", "Intrinsic functions"). Step
// Functions rejects a definition with a malformed one when the state
// machine is created, or fails the execution when it runs.

// jsonPathState reports whether a state processes its input with
// JSONPath (the default) rather than JSONata.
func jsonPathState(sc sfnScope, s schema.State) bool {
	return cmp.Or(s.QueryLanguage, sc.machine.QueryLanguage, "JSONPath") == "JSONPath"
}

// pathKind is what a field takes.
type pathKind int

const (
	// anyPath is a Path: JSONPath with wildcards, filters and slices.
	anyPath pathKind = iota
	// refPath is a Reference Path: it names one node ($.a.b[0]).
	refPath
	// resultPath is a Reference Path into the state's input, never the
	// context object or a variable.
	resultPath
)

func sfnPaths(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if !jsonPathState(sc, s) {
			return
		}
		check := func(field, v string, kind pathKind) {
			if msg := pathProblem(v, kind); msg != "" {
				c.Report(path+"."+field, "%s %q: %s", field, v, msg)
			}
		}
		raw := func(field string, r json.RawMessage, kind pathKind) {
			var v *string
			if len(r) > 0 && json.Unmarshal(r, &v) == nil && v != nil {
				check(field, *v, kind)
			}
		}
		raw("inputPath", s.InputPath, anyPath)
		raw("outputPath", s.OutputPath, anyPath)
		raw("resultPath", s.ResultPath, resultPath)
		for i, k := range s.Catch {
			raw(fmt.Sprintf("catch[%d].resultPath", i), k.ResultPath, resultPath)
		}
		for _, f := range []struct{ field, v string }{{"itemsPath", s.ItemsPath}, {"secondsPath", s.SecondsPath}, {"timestampPath", s.TimestampPath}} {
			if f.v != "" {
				check(f.field, f.v, refPath)
			}
		}
		for _, f := range []struct{ field, v string }{{"errorPath", s.ErrorPath}, {"causePath", s.CausePath}} {
			if f.v != "" && !strings.HasPrefix(f.v, "States.") {
				check(f.field, f.v, refPath)
			}
		}
		for i, r := range s.Choices {
			choicePaths(c, fmt.Sprintf("%s.choices[%d]", path, i), r)
		}
		// Integration fields that take a path as a string starting with $.
		for _, f := range []struct {
			field string
			v     any
		}{{"messageBody", s.MessageBody}, {"message", s.Message}, {"payload", s.Payload}, {"input", s.Input}, {"body", s.Body}} {
			if str, ok := f.v.(string); ok && strings.HasPrefix(str, "$") {
				check(f.field, str, anyPath)
			}
		}
		for i, e := range s.Entries {
			if str, ok := e.Detail.(string); ok && strings.HasPrefix(str, "$") {
				check(fmt.Sprintf("entries[%d].detail", i), str, anyPath)
			}
		}
	})
}

// choicePaths checks the paths of a choice rule and its nested rules.
func choicePaths(c *Context, path string, r schema.ChoiceRule) {
	for _, k := range sortedKeys(r) {
		switch v := r[k].(type) {
		case string:
			if k == "variable" || strings.HasSuffix(k, "Path") {
				if msg := pathProblem(v, refPath); msg != "" {
					c.Report(path+"."+k, "%s %q: %s", k, v, msg)
				}
			}
		case []any:
			for i, sub := range v {
				if m, ok := sub.(map[string]any); ok {
					choicePaths(c, fmt.Sprintf("%s.%s[%d]", path, k, i), m)
				}
			}
		case map[string]any:
			if k == "not" {
				choicePaths(c, path+".not", v)
			}
		}
	}
}

func sfnDollarFields(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if !jsonPathState(sc, s) {
			return
		}
		for _, f := range []struct {
			field string
			v     any
		}{{"parameters", s.Parameters}, {"resultSelector", s.ResultSelector}, {"itemSelector", s.ItemSelector},
			{"key", s.Key}, {"item", s.Item}, {"messageBody", s.MessageBody}, {"message", s.Message},
			{"payload", s.Payload}, {"input", s.Input}, {"body", s.Body}} {
			dollarFields(c, path+"."+f.field, f.v)
		}
		for i, e := range s.Entries {
			dollarFields(c, fmt.Sprintf("%s.entries[%d].detail", path, i), e.Detail)
		}
	})
}

// dollarFields checks every field of v whose name ends in ".$": its value
// is a path or an intrinsic function, given as a string.
func dollarFields(c *Context, path string, v any) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			p := path + "." + schema.Label(k)
			if !strings.HasSuffix(k, ".$") {
				dollarFields(c, p, x[k])
				continue
			}
			str, ok := x[k].(string)
			switch {
			case !ok:
				c.Report(p, "field %s ends in .$, so its value is a path or an intrinsic function, as a string; for a literal value, drop the .$ from the name", k)
			case strings.HasPrefix(str, "States."):
				if msg := intrinsicProblem(str); msg != "" {
					c.Report(p, "%s: %s", str, msg)
				}
			default:
				if msg := pathProblem(str, anyPath); msg != "" {
					c.Report(p, "field %s ends in .$, so %q must be a path ($.field, $$.Execution.Id) or an intrinsic function (States.Format(...)): %s; for a literal value, drop the .$ from the name", k, str, msg)
				}
			}
		}
	case []any:
		for i, e := range x {
			dollarFields(c, fmt.Sprintf("%s[%d]", path, i), e)
		}
	}
}

// pathProblem returns what is wrong with a JSONPath, or "".
func pathProblem(p string, kind pathKind) string {
	if !strings.HasPrefix(p, "$") {
		return "a path starts with $ (the state's input), such as $.order.id"
	}
	rest := p[1:]
	switch {
	case strings.HasPrefix(rest, "$"):
		if kind == resultPath {
			return "a result path names a place in the state's input ($...), not in the context object"
		}
		rest = rest[1:]
	case rest != "" && isNameByte(rest[0]):
		// A variable ($name).
		if kind == resultPath {
			return "a result path names a place in the state's input ($...), not a variable: assign variables with assign"
		}
		i := strings.IndexAny(rest, ".[")
		if i < 0 {
			return ""
		}
		rest = rest[i:]
	}
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, ".."):
			if kind != anyPath {
				return "a reference path names one node: no .. (deep scan)"
			}
			rest = rest[1:]
		case rest[0] == '.':
			rest = rest[1:]
			if rest == "" {
				return "it ends in '.'; name the field after it"
			}
			if rest[0] == '*' {
				if kind != anyPath {
					return "a reference path names one node: no * (wildcard)"
				}
				rest = rest[1:]
				continue
			}
			n := 0
			for n < len(rest) && rest[n] != '.' && rest[n] != '[' {
				if rest[n] == ' ' || rest[n] == ']' || rest[n] == '\'' || rest[n] == '"' {
					return fmt.Sprintf("unexpected %q in a field name; quote such a name in brackets: $['a b']", rest[n])
				}
				n++
			}
			if n == 0 {
				return "a '.' is followed by a field name"
			}
			name := rest[:n]
			if strings.HasSuffix(name, "()") && kind != anyPath {
				return "a reference path names one node: no functions such as length()"
			}
			rest = rest[n:]
		case rest[0] == '[':
			end := closingBracket(rest)
			if end < 0 {
				return "a '[' is not closed"
			}
			inner := rest[1:end]
			if msg := bracketProblem(inner, kind); msg != "" {
				return msg
			}
			rest = rest[end+1:]
		default:
			return fmt.Sprintf("unexpected %q: after $ come .field and [index] selectors", rest[0])
		}
	}
	return ""
}

func isNameByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// closingBracket returns the index of the ']' closing the '[' at s[0],
// skipping quoted text and nested brackets, or -1.
func closingBracket(s string) int {
	depth, quote := 0, byte(0)
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '[':
			depth++
		case ch == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// bracketProblem checks the inside of a [...] selector.
func bracketProblem(inner string, kind pathKind) string {
	quoted := len(inner) >= 2 && (inner[0] == '\'' && inner[len(inner)-1] == '\'' || inner[0] == '"' && inner[len(inner)-1] == '"')
	index := inner != "" && strings.Trim(inner, "0123456789") == "" || strings.HasPrefix(inner, "-") && len(inner) > 1 && strings.Trim(inner[1:], "0123456789") == ""
	switch {
	case inner == "":
		return "empty brackets; give an index ([0]) or a quoted name (['a'])"
	case quoted && !strings.ContainsAny(inner[1:len(inner)-1], "'\""), index:
		return ""
	case kind != anyPath:
		return fmt.Sprintf("a reference path names one node: [%s] is not an index or a quoted name", inner)
	case inner == "*", strings.HasPrefix(inner, "?(") && strings.HasSuffix(inner, ")"):
		return ""
	}
	// A slice (a:b:c) or a union (0,1 or 'a','b').
	for _, part := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ':' }) {
		part = strings.TrimSpace(part)
		if strings.Trim(strings.TrimPrefix(part, "-"), "0123456789") != "" && !(len(part) >= 2 && part[0] == '\'' && part[len(part)-1] == '\'') {
			return fmt.Sprintf("[%s] is not an index, a quoted name, *, a slice, a union or a filter ?(...)", inner)
		}
	}
	return ""
}

// intrinsics are the States Language's intrinsic functions.
var intrinsics = []string{"States.Array", "States.ArrayContains", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayPartition",
	"States.ArrayRange", "States.ArrayUnique", "States.Base64Decode", "States.Base64Encode", "States.Format", "States.Hash",
	"States.JsonMerge", "States.JsonToString", "States.MathAdd", "States.MathRandom", "States.StringSplit", "States.StringToJson", "States.UUID"}

// intrinsicProblem returns what is wrong with an intrinsic function call,
// or "".
func intrinsicProblem(call string) string {
	open := strings.IndexByte(call, '(')
	if open < 0 || !strings.HasSuffix(call, ")") {
		return "an intrinsic function is called with its arguments in parentheses: States.Format('{}', $.name)"
	}
	name := call[:open]
	if !slices.Contains(intrinsics, name) {
		if s := didyoumean.Suggest(name, intrinsics); s != "" && s != name {
			return fmt.Sprintf("%s is not an intrinsic function; did you mean %s?", name, s)
		}
		return fmt.Sprintf("%s is not an intrinsic function (%s)", name, strings.Join(intrinsics, ", "))
	}
	depth, quote := 0, false
	for i := open; i < len(call); i++ {
		switch ch := call[i]; {
		case ch == '\\' && quote:
			i++
		case ch == '\'':
			quote = !quote
		case quote:
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth == 0 && i != len(call)-1 {
				return "text after the closing parenthesis"
			}
		}
	}
	if quote || depth != 0 {
		return "unbalanced quotes or parentheses"
	}
	return ""
}

func sfnHeartbeat(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if s.HeartbeatSeconds == nil {
			return
		}
		timeout, from := 99999999, "the default TimeoutSeconds"
		if s.TimeoutSeconds != nil {
			timeout, from = *s.TimeoutSeconds, "timeoutSeconds"
		}
		if *s.HeartbeatSeconds >= timeout {
			c.Report(path+".heartbeatSeconds", "heartbeatSeconds %d is not below %s (%d); a heartbeat must come before the task times out: lower it, or raise timeoutSeconds", *s.HeartbeatSeconds, from, timeout)
		}
	})
}
