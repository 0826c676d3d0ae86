package diag

import (
	"fmt"
	"io"
	"strings"
)

// PrintGitHub writes l as GitHub Actions workflow commands, one line per
// finding, which the runner turns into annotations on the pull request's
// files: `::error file=app/samgen.cue,line=14,col=11,endLine=14,endColumn=13,title=samgen SG301::...`.
// A silenced finding is a notice that says so. Files are relative to cwd,
// which in a workflow is the repository's root.
//
// The command syntax and its escaping are GitHub's
// (docs.github.com/en/actions/reference/workflow-commands-for-github-actions).
func PrintGitHub(w io.Writer, l List, cwd string) {
	for _, d := range l {
		cmd := "error"
		switch {
		case d.Silenced != "", d.Severity == Note:
			cmd = "notice"
		case d.Severity == Warning:
			cmd = "warning"
		}
		var props []string
		if d.Pos.IsValid() {
			props = append(props, "file="+escapeProperty(relFile(d.Pos.File, cwd)),
				fmt.Sprintf("line=%d", d.Pos.Line), fmt.Sprintf("col=%d", d.Pos.Column))
			if d.End.IsValid() {
				props = append(props, fmt.Sprintf("endLine=%d", d.End.Line), fmt.Sprintf("endColumn=%d", d.End.Column))
			}
		}
		title := "samgen"
		if d.Rule != "" {
			title += " " + d.Rule
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(summary(d, false)))
	}
}

// summary is a finding in one line: path, message, the rule when asked
// for and, when silenced, the reason.
func summary(d Diagnostic, rule bool) string {
	s := d.Msg
	if d.Path != "" {
		s = d.Path + ": " + s
	}
	if rule && d.Rule != "" && d.Rule != Schema {
		s += " [" + d.Rule + "]"
	}
	if d.Silenced != "" {
		s += " (silenced: " + d.Silenced + ")"
	}
	return s
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
