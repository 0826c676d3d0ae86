package checks

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

func packaging(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e, from := c.effective(name)
		if !fn.Image.IsZero() {
			for _, f := range []struct {
				field string
				set   bool
			}{{"runtime", fn.Runtime != ""}, {"handler", !fn.Handler.IsZero()}, {"source", fn.Source != ""}} {
				if f.set {
					c.Report(path+"."+f.field, "function %s is packaged as an image and takes no %s", name, f.field)
				}
			}
			return
		}
		if fn.Source == "" && fn.InlineCode == "" {
			c.Report(path, "function %s needs source (its code directory), inlineCode or image", name)
		}
		if e.Runtime == "" {
			c.Report(from("runtime"), "function %s needs a runtime (here or in defaults.function)", name)
		}
		if e.Handler.IsZero() {
			c.Report(from("handler"), "function %s needs a handler (here or in defaults.function)", name)
		}
	})
}

// functionSource reports a zip function's source that is not on disk.
func functionSource(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.Image.IsZero() && fn.Source != "" {
			c.missingFile(path+".source", "function "+name, fn.Source)
		}
	})
}

// runtimes calls f once per distinct place a runtime is set.
func (c *Context) runtimes(f func(path, runtime string)) {
	if rt := c.App.Defaults.Function.Runtime; rt != "" {
		f("defaults.function.runtime", rt)
	}
	c.each(func(name string, fn schema.Function, path string) {
		if fn.Runtime != "" {
			f(path+".runtime", fn.Runtime)
		}
	})
}

func runtimeDeprecated(c *Context) {
	c.runtimes(func(path, rt string) {
		l, ok := Runtimes[rt]
		if !ok || l.Blocked || on(l.CreateBlock, c.Now) || !on(l.Deprecated, c.Now) {
			return
		}
		c.Report(path, "runtime %s is deprecated since %s (creation blocked from %s); move to %s", rt, l.Deprecated, l.CreateBlock, l.Successor)
	})
}

func runtimeBlocked(c *Context) {
	c.runtimes(func(path, rt string) {
		l, ok := Runtimes[rt]
		switch {
		case !ok:
		case l.Blocked:
			c.Report(path, "runtime %s is retired; move to %s", rt, l.Successor)
		case on(l.CreateBlock, c.Now):
			c.Report(path, "runtime %s cannot be used to create functions since %s (updates blocked from %s); move to %s", rt, l.CreateBlock, l.UpdateBlock, l.Successor)
		}
	})
}

func runtimeKnown(c *Context) {
	c.runtimes(func(path, rt string) {
		if _, ok := Runtimes[rt]; ok {
			return
		}
		if s := didyoumean.Suggest(rt, slices.Collect(maps.Keys(Runtimes))); s != "" {
			c.Report(path, "unknown runtime %q; did you mean %q?", rt, s)
			return
		}
		c.Report(path, "unknown runtime %q", rt)
	})
}

// reservedEnv are the variables Lambda sets (cfn-lint E3663).
var reservedEnv = []string{"_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
	"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
	"AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
	"AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR"}

// envSources returns the places env maps are declared.
func (c *Context) envSources(f func(path string, env map[string]schema.Value)) {
	if env := c.App.Defaults.Function.Env; len(env) > 0 {
		f("defaults.function.env", env)
	}
	c.each(func(name string, fn schema.Function, path string) {
		if len(fn.Env) > 0 {
			f(path+".env", fn.Env)
		}
	})
}

func envReserved(c *Context) {
	c.envSources(func(path string, env map[string]schema.Value) {
		for _, k := range slices.Sorted(maps.Keys(env)) {
			if slices.Contains(reservedEnv, k) {
				c.Report(path+"."+k, "environment variable %s is reserved by Lambda", k)
			}
		}
	})
}

// envValueLen estimates the rendered length of a value: a literal's own
// (as the string Lambda gets); a reference or an expression resolves at
// deploy time, so its length is estimated from the name (a resource name
// or ARN is rarely over 128 characters).
func envValueLen(v schema.Value) int {
	if s, ok := v.Scalar(); ok {
		return len(s)
	}
	return 128
}

func envSize(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e, from := c.effective(name)
		total := 0
		for k, v := range e.Env {
			total += len(k) + envValueLen(v)
		}
		if total > 4096 {
			c.Report(from("env"), "environment variables of function %s total about %d characters, over the 4096 limit", name, total)
		}
	})
}

func envSecure(c *Context) {
	c.envSources(func(path string, env map[string]schema.Value) {
		for _, k := range slices.Sorted(maps.Keys(env)) {
			r, _, ok := env[k].Ref()
			if !ok || r.Kind != "param" {
				continue
			}
			p := c.App.Params[r.Name]
			if p.Secure {
				c.Report(path+"."+k, "SecureString parameter %s cannot be put in an environment variable; grant `read` access and fetch it at run time", p.Name)
			}
		}
	})
}

func concurrency(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		p, ok1 := fn.ProvisionedConcurrency.Int()
		r, ok2 := fn.ReservedConcurrency.Int()
		if ok1 && ok2 && p > r {
			c.Report(path+".provisionedConcurrency", "provisioned concurrency %d of function %s exceeds its reserved concurrency %d", p, name, r)
		}
	})
}

