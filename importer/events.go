package importer

import (
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// eventImporter maps the Properties of one SAM event type to the options
// of its samgen event type: the row of schema.EventTypes whose SAMType it
// is keyed by (events_test.go checks there is one per row). It takes what
// it maps out of p, and returns nil when the event cannot be written as
// the samgen type at all (it is then an override of the function).
type eventImporter func(im *importer, fn *decl, key string, p *bag) *obj

// eventImporters are keyed by SAM event type.
var eventImporters = map[string]eventImporter{
	"Api":             apiEvent(true),
	"HttpApi":         apiEvent(false),
	"Schedule":        scheduleEvent,
	"SQS":             sqsEvent,
	"SNS":             snsEvent,
	"EventBridgeRule": eventBridgeEvent,
	"DynamoDB":        streamEvent("dynamodb"),
	"Kinesis":         streamEvent("kinesis"),
	"S3":              s3Event,
	"ScheduleV2":      scheduleV2Event,

	"MSK":              mskEvent,
	"SelfManagedKafka": selfManagedKafkaEvent,
	"MQ":               mqEvent,
	"DocumentDB":       documentDBEvent,
	"CloudWatchLogs":   cloudWatchLogsEvent,
	"IoTRule":          iotRuleEvent,
	"Cognito":          cognitoEvent,
	"AlexaSkill":       alexaSkillEvent,
}

// eventTypeName returns the samgen event type of a SAM event type.
func eventTypeName(samType string) string {
	for _, t := range schema.EventTypes {
		if t.SAMType == samType {
			return t.Name
		}
	}
	return ""
}

// stateMachineEventImporters are the event importers of the event types
// a state machine takes (#StateMachineEvent), keyed by SAM event type.
var stateMachineEventImporters = map[string]eventImporter{
	"Api":             apiEvent(true),
	"Schedule":        scheduleEvent,
	"ScheduleV2":      scheduleV2Event,
	"EventBridgeRule": eventBridgeEvent,
}

// functionEvents maps a function's Events.
func (im *importer) functionEvents(d *decl, p *bag) {
	im.events(d, p, eventImporters, func(n *names, key string) (string, bool) { return n.take(key, "") })
	im.subscriptionEvents(d)
}

// subscriptionEvents maps the SNS events function d absorbed as their
// subscriptions (asSNSEvent) to its events.
func (im *importer) subscriptionEvents(d *decl) {
	subs := im.absorbedSNSSubscriptions(d)
	if len(subs) == 0 {
		return
	}
	evs := d.spec.sub("events")
	n := newNames()
	for _, f := range evs.fields {
		n.taken[f.label] = true
	}
	for _, s := range subs {
		name, _ := n.take(s.key, "")
		o := im.snsEventOptions(newBag(im.res[s.id].Properties), "TopicArn")
		if o == nil {
			continue // not rendered: the comparison finds it, and the function falls back
		}
		evs.set(name, newObj().set("sns", o))
	}
	evs.sortFields()
}

// stateMachineEvents maps a state machine's Events: a key that is a
// samgen name is kept as written, as samgen keeps it
// (schema.StateMachineEventID).
func (im *importer) stateMachineEvents(d *decl, p *bag) {
	im.events(d, p, stateMachineEventImporters, func(n *names, key string) (string, bool) {
		if ident(key) && schema.StateMachineEventID(key) == key && !n.taken[key] {
			n.taken[key] = true
			return key, true
		}
		name, derived := n.take(key, "")
		return name, derived && schema.StateMachineEventID(name) == key
	})
}

// events maps the Events of a function or state machine d with the
// importers of its event types; name gives an event's spec name, and
// whether samgen derives its key back from it.
func (im *importer) events(d *decl, p *bag, importers map[string]eventImporter, name func(*names, string) (string, bool)) {
	evs, ok := p.peek("Events")
	m, isMap := evs.(map[string]any)
	if !ok || !isMap {
		return
	}
	out := newObj()
	n := newNames()
	for _, key := range sortedIDs(m) {
		ev, _ := m[key].(map[string]any)
		typ, _ := ev["Type"].(string)
		imp := importers[typ]
		name, derived := name(n, key)
		if imp == nil || !derived {
			continue
		}
		props, _ := ev["Properties"].(map[string]any)
		eb := newBag(props)
		opts := imp(im, d, key, eb)
		if opts == nil {
			continue
		}
		out.set(name, newObj().set(eventTypeName(typ), opts))
		p.take("Events", key, "Type")
		for _, k := range sortedIDs(props) {
			if !eb.has(k) {
				p.take("Events", key, "Properties", k)
			} else if sub, ok := props[k].(map[string]any); ok {
				// Take what the event took inside a block.
				left, _ := eb.peek(k)
				takeTaken(p, []string{"Events", key, "Properties", k}, sub, left)
			}
		}
		if props == nil {
			p.take("Events", key, "Properties")
		}
		if left, ok := p.peek("Events", key); ok {
			if lm, ok := left.(map[string]any); ok && len(lm) == 0 {
				p.take("Events", key)
			}
		}
	}
	if !out.empty() {
		d.spec.set("events", out)
	}
}

// takeTaken takes out of p (at path, whose value was orig) what the
// event's own bag no longer holds (left).
func takeTaken(p *bag, path []string, orig map[string]any, left any) {
	lm, _ := left.(map[string]any)
	for _, k := range sortedIDs(orig) {
		lv, ok := lm[k]
		switch {
		case !ok:
			p.take(append(slices.Clone(path), k)...)
		default:
			if sub, isMap := orig[k].(map[string]any); isMap {
				takeTaken(p, append(slices.Clone(path), k), sub, lv)
			}
		}
	}
}

var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"}

// apiEvent maps an Api (rest) or HttpApi event.
func apiEvent(rest bool) eventImporter {
	return func(im *importer, fn *decl, key string, p *bag) *obj {
		method, _ := p.peek("Method")
		path, _ := p.peek("Path")
		ms, ok1 := method.(string)
		ps, ok2 := path.(string)
		if !ok1 || !ok2 || !slices.Contains(methods, strings.ToUpper(ms)) || !strings.HasPrefix(ps, "/") {
			return nil
		}
		o := newObj()
		p.take("Method")
		p.take("Path")
		o.set("method", strings.ToUpper(ms))
		o.set("path", ps)
		apiKey, kind := "ApiId", "httpApi"
		if rest {
			apiKey, kind = "RestApiId", "api"
		}
		if v, ok := p.peek(apiKey); ok {
			d, ok := im.refOf(v, kind, schema.AttrName)
			if !ok {
				return nil
			}
			p.take(apiKey)
			o.set("api", d.ref())
		}
		if a, ok := p.peek("Auth", "Authorizer"); ok {
			if s, ok := a.(string); ok {
				p.take("Auth", "Authorizer")
				o.set("authorizer", s)
			}
		}
		if sc, ok := p.peek("Auth", "AuthorizationScopes"); ok && o.has("authorizer") {
			if l, ok := stringList(sc); ok {
				p.take("Auth", "AuthorizationScopes")
				o.set("scopes", l)
			}
		}
		if k, ok := p.peek("Auth", "ApiKeyRequired"); ok && rest {
			if b, ok := k.(bool); ok {
				p.take("Auth", "ApiKeyRequired")
				o.set("apiKeyRequired", b)
			}
		}
		return o
	}
}

// stringList reads a list of literal strings.
func stringList(v any) ([]any, bool) {
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	for _, e := range l {
		if _, ok := e.(string); !ok {
			return nil, false
		}
	}
	return l, true
}

var scheduleRe = regexp.MustCompile(`^(rate|cron)\(.+\)$`)

func scheduleEvent(im *importer, fn *decl, key string, p *bag) *obj {
	expr, _ := p.peek("Schedule")
	s, ok := expr.(string)
	if !ok || !scheduleRe.MatchString(s) || p.has("State") {
		return nil
	}
	p.take("Schedule")
	o := newObj().set("expression", s)
	if v, ok := p.peek("Enabled"); ok {
		b, ok := boolean(v)
		if !ok {
			return nil
		}
		p.take("Enabled")
		if !b {
			o.set("enabled", false)
		}
	}
	im.scheduleLabels(o, p)
	if v, ok := p.take("Input"); ok {
		o.set("input", im.value(v, ""))
	}
	return o
}

// scheduleLabels maps a schedule's name and description, which samgen
// renders as given.
func (im *importer) scheduleLabels(o *obj, p *bag) {
	for _, f := range [][2]string{{"name", "Name"}, {"description", "Description"}} {
		if v, ok := p.take(f[1]); ok {
			o.set(f[0], im.value(v, ""))
		}
	}
}

func sqsEvent(im *importer, fn *decl, key string, p *bag) *obj {
	q, ok := im.queueRef(p, "Queue")
	if !ok {
		return nil
	}
	o := newObj().set("queue", q)
	im.intOpt(o, p, "batchSize", "BatchSize")
	im.intOpt(o, p, "batchWindow", "MaximumBatchingWindowInSeconds")
	if v, ok := p.peek("ScalingConfig", "MaximumConcurrency"); ok {
		p.take("ScalingConfig", "MaximumConcurrency")
		o.set("maxConcurrency", intOrValue(im, v))
	}
	im.filters(o, p)
	im.reportFailures(o, p)
	im.boolOpt(o, p, "enabled", "Enabled")
	return o
}

// queueRef takes a queue ARN at key: a declared queue's !GetAtt Q.Arn, or
// an existing queue's ARN.
// deadLetter maps property key, an object whose one field arn is a dead-letter
// queue's ARN (an EventBridge target's DeadLetterConfig, a subscription's
// RedrivePolicy), to deadLetter.
func (im *importer) deadLetter(o *obj, p *bag, key, arn string) {
	if v, ok := p.peek(key); ok {
		if m, ok := v.(map[string]any); ok && len(m) == 1 {
			if q, ok := im.queueRef(p, key, arn); ok {
				o.set("deadLetter", q)
			}
		}
	}
}

func (im *importer) queueRef(p *bag, path ...string) (ref, bool) {
	return im.refAt(p, "queue", path...)
}

// refAt takes the ARN at path as a reference of kind: a declaration's
// ARN, or an existing resource's, declared from it.
func (im *importer) refAt(p *bag, kind string, path ...string) (ref, bool) {
	v, ok := p.peek(path...)
	if !ok {
		return ref{}, false
	}
	if d, ok := im.refOf(v, kind, schema.AttrArn); ok {
		p.take(path...)
		return d.ref(), true
	}
	if arnOf(v, kind) {
		p.take(path...)
		return im.existingDecl(kind, v).ref(), true
	}
	return ref{}, false
}

func intOrValue(im *importer, v any) any {
	if n, ok := intOf(v); ok {
		return n
	}
	return im.value(v, "")
}

// intOpt maps an integer option (a literal or an expression).
func (im *importer) intOpt(o *obj, p *bag, field string, path ...string) {
	if v, ok := p.take(path...); ok {
		o.set(field, intOrValue(im, v))
	}
}

// boolOpt maps a boolean option (a literal or an expression).
func (im *importer) boolOpt(o *obj, p *bag, field string, path ...string) {
	if v, ok := p.take(path...); ok {
		if b, ok := boolean(v); ok {
			o.set(field, b)
			return
		}
		o.set(field, im.value(v, ""))
	}
}

// filters maps FilterCriteria.Filters.
func (im *importer) filters(o *obj, p *bag) {
	v, ok := p.peek("FilterCriteria", "Filters")
	l, isList := v.([]any)
	if !ok || !isList || len(l) == 0 {
		return
	}
	var fs []any
	for _, f := range l {
		m, ok := f.(map[string]any)
		pat, isStr := m["Pattern"].(string)
		if !ok || !isStr || len(m) != 1 || pat == "" || len(pat) > 4096 {
			return
		}
		fs = append(fs, newObj().set("pattern", pat))
	}
	p.take("FilterCriteria", "Filters")
	o.set("filters", fs)
}

// reportFailures maps FunctionResponseTypes: [ReportBatchItemFailures].
func (im *importer) reportFailures(o *obj, p *bag) {
	v, ok := p.peek("FunctionResponseTypes")
	if l, isList := v.([]any); ok && isList && len(l) == 1 && l[0] == "ReportBatchItemFailures" {
		p.take("FunctionResponseTypes")
		o.set("reportBatchItemFailures", true)
	}
}

// snsDelivery reads what an SNS event and a subscription share: the
// filter policy, its scope and the dead-letter queue of the redrive
// policy.
func (im *importer) snsDelivery(o *obj, p *bag) {
	if v, ok := p.peek("FilterPolicy"); ok {
		if m, ok := v.(map[string]any); ok {
			p.take("FilterPolicy")
			o.set("filterPolicy", im.document(m))
		}
	}
	if v, ok := p.peek("FilterPolicyScope"); ok && (v == "MessageAttributes" || v == "MessageBody") {
		p.take("FilterPolicyScope")
		o.set("filterPolicyScope", v)
	}
	im.deadLetter(o, p, "RedrivePolicy", "deadLetterTargetArn")
}

func snsEvent(im *importer, fn *decl, key string, p *bag) *obj {
	return im.snsEventOptions(p, "Topic")
}

// snsEventOptions reads a function's SNS event from a SAM event
// (its topic at Topic) or from the subscription samgen renders for one
// with a dead-letter queue (at TopicArn); nil when the topic is not one.
func (im *importer) snsEventOptions(p *bag, topicKey string) *obj {
	t, ok := im.refAt(p, "topic", topicKey)
	if !ok {
		return nil
	}
	o := newObj().set("topic", t)
	im.snsDelivery(o, p)
	return o
}

func eventBridgeEvent(im *importer, fn *decl, key string, p *bag) *obj {
	pat, ok := p.peek("Pattern")
	m, isMap := pat.(map[string]any)
	if !ok || !isMap {
		return nil
	}
	o := newObj()
	if v, ok := p.peek("EventBusName"); ok {
		b, ok := im.busRef(v)
		if !ok {
			return nil
		}
		p.take("EventBusName")
		o.set("bus", b)
	}
	p.take("Pattern")
	o.set("pattern", im.document(m))
	im.retryPolicy(o, p)
	im.deadLetter(o, p, "DeadLetterConfig", "Arn")
	if v, ok := p.peek("InputTransformer"); ok {
		if t, ok := inputTransformer(v); ok {
			p.take("InputTransformer")
			o.set("inputTransformer", t)
		}
	}
	return o
}

// busRef reads an EventBusName: a declared bus's name (!Ref), or the
// account's default bus.
func (im *importer) busRef(v any) (ref, bool) {
	if d, ok := im.refOf(v, "bus", schema.AttrName); ok {
		return d.ref(), true
	}
	if v == schema.DefaultBus {
		return im.defaultBus(), true
	}
	return ref{}, false
}

// defaultBus declares the account's default bus.
func (im *importer) defaultBus() ref {
	key := "bus default"
	if d := im.existing[key]; d != nil {
		return d.ref()
	}
	n := im.names["buses"]
	if n == nil {
		n = newNames()
		im.names["buses"] = n
	}
	d := &decl{kind: "bus", collection: "buses", spec: newObj().set("name", schema.DefaultBus)}
	d.name = n.unique("default")
	im.existing[key] = d
	return d.ref()
}

// retryPolicy maps RetryPolicy.
func (im *importer) retryPolicy(o *obj, p *bag) {
	im.intOpt(o, p, "retries", "RetryPolicy", "MaximumRetryAttempts")
	im.intOpt(o, p, "maxEventAge", "RetryPolicy", "MaximumEventAgeInSeconds")
}

// streamEvent maps a DynamoDB or Kinesis event.
func streamEvent(typ string) eventImporter {
	return func(im *importer, fn *decl, key string, p *bag) *obj {
		o := newObj()
		stream, ok := p.peek("Stream")
		if !ok {
			return nil
		}
		if typ == "dynamodb" {
			d, ok := im.refOf(stream, "table", schema.AttrStreamArn)
			if !ok {
				d, ok = im.existingStreamTable(stream)
			}
			if !ok {
				return nil
			}
			o.set("table", d.ref())
		} else {
			o.set("stream", im.value(stream, schema.AttrArn))
		}
		sp, _ := p.peek("StartingPosition")
		allowed := []string{"TRIM_HORIZON", "LATEST"}
		if typ == "kinesis" {
			allowed = append(allowed, "AT_TIMESTAMP")
		}
		if s, ok := sp.(string); !ok || !slices.Contains(allowed, s) {
			return nil
		}
		p.take("Stream")
		p.take("StartingPosition")
		o.set("startingPosition", sp)
		for _, f := range []struct{ field, key string }{
			{"batchSize", "BatchSize"}, {"batchWindow", "MaximumBatchingWindowInSeconds"}, {"retries", "MaximumRetryAttempts"},
			{"maxRecordAge", "MaximumRecordAgeInSeconds"}, {"parallelization", "ParallelizationFactor"}, {"tumblingWindow", "TumblingWindowInSeconds"},
		} {
			im.intOpt(o, p, f.field, f.key)
		}
		im.boolOpt(o, p, "bisect", "BisectBatchOnFunctionError")
		im.reportFailures(o, p)
		im.filters(o, p)
		im.boolOpt(o, p, "enabled", "Enabled")
		if typ == "kinesis" {
			if v, ok := p.take("StartingPositionTimestamp"); ok {
				if n, ok := number(v); ok {
					o.set("startingTimestamp", n)
				} else {
					o.set("startingTimestamp", im.value(v, ""))
				}
			}
		}
		im.onFailure(o, p)
		return o
	}
}

var s3EventRe = regexp.MustCompile(`^s3:[A-Za-z]+(:[A-Za-z*]+)?$`)

func s3Event(im *importer, fn *decl, key string, p *bag) *obj {
	b, ok := p.peek("Bucket")
	if !ok {
		return nil
	}
	d, ok := im.refOf(b, "bucket", schema.AttrName)
	if !ok {
		// The index has no !Ref of a named bucket: look it up by ID.
		id, _ := mapOf(b)["Ref"].(string)
		d = im.decls[id]
		if d == nil || d.kind != "bucket" {
			return nil
		}
	}
	if !im.bucketNamed(d) {
		// samgen names a notifying bucket that has no name; the template's
		// has none, so its notification stays as the template has it.
		return nil
	}
	evs, _ := p.peek("Events")
	list := stringOrList(evs)
	if len(list) == 0 {
		return nil
	}
	for _, e := range list {
		if s, ok := e.(string); !ok || !s3EventRe.MatchString(s) {
			return nil
		}
	}
	o := newObj().set("bucket", d.ref())
	p.take("Bucket")
	p.take("Events")
	o.set("events", list)
	if rules, ok := p.peek("Filter", "S3Key", "Rules"); ok {
		l, _ := rules.([]any)
		var names []string
		vals := map[string]any{}
		for _, r := range l {
			m, _ := r.(map[string]any)
			n, _ := m["Name"].(string)
			if (n != "prefix" && n != "suffix") || len(m) != 2 || vals[n] != nil {
				return o
			}
			names = append(names, n)
			vals[n] = m["Value"]
		}
		if len(names) == 2 && names[0] != "prefix" {
			return o
		}
		p.take("Filter", "S3Key", "Rules")
		for _, n := range names {
			o.set(n, im.value(vals[n], ""))
		}
	}
	return o
}

var scheduleV2Re = regexp.MustCompile(`^(rate|cron|at)\(.+\)$`)

func scheduleV2Event(im *importer, fn *decl, key string, p *bag) *obj {
	expr, _ := p.peek("ScheduleExpression")
	s, ok := expr.(string)
	if !ok || !scheduleV2Re.MatchString(s) {
		return nil
	}
	if v, ok := p.peek("FlexibleTimeWindow", "Mode"); ok && v != "FLEXIBLE" {
		return nil
	}
	named := p.has("Name")
	p.take("ScheduleExpression")
	o := newObj().set("expression", s)
	im.scheduleLabels(o, p)
	if v, ok := p.peek("State"); ok {
		switch v {
		case "ENABLED":
			p.take("State")
		case "DISABLED":
			p.take("State")
			o.set("enabled", false)
		}
	}
	if v, ok := p.peek("OmitName"); named || ok && v == true {
		// samgen omits the name of a schedule it does not name.
		if !named {
			p.take("OmitName")
		}
	} else {
		im.forceOverride(fn.id, "Events."+key+".Properties.OmitName", false, "samgen omits the schedule's name (OmitName: true); the template lets SAM name it after its logical ID")
	}
	if v, ok := p.peek("ScheduleExpressionTimezone"); ok {
		if tz, ok := v.(string); ok {
			p.take("ScheduleExpressionTimezone")
			o.set("timezone", tz)
		}
	}
	if p.has("FlexibleTimeWindow", "MaximumWindowInMinutes") {
		im.intOpt(o, p, "flexibleWindow", "FlexibleTimeWindow", "MaximumWindowInMinutes")
		p.take("FlexibleTimeWindow", "Mode")
	}
	if v, ok := p.take("Input"); ok {
		o.set("input", im.value(v, ""))
	}
	im.retryPolicy(o, p)
	im.deadLetter(o, p, "DeadLetterConfig", "Arn")
	return o
}

// forceOverride adds an override to the pass that the importer knows is
// needed.
func (im *importer) forceOverride(id, path string, v any, why string) {
	im.override(id, path, v, why)
}

// tableStream matches a DynamoDB stream's ARN, its table's ARN first.
var tableStream = regexp.MustCompile(`^(arn:[a-z-]+:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+)/stream/[^/]+$`)

// existingStreamTable declares the existing table a literal stream ARN
// belongs to, with that stream (samgen's existing table takes arn and
// streamArn, and its event renders the stream's ARN as written).
func (im *importer) existingStreamTable(stream any) (*decl, bool) {
	s, _ := stream.(string)
	m := tableStream.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	d := im.existingDecl("table", m[1])
	if !d.spec.has("streamArn") {
		d.spec.set("streamArn", s)
		im.index[canon(s)] = append(im.index[canon(s)], refAttr{d, schema.AttrStreamArn})
	}
	return d, true
}
