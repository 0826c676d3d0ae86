// Package graph draws an app for review: its resources as nodes grouped
// by kind, events as edges into what they trigger, access as edges
// labelled with the verb that grants it, and destinations, dead-letter
// targets and redrives as dashed edges. It writes Mermaid (which GitHub
// renders in Markdown) and Graphviz DOT.
package graph

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// Graph is an app as nodes and edges.
type Graph struct {
	// Groups hold the nodes, one group per kind, in a fixed order.
	Groups []Group
	Edges  []Edge
}

// Group is the nodes of one kind.
type Group struct {
	// ID is the kind's collection ("functions"), Title how it is shown.
	ID, Title string
	Nodes     []Node
}

// Node is one resource.
type Node struct {
	// ID is the resource's logical ID (alphanumeric, unique in a
	// template), so a template change can mark it.
	ID    string
	Label string
	Shape Shape
	// Existing marks a resource the app uses but does not create.
	Existing bool
	// Mark is what a change does to it (Added, Removed, Replaced), "" for
	// nothing.
	Mark string
}

// Shape is how a node is drawn.
type Shape int

// Shapes.
const (
	Box      Shape = iota // functions
	Rounded               // state machines
	Cylinder              // tables, buckets, streams
	Queue                 // queues
	Hexagon               // topics, buses
	Slanted               // APIs
	Circle                // schedules
	Note                  // keys, parameters, secrets, proxies
)

// Marks a diff puts on nodes.
const (
	Added    = "added"
	Removed  = "removed"
	Replaced = "replaced"
)

// Edge is a relation between two nodes.
type Edge struct {
	From, To string
	Label    string
	// Dashed marks where failures and leftovers go: destinations,
	// dead-letter targets, redrives, on-failure destinations.
	Dashed bool
}

// groups are the groups drawn, in order: where requests and events come
// from, the compute, then what holds and carries data; last what the spec
// names by ARN where it could name a declaration.
var groups = []struct {
	kind, title string
	shape       Shape
}{
	{"api", "REST APIs", Slanted},
	{"httpApi", "HTTP APIs", Slanted},
	{"webSocketApi", "WebSocket APIs", Slanted},
	{"schedule", "Schedules", Circle},
	{"function", "Functions", Box},
	{"stateMachine", "State machines", Rounded},
	{"table", "Tables", Cylinder},
	{"bucket", "Buckets", Cylinder},
	{"stream", "Streams", Cylinder},
	{"queue", "Queues", Queue},
	{"topic", "Topics", Hexagon},
	{"bus", "Event buses", Hexagon},
	{"key", "Keys", Note},
	{"param", "Parameters", Note},
	{"secret", "Secrets", Note},
	{"proxy", "Database proxies", Note},
	{"external", "Existing resources", Note},
}

func groupIndex(kind string) int {
	return slices.IndexFunc(groups, func(g struct {
		kind, title string
		shape       Shape
	}) bool {
		return g.kind == kind
	})
}

// Of draws app a.
func Of(a *schema.App) *Graph {
	b := &builder{app: a, g: &Graph{}, groups: map[string]int{}, nodes: map[string]bool{}}
	for _, gr := range groups {
		k, ok := schema.KindOf(gr.kind)
		if !ok {
			continue // a group of what the spec does not declare
		}
		for _, name := range k.Names(a) {
			d, _ := a.Decl(schema.Ref{Kind: gr.kind, Name: name})
			label := name
			if !d.Owned {
				label += " (existing)"
			}
			b.node(gr.kind, Node{ID: schema.LogicalID(d.Ref), Label: label, Shape: gr.shape, Existing: !d.Owned})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.Functions)) {
		b.function(name, a.Functions[name])
	}
	for _, name := range slices.Sorted(maps.Keys(a.StateMachines)) {
		b.stateMachine(name, a.StateMachines[name])
	}
	for _, name := range slices.Sorted(maps.Keys(a.Queues)) {
		if r := a.Queues[name].Redrive; r != nil {
			b.edge(b.id(a.Queues[name].Ref), b.id(r.DeadLetter), "redrive", true)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.Subscriptions)) {
		s := a.Subscriptions[name]
		b.edge(b.id(s.Topic), b.id(s.Queue), "subscription", false)
		if s.DeadLetter != nil {
			b.edge(b.id(s.Topic), b.id(*s.DeadLetter), "undelivered", true)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.Rules)) {
		b.rule(name, a.Rules[name])
	}
	serviceRoutes := func(api schema.Ref, routes map[string]schema.ServiceRoute) {
		for _, k := range slices.Sorted(maps.Keys(routes)) {
			schema.Refs(routes[k], "", func(_ string, r schema.Ref) {
				b.edge(b.id(api), b.id(r), k, false)
			})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.HttpApis)) {
		serviceRoutes(a.HttpApis[name].Ref, a.HttpApis[name].Integrations)
	}
	for _, name := range slices.Sorted(maps.Keys(a.Apis)) {
		serviceRoutes(a.Apis[name].Ref, a.Apis[name].Integrations)
	}
	for _, name := range slices.Sorted(maps.Keys(a.WebSocketApis)) {
		ws := a.WebSocketApis[name]
		for _, k := range slices.Sorted(maps.Keys(ws.Routes)) {
			b.edge(b.id(ws.Ref), b.id(ws.Routes[k].Function), k, false)
		}
		if az := ws.Authorizer; az != nil && az.Function != nil {
			b.edge(b.id(ws.Ref), b.id(*az.Function), "authorizer", true)
		}
	}
	for i := range b.g.Groups {
		slices.SortFunc(b.g.Groups[i].Nodes, func(x, y Node) int { return strings.Compare(x.ID, y.ID) })
	}
	slices.SortStableFunc(b.g.Groups, func(x, y Group) int { return groupIndex(x.ID) - groupIndex(y.ID) })
	return b.g
}

