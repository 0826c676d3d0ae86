package diag

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// findings is one of each kind of finding, in a spec at /work/app.
func findings() List {
	file := filepath.Join(string(filepath.Separator)+"work", "app", "samgen.cue")
	at := func(line, col int) Position { return Position{File: file, Line: line, Column: col} }
	return List{
		{Rule: Schema, Severity: Error, Path: "app.functions.hi.events.get.api.method", Pos: at(14, 30), End: at(14, 35),
			Related: []Position{{File: SchemaFile + "events.cue", Line: 34, Column: 10}},
			Msg:     `"get" is not one of GET, POST; did you mean "GET"?`, Suggestion: `"GET"`},
		{Rule: "SG301", Severity: Error, Path: "app.functions.hi.events.work.sqs.batchSize", Pos: at(20, 14), End: at(20, 16),
			Related: []Position{at(8, 2)}, Msg: "batch size 11 is over 10, the maximum for FIFO queue orders"},
		{Rule: "SG801", Severity: Warning, Path: "app.functions.report", Pos: at(22, 13), End: at(22, 19), Msg: "function report is not traced, 100%: set tracing"},
		{Rule: "SG805", Severity: Warning, Path: "app.functions.hi", Pos: at(9, 13), End: at(9, 15), Msg: "no log retention", Silenced: "kept by the account's policy"},
		{Rule: "SG716", Severity: Note, Path: "app.resources.x", Pos: at(30, 3), Msg: "property override"},
	}
}

var tool = Tool{Version: "v1.2.3", Rules: []RuleDoc{
	{ID: "SG301", Severity: Error, Summary: "SQS batch size and batching window must fit the queue", Doc: "A FIFO queue takes batches of at most 10."},
	{ID: "SG716", Severity: Note, Summary: "property overrides are listed", Doc: "Review them."},
	{ID: "SG801", Severity: Warning, Summary: "functions are traced", Doc: "X-Ray."},
	{ID: "SG805", Severity: Warning, Summary: "log groups have a retention", Doc: "Logs cost."},
}}

const cwd = "/work"

func TestPrintGitHub(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("paths of the table are Unix paths")
	}
	var b bytes.Buffer
	PrintGitHub(&b, findings(), cwd)
	want := `::error file=app/samgen.cue,line=14,col=30,endLine=14,endColumn=35,title=samgen schema::app.functions.hi.events.get.api.method: "get" is not one of GET, POST; did you mean "GET"?
::error file=app/samgen.cue,line=20,col=14,endLine=20,endColumn=16,title=samgen SG301::app.functions.hi.events.work.sqs.batchSize: batch size 11 is over 10, the maximum for FIFO queue orders
::warning file=app/samgen.cue,line=22,col=13,endLine=22,endColumn=19,title=samgen SG801::app.functions.report: function report is not traced, 100%25: set tracing
::notice file=app/samgen.cue,line=9,col=13,endLine=9,endColumn=15,title=samgen SG805::app.functions.hi: no log retention (silenced: kept by the account's policy)
::notice file=app/samgen.cue,line=30,col=3,title=samgen SG716::app.resources.x: property override
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestPrintGNU(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("paths of the table are Unix paths")
	}
	var b bytes.Buffer
	PrintGNU(&b, append(findings(), Diagnostic{Severity: Note, Msg: "vendored schema differs"}), cwd, true)
	want := `app/samgen.cue:14:30: error: app.functions.hi.events.get.api.method: "get" is not one of GET, POST; did you mean "GET"?
app/samgen.cue:20:14: error: app.functions.hi.events.work.sqs.batchSize: batch size 11 is over 10, the maximum for FIFO queue orders [SG301]
app/samgen.cue:22:13: warning: app.functions.report: function report is not traced, 100%: set tracing [SG801]
app/samgen.cue:9:13: note: app.functions.hi: no log retention [SG805] (silenced: kept by the account's policy)
app/samgen.cue:30:3: note: app.resources.x: property override [SG716]
samgen: note: vendored schema differs
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestSARIFSchema validates the SARIF log against the SARIF 2.1.0 JSON
// schema (vendored in testdata with its source), and checks what code
// scanning reads from it: rules with help links, the results' levels and
// regions, the suppression of a silenced finding, the fix of a
// did-you-mean.
func TestSARIFSchema(t *testing.T) {
	var b bytes.Buffer
	if err := PrintSARIF(&b, findings(), cwd, tool); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	// The file puts region's anyOf (a region has a startLine, a
	// charOffset or a byteOffset) among its properties, which the
	// metaschema rejects; it belongs to the region itself (SARIF 2.1.0
	// §3.30.2). testdata/SOURCE.md says so.
	region := doc.(map[string]any)["definitions"].(map[string]any)["region"].(map[string]any)
	props := region["properties"].(map[string]any)
	region["anyOf"] = props["anyOf"]
	delete(props, "anyOf")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://samgen.test/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	log, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(log); err != nil {
		t.Fatalf("the SARIF log does not validate: %v\n%s", err, b.String())
	}
	// A log the schema rejects is rejected: the validation is not vacuous.
	bad := strings.Replace(b.String(), `"level": "warning"`, `"level": "severe"`, 1)
	if inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad)); schema.Validate(inst) == nil {
		t.Fatal("a result with level severe validates")
	}

	var got struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID       string `json:"ruleId"`
				RuleIndex    int    `json:"ruleIndex"`
				Level        string `json:"level"`
				Suppressions []struct {
					Kind, Justification string
				} `json:"suppressions"`
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							InsertedContent struct{ Text string } `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	run := got.Runs[0]
	for _, r := range run.Results {
		if rule := run.Tool.Driver.Rules[r.RuleIndex]; rule.ID != r.RuleID {
			t.Errorf("result %s has the index of rule %s", r.RuleID, rule.ID)
		}
	}
	if u := run.Tool.Driver.Rules[1].HelpURI; u != "https://samgen.dev/docs/rules#sg301" {
		t.Errorf("SG301's help link is %q", u)
	}
	res := run.Results
	if l := res[0].Locations[0].PhysicalLocation; l.ArtifactLocation.URI != "app/samgen.cue" || l.Region.StartLine != 14 || l.Region.StartColumn != 30 || l.Region.EndColumn != 35 {
		t.Errorf("the first result is at %+v", l)
	}
	if len(res[0].Fixes) != 1 || res[0].Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != `"GET"` {
		t.Errorf("the did-you-mean is not a fix: %+v", res[0].Fixes)
	}
	if res[3].Level != "warning" || len(res[3].Suppressions) != 1 || res[3].Suppressions[0].Kind != "inSource" || res[3].Suppressions[0].Justification != "kept by the account's policy" {
		t.Errorf("the silenced finding is %+v", res[3])
	}
	if res[2].Suppressions != nil || res[4].Level != "note" {
		t.Errorf("results %+v", res)
	}
}

// TestSARIFColumns: SARIF counts columns in code points, CUE in bytes.
func TestSARIFColumns(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "samgen.cue")
	if err := os.WriteFile(file, []byte("x: \"é\" & 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	l := List{{Rule: Schema, Path: "x", Pos: Position{File: file, Line: 1, Column: 11}, End: Position{File: file, Line: 1, Column: 12}, Msg: "conflict"}}
	if err := PrintSARIF(&b, l, dir, Tool{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"startColumn": 10,`) || !strings.Contains(b.String(), `"endColumn": 11`) {
		t.Errorf("columns of a line with é:\n%s", b.String())
	}
}
