package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func acceptFunction(im *importer, id string, r cfn.Resource) string {
	if code, ok := r.Properties["InlineCode"]; ok {
		if s, isStr := code.(string); !isStr || s == "" {
			return "samgen's inline code is a string, and this function's InlineCode is not one"
		}
		return ""
	}
	if _, img := r.Properties["ImageUri"]; !img {
		if _, ok := r.Properties["CodeUri"].(string); !ok {
			return "samgen functions are packaged from a source directory, and this one's CodeUri is not a path"
		}
	}
	return ""
}

// functionAbsorbs finds the function's log group (a log group named
// after the function, with a retention), its invokers (permissions to
// invoke it, other than those of EventBridge rules), the subscriptions
// and permissions of its SNS events with a dead-letter queue, and its
// concurrency's scalable target and policy: in one pass over the
// template's resources.
func functionAbsorbs(im *importer, d *decl) []string {
	var out []string
	if lg := im.functionLogGroup(d); lg != "" {
		out = append(out, lg)
	}
	if target, policy, ok := im.concurrencyScaling(d); ok {
		out = append(out, target)
		if policy != "" {
			out = append(out, policy)
		}
	}
	for _, id := range sortedIDs(im.res) {
		switch r := im.res[id]; r.Type {
		case "AWS::SNS::Subscription":
			if s, ok := im.asSNSEvent(d, id, r); ok {
				d.snsEvents = append(d.snsEvents, s)
				out = append(out, s.id, s.permission)
			}
		case "AWS::Lambda::Permission":
			if r.Condition != d.res.Condition || im.bodyPermissions[id] {
				break
			}
			if _, ok := im.invoker(d, id, r); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

// snsSubscription is an SNS event of a function that samgen renders as
// SAM's transform would, because it has a dead-letter queue (SAM's
// translator takes RedrivePolicy, SAM's schema does not): the
// subscription <Function><Event> and its permission.
type snsSubscription struct {
	id, permission string
	key            string // the event's key: the subscription's ID after the function's
}

// asSNSEvent reports whether the subscription id of the template is
// one of function d's SNS events as samgen renders it (render's
// snsSubscription): of protocol lambda to the function itself (not an
// alias) with a redrive policy, named after the function and an event key
// samgen derives back, with a permission for exactly that topic.
func (im *importer) asSNSEvent(d *decl, id string, r cfn.Resource) (snsSubscription, bool) {
	if _, ok := d.res.Properties["AutoPublishAlias"]; ok {
		return snsSubscription{}, false // samgen would subscribe the alias
	}
	p := r.Properties
	key, ok := strings.CutPrefix(id, d.id)
	if !ok || key == "" || !bare(r, d.res.Condition) ||
		!onlyKeys(p, "Protocol", "Endpoint", "TopicArn", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy") ||
		p["Protocol"] != "lambda" || canon(p["Endpoint"]) != canon(cfn.GetAtt(d.id, "Arn")) || p["RedrivePolicy"] == nil {
		return snsSubscription{}, false
	}
	if _, derived := newNames().take(key, ""); !derived {
		return snsSubscription{}, false
	}
	perm, ok := im.res[id+"Permission"]
	pp := perm.Properties
	if !ok || perm.Type != "AWS::Lambda::Permission" || !bare(perm, d.res.Condition) ||
		!onlyKeys(pp, "Action", "FunctionName", "Principal", "SourceArn") || pp["Action"] != "lambda:InvokeFunction" ||
		canon(pp["FunctionName"]) != canon(cfn.Ref(d.id)) || pp["Principal"] != "sns.amazonaws.com" ||
		canon(pp["SourceArn"]) != canon(p["TopicArn"]) {
		return snsSubscription{}, false
	}
	return snsSubscription{id, id + "Permission", key}, true
}

// absorbedSNSSubscriptions returns the SNS events of function d whose
// subscription and permission d absorbed.
func (im *importer) absorbedSNSSubscriptions(d *decl) []snsSubscription {
	var out []snsSubscription
	for _, s := range d.snsEvents {
		if slices.Contains(d.absorbs, s.id) && slices.Contains(d.absorbs, s.permission) {
			out = append(out, s)
		}
	}
	return out
}

// bare reports whether r has no attribute samgen would not render on a
// resource it derives for a declaration of condition cond: that
// condition, and exactly dependsOn.
func bare(r cfn.Resource, cond string, dependsOn ...string) bool {
	return r.Condition == cond && slices.Equal(r.DependsOn, dependsOn) && len(r.Metadata) == 0 &&
		r.DeletionPolicy == "" && r.UpdateReplacePolicy == "" && len(r.Other) == 0
}

// functionLogGroup returns the log group of the template named after
// function d, "" when there is none samgen would render alike.
func (im *importer) functionLogGroup(d *decl) string {
	for _, id := range sortedIDs(im.res) {
		r := im.res[id]
		if r.Type != "AWS::Logs::LogGroup" || r.Condition != d.res.Condition {
			continue
		}
		if _, ok := r.Properties["RetentionInDays"]; !ok || !onlyKeys(r.Properties, "LogGroupName", "RetentionInDays") {
			continue
		}
		if logGroupOf(r.Properties["LogGroupName"], d) {
			return id
		}
	}
	return ""
}

// logGroupOf reports whether a log group name is /aws/lambda/ followed by
// function d's name.
func logGroupOf(name any, d *decl) bool {
	s := subString(name)
	rest, ok := strings.CutPrefix(s, "/aws/lambda/")
	if !ok {
		return false
	}
	if rest == "${"+d.id+"}" {
		return true
	}
	if fn, ok := d.res.Properties["FunctionName"]; ok {
		return rest == subString(fn)
	}
	return false
}

// subString returns a literal or the template of a !Sub without
// variables map, "" otherwise.
func subString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 {
			return s
		}
	}
	return ""
}

func onlyKeys(m map[string]any, keys ...string) bool {
	for k := range m {
		if !slices.Contains(keys, k) {
			return false
		}
	}
	return true
}

var serviceRe = regexp.MustCompile(`^[a-z0-9.-]+\.amazonaws\.com$`)
var accountRe = regexp.MustCompile(`^[0-9]{12}$`)

// invoker reads a permission to invoke function d as an invoker: its
// key, from the permission's logical ID.
func (im *importer) invoker(d *decl, id string, r cfn.Resource) (string, bool) {
	p := r.Properties
	if !onlyKeys(p, "Action", "FunctionName", "Principal", "SourceArn", "SourceAccount") || p["Action"] != "lambda:InvokeFunction" {
		return "", false
	}
	fn := canon(p["FunctionName"])
	if fn != canon(cfn.GetAtt(d.id, "Arn")) && fn != canon(cfn.Ref(d.id)) {
		return "", false
	}
	principal, _ := p["Principal"].(string)
	switch {
	case serviceRe.MatchString(principal):
		if principal == "events.amazonaws.com" && im.ruleSource(p["SourceArn"]) {
			// A rule's target permission: the rule renders it.
			return "", false
		}
	case accountRe.MatchString(principal), principal == "" && isIntrinsicMap(mapOf(p["Principal"])):
		if _, ok := p["SourceArn"]; ok {
			return "", false
		}
		if _, ok := p["SourceAccount"]; ok {
			return "", false
		}
	default:
		return "", false
	}
	key, _ := strings.CutPrefix(id, d.id)
	key, _ = strings.CutSuffix(key, "InvokePermission")
	if key == "" || key == id {
		key = id
	}
	return key, true
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// ruleSource reports whether v is the ARN of an EventBridge rule of the
// template.
func (im *importer) ruleSource(v any) bool {
	for id, r := range im.res {
		if r.Type == "AWS::Events::Rule" && (canon(v) == canon(cfn.GetAtt(id, "Arn")) || canon(v) == canon(cfn.Ref(id))) {
			return true
		}
	}
	return false
}

// settingKeys are the function properties `defaults.function` renders to
// Globals with SAM's meaning, or per function.
var settingKeys = []string{"Runtime", "Handler", "Architectures", "MemorySize", "Timeout", "EphemeralStorage", "Tracing",
	"Environment", "VpcConfig", "LoggingConfig", "Tags", "Layers", "EventInvokeConfig", "DeadLetterQueue",
	"PermissionsBoundary", "RolePath", "PropagateTags", "RecursiveLoop"}

// settings maps the properties a function shares with defaults.function
// (#FunctionSettings) into o.
func (im *importer) settings(o *obj, p *bag, owner string) {
	if s, ok := p.peek("Runtime"); ok {
		if rt, ok := s.(string); ok && regexp.MustCompile(`^[a-z0-9.]+$`).MatchString(rt) {
			p.take("Runtime")
			o.set("runtime", rt)
		}
	}
	if v, ok := p.take("Handler"); ok {
		o.set("handler", im.value(v, ""))
	}
	if v, ok := p.peek("Architectures"); ok {
		if l, ok := v.([]any); ok && len(l) == 1 && (l[0] == "arm64" || l[0] == "x86_64") {
			p.take("Architectures")
			o.set("architecture", l[0])
		}
	}
	im.intField(o, p, "memory", "MemorySize")
	im.intField(o, p, "timeout", "Timeout")
	if v, ok := p.peek("EphemeralStorage", "Size"); ok {
		if n, ok := intOf(v); ok {
			p.take("EphemeralStorage", "Size")
			o.set("ephemeralStorage", n)
		} else {
			p.take("EphemeralStorage", "Size")
			o.set("ephemeralStorage", im.value(v, ""))
		}
	}
	if v, ok := p.peek("Tracing"); ok && (v == "Active" || v == "PassThrough") {
		p.take("Tracing")
		o.set("tracing", v)
	}
	if vars, ok := p.peek("Environment", "Variables"); ok {
		if m, ok := vars.(map[string]any); ok && envKeys(m) {
			p.take("Environment", "Variables")
			env := newObj()
			for _, k := range sortedIDs(m) {
				env.set(k, im.value(m[k], ""))
			}
			o.set("env", env)
		}
	}
	if v, ok := p.peek("VpcConfig"); ok {
		if m, ok := v.(map[string]any); ok && m["SubnetIds"] != nil && m["SecurityGroupIds"] != nil {
			// Taking empties m, the bag's own map: take the values out first.
			subnets, _ := p.take("VpcConfig", "SubnetIds")
			groups, _ := p.take("VpcConfig", "SecurityGroupIds")
			o.set("vpc", newObj().set("subnets", im.list(subnets)).set("securityGroups", im.list(groups)))
		}
	}
	lg := newObj()
	for _, f := range []struct {
		key, field string
		allowed    []string
	}{
		{"LogFormat", "format", []string{"JSON", "Text"}},
		{"ApplicationLogLevel", "applicationLevel", []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}},
		{"SystemLogLevel", "systemLevel", []string{"DEBUG", "INFO", "WARN"}},
	} {
		if v, ok := p.peek("LoggingConfig", f.key); ok {
			if s, ok := v.(string); ok && slices.Contains(f.allowed, s) {
				p.take("LoggingConfig", f.key)
				lg.set(f.field, s)
			}
		}
	}
	if !lg.empty() {
		o.set("logging", lg)
	}
	im.samTagsField(o, p)
	if v, ok := p.peek("Layers"); ok {
		if l, ok := im.layerRefs(v); ok {
			p.take("Layers")
			o.set("layers", l)
		}
	}
	if v, ok := p.take("PermissionsBoundary"); ok {
		o.set("permissionsBoundary", im.value(v, schema.AttrArn))
	}
	if v, ok := p.peek("RolePath"); ok {
		if s, ok := v.(string); ok && rolePathRe().MatchString(s) {
			p.take("RolePath")
			o.set("rolePath", s)
		}
	}
	if b, ok := p.boolean("PropagateTags"); ok {
		o.set("propagateTags", b)
	}
	if v, ok := p.peek("RecursiveLoop"); ok && (v == "Allow" || v == "Terminate") {
		p.take("RecursiveLoop")
		o.set("recursiveLoop", v)
	}
	im.async(o, p, owner)
}

// rolePathRe is #FunctionSettings' rolePath.
var rolePathRe = lazyRegexp(`^/([\x21-\x7E]{0,510}/)?$`)

// intField maps an integer property.
func (im *importer) intField(o *obj, p *bag, field, key string) {
	v, ok := p.take(key)
	if !ok {
		return
	}
	if n, ok := intOf(v); ok {
		o.set(field, n)
		return
	}
	o.set(field, im.value(v, ""))
}

// intOf reads an integer CloudFormation takes as a number or a string.
func intOf(v any) (int64, bool) {
	n, ok := number(v)
	if !ok {
		return 0, false
	}
	switch x := n.(type) {
	case int64:
		return x, true
	case float64:
		if x == float64(int64(x)) {
			return int64(x), true
		}
	}
	return 0, false
}

var envKeyRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]+$`)

func envKeys(m map[string]any) bool {
	for k := range m {
		if !envKeyRe.MatchString(k) {
			return false
		}
	}
	return true
}

// list converts a list of values (or one expression of a list).
func (im *importer) list(v any) any {
	if l, ok := v.([]any); ok {
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = im.value(e, "")
		}
		return out
	}
	return im.value(v, "")
}

var tagKeyRe = lazyRegexp(`^[^:].{0,127}$`)

// samTagsField maps a SAM resource's Tags to o's tags, when they are a map
// of strings (tagsField reads CloudFormation's tag lists).
func (im *importer) samTagsField(o *obj, p *bag) {
	if v, ok := p.peek("Tags"); ok {
		if t, ok := im.tags(v); ok {
			p.take("Tags")
			o.set("tags", t)
		}
	}
}

// tags converts a SAM tag map ({key: value}).
func (im *importer) tags(v any) (*obj, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	t := newObj()
	for _, k := range sortedIDs(m) {
		if !tagKeyRe().MatchString(k) || strings.HasPrefix(k, "aws:") {
			return nil, false
		}
		val := m[k]
		if s, ok := val.(string); ok && len(s) > 256 {
			return nil, false
		}
		t.set(k, im.value(val, ""))
	}
	return t, true
}

// cfnTags converts a CloudFormation tag list ([{Key, Value}]).
func (im *importer) cfnTags(v any) (*obj, bool) {
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	m := map[string]any{}
	for _, e := range l {
		kv, ok := e.(map[string]any)
		k, isStr := kv["Key"].(string)
		if !ok || !isStr || len(kv) != 2 {
			return nil, false
		}
		m[k] = kv["Value"]
	}
	return im.tags(m)
}

var layerArnRe = lazyRegexp(`^arn:(aws[a-z-]*|\$\{AWS::Partition\}):lambda:([a-z]{2}(-[a-z]+)+-[0-9]+|\$\{AWS::Region\}):([0-9]{12}|\$\{AWS::AccountId\}):layer:[A-Za-z0-9_-]{1,140}:[0-9]+$`)

// layerRefs converts a Layers list: owned layers by reference, others
// declared as existing layers by ARN.
func (im *importer) layerRefs(v any) ([]any, bool) {
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	var out []any
	for _, e := range l {
		if d, ok := im.refOf(e, "layer", schema.AttrArn); ok {
			out = append(out, d.ref())
			continue
		}
		if s, _ := e.(string); ssmLayerRe.MatchString(s) {
			out = append(out, im.ssmLayer(s).ref())
			continue
		}
		arn := e
		if s := subString(e); s != "" {
			if !layerArnRe().MatchString(s) {
				return nil, false
			}
			if _, isSub := e.(map[string]any); !isSub {
				arn = s
			} else if !strings.Contains(s, "${") {
				return nil, false
			}
			// A !Sub stays the expression: its template as the ARN's
			// literal would keep ${AWS::Region} unsubstituted.
		} else if m, ok := e.(map[string]any); !ok || !isIntrinsicMap(m) {
			return nil, false
		}
		out = append(out, im.existingDecl("layer", arn).ref())
	}
	return out, true
}

// async maps a function's EventInvokeConfig and DeadLetterQueue.
func (im *importer) async(o *obj, p *bag, owner string) {
	a := newObj()
	if v, ok := p.peek("EventInvokeConfig", "MaximumRetryAttempts"); ok {
		if n, ok := intOf(v); ok {
			p.take("EventInvokeConfig", "MaximumRetryAttempts")
			a.set("retries", n)
		}
	}
	if v, ok := p.peek("EventInvokeConfig", "MaximumEventAgeInSeconds"); ok {
		if n, ok := intOf(v); ok {
			p.take("EventInvokeConfig", "MaximumEventAgeInSeconds")
			a.set("maxEventAge", n)
		}
	}
	for _, d := range []struct{ key, field string }{{"OnSuccess", "onSuccess"}, {"OnFailure", "onFailure"}} {
		dest, ok := p.peek("EventInvokeConfig", "DestinationConfig", d.key)
		if !ok {
			continue
		}
		if r, ok := im.delivery(dest, "Destination", func(k schema.Kind) *schema.Delivery { return k.Destination }); ok {
			p.take("EventInvokeConfig", "DestinationConfig", d.key)
			a.set(d.field, r)
		}
	}
	if !a.empty() {
		o.set("async", a)
	}
	if dl, ok := p.peek("DeadLetterQueue"); ok {
		if r, ok := im.delivery(dl, "TargetArn", func(k schema.Kind) *schema.Delivery { return k.DeadLetter }); ok {
			p.take("DeadLetterQueue")
			o.set("deadLetter", r)
		}
	}
}

// delivery reads a {Type, <arnKey>: ARN} destination whose Type is the
// one samgen renders for the kind it names.
func (im *importer) delivery(v any, arnKey string, of func(schema.Kind) *schema.Delivery) (ref, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 2 {
		return ref{}, false
	}
	typ, _ := m["Type"].(string)
	for _, k := range schema.Kinds {
		dv := of(k)
		if dv == nil || dv.Type != typ {
			continue
		}
		if d, ok := im.refOf(m[arnKey], k.Name, schema.AttrArn); ok {
			return d.ref(), true
		}
		if arn := m[arnKey]; arnOf(arn, k.Name) {
			return im.existingDecl(k.Name, arn).ref(), true
		}
	}
	return ref{}, false
}

// arnServices are the ARN services of the kinds an existing resource may
// be declared for from an ARN.
var arnServices = map[string]string{
	"queue": ":sqs:", "topic": ":sns:", "function": ":lambda:", "bus": ":events:", "bucket": ":s3:",
	"table": ":dynamodb:", "stream": ":kinesis:", "key": ":kms:", "stateMachine": ":states:",
}

// arnOf reports whether v is an ARN of a resource of kind: a literal (or
// a !Sub) of its service, or an export or parameter that may be one.
func arnOf(v any, kind string) bool {
	svc, ok := arnServices[kind]
	if !ok {
		return false
	}
	if s := subString(v); s != "" {
		return strings.HasPrefix(s, "arn:") && strings.Contains(s, svc)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, imported := m["Fn::ImportValue"]
	return imported
}

// function imports an AWS::Serverless::Function.
func (im *importer) function(d *decl, p *bag) {
	o := d.spec
	if v, ok := p.take("FunctionName"); ok {
		o.set("name", im.value(v, ""))
	}
	if v, ok := p.take("Description"); ok {
		o.set("description", im.value(v, ""))
	}
	if s, ok := p.str("CodeUri"); ok {
		o.set("source", s)
	}
	if s, ok := p.str("InlineCode"); ok {
		o.set("inlineCode", s)
	}
	if v, ok := p.peek("PackageType"); ok && v == "Image" {
		p.take("PackageType")
		if img, ok := p.take("ImageUri"); ok {
			o.set("image", im.value(img, ""))
		}
	}
	if md := d.res.Metadata; md != nil {
		if b, ok := md["BuildMethod"].(string); ok && slices.Contains([]string{"go1.x", "rust-cargolambda", "makefile", "esbuild"}, b) {
			o.set("build", b)
			if bp, ok := md["BuildProperties"].(map[string]any); ok {
				o.set("buildProperties", fromJSON(bp))
			}
		}
	}
	im.settings(o, p, d.path())
	im.features(o, p)
	im.fileSystem(o, p)
	im.intField(o, p, "reservedConcurrency", "ReservedConcurrentExecutions")
	if v, ok := p.peek("AutoPublishAlias"); ok {
		if s, ok := v.(string); ok && regexp.MustCompile(`^[a-zA-Z0-9_-]{1,128}$`).MatchString(s) && !regexp.MustCompile(`^[0-9]+$`).MatchString(s) {
			p.take("AutoPublishAlias")
			o.set("alias", s)
		}
	}
	if v, ok := p.peek("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"); ok && o.has("alias") {
		p.take("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions")
		if n, ok := intOf(v); ok {
			o.set("provisionedConcurrency", n)
		} else {
			o.set("provisionedConcurrency", im.value(v, ""))
		}
	}
	im.autoscaling(d)
	im.functionIAM(d, p)
	im.functionEvents(d, p)
	im.functionInvokers(d)
	im.functionLogging(d)
	o.sortFields()
	im.orderFunction(o)
}

// functionOrder is the order a function's fields are written in, as a
// team writes them: what it is, how it runs, what it may do, what calls
// it.
var functionOrder = []string{"logicalId", "name", "description", "condition", "dependsOn", "source", "inlineCode", "image", "handler", "runtime", "architecture",
	"build", "buildProperties", "memory", "timeout", "ephemeralStorage", "tracing", "reservedConcurrency", "alias", "provisionedConcurrency",
	"layers", "env", "vpc", "logging", "tags", "permissionsBoundary", "rolePath", "propagateTags", "recursiveLoop",
	"imageConfig", "runtimeManagement", "snapStart", "durable", "capacityProvider", "tenancy", "url", "deployment",
	"kmsKey", "sourceKmsKey", "codeSigningConfig", "versionDescription", "versionDeletionPolicy", "codeSha256", "publishAllProperties",
	"access", "policies", "managedPolicies", "statements", "wildcards", "async", "deadLetter", "events", "invokers", "metadata"}

func (im *importer) orderFunction(o *obj) {
	slices.SortStableFunc(o.fields, func(a, b *field) int {
		return slices.Index(functionOrder, a.label) - slices.Index(functionOrder, b.label)
	})
}

// functionLogging writes the retention and attributes of the function's
// log group, when it absorbs one.
func (im *importer) functionLogging(d *decl) {
	for _, id := range d.absorbs {
		r := im.res[id]
		if r.Type != "AWS::Logs::LogGroup" {
			continue
		}
		lg, _ := d.spec.get("logging").(*obj)
		if lg == nil {
			lg = newObj()
			d.spec.set("logging", lg)
		}
		ret := r.Properties["RetentionInDays"]
		if n, ok := intOf(ret); ok {
			lg.set("retention", n)
		} else {
			lg.set("retention", im.value(ret, ""))
		}
		derived := schema.FunctionLogGroupID(d.schemaRef(), nil)
		if a := im.attrsOf(id, derived, true); !a.empty() {
			lg.set("logGroup", a)
		}
	}
}

// functionInvokers writes the permissions the function absorbs as
// invokers.
func (im *importer) functionInvokers(d *decl) {
	invs := newObj()
	n := newNames()
	events := map[string]bool{} // the SNS events' permissions
	for _, s := range im.absorbedSNSSubscriptions(d) {
		events[s.permission] = true
	}
	for _, id := range d.absorbs {
		r := im.res[id]
		if r.Type != "AWS::Lambda::Permission" || events[id] {
			continue
		}
		key, _ := im.invoker(d, id, r)
		name, _ := n.take(key, "")
		if !ident(name) {
			name = n.unique(camel(key))
		}
		o := newObj()
		principal := r.Properties["Principal"]
		if s, ok := principal.(string); ok && serviceRe.MatchString(s) {
			o.set("service", s)
			if a, ok := r.Properties["SourceAccount"]; ok {
				o.set("account", im.value(a, ""))
			}
		} else {
			o.set("account", im.value(principal, ""))
		}
		if s, ok := r.Properties["SourceArn"]; ok {
			o.set("sourceArn", im.value(s, schema.AttrArn))
		}
		derived := schema.LogicalID(d.schemaRef()) + cfn.LogicalID(name, "InvokePermission")
		if a := im.attrsOf(id, derived, false); !a.empty() {
			for _, f := range a.fields {
				o.set(f.label, f.value)
			}
		}
		invs.set(name, o)
	}
	if !invs.empty() {
		d.spec.set("invokers", invs)
	}
}

// defaults writes defaults.function from Globals.Function, and takes out
// of each function what it inherits.
func (im *importer) defaults() {
	g, _ := im.t.Globals["Function"].(map[string]any)
	dflt := newObj()
	if len(g) > 0 {
		p := newBag(pick(g, settingKeys...))
		im.settings(dflt, p, "defaults.function")
		for _, l := range p.leftovers(g) {
			// What Globals has that defaults cannot hold stays in every
			// function, where it was folded in.
			_ = l
		}
	}
	im.app.sub("defaults").set("function", dflt)
	if dflt.empty() {
		return
	}
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		if d.kind != "function" || d.spec == nil {
			continue
		}
		inherit(d.spec, dflt)
	}
}

// pick returns the entries of m with the given keys.
func pick(m map[string]any, keys ...string) map[string]any {
	out := map[string]any{}
	for _, k := range keys {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}

// inherit takes out of a function's spec what it inherits from the
// defaults: a setting equal to the default's, the environment variables
// and tags the default has with the same value, the default's layers
// that start the function's list (SAM concatenates them).
func inherit(f, dflt *obj) {
	for _, df := range dflt.fields {
		fv := f.get(df.label)
		if fv == nil {
			continue
		}
		switch df.label {
		case "env", "tags":
			fo, _ := fv.(*obj)
			do, _ := df.value.(*obj)
			if fo == nil || do == nil {
				continue
			}
			for _, kv := range do.fields {
				if fo.has(kv.label) && specKey(fo.get(kv.label)) == specKey(kv.value) {
					fo.unset(kv.label)
				}
			}
			if fo.empty() {
				f.unset(df.label)
			}
		case "layers":
			fl, _ := fv.([]any)
			dl, _ := df.value.([]any)
			if len(fl) >= len(dl) && specKey(fl[:len(dl)]) == specKey(dl) {
				if rest := fl[len(dl):]; len(rest) > 0 {
					f.set("layers", rest)
				} else {
					f.unset("layers")
				}
			}
		default:
			if specKey(fv) == specKey(df.value) {
				f.unset(df.label)
			}
		}
	}
}

// specKey is a canonical text of a spec value, to compare two.
func specKey(v any) string {
	var b strings.Builder
	var w func(v any)
	w = func(v any) {
		switch x := v.(type) {
		case *obj:
			b.WriteString("{")
			fs := slices.Clone(x.fields)
			slices.SortFunc(fs, func(a, b *field) int { return strings.Compare(a.label, b.label) })
			for _, f := range fs {
				fmt.Fprintf(&b, "%q:", f.label)
				w(f.value)
				b.WriteString(",")
			}
			b.WriteString("}")
		case []any:
			b.WriteString("[")
			for _, e := range x {
				w(e)
				b.WriteString(",")
			}
			b.WriteString("]")
		case ref:
			fmt.Fprintf(&b, "ref(%s.%s)", x.collection, x.name)
		case sel:
			fmt.Fprintf(&b, "sel(%s)", string(x))
		default:
			fmt.Fprintf(&b, "%#v", x)
		}
	}
	w(v)
	return b.String()
}

var mountPathRe = regexp.MustCompile(`^/mnt/[a-zA-Z0-9-_.]+$`)

// fileSystem maps FileSystemConfigs, one EFS access point, to fileSystem.
// Its file system is named only by the grant samgen derives for it
// (policies/features.go: ClientMount, and ClientWrite unless read-only, on
// the file system through that access point), which the template's
// Policies must hold; refineIAM then takes that statement as derived, not
// as one to write.
func (im *importer) fileSystem(o *obj, p *bag) {
	v, ok := p.peek("FileSystemConfigs")
	l := cfn.List(v)
	if !ok || len(l) != 1 {
		return
	}
	m, _ := l[0].(map[string]any)
	mount, _ := m["LocalMountPath"].(string)
	if len(m) != 2 || m["Arn"] == nil || !mountPathRe.MatchString(mount) {
		return
	}
	cond := canon(map[string]any{"StringEquals": map[string]any{"elasticfilesystem:AccessPointArn": m["Arn"]}})
	pols, _ := p.peek("Policies")
	for _, s := range allowStatements(pols) {
		res := stringOrAny(s["Resource"])
		if res == nil || canon(s["Condition"]) != cond || !onlyKeys(s, "Effect", "Action", "Resource", "Condition") {
			continue
		}
		actions := stringOrList(s["Action"])
		readOnly := slices.Equal(actions, []any{"elasticfilesystem:ClientMount"})
		if !readOnly && !slices.Equal(actions, []any{"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"}) {
			continue
		}
		fs := newObj().set("accessPoint", im.value(m["Arn"], schema.AttrArn)).
			set("fileSystem", im.value(res, schema.AttrArn)).set("mountPath", mount)
		if readOnly {
			fs.set("readOnly", true)
		}
		p.take("FileSystemConfigs")
		o.set("fileSystem", fs)
		return
	}
}

// stringOrAny is a Resource of one element: the element of a list of one,
// or the value itself; nil for a list of any other length.
func stringOrAny(v any) any {
	if l, ok := v.([]any); ok {
		if len(l) == 1 {
			return l[0]
		}
		return nil
	}
	return v
}

// ssmLayerRe matches a layer given as the SSM parameter that holds its
// ARN, as samgen writes a layer declared by ssm.
var ssmLayerRe = regexp.MustCompile(`^\{\{resolve:ssm:(/[A-Za-z0-9_./-]+)\}\}$`)

// ssmLayer declares (once) the existing layer whose ARN the SSM parameter
// of ref (a {{resolve:ssm:...}} reference) holds.
func (im *importer) ssmLayer(ref string) *decl {
	key := "layer " + ref
	if d := im.existing[key]; d != nil {
		return d
	}
	path := ssmLayerRe.FindStringSubmatch(ref)[1]
	k, _ := schema.KindOf("layer")
	d := &decl{kind: "layer", collection: k.Collection, spec: newObj()}
	n := im.names[k.Collection]
	if n == nil {
		n = newNames()
		im.names[k.Collection] = n
	}
	d.name = n.unique(camel(cfn.LogicalID(path[strings.LastIndexByte(path, '/')+1:], "")))
	d.spec.set("ssm", path)
	im.existing[key] = d
	im.index[canon(ref)] = append(im.index[canon(ref)], refAttr{d, schema.AttrArn})
	return d
}
