package checks

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// sfnScope is one workflow: a state machine's states, or those of a
// Parallel branch or Map item processor, which transitions cannot leave.
type sfnScope struct {
	machine schema.StateMachine
	// path is the spec path holding startAt and states.
	path    string
	startAt string
	states  map[string]schema.State
	// names are the states' names, sorted, and paths their spec paths.
	names, paths []string
}

func (s sfnScope) statePath(name string) string { return s.path + ".states." + schema.Label(name) }

// sfnScopes calls f for every workflow of every state machine, sorted by
// name, nested ones after their parent. The workflows are listed once per
// run, however many rules ask.
func (c *Context) sfnScopes(f func(sfnScope)) {
	if c.scopes == nil {
		c.scopes = []sfnScope{}
		var walk func(sfnScope)
		walk = func(sc sfnScope) {
			sc.names = slices.Sorted(maps.Keys(sc.states))
			sc.paths = make([]string, len(sc.names))
			for i, name := range sc.names {
				sc.paths[i] = sc.statePath(name)
			}
			c.scopes = append(c.scopes, sc)
			for i, name := range sc.names {
				s := sc.states[name]
				for j, br := range s.Branches {
					walk(sfnScope{machine: sc.machine, path: sc.paths[i] + ".branches[" + strconv.Itoa(j) + "]", startAt: br.StartAt, states: br.States})
				}
				if br := s.ItemProcessor; br != nil {
					walk(sfnScope{machine: sc.machine, path: sc.paths[i] + ".itemProcessor", startAt: br.StartAt, states: br.States})
				}
			}
		}
		for _, name := range slices.Sorted(maps.Keys(c.App.StateMachines)) {
			sm := c.App.StateMachines[name]
			if sm.Definition != nil && sm.Definition.Doc == nil {
				continue // the definition file could not be read: SG516
			}
			walk(sfnScope{machine: sm, path: "stateMachines." + name, startAt: sm.StartAt, states: sm.States})
		}
	}
	for _, sc := range c.scopes {
		f(sc)
	}
}

// sfnStates calls f for every state of every workflow.
func (c *Context) sfnStates(f func(sc sfnScope, name, path string, s schema.State)) {
	c.sfnScopes(func(sc sfnScope) {
		for i, name := range sc.names {
			f(sc, name, sc.paths[i], sc.states[name])
		}
	})
}

// transition is one edge of the state graph: the field naming the target.
type transition struct {
	field  string
	target string
}

func transitions(s schema.State) []transition {
	var out []transition
	if s.Next != "" {
		out = append(out, transition{"next", s.Next})
	}
	for i, r := range s.Choices {
		if n, ok := r["next"].(string); ok {
			out = append(out, transition{fmt.Sprintf("choices[%d].next", i), n})
		}
	}
	if s.Default != "" {
		out = append(out, transition{"default", s.Default})
	}
	for i, k := range s.Catch {
		out = append(out, transition{fmt.Sprintf("catch[%d].next", i), k.Next})
	}
	return out
}

