package graph_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/graph"
	"samgen.dev/samgen/internal/exampletest"
)

// TestExampleGraphs: the Mermaid graph of every example is its golden
// file examples/NAME/graph.mmd (SAMGEN_UPDATE=1 rewrites them), and
// drawing is deterministic.
func TestExampleGraphs(t *testing.T) {
	for _, dir := range exampletest.Dirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			res := exampletest.Check(t, dir)
			got := mermaid(t, graph.Of(&res.Inst.App))
			if again := mermaid(t, graph.Of(&res.Inst.App)); !bytes.Equal(got, again) {
				t.Fatal("two drawings of the same app differ")
			}
			golden := filepath.Join(dir, "graph.mmd")
			if os.Getenv("SAMGEN_UPDATE") != "" {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (SAMGEN_UPDATE=1 go test ./graph writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale (SAMGEN_UPDATE=1 go test ./graph):\ngot:\n%s", golden, got)
			}
		})
	}
}

func mermaid(t *testing.T, g *graph.Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := g.Mermaid(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parsed is what Mermaid's own parser understood of one file (see
// testdata/mermaid/parse.mjs).
type parsed struct {
	File     string `json:"file"`
	Error    string `json:"error"`
	Type     string `json:"type"`
	Vertices []struct {
		ID      string   `json:"id"`
		Text    string   `json:"text"`
		Classes []string `json:"classes"`
	} `json:"vertices"`
	Edges []struct {
		Start, End, Text, Stroke string
	} `json:"edges"`
	Subgraphs []struct {
		ID    string   `json:"id"`
		Title string   `json:"title"`
		Nodes []string `json:"nodes"`
	} `json:"subgraphs"`
}

// TestGraphsParseWithMermaid runs the official Mermaid parser (the one
// GitHub renders diagrams with, from npm, pinned in
// testdata/mermaid/package-lock.json) on every example's golden graph and
// on a graph with every mark, and requires it to read exactly the graph
// samgen drew: the same nodes and labels in the same groups, the same
// edges with their labels, dashed where they should be, and the marks as
// classes. It needs node and `npm ci --prefix graph/testdata/mermaid`,
// which .ci/run does; elsewhere it skips without them, and fails in CI.
func TestGraphsParseWithMermaid(t *testing.T) {
	node, err := exec.LookPath("node")
	script := filepath.Join("testdata", "mermaid", "parse.mjs")
	if _, serr := os.Stat(filepath.Join("testdata", "mermaid", "node_modules", "mermaid")); err != nil || serr != nil {
		why := "node is not installed"
		if err == nil {
			why = "the parser is not installed: npm ci --prefix graph/testdata/mermaid"
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("the Mermaid parser is required in CI: %s", why)
		}
		t.Skip(why)
	}
	graphs := map[string]*graph.Graph{}
	var files []string
	tmp := t.TempDir()
	for _, dir := range exampletest.Dirs(t) {
		res := exampletest.Check(t, dir)
		name := filepath.Base(dir)
		graphs[name] = graph.Of(&res.Inst.App)
		if name == "full-app" {
			marked := graph.Of(&res.Inst.App)
			marked.Mark(map[string]string{"OrdersTable": graph.Replaced, "IngestFunction": graph.Added, "GoneQueue": graph.Removed})
			graphs["full-app-marked"] = marked
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range graphs {
			if !yield(n) {
				return
			}
		}
	})
	for _, n := range names {
		f := filepath.Join(tmp, n+".mmd")
		if err := os.WriteFile(f, mermaid(t, graphs[n]), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cmd := exec.Command(node, append([]string{script}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	var results []parsed
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(names) {
		t.Fatalf("want %d results, got %v:\n%s", len(names), err, out)
	}
	for i, n := range names {
		t.Run(n, func(t *testing.T) {
			p, g := results[i], graphs[n]
			if p.Error != "" {
				t.Fatalf("Mermaid cannot parse the graph: %s\n%s", p.Error, mermaid(t, g))
			}
			if p.Type != "flowchart-v2" {
				t.Errorf("Mermaid reads a %q diagram, want a flowchart", p.Type)
			}
			compareParsed(t, p, g)
		})
	}
}

func compareParsed(t *testing.T, p parsed, g *graph.Graph) {
	t.Helper()
	var wantNodes, gotNodes, wantGroups, gotGroups, wantEdges, gotEdges []string
	for _, gr := range g.Groups {
		var ids []string
		for _, n := range gr.Nodes {
			label := n.Label
			if n.Mark != "" {
				label += " (" + n.Mark + ")"
			}
			class := n.Mark
			if class == "" && n.Existing {
				class = "existing"
			}
			wantNodes = append(wantNodes, n.ID+" "+label+" ["+class+"]")
			ids = append(ids, n.ID)
		}
		slices.Sort(ids)
		wantGroups = append(wantGroups, gr.ID+" "+gr.Title+": "+strings.Join(ids, ","))
	}
	for _, v := range p.Vertices {
		gotNodes = append(gotNodes, v.ID+" "+v.Text+" ["+strings.Join(v.Classes, ",")+"]")
	}
	for _, s := range p.Subgraphs {
		ids := slices.Clone(s.Nodes)
		slices.Sort(ids)
		gotGroups = append(gotGroups, s.ID+" "+s.Title+": "+strings.Join(ids, ","))
	}
	for _, e := range g.Edges {
		stroke := "normal"
		if e.Dashed {
			stroke = "dotted"
		}
		wantEdges = append(wantEdges, e.From+" -> "+e.To+" "+e.Label+" "+stroke)
	}
	for _, e := range p.Edges {
		gotEdges = append(gotEdges, e.Start+" -> "+e.End+" "+e.Text+" "+e.Stroke)
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"nodes", gotNodes, wantNodes}, {"groups", gotGroups, wantGroups}, {"edges", gotEdges, wantEdges}} {
		slices.Sort(c.got)
		slices.Sort(c.want)
		if !slices.Equal(c.got, c.want) {
			t.Errorf("Mermaid reads other %s than samgen drew:\nread:\n  %s\ndrawn:\n  %s", c.what, strings.Join(c.got, "\n  "), strings.Join(c.want, "\n  "))
		}
	}
}