type builder struct {
	app    *schema.App
	g      *Graph
	groups map[string]int
	nodes  map[string]bool
}

// node adds n to the group of kind, a kind of [groups].
func (b *builder) node(kind string, n Node) {
	if b.nodes[n.ID] {
		return
	}
	b.nodes[n.ID] = true
	i, ok := b.groups[kind]
	if !ok {
		b.g.Groups = append(b.g.Groups, Group{ID: kind, Title: groups[groupIndex(kind)].title})
		i = len(b.g.Groups) - 1
		b.groups[kind] = i
	}
	b.g.Groups[i].Nodes = append(b.g.Groups[i].Nodes, n)
}

func (b *builder) edge(from, to, label string, dashed bool) {
	if from == "" || to == "" {
		return
	}
	b.g.Edges = append(b.g.Edges, Edge{From: from, To: to, Label: label, Dashed: dashed})
}

// id is the node of a reference; an undeclared one (a raw resource, a
// layer) has none.
func (b *builder) id(r schema.Ref) string {
	if !b.app.Declared(r) {
		return ""
	}
	d, _ := b.app.Decl(r)
	id := schema.LogicalID(d.Ref)
	if !b.nodes[id] {
		return ""
	}
	return id
}

// external is the node of a resource given by ARN where a ref could be
// (a Kinesis stream): a node labelled with the ARN's name.
// label shows a value on a node: a string as written, an expression in
// CloudFormation's short form.
func label(v schema.Value) string {
	if s, ok := v.Template(); ok {
		return s
	}
	return v.Text()
}

func (b *builder) external(arn string) string {
	name := schema.ArnName(arn)
	id := "Arn" + schema.EventID(name)
	b.node("external", Node{ID: id, Label: name + " (existing)", Shape: Note, Existing: true})
	return id
}

func (b *builder) function(name string, f schema.Function) {
	fn := b.id(f.Ref)
	if fn == "" {
		return
	}
	for _, ev := range slices.Sorted(maps.Keys(f.Events)) {
		e := f.Events[ev]
		t, opts, ok := e.Type()
		if !ok {
			continue
		}
		switch o := opts.(type) {
		case *schema.ApiEvent:
			b.edge(b.api(t.Name, o.Api), fn, o.Method+" "+o.Path, false)
		case *schema.ScheduleEvent:
			b.edge(b.schedule(fn+schema.EventID(ev), o.Expression), fn, "schedule", false)
		case *schema.ScheduleV2Event:
			b.edge(b.schedule(fn+schema.EventID(ev), o.Expression), fn, "schedule", false)
			if o.DeadLetter != nil {
				b.edge(fn+schema.EventID(ev), b.id(*o.DeadLetter), "dead letter", true)
			}
		case *schema.SQSEvent:
			b.edge(b.id(o.Queue), fn, "sqs", false)
		case *schema.SNSEvent:
			b.edge(b.id(o.Topic), fn, "sns", false)
			if o.DeadLetter != nil {
				b.edge(b.id(o.Topic), b.id(*o.DeadLetter), "undelivered", true)
			}
		case *schema.EventBridgeEvent:
			b.edge(b.bus(o.Bus), fn, "rule "+ev, false)
			if o.DeadLetter != nil {
				b.edge(b.bus(o.Bus), b.id(*o.DeadLetter), "dead letter", true)
			}
		case *schema.DynamoDBEvent:
			b.edge(b.id(o.Table), fn, "stream", false)
			b.onFailure(fn, o.OnFailure)
		case *schema.KinesisEvent:
			src := ""
			if r, _, ok := o.Stream.Ref(); ok {
				src = b.id(r)
			} else {
				src = b.external(label(o.Stream))
			}
			b.edge(src, fn, "kinesis", false)
			b.onFailure(fn, o.OnFailure)
		case *schema.S3Event:
			b.edge(b.id(o.Bucket), fn, "s3", false)
		}
	}
	for _, acc := range f.Access {
		for _, g := range acc.Grants() {
			b.edge(fn, b.id(*g.Target), g.Verb, false)
		}
	}
	if as, _ := b.app.AsyncOf(name); as != nil {
		if as.OnSuccess != nil {
			b.edge(fn, b.id(*as.OnSuccess), "onSuccess", true)
		}
		if as.OnFailure != nil {
			b.edge(fn, b.id(*as.OnFailure), "onFailure", true)
		}
	}
	if dl, _ := b.app.DeadLetterOf(name); dl != nil {
		b.edge(fn, b.id(*dl), "dead letter", true)
	}
}