func logLevels(c *Context) {
	check := func(path string, l *schema.Logging) {
		if l == nil || l.Format == "JSON" {
			return
		}
		for _, f := range []struct{ field, val string }{{"applicationLevel", l.ApplicationLevel}, {"systemLevel", l.SystemLevel}} {
			if f.val != "" {
				c.Report(path+"."+f.field, "log level %s needs format: \"JSON\"", f.val)
			}
		}
	}
	check("defaults.function.logging", c.App.Defaults.Function.Logging)
	c.each(func(name string, fn schema.Function, path string) {
		if fn.Logging == nil {
			return
		}
		l := *fn.Logging
		if l.Format == "" && c.App.Defaults.Function.Logging != nil {
			l.Format = c.App.Defaults.Function.Logging.Format
		}
		check(path+".logging", &l)
		// Levels the function inherits from defaults.function, under a
		// format of its own that takes none.
		if d := c.App.Defaults.Function.Logging; d != nil && l.Format != "JSON" && l.Format != "" {
			for _, f := range []struct{ field, own, inherited string }{{"applicationLevel", l.ApplicationLevel, d.ApplicationLevel}, {"systemLevel", l.SystemLevel, d.SystemLevel}} {
				if f.own == "" && f.inherited != "" {
					c.Report(path+".logging.format", "function %s logs as %s, but inherits %s %s from defaults.function, which needs format: \"JSON\"; use JSON, or move the level out of defaults.function", name, l.Format, f.field, f.inherited)
				}
			}
		}
	})
}

// existingFunctions reports what an existing function (by arn) declares
// besides its arn: the model's fields that are set, its identity aside.
func existingFunctions(c *Context) {
	for _, name := range sortedKeys(c.App.Functions) {
		fn := c.App.Functions[name]
		if !fn.Exists() {
			continue
		}
		path := "functions." + name
		for _, f := range setFields(reflect.ValueOf(fn)) {
			if f == "arn" || f == "ref" || f == "logicalId" {
				continue
			}
			c.Report(path+"."+f, "function %s exists (arn) and samgen does not deploy it: %s would have no effect (remove it, or drop arn to create the function)", name, f)
		}
	}
}

// setFields returns the JSON names of the fields of struct v that are set
// (not their zero value, nor an empty list or map), embedded structs
// flattened, sorted.
func setFields(v reflect.Value) []string {
	var out []string
	t := v.Type()
	for i := range t.NumField() {
		sf, fv := t.Field(i), v.Field(i)
		if sf.Anonymous {
			out = append(out, setFields(fv)...)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		empty := fv.IsZero() || (fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map) && fv.Len() == 0
		if name != "" && !empty {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// vpcIDs are the IDs a VPC configuration lists, and how many of each
// Lambda takes (VpcConfig and a capacity provider's alike: at most 16
// SubnetIds and 5 SecurityGroupIds, in the Lambda API model). An ID is its
// prefix and 8 or 17 hexadecimal digits, the form cfn-lint checks (E1150
// and E1151, AWS::EC2::SecurityGroup.Id and AWS::EC2::Subnet.Id).
var vpcIDs = []struct {
	field, what, prefix string
	max                 int
	list                func(*schema.VPC) schema.ListValue
}{
	{"subnets", "subnet", "subnet-", 16, func(v *schema.VPC) schema.ListValue { return v.Subnets }},
	{"securityGroups", "security group", "sg-", 5, func(v *schema.VPC) schema.ListValue { return v.SecurityGroups }},
}

// hexID matches what follows an EC2 ID's prefix.
var hexID = regexp.MustCompile(`^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})$`)

// vpcConfigs: a function's (or a capacity provider's) VPC lists at most 16
// subnets and 5 security groups, each a reference, an expression or an ID
// of its form (SG122).
func vpcConfigs(c *Context) {
	seen := map[string]bool{}
	check := func(at string, v *schema.VPC) {
		if v == nil || seen[at] {
			return
		}
		seen[at] = true
		for _, f := range vpcIDs {
			items, ok := f.list(v).Items()
			if !ok {
				continue
			}
			if len(items) > f.max {
				c.Report(at+"."+f.field, "a VPC configuration takes at most %d %ss; this one lists %d", f.max, f.what, len(items))
			}
			for i, item := range items {
				s, ok := item.Str()
				if rest, found := strings.CutPrefix(s, f.prefix); ok && !strings.Contains(s, "${") && (!found || !hexID.MatchString(rest)) {
					c.Report(fmt.Sprintf("%s.%s[%d]", at, f.field, i), "%q is not a %s ID: %s, then 8 or 17 hexadecimal digits (or a reference to the %s)", s, f.what, f.prefix, f.what)
				}
			}
		}
	}
	c.each(func(name string, fn schema.Function, path string) {
		e, from := c.effective(name)
		check(from("vpc"), e.VPC)
	})
	for _, name := range sortedKeys(c.App.CapacityProviders) {
		check("capacityProviders."+name+".vpc", c.App.CapacityProviders[name].VPC)
	}
}
