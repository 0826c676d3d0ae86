package lint

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// The serverless best-practice rules (awslabs/serverless-rules, as listed
// in aws-facts.md §5a) that apply to what samgen renders. They are
// warnings: `samgen vet --strict` fails on them, and each can be silenced
// per resource with a reason (`lint: ignore: {SG801: "..."}`).
func init() {
	register(
		Rule{ID: "SG801", Severity: Warning, Check: tracing,
			Summary: "functions trace with AWS X-Ray",
			Doc:     "Active tracing (`tracing: \"Active\"`) records every invocation in X-Ray, so a slow or failing request can be followed across services (serverless-rules WS1000)."},
		Rule{ID: "SG802", Severity: Warning, Check: noWildcards,
			Summary: "permissions are scoped: no `*` in actions or resources",
			Doc:     "Every grant samgen derives from `access` should name the resource it applies to and the actions it needs. A `*` (`Resource: \"*\"`, `sqs:SendMessage*`, `function:name*`) grants more than was declared (serverless-rules WS1003)."},
		Rule{ID: "SG803", Severity: Warning, Check: memorySet,
			Summary: "functions set their memory explicitly",
			Doc:     "Lambda's default of 128 MB is rarely right: CPU is allocated in proportion to memory (1769 MB is one vCPU), so a function left at the default is often slower and costlier. Set `memory` on the function or in `defaults.function` (serverless-rules ES1005)."},
		Rule{ID: "SG804", Severity: Warning, Check: timeoutSet,
			Summary: "functions set their timeout explicitly",
			Doc:     "Lambda's default timeout of 3 seconds is rarely right: too short for work that calls other services, and a deliberate value documents the function's budget. Set `timeout` on the function or in `defaults.function` (serverless-rules ES1006)."},
		Rule{ID: "SG805", Severity: Warning, Check: logRetention,
			Summary: "function logs have a retention period",
			Doc:     "Without `logging: retention`, the log group Lambda creates keeps logs forever, at a cost that only grows. With it, samgen creates the function's log group with that retention (serverless-rules WS1004)."},
		Rule{ID: "SG806", Severity: Warning, Check: streamFailure,
			Summary: "stream event sources have an on-failure destination",
			Doc:     "A DynamoDB or Kinesis batch that keeps failing blocks its shard until the records expire, and then they are lost. An `onFailure` queue or topic receives a record of every batch given up on (with `retries` and `maxRecordAge` bounding how long that takes). SQS event sources fail over with the queue's own redrive policy instead (serverless-rules ES1001, minus SQS)."},
		Rule{ID: "SG807", Severity: Warning, Check: asyncFailure,
			Summary: "asynchronously invoked functions have a failure destination or dead-letter queue",
			Doc:     "S3, SNS, EventBridge and schedules invoke a function asynchronously, as does any caller with `InvocationType: Event` (declared with `async`). After its retries Lambda drops a failing event, unless the function has an `async: onFailure` destination (preferred: it receives the whole invocation record with the error) or a `deadLetter` queue or topic (serverless-rules ES1007)."},
		Rule{ID: "SG808", Severity: Warning, Check: queueRedrivePolicy,
			Summary: "queues have a redrive policy",
			Doc:     "A message that keeps failing is received again and again until its retention period ends, and then it is lost. A `redrive` policy moves it to a dead-letter queue after `maxReceiveCount` receives. Queues that are themselves failure targets (a redrive, subscription, rule or function dead-letter queue, or an on-failure destination) are exempt (serverless-rules ES6000)."},
		Rule{ID: "SG809", Severity: Warning, Check: snsDeadLetter,
			Summary: "SNS subscriptions have a dead-letter queue",
			Doc:     "When SNS cannot deliver a message to a subscribed function (it was throttled or deleted, or the invoke permission is missing) it retries and then drops the message. A subscription `deadLetter` queue keeps it (serverless-rules ES7000)."},
		Rule{ID: "SG810", Severity: Warning, Check: eventBridgeDeadLetter,
			Summary: "EventBridge rule targets have a dead-letter queue",
			Doc:     "When EventBridge cannot deliver an event to a function it retries (`retries`, `maxEventAge`) and then drops the event. A target `deadLetter` queue keeps it (serverless-rules ES4000)."},
		Rule{ID: "SG811", Severity: Warning, Check: stateMachineTracing,
			Summary: "state machines trace with AWS X-Ray",
			Doc:     "`tracing: true` records every execution in X-Ray, joined to the traces of the functions and services its tasks call (serverless-rules WS5000)."},
		Rule{ID: "SG812", Severity: Warning, Check: apiStages,
			Summary: "declared API stages log access (and REST stages trace)",
			Doc:     "An API stage without access logs leaves no record of who called what and how it ended; `accessLog` creates a log group and a structured log format (serverless-rules ES2000, WS2001). REST API stages can also trace with X-Ray (`tracing: true`, serverless-rules WS2002); HTTP APIs have no X-Ray support. Implicit APIs, made by SAM from function `api`/`httpApi` events when no API is declared, take no stage settings: declare the API to configure them."},
	)
}