func sfnTargets(c *Context) {
	c.sfnScopes(func(sc sfnScope) {
		missing := func(path, target string) {
			msg := fmt.Sprintf("no state %q in this workflow", target)
			if s := didyoumean.Suggest(target, sc.names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			c.Report(path, "%s", msg)
		}
		if _, ok := sc.states[sc.startAt]; !ok {
			missing(sc.path+".startAt", sc.startAt)
		}
		for i, name := range sc.names {
			for _, t := range transitions(sc.states[name]) {
				if _, ok := sc.states[t.target]; !ok {
					missing(sc.paths[i]+"."+t.field, t.target)
				}
			}
		}
	})
}

func sfnReachable(c *Context) {
	c.sfnScopes(func(sc sfnScope) {
		if _, ok := sc.states[sc.startAt]; !ok {
			return // SG501
		}
		seen := map[string]bool{sc.startAt: true}
		queue := []string{sc.startAt}
		for len(queue) > 0 {
			s := sc.states[queue[0]]
			queue = queue[1:]
			for _, t := range transitions(s) {
				if _, ok := sc.states[t.target]; ok && !seen[t.target] {
					seen[t.target] = true
					queue = append(queue, t.target)
				}
			}
		}
		for i, name := range sc.names {
			if !seen[name] {
				c.Report(sc.paths[i], "state %q is not reachable from startAt %q", name, sc.startAt)
			}
		}
	})
}

func sfnEnds(c *Context) {
	c.sfnScopes(func(sc sfnScope) {
		// ends holds the states with a path to an end. A transition to a
		// missing state counts as one: SG501 reports it.
		ends := map[string]bool{}
		for name, s := range sc.states {
			switch {
			case s.Terminal(), s.End:
				ends[name] = true
			case s.Type != "Choice" && s.Next == "":
				ends[name] = true
				c.Report(sc.statePath(name), "state %q needs next or end", name)
			}
		}
		for changed := true; changed; {
			changed = false
			for name, s := range sc.states {
				if ends[name] {
					continue
				}
				for _, t := range transitions(s) {
					if _, ok := sc.states[t.target]; !ok || ends[t.target] {
						ends[name], changed = true, true
						break
					}
				}
			}
		}
		for i, name := range sc.names {
			if !ends[name] {
				c.Report(sc.paths[i], "no path from state %q reaches an end: it loops forever", name)
			}
		}
	})
}

func sfnTransitions(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		switch {
		case s.Next != "" && s.End:
			c.Report(path+".end", "state %q has both next and end; give one", name)
		case s.Type == "Choice" || s.Terminal():
			if s.Next != "" {
				c.Report(path+".next", "a %s state takes no next", s.Type)
			}
			if s.End {
				c.Report(path+".end", "a %s state takes no end", s.Type)
			}
		}
	})
}

func sfnStatesAll(c *Context) {
	check := func(path, what string, lists [][]string) {
		for i, errs := range lists {
			if !slices.Contains(errs, "States.ALL") {
				continue
			}
			p := fmt.Sprintf("%s[%d].errorEquals", path, i)
			if len(errs) > 1 {
				c.Report(p, "States.ALL must be alone in errorEquals")
			}
			if i != len(lists)-1 {
				c.Report(p, "the %s on States.ALL must be the last one: the %d after it can never match", what, len(lists)-1-i)
			}
		}
	}
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		var retry, catch [][]string
		for _, r := range s.Retry {
			retry = append(retry, r.ErrorEquals)
		}
		for _, k := range s.Catch {
			catch = append(catch, k.ErrorEquals)
		}
		check(path+".retry", "retrier", retry)
		check(path+".catch", "catcher", catch)
	})
}

func sfnExpressPatterns(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if sc.machine.Type == "EXPRESS" && (policies.Sync(s.Pattern) || s.Pattern == "waitForTaskToken") {
			c.Report(path+".pattern", "EXPRESS state machine %s cannot use the %s pattern; only request-response", sc.machine.Ref.Name, s.Pattern)
		}
	})
}

func sfnChoiceDefault(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if s.Type == "Choice" && s.Default == "" {
			c.Report(path, "Choice state %q has no default: when no rule matches, the execution fails with States.NoChoiceMatched", name)
		}
	})
}

func sfnStateNames(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if n := utf8.RuneCountInString(name); n == 0 || n > 80 {
			c.Report(path, "state name is %d characters; the limit is 80", n)
		}
	})
}

