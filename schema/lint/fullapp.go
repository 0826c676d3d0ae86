package lint

import (
	"cuelang.org/go/cue"

	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

// moreIDs add the logical IDs of collections outside schema.Kinds (raw
// resources, rules, subscriptions) to the SG001 duplicate check.
var moreIDs = []func(c *Context, add func(id, path string)){fullAppIDs}

func fullAppIDs(c *Context, add func(id, path string)) {
	// Parameters and resources share the template's logical IDs: !Ref
	// names either.
	for _, name := range slices.Sorted(maps.Keys(c.App.Parameters)) {
		add(cfn.LogicalID(name, ""), "parameters."+name)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		add(schema.LogicalID(schema.Ref{Kind: "resource", Name: name}), "resources."+name)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Rules)) {
		id, p := schema.RuleID(name), "rules."+name
		add(id, p)
		role := false
		for _, tn := range slices.Sorted(maps.Keys(c.App.Rules[name].Targets)) {
			t := c.App.Rules[name].Targets[tn]
			if t.Function != nil {
				add(id+cfn.LogicalID(tn, "Permission"), p+".targets."+tn)
			}
			role = role || t.StateMachine != nil
		}
		if role {
			add(id+"Role", p)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		if c.App.HttpApis[name].AccessLog != nil {
			add(schema.LogicalID(c.App.HttpApis[name].Ref)+"AccessLogs", "httpApis."+name+".accessLog")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		if c.App.Apis[name].AccessLog != nil {
			add(schema.LogicalID(c.App.Apis[name].Ref)+"AccessLogs", "apis."+name+".accessLog")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Subscriptions)) {
		add(schema.SubscriptionID(name), "subscriptions."+name)
	}
}

func init() {
	register(
		Rule{ID: "SG711", Severity: Error, Check: s3Events,
			Summary: "an s3 event needs a bucket the app owns",
			Doc:     "SAM adds the notification to the bucket's own NotificationConfiguration, so the bucket must be in the same template. For a bucket of another stack, turn on its EventBridge notifications there and use an eventBridge event."},
		Rule{ID: "SG712", Severity: Error, Check: bucketShape,
			Summary: "bucket encryption and generated names must be valid",
			Doc:     "A KMS key applies to SSE-KMS only. A bucket that notifies functions is named \"<name>-<stack UUID>\" (37 characters are the UUID and its dash), and bucket names are at most 63 characters."},
		Rule{ID: "SG713", Severity: Error, Check: streamShape,
			Summary: "a PROVISIONED stream needs shards, an ON_DEMAND stream takes none",
			Doc:     "Kinesis provisioned mode sizes the stream by its shard count; on-demand mode scales by itself and rejects one."},
		Rule{ID: "SG714", Severity: Error, Check: rawRefs,
			Summary: "references in raw resources, conditions and dependsOn must name declared resources",
			Doc:     "Prefer CUE references (`app.functions.x.ref`), which CUE checks; a reference written as a literal {kind, name} is checked here. A condition may compare parameters only (CloudFormation evaluates conditions before any resource exists)."},
		Rule{ID: "SG715", Severity: Error, Check: overridesKnown,
			Summary: "an override must name a resource the spec declares",
			Doc:     "Overrides are keyed by the logical ID of a resource samgen renders from the spec, such as HelloFunction or OrdersQueue."},
		Rule{ID: "SG716", Severity: Note, Check: overridesListed,
			Summary: "property override",
			Doc:     "Every override is listed so it stays visible in review: it bypasses samgen's checks for that property."},
		Rule{ID: "SG717", Severity: Error, Check: ruleShape,
			Summary: "an EventBridge rule needs a pattern or a schedule and 1–5 targets of one type each",
			Doc:     "A rule matches a pattern or runs on a schedule (on the default bus only), not both. EventBridge allows 5 targets per rule; a FIFO queue target needs a messageGroupId."},
		Rule{ID: "SG718", Severity: Error, Check: apiRoutes,
			Summary: "API routes must name an API of their type and an authorizer it declares",
			Doc:     "An `api` event routes to a REST API (app.apis), an `httpApi` event to an HTTP API (app.httpApis). An authorizer (or an API's defaultAuthorizer) must be one of that API's authorizers, or NONE; each authorizer is of exactly one type. Browsers refuse credentialed CORS responses for the origin \"*\"."},
		Rule{ID: "SG719", Severity: Error, Check: subscriptionShape,
			Summary: "an SNS → SQS subscription pairs FIFO with FIFO",
			Doc:     "A FIFO topic delivers to FIFO queues only, and a standard topic to standard queues; the dead-letter queue of a subscription is of the topic's type."},
	)
}

func s3Events(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].S3
			if s == nil {
				continue
			}
			if !c.App.Owned(s.Bucket) {
				c.Report(path+".events."+ev+".s3.bucket", "bucket %s belongs to another stack (declared by arn); SAM can only add notifications to a bucket of this template — notify through EventBridge instead", s.Bucket.Name)
			}
		}
	})
}

func bucketShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Buckets)) {
		b := c.App.Buckets[name]
		p := "buckets." + name
		if b.Key != nil && b.Encryption != "KMS" {
			c.Report(p+".key", "bucket %s has a key but %s encryption; set encryption: \"KMS\"", name, b.Encryption)
		}
		if b.Arn == "" && b.Name == "" && c.App.Notifies(name) && len(name)+37 > 63 {
			c.Report(p, "bucket %s notifies functions and is named \"%s-<stack UUID>\", over 63 characters; shorten the name or set `name`", name, strings.ToLower(name))
		}
	}
}

func streamShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Streams)) {
		s := c.App.Streams[name]
		p := "streams." + name
		if s.Arn != "" {
			continue
		}
		switch {
		case s.Mode == "PROVISIONED" && s.Shards == nil:
			c.Report(p+".mode", "stream %s is PROVISIONED and needs shards", name)
		case s.Mode != "PROVISIONED" && s.Shards != nil:
			c.Report(p+".shards", "stream %s is ON_DEMAND and takes no shards", name)
		}
		if s.Key != nil && !s.Encryption {
			c.Report(p+".key", "stream %s has a key but encryption is off", name)
		}
	}
}

var ident = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// sel appends a field selector to a spec path, quoting it when needed.
func sel(path, key string) string {
	if ident.MatchString(key) {
		return path + "." + key
	}
	return path + "." + strconv.Quote(key)
}

// walkRefs calls f for every reference in a raw JSON value, including the
// conditions named by Fn::If and Condition intrinsics.
func walkRefs(path string, v any, f func(path string, r schema.Ref)) {
	if r, _, ok := schema.AsAttrRef(v); ok {
		f(path, r)
		return
	}
	switch x := v.(type) {
	case map[string]any:
		if id := conditionID(x); id != "" {
			f(path, schema.Ref{Kind: conditionIDKind, Name: id})
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			walkRefs(sel(path, k), x[k], f)
		}
	case []any:
		for i, e := range x {
			walkRefs(fmt.Sprintf("%s[%d]", path, i), e, f)
		}
	}
}

func (c *Context) checkRef(path string, r schema.Ref) {
	if r.Kind == conditionIDKind {
		for name := range c.App.Conditions {
			if schema.ConditionID(name) == r.Name {
				return
			}
		}
		c.Report(path, "no condition %s is declared in conditions", r.Name)
		return
	}
	if _, ok := schema.Kinds[r.Kind]; !ok && r.Kind != "condition" {
		c.Report(path, "%q is not a kind of resource", r.Kind)
		return
	}
	if !c.App.Declared(r) {
		c.Report(path, "no %s named %s is declared", r.Kind, r.Name)
	}
}

