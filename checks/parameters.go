package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"samgen.dev/samgen/schema"
)

// parameterOptions checks that each parameter's options fit its type and
// that its default fits its options (SG026).
func parameterOptions(c *Context) {
	for _, name := range sortedKeys(c.App.Parameters) {
		p := c.App.Parameters[name]
		path := "parameters." + schema.Label(name)
		str := p.Type == "String"
		for _, o := range []struct {
			field string
			set   bool
			fits  bool
			types string
		}{
			{"minLength", p.MinLength != nil, str, "String"},
			{"maxLength", p.MaxLength != nil, str, "String"},
			{"allowedPattern", p.AllowedPattern != "", str || p.Type == "CommaDelimitedList", "String and CommaDelimitedList"},
			{"minValue", p.MinValue != nil, p.Number(), "Number"},
			{"maxValue", p.MaxValue != nil, p.Number(), "Number"},
		} {
			if o.set && !o.fits {
				c.Report(path+"."+o.field, "%s applies to %s parameters, and %s is of type %s", o.field, o.types, name, p.Type)
			}
		}
		if p.MinLength != nil && p.MaxLength != nil && *p.MinLength > *p.MaxLength {
			c.Report(path+".minLength", "minLength %d is over maxLength %d", *p.MinLength, *p.MaxLength)
		}
		if p.MinValue != nil && p.MaxValue != nil && *p.MinValue > *p.MaxValue {
			c.Report(path+".minValue", "minValue %v is over maxValue %v", *p.MinValue, *p.MaxValue)
		}
		if p.Default != nil {
			if msg := defaultProblem(p); msg != "" {
				c.Report(path+".default", "default %v %s", p.Default, msg)
			}
		}
	}
}

// defaultProblem says how a parameter's default breaks its constraints,
// or returns "".
func defaultProblem(p schema.Parameter) string {
	text := fmt.Sprint(p.Default)
	if len(p.Allowed) > 0 && !slices.ContainsFunc(p.Allowed, func(a any) bool { return fmt.Sprint(a) == text }) {
		return "is not one of the allowed values"
	}
	if p.Number() {
		n, err := strconv.ParseFloat(text, 64)
		switch {
		case err != nil:
			return "is not a number"
		case p.MinValue != nil && n < *p.MinValue:
			return fmt.Sprintf("is under minValue %v", *p.MinValue)
		case p.MaxValue != nil && n > *p.MaxValue:
			return fmt.Sprintf("is over maxValue %v", *p.MaxValue)
		}
	}
	if p.Type == "String" {
		switch {
		case p.MinLength != nil && len(text) < *p.MinLength:
			return fmt.Sprintf("is shorter than minLength %d", *p.MinLength)
		case p.MaxLength != nil && len(text) > *p.MaxLength:
			return fmt.Sprintf("is longer than maxLength %d", *p.MaxLength)
		}
		// CloudFormation's patterns are Java regular expressions, whole
		// matches; one Go cannot compile is left to CloudFormation.
		if re, err := regexp.Compile("^(?:" + p.AllowedPattern + ")$"); err == nil && p.AllowedPattern != "" && !re.MatchString(text) {
			return fmt.Sprintf("does not match allowedPattern %q", p.AllowedPattern)
		}
	}
	return ""
}
