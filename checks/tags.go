package checks

import (
	"reflect"
	"regexp"

	"samgen.dev/samgen/schema"
)

// maxTags is how many tags a resource takes: every service samgen renders
// (Lambda, Step Functions, API Gateway, SQS, SNS, DynamoDB, S3, Kinesis,
// KMS, EventBridge, and IAM for the roles SAM tags alike) allows 50.
const maxTags = 50

// samTags are the tags SAM's transform adds, by kind: they count towards
// the limit, and a spec cannot set them (SAM rejects the reserved key).
var samTags = map[string]string{
	"function":     "lambda:createdBy",
	"stateMachine": "stateMachine:createdBy",
	"httpApi":      "httpapi:createdBy",
}

// tagText is what AWS accepts in tag keys and values: letters, digits,
// spaces and _.:/=+-@ (cfn-lint E3031).
var tagText = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// taggedDecl is one place tags are declared.
type taggedDecl struct {
	path string
	kind string
	tags schema.Tags
	// counted is how many tags the resource gets in all; countPath where
	// the count is best reported, asked for only when it is over the
	// limit (finding a function's own field costs a lookup in the spec).
	counted   int
	countPath func() string
	name      string
}

// taggedDecls returns every declared tag map: defaults.function's, then
// every resource's (a function's own merged with the defaults for the
// count), sorted by path, then implicitHttpApi's.
func (c *Context) taggedDecls() []taggedDecl {
	if c.tagged == nil {
		c.tagged = c.listTaggedDecls()
	}
	return c.tagged
}

func (c *Context) listTaggedDecls() []taggedDecl {
	out := []taggedDecl{}
	if d := c.App.Defaults.Function.Tags; len(d) > 0 {
		// Not counted: the defaults are counted on each function.
		out = append(out, taggedDecl{path: "defaults.function.tags", kind: "function", tags: d, countPath: func() string { return "defaults.function.tags" }})
	}
	c.App.Each(func(k schema.Kind, path string, d schema.Decl) {
		if !d.Owned {
			return
		}
		own := tagsOf(k.Entry(c.App, d.Ref.Name))
		td := taggedDecl{path: path + ".tags", kind: k.Name, tags: own, counted: len(own), name: d.Ref.Name}
		td.countPath = func() string { return td.path }
		if k.Name == "function" {
			e, from := c.effective(d.Ref.Name)
			td.counted, td.countPath = len(e.Tags), func() string { return from("tags") }
		}
		if len(own) > 0 || td.counted > 0 {
			out = append(out, td)
		}
	})
	if a := c.App.ImplicitHttpApi; a != nil && len(a.Tags) > 0 {
		td := taggedDecl{path: "implicitHttpApi.tags", kind: "httpApi", tags: a.Tags, counted: len(a.Tags), name: schema.ImplicitHttpApiID}
		td.countPath = func() string { return td.path }
		out = append(out, td)
	}
	return out
}

// literalTag reports whether a tag's value is an expression (checked at
// deploy time) or a literal of characters AWS accepts.
func literalTag(v schema.Value) bool {
	s, ok := v.Str()
	return !ok || tagText.MatchString(s)
}

// tagsOf returns the Tags field of a model entry, if it has one.
func tagsOf(entry any) schema.Tags {
	v := reflect.ValueOf(entry)
	if v.Kind() != reflect.Struct {
		return nil
	}
	if f := v.FieldByName("Tags"); f.IsValid() {
		if t, ok := f.Interface().(schema.Tags); ok {
			return t
		}
	}
	return nil
}

func tags(c *Context) {
	for _, td := range c.taggedDecls() {
		sam := samTags[td.kind]
		for _, k := range sortedKeys(td.tags) {
			p := td.path + "." + schema.Label(k)
			switch {
			case k == sam:
				c.Report(p, "tag %s is SAM's own (it tags every %s it makes with it); choose another key", k, td.kind)
			case !tagText.MatchString(k):
				c.Report(p, "tag key %q has characters AWS does not accept in tags; use letters, digits, spaces and _.:/=+-@", k)
			case !literalTag(td.tags[k]):
				c.Report(p, "the value of tag %s has characters AWS does not accept in tags; use letters, digits, spaces and _.:/=+-@", k)
			}
		}
		n := td.counted
		if sam != "" {
			n++
		}
		if td.name != "" && n > maxTags {
			extra := ""
			if sam != "" {
				extra = ", counting " + sam + ", which SAM adds"
			}
			c.Report(td.countPath(), "%s %s would have %d tags%s; AWS allows %d per resource", td.kind, td.name, n, extra, maxTags)
		}
	}
}
