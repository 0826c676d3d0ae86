package cfnlint

import (
	"encoding/json"
	"os"

	"samgen.dev/samgen/internal/toolcache"
)

// LintCached is LintIn, keeping each template's findings between runs
// (package toolcache): a template linted before by the same installation
// of cfn-lint (and of SAM's translator, which it transforms SAM templates
// with) gets the findings it got then.
func LintCached(procs int, bin string, files ...string) (map[string][]Finding, error) {
	c := toolcache.Open("cfn-lint", bin, []string{"cfn_lint-*.dist-info", "aws_sam_translator-*.dist-info"}, os.Getenv)
	return lint(procs, bin, findingCache{c}, files)
}

// findingCache keeps a template's findings, without its file name.
type findingCache struct{ c *toolcache.Cache }

func (fc findingCache) key(ext, text string) string {
	if fc.c == nil {
		return ""
	}
	return fc.c.Key(ext, text)
}

func (fc findingCache) get(key string) ([]Finding, bool) {
	b, ok := fc.c.Get(key)
	if !ok {
		return nil, false
	}
	var fs []Finding
	if json.Unmarshal(b, &fs) != nil {
		return nil, false
	}
	return fs, true
}

func (fc findingCache) put(key string, fs []Finding) {
	if fc.c == nil {
		return
	}
	kept := make([]Finding, len(fs))
	for i, f := range fs {
		f.File = ""
		kept[i] = f
	}
	if b, err := json.Marshal(kept); err == nil {
		fc.c.Put(key, b)
	}
}
