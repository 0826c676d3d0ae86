package checks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

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

// stageThrottling reports the declared APIs whose stage does not throttle
// every route with both a rate and a burst (SG816), at the settings that
// fall short when there are some.
func stageThrottling(c *Context) {
	limited := func(t *schema.Throttle) bool { return t != nil && t.Burst != nil && t.Rate != nil }
	// The implicit APIs too, when implicitApi or implicitHttpApi
	// configures them and a route makes them (SG031 and SG032 report one
	// that none does).
	for _, api := range c.restApis() {
		if api.decl == nil && len(api.routes) == 0 {
			continue
		}
		ms := api.settings.MethodSettings
		stageWide := func(m schema.MethodSetting) bool { return m.Path == "/*" && m.Method == "*" && limited(m.Throttle) }
		if path := api.path; !slices.ContainsFunc(ms, stageWide) {
			if len(ms) > 0 {
				path += ".methodSettings"
			}
			c.Report(path, "%s does not throttle every method of its stage with a rate and a burst; add a stage-wide methodSettings entry: {throttle: {burst: N, rate: N}}", api.label)
		}
	}
	// routes reports a stage whose route settings (set) do not throttle.
	routes := func(label, path string, t *schema.Throttle, set bool) {
		if limited(t) {
			return
		}
		if set {
			path += ".defaultRouteSettings"
			if t != nil {
				path += ".throttle"
			}
		}
		c.Report(path, "%s does not throttle every route of its stage with a rate and a burst; set defaultRouteSettings: throttle: {burst: N, rate: N}", label)
	}
	for _, api := range c.httpApis() {
		if api.decl == nil && len(api.routes) == 0 {
			continue
		}
		var t *schema.Throttle
		if s := api.settings.DefaultRouteSettings; s != nil {
			t = s.Throttle
		}
		routes(api.label, api.path, t, api.settings.DefaultRouteSettings != nil)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.WebSocketApis)) {
		s := c.App.WebSocketApis[name].DefaultRouteSettings
		var t *schema.Throttle
		if s != nil {
			t = s.Throttle
		}
		routes("WebSocket API "+name, "webSocketApis."+name, t, s != nil)
	}
}

// publicRoutes reports the function and state machine routes of declared
// APIs, and of an implicit API that implicitApi or implicitHttpApi
// configures, that no authorizer guards, on an API with no default one,
// and the WebSocket APIs that accept every connection (SG817).
// authorizer: "NONE" says a route is public on purpose. Routes of an
// implicit API left unconfigured (a starter's hello route) are not
// reported.
func publicRoutes(c *Context) {
	check := func(owner, path, kind string, e *schema.ApiEvent) {
		if e == nil || e.Authorizer != "" {
			return
		}
		var api string
		switch {
		case e.Api != nil:
			api = "API " + e.Api.Name
		case kind == "api" && c.App.ImplicitApi != nil:
			api = "the implicit REST API (implicitApi)"
		case kind == "httpApi" && c.App.ImplicitHttpApi != nil:
			api = "the implicit HTTP API (implicitHttpApi)"
		default:
			return
		}
		if c.App.DefaultAuthorizer(schema.RouteApi(kind, e)) == "" {
			c.Report(path, "route %s %s of %s is public: it has no authorizer, and %s has no default one; give it one, or acknowledge it (lint: ignore: SG817: \"why it is public\")", e.Method, e.Path, owner, api)
		}
	}
	c.eachEvent(func(fn string, e schema.Event, path string) {
		check("function "+fn, path+".api", "api", e.Api)
		check("function "+fn, path+".httpApi", "httpApi", e.HttpApi)
	})
	for _, name := range slices.Sorted(maps.Keys(c.App.StateMachines)) {
		sm := c.App.StateMachines[name]
		for _, ev := range slices.Sorted(maps.Keys(sm.Events)) {
			check("state machine "+name, "stateMachines."+name+".events."+ev+".api", "api", sm.Events[ev].Api)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.WebSocketApis)) {
		if c.App.WebSocketApis[name].Authorizer == nil {
			c.Report("webSocketApis."+name, "WebSocket API %s accepts every connection: give it an authorizer (a function or iam: true), or acknowledge it (lint: ignore: SG817: \"why it is public\")", name)
		}
	}
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
		if e, _ := c.effective(name); e.Memory.IsZero() {
			c.Report(path, "function %s leaves memory at Lambda's default of 128 MB; set memory (here or in defaults.function)", name)
		}
	})
}

func timeoutSet(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if e, _ := c.effective(name); e.Timeout.IsZero() {
			c.Report(path, "function %s leaves timeout at Lambda's default of 3 seconds; set timeout (here or in defaults.function)", name)
		}
	})
}

func logRetention(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if e, _ := c.effective(name); e.Logging == nil || e.Logging.Retention.IsZero() {
			c.Report(c.fnPath(name, "logging"), "logs of function %s are kept forever; set logging: retention (here or in defaults.function)", name)
		}
	})
}

func streamFailure(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		t, opts, _ := e.Type()
		_, stream := opts.(schema.Streamed)
		_, msk := opts.(*schema.MSKEvent)
		if (stream || msk) && schema.OnFailureOf(opts) == nil {
			c.Report(path+"."+t.Name, "%s event of function %s has no onFailure destination; records of failed batches are lost when they expire", t.Name, fn)
		}
	})
}

