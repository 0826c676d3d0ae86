package checks

import (
	"samgen.dev/samgen/schema"
)

// asyncDecl is one place async settings or a dead-letter target are
// declared: `defaults.function` or a function of its own.
type asyncDecl struct {
	path       string // "defaults.function" or "functions.NAME"
	async      *schema.Async
	deadLetter *schema.Ref
}

// asyncDecls lists the declarations, defaults first, then functions by
// name, so a default is reported once rather than per function.
func (c *Context) asyncDecls() []asyncDecl {
	d := c.App.Defaults.Function
	out := []asyncDecl{{"defaults.function", d.Async, d.DeadLetter}}
	c.each(func(name string, fn schema.Function, path string) {
		out = append(out, asyncDecl{path, fn.Async, fn.DeadLetter})
	})
	return out
}

// dest is one async destination and the field declaring it.
type dest struct {
	field string
	ref   schema.Ref
}

// destinations returns the async destinations of a declaration.
func (d asyncDecl) destinations() []dest {
	var out []dest
	if d.async == nil {
		return out
	}
	if r := d.async.OnSuccess; r != nil {
		out = append(out, dest{"onSuccess", *r})
	}
	if r := d.async.OnFailure; r != nil {
		out = append(out, dest{"onFailure", *r})
	}
	return out
}

func asyncDestinationKinds(c *Context) {
	for _, d := range c.asyncDecls() {
		for _, dst := range d.destinations() {
			at := d.path + ".async." + dst.field
			switch k := dst.ref.Kind; {
			case k == "bucket" && dst.field == "onSuccess":
				c.Report(at, "S3 bucket %s can receive only failure records; use it as onFailure, or send successes to a queue, topic, function or event bus", dst.ref.Name)
			case !destination(k):
				c.Report(at, "a %s cannot be an async destination; use a queue, topic, function or event bus (or, for onFailure, a bucket)", k)
			}
		}
	}
}

func asyncFifo(c *Context) {
	for _, d := range c.asyncDecls() {
		for _, dst := range d.destinations() {
			if c.App.Fifo(dst.ref) {
				c.Report(d.path+".async."+dst.field, "FIFO %s %s cannot be an async destination; use a standard %s", dst.ref.Kind, dst.ref.Name, dst.ref.Kind)
			}
		}
		if r := d.deadLetter; r != nil && c.App.Fifo(*r) {
			c.Report(d.path+".deadLetter", "FIFO %s %s cannot be a dead-letter target; use a standard %s", r.Kind, r.Name, r.Kind)
		}
	}
}

// deadLetter reports whether a resource of kind can be a function's
// dead-letter target.
func deadLetter(kind string) bool {
	k, _ := schema.KindOf(kind)
	return k.DeadLetter != nil
}

// destination reports whether a resource of kind can receive
// asynchronous invocation records.
func destination(kind string) bool {
	k, _ := schema.KindOf(kind)
	return k.Destination != nil
}

func deadLetterKind(c *Context) {
	for _, d := range c.asyncDecls() {
		if r := d.deadLetter; r != nil && !deadLetter(r.Kind) {
			hint := ""
			if destination(r.Kind) {
				hint = "; send failures to it with async: onFailure instead"
			}
			c.Report(d.path+".deadLetter", "a %s cannot be a dead-letter target, only a queue or a topic%s", r.Kind, hint)
		}
	}
}