func sfnShapes(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.StateMachines)) {
		for _, ev := range slices.Sorted(maps.Keys(c.App.StateMachines[name].Events)) {
			e := c.App.StateMachines[name].Events[ev]
			if n := len(e.Types()); n != 1 {
				var names []string
				for _, t := range schema.StateMachineEventTypes {
					names = append(names, t.Name)
				}
				c.Report("stateMachines."+name+".events."+ev, "an event has exactly one type (%s), found %d", strings.Join(names, ", "), n)
			}
		}
	}
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		bad := func(field, format string, args ...any) {
			c.Report(path+field, format, args...)
		}
		switch s.Type {
		case "Task":
			if c.Inst.InDocument(path) {
				// Read from a definition file: its binding's findings (SG519).
			} else if s.Integration == "" {
				bad("", "Task state %q names no service: write it with a typed integration, such as schema.#DynamoDBPutItem & {...}", name)
			} else if c.Inst.Has(path + ".integration") {
				// Written by hand, the integration's required fields and
				// their types are not checked.
				bad(".integration", "integration is set by the typed integration definitions; write state %q as one, such as schema.#DynamoDBPutItem & {...}", name)
			}
		case "Choice":
			if len(s.Choices) == 0 {
				bad("", "Choice state %q needs choices", name)
			}
			for i, r := range s.Choices {
				if _, ok := r["next"]; !ok {
					bad(fmt.Sprintf(".choices[%d]", i), "a top-level choice rule needs next")
				}
				choiceRuleShape(c, fmt.Sprintf("%s.choices[%d]", path, i), r, true, cmp.Or(s.QueryLanguage, sc.machine.QueryLanguage, "JSONPath"))
			}
		case "Wait":
			n := 0
			for _, set := range []bool{s.Seconds != nil, s.Timestamp != "", s.SecondsPath != "", s.TimestampPath != ""} {
				if set {
					n++
				}
			}
			if n != 1 {
				bad("", "Wait state %q needs exactly one of seconds, timestamp, secondsPath, timestampPath; found %d", name, n)
			}
		case "Parallel":
			if len(s.Branches) == 0 {
				bad("", "Parallel state %q needs branches", name)
			}
		case "Map":
			if s.ItemProcessor == nil {
				bad("", "Map state %q needs an itemProcessor", name)
			}
		}
		if s.Type != "Task" && s.Integration != "" {
			bad(".integration", "only a Task state calls an integration")
		}
		for _, f := range stateFields {
			if f.set(s) && !slices.Contains(f.types, s.Type) {
				only := ""
				if len(f.types) <= 4 {
					only = " (" + strings.Join(f.types, ", ") + " only)"
				}
				bad("."+f.field, "a %s state takes no %s%s", s.Type, f.field, only)
			}
		}
		if s.Type == "Fail" {
			// "You can specify either Error or ErrorPath, but not both"
			// (and Cause or CausePath): the Fail state's page of the
			// Step Functions developer guide.
			if s.Error != "" && s.ErrorPath != "" {
				bad(".errorPath", "Fail state %q gives both error and errorPath; give one", name)
			}
			if s.Cause != "" && s.CausePath != "" {
				bad(".causePath", "Fail state %q gives both cause and causePath; give one", name)
			}
		}
		if s.Type != "Choice" && (len(s.Choices) > 0 || s.Default != "") {
			bad("", "only a Choice state takes choices and default")
		}
		if s.Type != "Parallel" && len(s.Branches) > 0 {
			bad(".branches", "only a Parallel state takes branches")
		}
		if s.Type != "Map" && s.ItemProcessor != nil {
			bad(".itemProcessor", "only a Map state takes an itemProcessor")
		}
		ql := cmp.Or(s.QueryLanguage, sc.machine.QueryLanguage, "JSONPath")
		for _, f := range []struct {
			field string
			set   bool
			ql    string
		}{
			{"inputPath", s.InputPath != nil, "JSONPath"}, {"outputPath", s.OutputPath != nil, "JSONPath"},
			{"resultPath", s.ResultPath != nil, "JSONPath"}, {"parameters", s.Parameters != nil, "JSONPath"},
			{"resultSelector", s.ResultSelector != nil, "JSONPath"},
			{"arguments", s.Arguments != nil, "JSONata"}, {"output", s.Output != nil, "JSONata"},
		} {
			if f.set && f.ql != ql {
				bad("."+f.field, "%s is a %s field; state %q uses %s", f.field, f.ql, name, ql)
			}
		}
	})
}