func rawRefs(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		r := c.App.Resources[name]
		p := "resources." + name
		walkRefs(p+".properties", r.Properties, c.checkRef)
		for i, d := range r.DependsOn {
			c.checkRef(fmt.Sprintf("%s.dependsOn[%d]", p, i), d)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Overrides)) {
		for _, k := range slices.Sorted(maps.Keys(c.App.Overrides[name])) {
			walkRefs(sel("overrides."+name, k), c.App.Overrides[name][k], c.checkRef)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Conditions)) {
		cd := c.App.Conditions[name]
		p := "conditions." + name
		for i, v := range cd.Equals {
			if r, _, ok := schema.AsAttrRef(v); ok && r.Kind != "parameter" {
				c.Report(fmt.Sprintf("%s.equals[%d]", p, i), "a condition can compare parameters only, not a %s", r.Kind)
			}
		}
		refs := append(slices.Clone(cd.And), cd.Or...)
		if cd.Not != nil {
			refs = append(refs, *cd.Not)
		}
		for _, r := range refs {
			if r.Name == name {
				c.Report(p, "condition %s refers to itself", name)
			}
		}
		if btoi(cd.Equals != nil)+btoi(cd.Not != nil)+btoi(cd.And != nil)+btoi(cd.Or != nil) != 1 {
			c.Report(p, "a condition has exactly one of equals, not, and, or")
		}
	}
	for _, cr := range c.Inst.Conditionals() {
		c.checkRef(cr.Path+".condition", cr.Condition)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// declaredIDs maps the logical ID of every resource the spec declares and
// samgen renders to its path.
func declaredIDs(c *Context) map[string]string {
	out := map[string]string{}
	add := func(id, path string) {
		if !strings.HasPrefix(path, "parameters.") {
			out[id] = path
		}
	}
	eachID(c, add)
	return out
}

func overridesKnown(c *Context) {
	ids := declaredIDs(c)
	for _, id := range slices.Sorted(maps.Keys(c.App.Overrides)) {
		if _, ok := ids[id]; ok {
			continue
		}
		msg := fmt.Sprintf("no resource of the spec has logical ID %s", id)
		if s := didyoumean.Suggest(id, slices.Collect(maps.Keys(ids))); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		c.Report("overrides."+id, "%s", msg)
	}
}

func overridesListed(c *Context) {
	for _, id := range slices.Sorted(maps.Keys(c.App.Overrides)) {
		for _, k := range slices.Sorted(maps.Keys(c.App.Overrides[id])) {
			c.Report(sel("overrides."+id, k), "overrides property %s of %s", k, id)
		}
	}
}

func ruleShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Rules)) {
		r := c.App.Rules[name]
		p := "rules." + name
		switch {
		case (r.Pattern == nil) == (r.Schedule == ""):
			c.Report(p, "rule %s needs exactly one of pattern and schedule", name)
		case r.Schedule != "" && r.Bus != nil && c.App.Owned(*r.Bus):
			c.Report(p+".schedule", "a scheduled rule runs on the default bus only")
		}
		if n := len(r.Targets); n == 0 || n > 5 {
			c.Report(p+".targets", "rule %s has %d targets; EventBridge takes 1 to 5", name, n)
		}
		for _, tn := range slices.Sorted(maps.Keys(r.Targets)) {
			t := r.Targets[tn]
			tp := p + ".targets." + tn
			if t.Target() == nil {
				c.Report(tp, "a target has exactly one of queue, topic, stateMachine, function")
				continue
			}
			if t.Input != "" && t.Transform != nil {
				c.Report(tp+".input", "a target takes input or transform, not both")
			}
			if t.Queue != nil && c.isFifo(*t.Queue) && t.MessageGroupID == "" {
				c.Report(tp+".queue", "FIFO queue %s needs a messageGroupId", t.Queue.Name)
			}
			if t.Topic != nil && c.isFifo(*t.Topic) {
				c.Report(tp+".topic", "FIFO topic %s cannot be an EventBridge target", t.Topic.Name)
			}
			if t.DeadLetter != nil && c.isFifo(*t.DeadLetter) {
				c.Report(tp+".deadLetter", "FIFO queue %s cannot be an EventBridge dead-letter queue", t.DeadLetter.Name)
			}
		}
	}
}

