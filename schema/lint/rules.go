package lint

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// Rules is the rule table, sorted by ID. docs/rules.md is generated from
// it.
var Rules = []Rule{
	{ID: "SG001", Severity: Error, Check: logicalIDs,
		Summary: "logical IDs derived from names must be unique and valid",
		Doc:     "CloudFormation logical IDs are [A-Za-z0-9]+, at most 255 characters. samgen derives them from names (`get-product` → `GetProductFunction`), so two names that differ only in separators or case collide; both places are reported. IDs depend on names only, so renaming a resource would make CloudFormation replace it: to rename without replacing, pin the old ID with `logicalId: \"OrdersTable\"`."},
	{ID: "SG002", Severity: Error, Check: oneOf,
		Summary: "an event has exactly one type and an access entry exactly one verb",
		Doc:     "`events: x: {sqs: ...}` and `access: [{read: ...}]` are one-of choices; giving none or two is ambiguous."},
	{ID: "SG101", Severity: Error, Check: packaging,
		Summary: "a function has code: a source with runtime and handler, or an image",
		Doc:     "A zip function needs `source`, `runtime` and `handler` (from the function or `defaults.function`); an image function needs `image` and takes no runtime, handler or layers (cfn-lint E3685)."},
	{ID: "SG102", Severity: Warning, Check: runtimeDeprecated,
		Summary: "runtime is deprecated",
		Doc:     "After its deprecation date a runtime gets no security patches; creation of new functions is blocked later. The dates come from the Lambda runtime lifecycle table, compared with today's date."},
	{ID: "SG103", Severity: Error, Check: runtimeBlocked,
		Summary: "runtime can no longer be used to create or update functions",
		Doc:     "Lambda blocks function creation, then updates, on a runtime past those dates (cfn-lint E2531/E2533): the deploy would fail."},
	{ID: "SG104", Severity: Error, Check: runtimeKnown,
		Summary: "runtime is not a Lambda runtime identifier",
		Doc:     "The runtime must be one Lambda knows, such as python3.13 or nodejs22.x."},
	{ID: "SG105", Severity: Error, Check: envReserved,
		Summary: "environment variable name is reserved by Lambda",
		Doc:     "Lambda sets these variables itself and rejects a function that sets them (cfn-lint E3663)."},
	{ID: "SG106", Severity: Error, Check: envSize,
		Summary: "environment variables exceed 4 KB",
		Doc:     "The keys and values of a function's environment variables, defaults included, must total at most 4,096 characters (Lambda quota, cfn-lint E3697). Keep large configuration in SSM Parameter Store."},
	{ID: "SG107", Severity: Error, Check: concurrency,
		Summary: "provisioned concurrency exceeds reserved concurrency",
		Doc:     "Provisioned concurrency is drawn from the function's reserved concurrency when both are set."},
	{ID: "SG108", Severity: Error, Check: envSecure,
		Summary: "a SecureString parameter cannot be an environment variable",
		Doc:     "CloudFormation cannot resolve `ssm-secure` references in Lambda environment variables, and a plaintext secret in the function configuration is visible to anyone who can read it. Grant `read` access and fetch the value at run time (for example with the Parameters and Secrets Lambda extension)."},
	{ID: "SG109", Severity: Error, Check: logLevels,
		Summary: "log levels need the JSON log format",
		Doc:     "Log-level filtering is a JSON-format feature; Lambda rejects levels with the Text format (cfn-lint E3696)."},
	{ID: "SG201", Severity: Error, Check: accessKinds,
		Summary: "access verb does not apply to the resource kind",
		Doc:     "Each verb maps to the narrowest IAM grant for a kind: `read` on a table is DynamoDBReadPolicy, `send` on a queue is sqs:SendMessage on that queue. A verb on a kind it does not apply to grants nothing meaningful."},
	{ID: "SG301", Severity: Error, Check: sqsBatch,
		Summary: "SQS batch size and batching window must fit the queue",
		Doc:     "A FIFO queue takes batches of at most 10 (cfn-lint E3705); a batch size over 10 needs a batching window of at least 1 second."},
	{ID: "SG302", Severity: Error, Check: sqsVisibility,
		Summary: "queue visibility timeout is shorter than the function timeout",
		Doc:     "Lambda requires a queue's visibility timeout to be at least the timeout of the function that consumes it (cfn-lint E3505); AWS advises six times it, so a batch is not redelivered while it is still being processed."},
	{ID: "SG303", Severity: Error, Check: filters,
		Summary: "at most 5 event filters",
		Doc:     "An event source mapping takes 5 filters by default (a quota increase allows 10)."},
	{ID: "SG304", Severity: Error, Check: streams,
		Summary: "a stream event needs a table with a stream and a valid starting position",
		Doc:     "A `dynamodb` event consumes the table's stream, so the table declares `stream` (or, if existing, `streamArn`). Kinesis AT_TIMESTAMP needs `startingTimestamp`."},
	{ID: "SG305", Severity: Error, Check: eventTargets,
		Summary: "event and destination references must be of a kind the option accepts",
		Doc:     "A stream's on-failure destination is a queue, a topic or a bucket; FIFO queues and topics cannot receive Lambda failure records; an SNS or EventBridge dead-letter queue must be a standard queue."},
	{ID: "SG701", Severity: Error, Check: queueRedrive,
		Summary: "a queue's dead-letter queue must be of the same type",
		Doc:     "The dead-letter queue of a FIFO queue must be FIFO, and of a standard queue standard (cfn-lint E3502); a queue cannot be its own dead-letter queue."},
	{ID: "SG702", Severity: Error, Check: tableShape,
		Summary: "an owned table needs a key, and capacity exactly with PROVISIONED billing",
		Doc:     "A table the app creates needs a partition key. PROVISIONED billing requires read and write capacity; on-demand takes none."},
	{ID: "SG703", Severity: Error, Check: fifoOnly,
		Summary: "content-based deduplication applies to FIFO queues and topics only",
		Doc:     "Standard queues and topics do not deduplicate; CloudFormation rejects the property on them."},
}

