package lsp

import (
	"slices"
	"strings"
	"testing"
)

// TestCursorAt: the labels around the cursor (marked |) in text that
// does not parse, as an editor holds it while typing.
func TestCursorAt(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		path       []string
		defPath    []string
		label      string
		value      bool
		selector   []string
		present    []string
	}{
		{name: "new field in an unclosed function",
			text: "app: schema.#App & {\n\tfunctions: x: {\n\t\thandler: \"a\"\n\t\t|",
			path: []string{"app", "functions", "x"}, defPath: []string{"#App", "functions", "x"}, present: []string{"handler"}},
		{name: "on a label", text: "app: {\n\tfunctions: hi: {han|dler: \"a\"}\n}",
			path: []string{"app", "functions", "hi"}, label: "handler"},
		{name: "a value after a colon", text: "app: {functions: hi: architecture: |}",
			path: []string{"app", "functions", "hi", "architecture"}, value: true},
		{name: "a list element", text: "app: {functions: hi: access: [{read: 1}, {|}]}",
			path: []string{"app", "functions", "hi", "access", "[1]"}},
		{name: "a reference being typed", text: "app: {functions: hi: env: T: app.tables.or|\n}",
			path: []string{"app", "functions", "hi", "env", "T"}, value: false, selector: []string{"app", "tables"}},
		{name: "after an interpolation", text: "app: {params: k: {name: \"/x/\\(stage)/key\", |}}",
			path: []string{"app", "params", "k"}, present: []string{"name"}},
		{name: "a quoted label", text: "app: {functions: \"get-item\": {|}}",
			path: []string{"app", "functions", "get-item"}},
		{name: "inside a typed integration",
			text:    "app: {stateMachines: s: states: Save: schema.#DynamoDBPutItem & {item: {|}}}",
			path:    []string{"app", "stateMachines", "s", "states", "Save", "item"},
			defPath: []string{"#DynamoDBPutItem", "item"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			off := strings.Index(tc.text, "|")
			text := tc.text[:off] + tc.text[off+1:]
			c := cursorAt(text, off)
			if !slices.Equal(c.path, tc.path) || !slices.Equal(c.defPath, tc.defPath) || c.label != tc.label || c.value != tc.value ||
				!slices.Equal(c.selector, tc.selector) || (tc.present != nil && !slices.Equal(c.present, tc.present)) {
				t.Errorf("cursorAt = path %q label %q value %v selector %q present %q; want %q %q %v %q %q",
					c.path, c.label, c.value, c.selector, c.present, tc.path, tc.label, tc.value, tc.selector, tc.present)
			}
		})
	}
}

// TestPositions: LSP positions count UTF-16 code units, CUE columns bytes.
func TestPositions(t *testing.T) {
	text := "a: \"é😀\"\nb: 1\n"
	// The 1 of line 2, and the closing quote after é (2 bytes, 1 unit) and
	// 😀 (4 bytes, 2 units).
	for _, tc := range []struct {
		line, col int
		want      Position
	}{
		{2, 4, Position{1, 3}},
		{1, 11, Position{0, 7}},
		{1, 99, Position{0, 8}}, // clamped to the line
	} {
		if got := position(text, tc.line, tc.col); got != tc.want {
			t.Errorf("position(%d, %d) = %v; want %v", tc.line, tc.col, got, tc.want)
		}
	}
	if got := offset(text, Position{0, 7}); got != 10 {
		t.Errorf("offset of 0:7 = %d; want 10", got)
	}
	if got := positionAt(text, 10); got != (Position{0, 7}) {
		t.Errorf("positionAt(10) = %v", got)
	}
}

// TestResourceOf: the resource whose lint.ignore silences a finding.
func TestResourceOf(t *testing.T) {
	for path, want := range map[string][]string{
		"app.functions.report.events.x":     {"app", "functions", "report"},
		"app.defaults.function":             {"app", "defaults", "function"},
		"app.queues.jobs":                   {"app", "queues", "jobs"},
		`app.resources."my res".properties`: {"app", "resources", "my res"},
		"app.functions.hi.access[0].read":   {"app", "functions", "hi"},
	} {
		if got := resourceOf(path); !slices.Equal(got, want) {
			t.Errorf("resourceOf(%q) = %q; want %q", path, got, want)
		}
	}
}

// TestIgnoreEdit: the lint.ignore entry goes into the resource's struct,
// on its own line or inline, or as a path in app for a shorthand.
func TestIgnoreEdit(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"block", "app: {\n\tqueues: jobs: {\n\t\tfifo: true\n\t}\n}\n", "app: {\n\tqueues: jobs: {\n\t\tlint: ignore: SG808: \"\"\n\t\tfifo: true\n\t}\n}\n"},
		{"inline", "app: {queues: jobs: {fifo: true}}\n", "app: {queues: jobs: {lint: ignore: SG808: \"\", fifo: true}}\n"},
		{"empty", "app: {queues: jobs: {}}\n", "app: {queues: jobs: {lint: ignore: SG808: \"\"}}\n"},
		{"shorthand", "app: {\n\tqueues: jobs: fifo: true\n}\n", "app: {\n\tqueues: jobs: lint: ignore: SG808: \"\"\n\tqueues: jobs: fifo: true\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := ignoreEdit("samgen.cue", tc.text, []string{"app", "queues", "jobs"}, "SG808")
			if !ok {
				t.Fatal("no edit")
			}
			if got := apply(tc.text, []textEdit{e}); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