// stateFields are the fields only some state types take, with those
// types: the ASL specification's "Table of State Types and Fields" and the
// fields it leaves out as unique to one type (states-language.net/spec.html).
// Step Functions rejects a definition with a field its state's type does
// not take ("SCHEMA_VALIDATION_FAILED: Field 'ResultPath' is not
// supported at /States/Wait"). choices, default, branches and
// itemProcessor have checks of their own above.
var stateFields = func() []stateField {
	io := []string{"Task", "Parallel", "Map", "Pass", "Wait", "Choice", "Succeed"}
	work := []string{"Task", "Parallel", "Map"}
	withPass := append(slices.Clip(work), "Pass")
	task, pass, wait, mapState, fail := []string{"Task"}, []string{"Pass"}, []string{"Wait"}, []string{"Map"}, []string{"Fail"}
	return []stateField{
		{"inputPath", io, func(s schema.State) bool { return s.InputPath != nil }},
		{"outputPath", io, func(s schema.State) bool { return s.OutputPath != nil }},
		{"resultPath", withPass, func(s schema.State) bool { return s.ResultPath != nil }},
		{"parameters", withPass, func(s schema.State) bool { return s.Parameters != nil }},
		{"resultSelector", work, func(s schema.State) bool { return s.ResultSelector != nil }},
		{"retry", work, func(s schema.State) bool { return len(s.Retry) > 0 }},
		{"catch", work, func(s schema.State) bool { return len(s.Catch) > 0 }},
		{"timeoutSeconds", task, func(s schema.State) bool { return s.TimeoutSeconds != nil }},
		{"heartbeatSeconds", task, func(s schema.State) bool { return s.HeartbeatSeconds != nil }},
		{"result", pass, func(s schema.State) bool { return s.Result != nil }},
		{"seconds", wait, func(s schema.State) bool { return s.Seconds != nil }},
		{"timestamp", wait, func(s schema.State) bool { return s.Timestamp != "" }},
		{"secondsPath", wait, func(s schema.State) bool { return s.SecondsPath != "" }},
		{"timestampPath", wait, func(s schema.State) bool { return s.TimestampPath != "" }},
		{"itemsPath", mapState, func(s schema.State) bool { return s.ItemsPath != "" }},
		{"items", mapState, func(s schema.State) bool { return s.Items != nil }},
		{"itemSelector", mapState, func(s schema.State) bool { return s.ItemSelector != nil }},
		{"maxConcurrency", mapState, func(s schema.State) bool { return s.MaxConcurrency != nil }},
		{"error", fail, func(s schema.State) bool { return s.Error != "" }},
		{"cause", fail, func(s schema.State) bool { return s.Cause != "" }},
		{"errorPath", fail, func(s schema.State) bool { return s.ErrorPath != "" }},
		{"causePath", fail, func(s schema.State) bool { return s.CausePath != "" }},
	}
}()