func asyncFailure(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		a, apath := c.App.AsyncOf(name)
		if dl, _ := c.App.DeadLetterOf(name); dl != nil || a != nil && a.OnFailure != nil {
			return
		}
		at, why := apath, "declares async invocation"
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			if t, _, ok := fn.Events[ev].Type(); ok && t.Async {
				at, why = path+".events."+ev, "is invoked asynchronously by its "+t.Name+" event "+ev
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
		if q.Exists() || q.Redrive != nil || exempt[name] {
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
		case e.MSK != nil:
			add(e.MSK.OnFailure)
		}
	})
	for _, r := range c.App.Rules {
		for _, t := range r.Targets {
			add(t.DeadLetter)
		}
	}
	for _, sm := range c.App.StateMachines {
		for _, e := range sm.Events {
			switch {
			case e.EventBridge != nil:
				add(e.EventBridge.DeadLetter)
			case e.ScheduleV2 != nil:
				add(e.ScheduleV2.DeadLetter)
			}
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

// functionTimeout returns the effective timeout of function name in
// seconds (Lambda's default is 3); ok is false when it is known at deploy
// time only.
func (c *Context) functionTimeout(name string) (int, bool) {
	e, _ := c.effective(name)
	if e.Timeout.IsZero() {
		return 3, true
	}
	return e.Timeout.Int()
}

// sqsVisibilityAdvice: AWS advises a source queue's visibility timeout of
// at least six times the function's timeout, plus the batching window, so
// that Lambda can retry a batch when the function is throttled before the
// messages become visible again and are received twice (SG302 is the hard
// floor: the function's timeout itself).
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html#events-sqs-queueconfig
func sqsVisibilityAdvice(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		timeout, ok := c.functionTimeout(name)
		if !ok {
			return
		}
		for _, ev := range sortedKeys(fn.Events) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			q, ok := c.App.Queues[s.Queue.Name]
			if !ok || q.Exists() {
				continue
			}
			window, ok := s.BatchWindow.Int()
			if !ok && !s.BatchWindow.IsZero() {
				continue
			}
			v, ok := q.VisibilityTimeout.Int()
			if want := 6*timeout + window; ok && v >= timeout && v < want {
				c.Report(c.queuePath(s.Queue.Name, "visibilityTimeout"), "visibility timeout %ds of queue %s is under six times the %ds timeout of function %s (plus its batch window): AWS advises at least %ds, so that throttled batches are retried before their messages are received again", v, s.Queue.Name, timeout, name, want)
			}
		}
	})
}

// queuePath is the path of a queue's field when the spec sets it, else the
// queue's.
func (c *Context) queuePath(name, field string) string {
	if p := "queues." + name + "." + field; c.Inst.Has(p) {
		return p
	}
	return "queues." + name
}

// mappingEnabled returns the `enabled` option of an event source
// mapping's options; ok is false for an event that is no mapping.
func mappingEnabled(options any) (enabled schema.Value, ok bool) {
	switch o := options.(type) {
	case *schema.SQSEvent:
		return o.Enabled, true
	case schema.Streamed:
		return o.StreamOptions().Enabled, true
	case *schema.MSKEvent:
		return o.Enabled, true
	case *schema.SelfManagedKafkaEvent:
		return o.Enabled, true
	case *schema.MQEvent:
		return o.Enabled, true
	case *schema.DocumentDBEvent:
		return o.Enabled, true
	}
	return schema.Value{}, false
}

// stoppedConsumers: a reserved concurrency of 0 throttles every
// invocation, but an enabled event source mapping keeps polling: SQS
// messages are received again and again until they reach the dead-letter
// queue or expire, and stream records are retried until they expire.
// Stopping a consumer is `enabled: false` on its mappings.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
func stoppedConsumers(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if r, ok := fn.ReservedConcurrency.Int(); !ok || r != 0 {
			return
		}
		for _, ev := range sortedKeys(fn.Events) {
			t, opts, ok := fn.Events[ev].Type()
			if !ok {
				continue
			}
			enabled, ok := mappingEnabled(opts)
			if !ok {
				continue
			}
			if on, lit := enabled.Bool(); lit && !on {
				continue
			}
			c.Report(path+".reservedConcurrency", "function %s reserves no concurrency, so every invocation is throttled, but the mapping of its %s event %s keeps polling; set enabled: false on it while the function is stopped", name, t.Name, ev)
		}
	})
}

// secureDefaults: samgen turns on point-in-time recovery and blocks
// public access by default; turning either off is worth a reason.
func secureDefaults(c *Context) {
	for _, name := range sortedKeys(c.App.Tables) {
		if t := c.App.Tables[name]; !t.Exists() && !t.PointInTimeRecovery {
			c.Report("tables."+name+".pointInTimeRecovery", "table %s has point-in-time recovery turned off: a deleted or corrupted item cannot be restored", name)
		}
	}
	for _, name := range sortedKeys(c.App.Buckets) {
		if b := c.App.Buckets[name]; !b.Exists() && !b.BlockPublicAccess {
			c.Report("buckets."+name+".blockPublicAccess", "bucket %s does not block public access: a bucket policy or ACL could make its objects public", name)
		}
	}
}
