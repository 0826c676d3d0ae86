package schema

import "maps"

// Effective returns a function's settings with the defaults applied: a
// field the function sets wins; maps (env, tags) merge key by key, the
// function's keys winning; logging merges field by field.
func Effective(d, f FunctionSettings) FunctionSettings {
	e := f
	if e.Runtime == "" {
		e.Runtime = d.Runtime
	}
	if e.Handler == "" {
		e.Handler = d.Handler
	}
	if e.Architecture == "" {
		e.Architecture = d.Architecture
	}
	if e.Memory == nil {
		e.Memory = d.Memory
	}
	if e.Timeout == nil {
		e.Timeout = d.Timeout
	}
	if e.EphemeralStorage == nil {
		e.EphemeralStorage = d.EphemeralStorage
	}
	if e.Tracing == "" {
		e.Tracing = d.Tracing
	}
	if e.VPC == nil {
		e.VPC = d.VPC
	}
	if e.Logging == nil {
		e.Logging = d.Logging
	} else if d.Logging != nil {
		l := *d.Logging
		o := *e.Logging
		if o.Format != "" {
			l.Format = o.Format
		}
		if o.ApplicationLevel != "" {
			l.ApplicationLevel = o.ApplicationLevel
		}
		if o.SystemLevel != "" {
			l.SystemLevel = o.SystemLevel
		}
		if o.Retention != nil {
			l.Retention = o.Retention
		}
		e.Logging = &l
	}
	if len(d.Env) > 0 {
		env := maps.Clone(d.Env)
		maps.Copy(env, f.Env)
		e.Env = env
	}
	if len(d.Tags) > 0 {
		tags := maps.Clone(d.Tags)
		maps.Copy(tags, f.Tags)
		e.Tags = tags
	}
	return e
}