func (b *builder) onFailure(fn string, r *schema.Ref) {
	if r != nil {
		b.edge(fn, b.id(*r), "onFailure", true)
	}
}

// api is the node of an event's API: the declared one, else the implicit
// API SAM makes.
func (b *builder) api(kind string, r *schema.Ref) string {
	if r != nil {
		return b.id(*r)
	}
	if kind == "httpApi" {
		b.node("httpApi", Node{ID: schema.ImplicitHttpApiID, Label: "implicit HTTP API", Shape: Slanted})
		return schema.ImplicitHttpApiID
	}
	b.node("api", Node{ID: schema.ImplicitRestApiID, Label: "implicit REST API", Shape: Slanted})
	return schema.ImplicitRestApiID
}

// bus is the node of an event's bus: the declared one, else the account's
// default bus.
func (b *builder) bus(r *schema.Ref) string {
	if r != nil {
		return b.id(*r)
	}
	b.node("bus", Node{ID: "DefaultBus", Label: "default bus (existing)", Shape: Hexagon, Existing: true})
	return "DefaultBus"
}

// schedule is the node of a schedule; id is the rule's logical ID.
func (b *builder) schedule(id, expression string) string {
	b.node("schedule", Node{ID: id, Label: expression, Shape: Circle})
	return id
}

func (b *builder) stateMachine(name string, sm schema.StateMachine) {
	id := b.id(sm.Ref)
	if id == "" {
		return
	}
	for _, ev := range slices.Sorted(maps.Keys(sm.Events)) {
		e := sm.Events[ev]
		switch {
		case e.Schedule != nil:
			b.edge(b.schedule(id+schema.StateMachineEventID(ev), e.Schedule.Expression), id, "schedule", false)
		case e.Api != nil:
			b.edge(b.api("api", e.Api.Api), id, e.Api.Method+" "+e.Api.Path, false)
		case e.EventBridge != nil:
			b.edge(b.bus(e.EventBridge.Bus), id, "rule "+ev, false)
		}
	}
	var walk func(states map[string]schema.State)
	walk = func(states map[string]schema.State) {
		for _, n := range slices.Sorted(maps.Keys(states)) {
			st := states[n]
			if st.Type == "Task" && st.Integration != "" {
				schema.Refs(st, "", func(_ string, r schema.Ref) {
					b.edge(id, b.id(r), st.Integration, false)
				})
			}
			for _, br := range st.Branches {
				walk(br.States)
			}
			if st.ItemProcessor != nil {
				walk(st.ItemProcessor.States)
			}
		}
	}
	walk(sm.States)
}

func (b *builder) rule(name string, r schema.EventRule) {
	src := b.bus(r.Bus)
	if !r.Schedule.IsZero() {
		src = b.schedule(b.app.RuleID(name), label(r.Schedule))
	}
	for _, tn := range slices.Sorted(maps.Keys(r.Targets)) {
		t := r.Targets[tn]
		if target := t.Target(); target != nil {
			b.edge(src, b.id(*target), "rule "+name, false)
		}
		if t.DeadLetter != nil {
			b.edge(src, b.id(*t.DeadLetter), "dead letter", true)
		}
	}
}

// Mark sets the mark of the nodes whose logical IDs marks names, and adds
// a node (in a group "removed") for each removed one not in the graph.
func (g *Graph) Mark(marks map[string]string) {
	seen := map[string]bool{}
	for i := range g.Groups {
		for j := range g.Groups[i].Nodes {
			n := &g.Groups[i].Nodes[j]
			seen[n.ID] = true
			n.Mark = marks[n.ID]
		}
	}
	var gone []Node
	for _, id := range slices.Sorted(maps.Keys(marks)) {
		if !seen[id] && marks[id] == Removed {
			gone = append(gone, Node{ID: id, Label: id, Shape: Box, Mark: Removed})
		}
	}
	if len(gone) > 0 {
		g.Groups = append(g.Groups, Group{ID: "removed", Title: "Removed", Nodes: gone})
	}
}