// choiceRuleShape checks that a choice rule tests one thing (SG509). A
// JSONPath rule is a boolean expression (and, or or not) or a data test (a
// variable and exactly one comparison operator): "Each choice rule MUST
// contain exactly one field containing a comparison operator", and a
// nested rule "MUST NOT contain a Next field" (the ASL specification). A
// JSONata rule is a condition.
func choiceRuleShape(c *Context, path string, r schema.ChoiceRule, top bool, ql string) {
	var ops []string
	for _, k := range sortedKeys(r) {
		switch k {
		case "next", "comment", "output", "assign", "variable", "condition":
		default:
			ops = append(ops, k)
		}
	}
	_, variable := r["variable"]
	_, condition := r["condition"]
	_, next := r["next"]
	switch {
	case !top && next:
		c.Report(path+".next", "a nested choice rule takes no next: the top-level rule it is in names the state")
	case ql == "JSONata" && !condition:
		c.Report(path, "a JSONata choice rule is a condition: {condition: \"{%% ... %%}\", next: ...}")
	case ql == "JSONata":
	case condition:
		c.Report(path+".condition", "condition is a JSONata field; the state uses JSONPath, whose rules compare a variable")
	case len(ops) == 0:
		c.Report(path, "a choice rule tests one thing: and, or, not, or one comparison of variable (stringEquals, numericGreaterThan, isPresent, ...); this one tests nothing")
	case len(ops) > 1:
		c.Report(path, "a choice rule tests one thing: and, or, not, or one comparison of variable; found %s", strings.Join(ops, ", "))
	case slices.Contains([]string{"and", "or", "not"}, ops[0]) && variable:
		c.Report(path+".variable", "a choice rule with %s combines rules and takes no variable: give each rule in it its own", ops[0])
	case !slices.Contains([]string{"and", "or", "not"}, ops[0]) && !variable:
		c.Report(path, "choice rule %s needs the variable it compares, such as variable: \"$.status\"", ops[0])
	}
	for _, k := range []string{"and", "or"} {
		subs, _ := r[k].([]any)
		for i, sub := range subs {
			if m, ok := sub.(map[string]any); ok {
				choiceRuleShape(c, fmt.Sprintf("%s.%s[%d]", path, k, i), m, false, ql)
			}
		}
	}
	if m, ok := r["not"].(map[string]any); ok {
		choiceRuleShape(c, path+".not", m, false, ql)
	}
}

// stateField is a field of stateFields: its name, the state types that
// take it, and whether a state sets it.
type stateField struct {
	field string
	types []string
	set   func(schema.State) bool
}

// lambdaTransient are the errors AWS advises retrying on a Lambda task.
var lambdaTransient = []string{"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"}

func sfnLambdaRetry(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if s.Integration != "lambda:invoke" {
			return
		}
		covered := map[string]bool{}
		for _, r := range s.Retry {
			if r.MaxAttempts != nil && *r.MaxAttempts == 0 {
				continue
			}
			for _, e := range r.ErrorEquals {
				if e == "States.ALL" || e == "States.TaskFailed" {
					return
				}
				covered[e] = true
			}
		}
		var missing []string
		for _, e := range lambdaTransient {
			if !covered[e] {
				missing = append(missing, e)
			}
		}
		if len(missing) > 0 {
			c.Report(path, "Lambda task %q does not retry the transient errors %s", name, strings.Join(missing, ", "))
		}
	})
}

func sfnTaskToken(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		if s.Pattern != "waitForTaskToken" {
			return
		}
		payload := fmt.Sprint(s.Payload, s.MessageBody, s.Message, s.Input, s.Entries, s.Parameters, s.Arguments, s.Body)
		if !strings.Contains(payload, "$$.Task.Token") && !strings.Contains(payload, "$states.context.Task.Token") {
			c.Report(path+".pattern", "task %q waits for a task token but does not pass $$.Task.Token to the service", name)
		}
	})
}

func sfnCycles(c *Context) {
	invokes := map[string]map[string]bool{} // state machine → functions
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		sm := sc.machine.Ref
		if s.Integration == "states:startExecution" && s.StateMachine != nil && s.StateMachine.Ref != nil && s.StateMachine.Ref.Is(sm) {
			c.Report(path+".stateMachine", "state machine %s starts itself: its role would name its own ARN, a circular dependency", sm.Name)
		}
		if s.Integration == "lambda:invoke" && s.Function != nil && s.Function.Ref != nil {
			if invokes[sm.Name] == nil {
				invokes[sm.Name] = map[string]bool{}
			}
			invokes[sm.Name][s.Function.Ref.Name] = true
		}
	})
	for _, smName := range slices.Sorted(maps.Keys(invokes)) {
		sm := schema.Ref{Kind: "stateMachine", Name: smName}
		for _, fn := range slices.Sorted(maps.Keys(invokes[smName])) {
			f := c.App.Functions[fn]
			path := "functions." + fn
			loop := func(p string) {
				c.Report(p, "function %s refers to state machine %s, which invokes it: CloudFormation cannot create either first (circular dependency)", fn, smName)
			}
			for i, a := range f.Access {
				for _, g := range a.Grants() {
					if g.Target.Is(sm) {
						loop(fmt.Sprintf("%s.access[%d].%s", path, i, g.Verb))
					}
				}
			}
			schema.Refs(f.Env, path+".env", func(at string, r schema.Ref) {
				if r.Is(sm) {
					loop(at)
				}
			})
		}
	}
}

