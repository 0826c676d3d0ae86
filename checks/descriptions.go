package checks

import (
	"unicode/utf8"

	"samgen.dev/samgen/schema"
)

// CloudFormation measures the template's Description and each output's in
// bytes (at most 1,024; UTF-8 text outside ASCII takes 2–4 bytes a
// character); the schema's limits count characters (and hold a
// parameter's description to CloudFormation's 4,000).
const maxDescriptionBytes = 1024

func descriptions(c *Context) {
	if n := len(c.App.Description); n > maxDescriptionBytes {
		c.Report("description", "the description is %d bytes in UTF-8 (%d characters); CloudFormation allows %d bytes", n, utf8.RuneCountInString(c.App.Description), maxDescriptionBytes)
	}
	for _, name := range sortedKeys(c.App.Outputs) {
		d, _ := c.App.Outputs[name].Description.Str()
		if n := len(d); n > maxDescriptionBytes {
			c.Report("outputs."+schema.Label(name)+".description", "the description of output %s is %d bytes in UTF-8 (%d characters); CloudFormation allows %d bytes", name, n, utf8.RuneCountInString(d), maxDescriptionBytes)
		}
	}
}