// eachID calls add with the logical ID and the path of every resource
// samgen renders for the spec: the owned resources of every kind, then
// those other files know of (moreIDs: parameters, raw resources, ...).
func eachID(c *Context, add func(id, path string)) {
	for _, kind := range slices.Sorted(maps.Keys(schema.Kinds)) {
		k := schema.Kinds[kind]
		if k.Suffix == "" {
			continue
		}
		it, err := c.Inst.Value(k.Collection).Fields()
		if err != nil {
			continue
		}
		for it.Next() {
			r := c.Inst.DeclaredRef(kind, it.Selector().Unquoted())
			if c.App.Owned(r) {
				add(schema.LogicalID(r), k.Collection+"."+r.Name)
			}
		}
	}
	for _, f := range moreIDs {
		f(c, add)
	}
}

// each calls f for every function, sorted by name.
func (c *Context) each(f func(name string, fn schema.Function, path string)) {
	for _, name := range c.App.OwnedFunctions() {
		f(name, c.App.Functions[name], "functions."+name)
	}
}

// effective returns a function's settings with the defaults applied, and
// the path each setting came from.
func (c *Context) effective(name string) (schema.FunctionSettings, func(field string) string) {
	d := c.App.Defaults.Function
	f := c.App.Functions[name].FunctionSettings
	from := func(field string) string {
		own := "functions." + name + "." + field
		if c.Inst.Has(own) {
			return own
		}
		if c.Inst.Has("defaults.function." + field) {
			return "defaults.function." + field
		}
		return "functions." + name
	}
	return schema.Effective(d, f), from
}

func logicalIDs(c *Context) {
	seen := map[string][]string{}
	eachID(c, func(id, path string) { seen[id] = append(seen[id], path) })
	for _, ids := range slices.Sorted(maps.Keys(seen)) {
		paths := seen[ids]
		if len(ids) > 255 {
			c.Report(paths[0], "logical ID %s is longer than 255 characters", ids)
		}
		if len(paths) > 1 {
			for _, p := range paths {
				others := slices.DeleteFunc(slices.Clone(paths), func(o string) bool { return o == p })
				c.Report(p, "logical ID %s is also that of %s; rename one of them (or pin one with logicalId)", ids, strings.Join(others, ", "))
			}
		}
	}
}

func oneOf(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			types := fn.Events[ev].Types()
			if len(types) != 1 {
				c.Report(path+".events."+ev, "an event has exactly one type (api, httpApi, schedule, sqs, sns, eventBridge, dynamodb, kinesis, s3, scheduleV2), found %d", len(types))
			}
		}
		for i, a := range fn.Access {
			if n := len(a.Grants()); n != 1 {
				c.Report(fmt.Sprintf("%s.access[%d]", path, i), "an access entry has exactly one verb, found %d", n)
			}
		}
	})
}