func sfnExpressLogging(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.StateMachines)) {
		if sm := c.App.StateMachines[name]; sm.Type == "EXPRESS" && sm.Logging == nil {
			c.Report("stateMachines."+name, "EXPRESS state machine %s keeps no execution history; set logging to see its failures", name)
		}
	}
}

func sfnUniqueNames(c *Context) {
	first := map[string]map[string]string{} // state machine → state name → path
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		seen := first[sc.machine.Ref.Name]
		if seen == nil {
			seen = map[string]string{}
			first[sc.machine.Ref.Name] = seen
		}
		if p, dup := seen[name]; dup {
			c.Report(path, "state name %q is also used at %s; state names are unique in a state machine", name, p)
			return
		}
		seen[name] = path
	})
}

func sfnFifoGroup(c *Context) {
	c.sfnStates(func(sc sfnScope, name, path string, s schema.State) {
		var target string
		switch {
		case s.Integration == "sqs:sendMessage" && s.Queue != nil:
			if c.App.Fifo(*s.Queue) {
				target = "queue " + s.Queue.Name
			}
		case s.Integration == "sns:publish" && s.Topic != nil:
			if c.App.Fifo(*s.Topic) {
				target = "topic " + s.Topic.Name
			}
		}
		if target == "" {
			return
		}
		args, _ := s.Arguments.(map[string]any)
		for _, m := range []map[string]any{s.Parameters, args} {
			if _, ok := m["MessageGroupId"]; ok {
				return
			}
			if _, ok := m["MessageGroupId.$"]; ok {
				return
			}
		}
		c.Report(path, "a message to FIFO %s needs MessageGroupId in parameters", target)
	})
}

func stateMachineAlias(c *Context) {
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		path := "stateMachines." + schema.Label(name)
		if sm.Alias == "" {
			if sm.Deployment != nil {
				c.Report(path+".deployment", "a deployment shifts the traffic of an alias: set alias")
			}
			if sm.AliasAsEventTarget != nil && *sm.AliasAsEventTarget {
				c.Report(path+".aliasAsEventTarget", "aliasAsEventTarget needs alias")
			}
		}
		if d := sm.Deployment; d != nil {
			gradual := d.Type != "ALL_AT_ONCE"
			if gradual && (d.Percentage == nil || d.Interval == nil) {
				c.Report(path+".deployment", "a %s deployment needs percentage and interval", d.Type)
			}
			if !gradual && (d.Percentage != nil || d.Interval != nil) {
				c.Report(path+".deployment", "an ALL_AT_ONCE deployment takes no percentage or interval")
			}
		}
	}
}

// ownRoleFields are what configures the role SAM generates, which a
// state machine with its own role does not get.
var ownRoleFields = []string{"statements", "rolePath", "permissionsBoundary"}

func stateMachineOwnRole(c *Context) {
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		path := "stateMachines." + schema.Label(name)
		if sm.Role.IsZero() {
			continue
		}
		for _, f := range ownRoleFields {
			if c.Inst.Has(path + "." + f) {
				c.Report(path+"."+f, "state machine %s brings its own role, so SAM generates none to apply %s to: put it in that role", name, f)
			}
		}
	}
}