func stateMachineTracing(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.StateMachines)) {
		if !c.App.StateMachines[name].Tracing {
			c.Report("stateMachines."+name, "state machine %s does not trace with X-Ray; set tracing: true", name)
		}
	}
}

func apiStages(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		a := c.App.Apis[name]
		if a.AccessLog == nil {
			c.Report("apis."+name, "REST API %s has no access log; set accessLog", name)
		}
		if a.Tracing == nil || !*a.Tracing {
			c.Report("apis."+name, "REST API %s does not trace with X-Ray; set tracing: true", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		if c.App.HttpApis[name].AccessLog == nil {
			c.Report("httpApis."+name, "HTTP API %s has no access log; set accessLog", name)
		}
	}
}

// fnPath returns the path of a function's own field when the function sets
// it, else the function's path: findings about effective settings name the
// function, so that its `lint: ignore` applies.
func (c *Context) fnPath(name, field string) string {
	if p := "functions." + name + "." + field; c.Inst.Has(p) {
		return p
	}
	return "functions." + name
}

func tracing(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if e, _ := c.effective(name); e.Tracing != "Active" {
			c.Report(c.fnPath(name, "tracing"), "function %s is not traced; set tracing: \"Active\" (here or in defaults.function)", name)
		}
	})
}

func noWildcards(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for i, a := range fn.Access {
			for _, g := range a.Grants() {
				pols, err := policies.ForGrant(c.App, g)
				if err != nil {
					continue // SG201 reports it
				}
				var why []string
				for _, p := range pols {
					why = append(why, p.Wildcards()...)
				}
				if len(why) > 0 {
					c.Report(fmt.Sprintf("%s.access[%d].%s", path, i, g.Verb), "access %s on %s %s of function %s grants a wildcard: %s",
						g.Verb, g.Target.Kind, g.Target.Name, name, strings.Join(slices.Compact(why), ", "))
				}
			}
		}
	})
}

func memorySet(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if e, _ := c.effective(name); e.Memory == nil {
			c.Report(path, "function %s leaves memory at Lambda's default of 128 MB; set memory (here or in defaults.function)", name)
		}
	})
}

func timeoutSet(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if e, _ := c.effective(name); e.Timeout == nil {
			c.Report(path, "function %s leaves timeout at Lambda's default of 3 seconds; set timeout (here or in defaults.function)", name)
		}
	})
}

func logRetention(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if e, _ := c.effective(name); e.Logging == nil || e.Logging.Retention == nil {
			c.Report(c.fnPath(name, "logging"), "logs of function %s are kept forever; set logging: retention (here or in defaults.function)", name)
		}
	})
}

