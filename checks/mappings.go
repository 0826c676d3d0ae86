package checks

import (
	"regexp"
	"unicode/utf8"

	"samgen.dev/samgen/schema"
)

// The names of mappings and their keys, as CloudFormation takes them
// (SG850): a mapping's name and a second-level key letters and digits, a
// top-level key also `-` and `.` (a region, us-east-1), each 1–255
// characters. Sources: the CloudFormation user guide, "Mappings template
// section syntax" and "CloudFormation quotas"; the patterns are those of
// cfn-lint's schema of Mappings. The schema holds the counts and the
// values.
var (
	mappingNameRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	topLevelKeyRE = regexp.MustCompile(`^[A-Za-z0-9.-]+$`)
)

// maxMappingName is the longest a mapping's name or key may be.
const maxMappingName = 255

func mappingNames(c *Context) {
	check := func(path, what, key string, re *regexp.Regexp, chars string) {
		switch {
		case !re.MatchString(key):
			c.Report(path, "%s %q has characters CloudFormation does not take: use %s", what, key, chars)
		case utf8.RuneCountInString(key) > maxMappingName:
			c.Report(path, "%s is %d characters long; CloudFormation takes at most %d", what, utf8.RuneCountInString(key), maxMappingName)
		}
	}
	for _, name := range sortedKeys(c.App.Mappings) {
		path := "mappings." + schema.Label(name)
		check(path, "mapping name", name, mappingNameRE, "letters and digits")
		m := c.App.Mappings[name]
		for _, top := range sortedKeys(m) {
			p := path + "." + schema.Label(top)
			check(p, "top-level key", top, topLevelKeyRE, "letters, digits, - and .")
			for _, second := range sortedKeys(m[top]) {
				check(p+"."+schema.Label(second), "second-level key", second, mappingNameRE, "letters and digits")
			}
		}
	}
}