func packaging(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e, from := c.effective(name)
		if fn.Image != "" {
			for _, f := range []struct{ field, val string }{{"runtime", fn.Runtime}, {"handler", fn.Handler}, {"source", fn.Source}} {
				if f.val != "" {
					c.Report(path+"."+f.field, "function %s is packaged as an image and takes no %s", name, f.field)
				}
			}
			return
		}
		if fn.Source == "" {
			c.Report(path, "function %s needs source (its code directory) or image", name)
		}
		if e.Runtime == "" {
			c.Report(from("runtime"), "function %s needs a runtime (here or in defaults.function)", name)
		}
		if e.Handler == "" {
			c.Report(from("handler"), "function %s needs a handler (here or in defaults.function)", name)
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
func (c *Context) envSources(f func(path string, env map[string]any)) {
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
	c.envSources(func(path string, env map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(env)) {
			if slices.Contains(reservedEnv, k) {
				c.Report(path+"."+k, "environment variable %s is reserved by Lambda", k)
			}
		}
	})
}

// envValueLen estimates the rendered length of a value; a reference
// resolves at deploy time, so its length is estimated from the name (a
// resource name or ARN is rarely over 128 characters).
func envValueLen(v any) int {
	if s, ok := v.(string); ok {
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
	c.envSources(func(path string, env map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(env)) {
			m, ok := env[k].(map[string]any)
			if !ok || m["kind"] != "param" {
				continue
			}
			p := c.App.Params[fmt.Sprint(m["name"])]
			if p.Secure {
				c.Report(path+"."+k, "SecureString parameter %s cannot be put in an environment variable; grant `read` access and fetch it at run time", p.Name)
			}
		}
	})
}

func concurrency(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.ProvisionedConcurrency != nil && fn.ReservedConcurrency != nil && *fn.ProvisionedConcurrency > *fn.ReservedConcurrency {
			c.Report(path+".provisionedConcurrency", "provisioned concurrency %d of function %s exceeds its reserved concurrency %d",
				*fn.ProvisionedConcurrency, name, *fn.ReservedConcurrency)
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
	})
}

func accessKinds(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, a := range fn.Access {
			for _, g := range a.Grants() {
				if err := verbApplies(g); err != "" {
					c.Report(fmt.Sprintf("%s.access[%d].%s", path, i, g.Verb), "%s", err)
				}
			}
		}
	})
}

// verbApplies explains why a verb does not apply to its target's kind, or
// returns "".
func verbApplies(g schema.Grant) string {
	if _, ok := policies.Verbs[g.Verb][g.Target.Kind]; ok {
		return ""
	}
	return fmt.Sprintf("access %s does not apply to a %s; %s applies to: %s", g.Verb, g.Target.Kind, g.Verb, strings.Join(policies.VerbKinds(g.Verb), ", "))
}

func sqsBatch(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			p := path + ".events." + ev + ".sqs"
			q := c.App.Queues[s.Queue.Name]
			if s.BatchSize == nil {
				continue
			}
			if fifo(q.Fifo, q.Arn) && *s.BatchSize > 10 {
				c.Report(p+".batchSize", "batch size %d is over 10, the maximum for FIFO queue %s", *s.BatchSize, s.Queue.Name)
			} else if *s.BatchSize > 10 && (s.BatchWindow == nil || *s.BatchWindow < 1) {
				c.Report(p+".batchSize", "batch size %d is over 10 and needs a batchWindow of at least 1 second", *s.BatchSize)
			}
		}
	})
}

// fifo reports whether a queue or topic is FIFO: declared so, or an
// existing one whose ARN ends in .fifo.
func fifo(declared bool, arn string) bool {
	return declared || strings.HasSuffix(arn, ".fifo")
}

func sqsVisibility(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e, _ := c.effective(name)
		timeout := 3
		if e.Timeout != nil {
			timeout = *e.Timeout
		}
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			q, ok := c.App.Queues[s.Queue.Name]
			if !ok || q.Arn != "" || q.VisibilityTimeout >= timeout {
				continue
			}
			c.Report("queues."+s.Queue.Name+".visibilityTimeout", "visibility timeout %ds of queue %s is shorter than the %ds timeout of function %s, which consumes it", q.VisibilityTimeout, s.Queue.Name, timeout, name)
		}
	})
}

func filters(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			var n int
			var typ string
			switch {
			case e.SQS != nil:
				n, typ = len(e.SQS.Filters), "sqs"
			case e.DynamoDB != nil:
				n, typ = len(e.DynamoDB.Filters), "dynamodb"
			case e.Kinesis != nil:
				n, typ = len(e.Kinesis.Filters), "kinesis"
			}
			if n > 5 {
				c.Report(path+".events."+ev+"."+typ+".filters", "%d filters; an event source takes at most 5", n)
			}
		}
	})
}

