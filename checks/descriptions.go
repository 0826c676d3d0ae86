package checks

import (
	"unicode/utf8"

	"samgen.dev/samgen/schema"
)

// CloudFormation measures the template's Description and each output's in
// bytes (at most 1,024; UTF-8 text outside ASCII takes 2–4 bytes a
// character), and a parameter's in characters (at most 4,000): the
// schema's limits count characters.
const (
	maxDescriptionBytes     = 1024
	maxParameterDescription = 4000
)

func descriptions(c *Context) {
	if n := len(c.App.Description); n > maxDescriptionBytes {
		c.Report("description", "the description is %d bytes in UTF-8 (%d characters); CloudFormation allows %d bytes", n, utf8.RuneCountInString(c.App.Description), maxDescriptionBytes)
	}
	for _, name := range sortedKeys(c.App.Outputs) {
		d := c.App.Outputs[name].Description
		if n := len(d); n > maxDescriptionBytes {
			c.Report("outputs."+schema.Label(name)+".description", "the description of output %s is %d bytes in UTF-8 (%d characters); CloudFormation allows %d bytes", name, n, utf8.RuneCountInString(d), maxDescriptionBytes)
		}
	}
	for _, name := range sortedKeys(c.App.Parameters) {
		d := c.App.Parameters[name].Description
		if n := utf8.RuneCountInString(d); n > maxParameterDescription {
			c.Report("parameters."+schema.Label(name)+".description", "the description of parameter %s is %d characters; CloudFormation allows %d", name, n, maxParameterDescription)
		}
	}
}