// eachEvent calls f for every event of every function, by function and
// event name.
func (c *Context) eachEvent(f func(fn string, e schema.Event, path string)) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			f(name, fn.Events[ev], path+".events."+ev)
		}
	})
}

func streamFailure(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		for _, s := range []struct {
			typ string
			se  *schema.StreamEvent
		}{{"dynamodb", e.DynamoDB}, {"kinesis", e.Kinesis}} {
			if s.se != nil && s.se.OnFailure == nil {
				c.Report(path+"."+s.typ, "%s event of function %s has no onFailure destination; records of failed batches are lost when they expire", s.typ, fn)
			}
		}
	})
}

// asyncEventTypes are the event types that invoke a function
// asynchronously.
var asyncEventTypes = []string{"s3", "sns", "eventBridge", "schedule", "scheduleV2"}

func asyncFailure(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		a, apath := c.App.AsyncOf(name)
		if dl, _ := c.App.DeadLetterOf(name); dl != nil || a != nil && a.OnFailure != nil {
			return
		}
		at, why := apath, "declares async invocation"
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			if t := fn.Events[ev].Types(); len(t) == 1 && slices.Contains(asyncEventTypes, t[0]) {
				at, why = path+".events."+ev, "is invoked asynchronously by its "+t[0]+" event "+ev
				break
			}
		}
		if at == "" {
			return
		}
		if !strings.HasPrefix(at, path) {
			at = path // a default: name the function, so its silence applies
		}
		c.Report(at, "function %s %s but has no async onFailure destination or deadLetter; events that fail after retries are dropped", name, why)
	})
}

func queueRedrivePolicy(c *Context) {
	exempt := c.failureTargets()
	for _, name := range slices.Sorted(maps.Keys(c.App.Queues)) {
		q := c.App.Queues[name]
		if q.Arn != "" || q.Redrive != nil || exempt[name] {
			continue
		}
		c.Report("queues."+name, "queue %s has no redrive policy; a message that keeps failing is retried until it expires", name)
	}
}

// failureTargets returns the names of queues that receive failures: every
// dead-letter queue and on-failure destination.
func (c *Context) failureTargets() map[string]bool {
	out := map[string]bool{}
	add := func(r *schema.Ref) {
		if r != nil && r.Kind == "queue" {
			out[r.Name] = true
		}
	}
	for _, q := range c.App.Queues {
		if q.Redrive != nil {
			add(&q.Redrive.DeadLetter)
		}
	}
	for _, d := range c.asyncDecls() {
		add(d.deadLetter)
		if d.async != nil {
			add(d.async.OnFailure)
		}
	}
	c.eachEvent(func(fn string, e schema.Event, path string) {
		switch {
		case e.SNS != nil:
			add(e.SNS.DeadLetter)
		case e.EventBridge != nil:
			add(e.EventBridge.DeadLetter)
		case e.DynamoDB != nil:
			add(e.DynamoDB.OnFailure)
		case e.Kinesis != nil:
			add(e.Kinesis.OnFailure)
		case e.ScheduleV2 != nil:
			add(e.ScheduleV2.DeadLetter)
		}
	})
	for _, r := range c.App.Rules {
		for _, t := range r.Targets {
			add(t.DeadLetter)
		}
	}
	for _, s := range c.App.Subscriptions {
		add(s.DeadLetter)
	}
	return out
}

func snsDeadLetter(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if e.SNS != nil && e.SNS.DeadLetter == nil {
			c.Report(path+".sns", "SNS subscription of function %s to topic %s has no deadLetter queue; messages SNS cannot deliver are dropped", fn, e.SNS.Topic.Name)
		}
	})
}

func eventBridgeDeadLetter(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if e.EventBridge != nil && e.EventBridge.DeadLetter == nil {
			c.Report(path+".eventBridge", "EventBridge rule targeting function %s has no deadLetter queue; events it cannot deliver are dropped", fn)
		}
	})
}