func streams(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			p := path + ".events." + ev
			if d := e.DynamoDB; d != nil && d.Table != nil {
				t := c.App.Tables[d.Table.Name]
				if t.Arn == "" && t.Stream == "" {
					c.Report(p+".dynamodb.table", "table %s has no stream; set its `stream` view to consume it", d.Table.Name)
				}
				if t.Arn != "" && t.StreamArn == "" {
					c.Report(p+".dynamodb.table", "existing table %s declares no streamArn to consume", d.Table.Name)
				}
			}
			if k := e.Kinesis; k != nil && k.StartingPosition == "AT_TIMESTAMP" && k.StartingTimestamp == nil {
				c.Report(p+".kinesis.startingPosition", "AT_TIMESTAMP needs startingTimestamp")
			}
		}
	})
}

func eventTargets(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			p := path + ".events." + ev
			for _, s := range []struct {
				typ string
				se  *schema.StreamEvent
			}{{"dynamodb", e.DynamoDB}, {"kinesis", e.Kinesis}} {
				if s.se == nil || s.se.OnFailure == nil {
					continue
				}
				r := *s.se.OnFailure
				at := p + "." + s.typ + ".onFailure"
				switch r.Kind {
				case "queue", "topic":
					if c.isFifo(r) {
						c.Report(at, "FIFO %s %s cannot be an on-failure destination", r.Kind, r.Name)
					}
				case "bucket":
				default:
					c.Report(at, "an on-failure destination is a queue, a topic or a bucket, not a %s", r.Kind)
				}
			}
			if e.SNS != nil && e.SNS.DeadLetter != nil && c.isFifo(*e.SNS.DeadLetter) {
				c.Report(p+".sns.deadLetter", "FIFO queue %s cannot be the dead-letter queue of a standard subscription", e.SNS.DeadLetter.Name)
			}
			if e.EventBridge != nil && e.EventBridge.DeadLetter != nil && c.isFifo(*e.EventBridge.DeadLetter) {
				c.Report(p+".eventBridge.deadLetter", "FIFO queue %s cannot be an EventBridge dead-letter queue", e.EventBridge.DeadLetter.Name)
			}
		}
	})
}

// isFifo reports whether a queue or topic reference is FIFO.
func (c *Context) isFifo(r schema.Ref) bool {
	switch r.Kind {
	case "queue":
		q := c.App.Queues[r.Name]
		return fifo(q.Fifo, q.Arn)
	case "topic":
		t := c.App.Topics[r.Name]
		return fifo(t.Fifo, t.Arn)
	}
	return false
}

func queueRedrive(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Queues)) {
		q := c.App.Queues[name]
		if q.Redrive == nil {
			continue
		}
		p := "queues." + name + ".redrive.deadLetter"
		dl := q.Redrive.DeadLetter
		if dl.Name == name {
			c.Report(p, "queue %s cannot be its own dead-letter queue", name)
			continue
		}
		if a, b := fifo(q.Fifo, q.Arn), c.isFifo(dl); a != b {
			kind := map[bool]string{true: "FIFO", false: "standard"}
			c.Report(p, "%s queue %s cannot use %s queue %s as its dead-letter queue", kind[a], name, kind[b], dl.Name)
		}
	}
}

func tableShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Tables)) {
		t := c.App.Tables[name]
		p := "tables." + name
		if t.Arn != "" {
			continue
		}
		if t.Key == nil {
			c.Report(p, "table %s needs a key (its partition key), or an arn if it already exists", name)
		}
		switch {
		case t.Billing == "PROVISIONED" && t.Capacity == nil:
			c.Report(p+".billing", "table %s has PROVISIONED billing and needs capacity: {read, write}", name)
		case t.Billing != "PROVISIONED" && t.Capacity != nil:
			c.Report(p+".capacity", "table %s is on-demand (PAY_PER_REQUEST) and takes no capacity", name)
		}
	}
}

func fifoOnly(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Queues)) {
		if q := c.App.Queues[name]; !q.Fifo && q.ContentBasedDeduplication != nil && *q.ContentBasedDeduplication {
			c.Report("queues."+name+".contentBasedDeduplication", "queue %s is not FIFO", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Topics)) {
		if t := c.App.Topics[name]; !t.Fifo && t.ContentBasedDeduplication != nil && *t.ContentBasedDeduplication {
			c.Report("topics."+name+".contentBasedDeduplication", "topic %s is not FIFO", name)
		}
	}
}