// authorizers returns the authorizer names of the API r names, with
// whether it is declared.
func (c *Context) authorizers(r schema.Ref) ([]string, bool) {
	switch r.Kind {
	case "api":
		a, ok := c.App.Apis[r.Name]
		return slices.Sorted(maps.Keys(a.Authorizers)), ok
	case "httpApi":
		a, ok := c.App.HttpApis[r.Name]
		return slices.Sorted(maps.Keys(a.Authorizers)), ok
	}
	return nil, false
}

func apiRoutes(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			for _, x := range []struct {
				typ, kind string
				route     *schema.ApiEvent
			}{{"api", "api", e.Api}, {"httpApi", "httpApi", e.HttpApi}} {
				if x.route == nil {
					continue
				}
				p := path + ".events." + ev + "." + x.typ
				if x.route.Api == nil {
					if x.route.Authorizer != "" {
						c.Report(p+".authorizer", "an authorizer needs a declared API (set api)")
					}
					continue
				}
				if x.route.Api.Kind != x.kind {
					c.Report(p+".api", "an %s event routes to a %s, not a %s", x.typ, x.kind, x.route.Api.Kind)
					continue
				}
				names, _ := c.authorizers(*x.route.Api)
				if a := x.route.Authorizer; a != "" && a != "NONE" && !slices.Contains(names, a) {
					c.Report(p+".authorizer", "API %s has no authorizer %s (it has: %s)", x.route.Api.Name, a, strings.Join(names, ", "))
				}
				if x.route.ApiKeyRequired != nil && x.kind == "httpApi" {
					c.Report(p+".apiKeyRequired", "HTTP APIs have no API keys; use a REST API")
				}
			}
		}
	})
	check := func(p, def string, names []string, types map[string]int) {
		if def != "" && !slices.Contains(names, def) {
			c.Report(p+".defaultAuthorizer", "no authorizer %s is declared (declared: %s)", def, strings.Join(names, ", "))
		}
		for _, n := range names {
			if types[n] != 1 {
				c.Report(p+".authorizers."+n, "an authorizer has exactly one type")
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.HttpApis)) {
		a := c.App.HttpApis[name]
		if a.Cors != nil && a.Cors.Credentials != nil && *a.Cors.Credentials && slices.Contains(a.Cors.Origins, "*") {
			c.Report("httpApis."+name+".cors.credentials", "CORS with credentials needs explicit origins, not \"*\"")
		}
		types := map[string]int{}
		for n, az := range a.Authorizers {
			types[n] = btoi(az.JWT != nil) + btoi(az.Lambda != nil)
		}
		check("httpApis."+name, a.DefaultAuthorizer, slices.Sorted(maps.Keys(a.Authorizers)), types)
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Apis)) {
		a := c.App.Apis[name]
		if a.Cors != nil && a.Cors.Credentials != nil && *a.Cors.Credentials && a.Cors.Origin == "*" {
			c.Report("apis."+name+".cors.credentials", "CORS with credentials needs an explicit origin, not \"*\"")
		}
		types := map[string]int{}
		for n, az := range a.Authorizers {
			types[n] = btoi(az.Cognito != nil) + btoi(az.Lambda != nil)
		}
		check("apis."+name, a.DefaultAuthorizer, slices.Sorted(maps.Keys(a.Authorizers)), types)
	}
}

func subscriptionShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Subscriptions)) {
		s := c.App.Subscriptions[name]
		p := "subscriptions." + name
		kind := map[bool]string{true: "FIFO", false: "standard"}
		tf := c.isFifo(s.Topic)
		if qf := c.isFifo(s.Queue); qf != tf {
			c.Report(p+".queue", "%s topic %s cannot deliver to %s queue %s", kind[tf], s.Topic.Name, kind[qf], s.Queue.Name)
		}
		if s.DeadLetter != nil && c.isFifo(*s.DeadLetter) != tf {
			c.Report(p+".deadLetter", "the dead-letter queue of a %s subscription must be %s", kind[tf], kind[tf])
		}
	}
}

// conditionIDKind marks a condition named by its template ID, in an
// intrinsic, rather than by a reference.
const conditionIDKind = "condition ID"

// conditionID returns the condition an Fn::If or Condition intrinsic names,
// or "".
func conditionID(m map[string]any) string {
	var id string
	switch {
	case len(m) != 1:
	case m["Condition"] != nil:
		id, _ = m["Condition"].(string)
	case m["Fn::If"] != nil:
		if args, ok := m["Fn::If"].([]any); ok && len(args) == 3 {
			id, _ = args[0].(string)
		}
	}
	return id
}

func init() {
	register(Rule{ID: "SG720", Severity: Error, Check: conditionalRefs,
		Summary: "a resource that refers to a conditional resource needs its condition",
		Doc:     "A resource created only under a condition does not exist otherwise: anything that refers to it (an environment variable, an access grant, an event, a raw property, an output) must have the same condition, or CloudFormation rejects the template. Inside an Fn::If the reference is left to CloudFormation."})
}

func conditionalRefs(c *Context) {
	byID := map[string]string{}
	byPath := map[string]string{}
	for _, cr := range c.Inst.Conditionals() {
		byID[cr.ID] = cr.Condition.Name
		byPath[cr.Path] = cr.Condition.Name
	}
	if len(byID) == 0 {
		return
	}
	colls := []string{"rules", "subscriptions", "outputs"}
	for _, k := range schema.Kinds {
		colls = append(colls, k.Collection)
	}
	slices.Sort(colls)
	for _, coll := range slices.Compact(colls) {
		it, err := c.Inst.Value(coll).Fields()
		if err != nil {
			continue
		}
		for it.Next() {
			p := coll + "." + it.Selector().String()
			own := byPath[p]
			if coll == "outputs" {
				var r schema.Ref
				if v := it.Value().LookupPath(cue.ParsePath("condition")); v.Exists() && v.Decode(&r) == nil {
					own = r.Name
				}
			}
			walkValue(p, it.Value(), coll != "outputs", func(at string, r schema.Ref) {
				if want, ok := byID[schema.LogicalID(r)]; ok && want != own && c.App.Declared(r) {
					c.Report(at, "%s %s exists only when condition %s holds; give %s the same condition", r.Kind, r.Name, want, p)
				}
			})
		}
	}
}

// walkValue calls f for every reference in v, except a resource's own ref
// (at the top, when skipRef), conditions, and what is inside an Fn::If.
func walkValue(path string, v cue.Value, skipRef bool, f func(path string, r schema.Ref)) {
	switch v.IncompleteKind() {
	case cue.StructKind:
		var r schema.Ref
		if k, n := v.LookupPath(cue.ParsePath("kind")), v.LookupPath(cue.ParsePath("name")); k.Exists() && n.Exists() && v.Decode(&r) == nil {
			if _, ok := schema.Kinds[r.Kind]; ok {
				f(path, r)
			}
			return
		}
		it, err := v.Fields()
		if err != nil {
			return
		}
		for it.Next() {
			switch sel := it.Selector().String(); {
			case sel == "ref" && skipRef, sel == "condition", sel == `"Fn::If"`:
				continue
			}
			walkValue(path+"."+it.Selector().String(), it.Value(), false, f)
		}
	case cue.ListKind:
		it, err := v.List()
		if err != nil {
			return
		}
		for i := 0; it.Next(); i++ {
			walkValue(fmt.Sprintf("%s[%d]", path, i), it.Value(), false, f)
		}
	}
}