// stateMachineRoleGrants compares the grants a state machine with its own
// role needs with those of the role, when it is a raw AWS::IAM::Role of the
// app: what is missing would fail at run time (SG522). Another role (an
// ARN, an import) cannot be read: SG523 lists what it must grant.
func stateMachineRoleGrants(c *Context) {
	c.ownRoles(func(name, path string, sm schema.StateMachine, needed []policies.Row, role *schema.RawResource) {
		if role == nil {
			return
		}
		have := roleGrants(c.App, role)
		var missing []string
		for _, r := range needed {
			if !slices.ContainsFunc(have, func(h [2]string) bool { return grantCovers(h, r) }) {
				missing = append(missing, fmt.Sprintf("%s on %s (%s)", r.Action, r.Resource, r.Source))
			}
		}
		if len(missing) > 0 {
			ref, _, _ := sm.Role.Ref()
			c.Report(path+".role", "role %s does not grant what state machine %s needs: %s%s", ref.Name, name, strings.Join(missing, "; "), managedCaveat(role))
		}
	})
}

func stateMachineForeignRole(c *Context) {
	c.ownRoles(func(name, path string, sm schema.StateMachine, needed []policies.Row, role *schema.RawResource) {
		if role != nil || len(needed) == 0 {
			return
		}
		var want []string
		for _, r := range needed {
			want = append(want, fmt.Sprintf("%s on %s", r.Action, r.Resource))
		}
		c.Report(path+".role", "samgen cannot read role %s: make sure it grants what state machine %s needs: %s", sm.Role.Text(), name, strings.Join(want, "; "))
	})
}

// ownRoles calls f for every state machine with its own role, with the
// grants it needs and the role when the app declares it as a raw role.
func (c *Context) ownRoles(f func(name, path string, sm schema.StateMachine, needed []policies.Row, role *schema.RawResource)) {
	for _, name := range sortedKeys(c.App.StateMachines) {
		sm := c.App.StateMachines[name]
		if sm.Role.IsZero() {
			continue
		}
		needed, err := policies.ExplainStateMachine(c.App, name)
		if err != nil {
			continue // the state's own finding
		}
		var role *schema.RawResource
		if r, _, ok := sm.Role.Ref(); ok && r.Kind == "resource" {
			if raw, ok := c.App.Resources[r.Name]; ok && raw.Type == "AWS::IAM::Role" {
				role = &raw
			}
		}
		f(name, "stateMachines."+schema.Label(name), sm, needed, role)
	}
}

func managedCaveat(role *schema.RawResource) string {
	if _, ok := role.Properties["ManagedPolicyArns"]; ok {
		return " (unless its managed policies do, which samgen cannot read)"
	}
	return ""
}

// roleGrants are the (action, resource) pairs a raw role's inline policies
// allow, resources formatted as policies.Format writes them.
func roleGrants(a *schema.App, role *schema.RawResource) [][2]string {
	doc, err := a.ResolveJSON(role.Properties["Policies"])
	if err != nil {
		return nil
	}
	var out [][2]string
	list, _ := doc.([]any)
	for _, p := range list {
		pm, _ := p.(map[string]any)
		pd, _ := pm["PolicyDocument"].(map[string]any)
		stmts, _ := pd["Statement"].([]any)
		if s, ok := pd["Statement"].(map[string]any); ok {
			stmts = []any{s}
		}
		for _, x := range stmts {
			s, _ := x.(map[string]any)
			if s["Effect"] != "Allow" {
				continue
			}
			for _, act := range stringsOf(s["Action"]) {
				for _, res := range anyList(s["Resource"]) {
					out = append(out, [2]string{act, policies.Format(res)})
				}
			}
		}
	}
	return out
}

func stringsOf(x any) []string {
	var out []string
	for _, e := range anyList(x) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func anyList(x any) []any {
	if l, ok := x.([]any); ok {
		return l
	}
	if x == nil {
		return nil
	}
	return []any{x}
}

// grantCovers reports whether an allowed (action, resource) covers a
// needed row: IAM matches actions case-insensitively, and both with the
// wildcards * and ?.
func grantCovers(have [2]string, need policies.Row) bool {
	return policies.WildcardMatch(strings.ToLower(have[0]), strings.ToLower(need.Action)) && policies.WildcardMatch(have[1], need.Resource)
}
