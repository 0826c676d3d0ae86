package diag

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Homepage is samgen's home, the SARIF tool's information link.
const Homepage = "https://samgen.dev"

// RulesURL is where the rules are documented (docs/rules.md of the
// repository, published); [RuleURL] adds the rule's anchor.
const RulesURL = Homepage + "/docs/rules"

// RuleURL is the documentation of a rule, the help link of SARIF and of
// editors' diagnostics; "" for schema errors, which the schema's doc
// comments explain.
func RuleURL(id string) string {
	if id == "" || id == Schema {
		return ""
	}
	return RulesURL + "#" + strings.ToLower(id)
}

// RuleDoc describes a rule for the SARIF printer.
type RuleDoc struct {
	ID       string
	Severity Severity
	Summary  string
	Doc      string
}

// Tool is what a SARIF log says about samgen: its version and its rules.
type Tool struct {
	Version string
	Rules   []RuleDoc
}

// The SARIF 2.1.0 objects samgen writes (OASIS SARIF 2.1.0, §3); the test
// validates the output against the standard's JSON schema.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		ShortDescription     sarifText     `json:"shortDescription"`
		FullDescription      *sarifText    `json:"fullDescription,omitempty"`
		HelpURI              string        `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	}
	sarifRuleConf struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string             `json:"ruleId"`
		RuleIndex        int                `json:"ruleIndex"`
		Level            string             `json:"level"`
		Message          sarifText          `json:"message"`
		Locations        []sarifLocation    `json:"locations,omitempty"`
		RelatedLocations []sarifLocation    `json:"relatedLocations,omitempty"`
		Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
		Fixes            []sarifFix         `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                   `json:"id,omitempty"`
		PhysicalLocation *sarifPhysical         `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifLogicalLocation struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

// sarifSchema is the $schema SARIF logs name for version 2.1.0.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// PrintSARIF writes l as a SARIF 2.1.0 log for code-scanning services
// (GitHub code scanning, Azure DevOps, IDE viewers): every rule with its
// summary, documentation and help link, and one result per finding at the
// user's file, line and column (in Unicode code points, as SARIF counts
// them), with the spec path as its logical location. A silenced finding
// carries an in-source suppression with the user's reason; a did-you-mean
// is a fix. Files are relative to cwd.
func PrintSARIF(w io.Writer, l List, cwd string, tool Tool) error {
	driver := sarifDriver{Name: "samgen", Version: tool.Version, InformationURI: Homepage}
	index := map[string]int{}
	add := func(r sarifRule) {
		index[r.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, r)
	}
	add(sarifRule{ID: Schema, ShortDescription: sarifText{"the spec violates samgen's CUE schema"},
		FullDescription:      &sarifText{"A value out of range, of the wrong type or not one of an enum's values, a field the schema does not allow, a missing required field or an undeclared reference. The schema's doc comments (hover in the editor, or schema/*.cue) say what each field takes."},
		DefaultConfiguration: sarifRuleConf{Error.String()}})
	for _, r := range tool.Rules {
		add(sarifRule{ID: r.ID, ShortDescription: sarifText{r.Summary}, FullDescription: &sarifText{r.Doc},
			HelpURI: RuleURL(r.ID), DefaultConfiguration: sarifRuleConf{r.Severity.String()}})
	}
	cols := &codePoints{lines: map[string][]string{}}
	results := []sarifResult{}
	for _, d := range l {
		id := d.Rule
		if id == "" {
			id = Schema
		}
		ri, ok := index[id]
		if !ok {
			ri = len(driver.Rules)
			add(sarifRule{ID: id, ShortDescription: sarifText{id}, DefaultConfiguration: sarifRuleConf{d.Severity.String()}})
		}
		// SARIF names its levels as samgen names its severities.
		res := sarifResult{RuleID: id, RuleIndex: ri, Level: d.Severity.String(), Message: sarifText{summary(d, false)}}
		if d.Pos.IsValid() {
			loc := sarifLocation{PhysicalLocation: cols.physical(d.Pos, d.End, cwd)}
			if d.Path != "" {
				loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: d.Path}}
			}
			res.Locations = []sarifLocation{loc}
			if d.Suggestion != "" && d.End.IsValid() {
				res.Fixes = []sarifFix{{
					Description: sarifText{"replace with " + d.Suggestion},
					ArtifactChanges: []sarifArtifactChange{{
						ArtifactLocation: loc.PhysicalLocation.ArtifactLocation,
						Replacements:     []sarifReplacement{{DeletedRegion: loc.PhysicalLocation.Region, InsertedContent: sarifText{d.Suggestion}}},
					}},
				}}
			}
		}
		for _, p := range d.Related {
			if p.IsValid() && !p.InSchema() {
				n := len(res.RelatedLocations) + 1
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &n, PhysicalLocation: cols.physical(p, Position{}, cwd)})
			}
		}
		if d.Silenced != "" {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: d.Silenced}}
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{{
		Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: results,
	}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// codePoints converts CUE's byte columns to SARIF's code-point columns,
// reading each file once; a file it cannot read keeps byte columns (the
// same for ASCII).
type codePoints struct {
	lines map[string][]string
}

func (c *codePoints) physical(start, end Position, cwd string) *sarifPhysical {
	r := sarifRegion{StartLine: start.Line, StartColumn: c.column(start)}
	if end.IsValid() && end.File == start.File {
		r.EndLine, r.EndColumn = end.Line, c.column(end)
	}
	return &sarifPhysical{ArtifactLocation: sarifArtifact{URI: relFile(start.File, cwd)}, Region: r}
}

func (c *codePoints) column(p Position) int {
	lines, ok := c.lines[p.File]
	if !ok {
		if f, err := os.Open(p.File); err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				lines = append(lines, sc.Text())
			}
			f.Close()
		}
		c.lines[p.File] = lines
	}
	if p.Line > len(lines) {
		return p.Column
	}
	line := lines[p.Line-1]
	if p.Column-1 > len(line) {
		return p.Column
	}
	return utf8.RuneCountInString(line[:p.Column-1]) + 1
}
