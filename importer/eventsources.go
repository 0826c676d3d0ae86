package importer

import (
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// The event importers of the sources Lambda polls from a broker or a
// database (MSK, self-managed Kafka, Amazon MQ, DocumentDB) and of the
// services that push to a function (CloudWatch Logs, IoT, Cognito,
// Alexa). Each maps back what render/events.go renders for its type, and
// returns nil where the template says something the type cannot (the
// event is then an override of the function).

var kafkaTopicRe = lazyRegexp(`^[^.][a-zA-Z0-9._-]{0,248}$`)

// kafkaOptions maps the options MSK and self-managed Kafka events share
// (#KafkaEvent); false when the topic or starting position is not one.
func (im *importer) kafkaOptions(o *obj, p *bag) bool {
	topics, _ := p.peek("Topics")
	l, _ := topics.([]any)
	if len(l) != 1 {
		return false
	}
	topic, ok := l[0].(string)
	if !ok || !kafkaTopicRe().MatchString(topic) {
		return false
	}
	sp, _ := p.peek("StartingPosition")
	if s, ok := sp.(string); !ok || !slices.Contains([]string{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}, s) {
		return false
	}
	p.take("Topics")
	p.take("StartingPosition")
	o.set("topic", topic).set("startingPosition", sp)
	im.timestamp(o, p)
	if g, ok := p.peek("ConsumerGroupId"); ok {
		if s, ok := g.(string); ok {
			p.take("ConsumerGroupId")
			o.set("consumerGroup", s)
		}
	}
	im.intOpt(o, p, "batchSize", "BatchSize")
	im.intOpt(o, p, "retries", "MaximumRetryAttempts")
	im.intOpt(o, p, "maxRecordAge", "MaximumRecordAgeInSeconds")
	im.boolOpt(o, p, "bisect", "BisectBatchOnFunctionError")
	im.reportFailures(o, p)
	im.filters(o, p)
	im.pollerOptions(o, p)
	if pc, ok := p.peek("ProvisionedPollerConfig"); ok {
		if m, ok := pc.(map[string]any); ok && onlyKeys(m, "MinimumPollers", "MaximumPollers", "PollerGroupName") {
			po := newObj()
			im.intOpt(po, p, "min", "ProvisionedPollerConfig", "MinimumPollers")
			im.intOpt(po, p, "max", "ProvisionedPollerConfig", "MaximumPollers")
			if g, ok := p.peek("ProvisionedPollerConfig", "PollerGroupName"); ok {
				if s, ok := g.(string); ok {
					p.take("ProvisionedPollerConfig", "PollerGroupName")
					po.set("group", s)
				}
			}
			if left, _ := p.peek("ProvisionedPollerConfig"); len(mapOf(left)) == 0 {
				p.take("ProvisionedPollerConfig")
			}
			o.set("pollers", po)
		}
	}
	im.boolOpt(o, p, "enabled", "Enabled")
	return true
}

// timestamp maps StartingPositionTimestamp.
func (im *importer) timestamp(o *obj, p *bag) {
	if v, ok := p.take("StartingPositionTimestamp"); ok {
		if n, ok := number(v); ok {
			o.set("startingTimestamp", n)
		} else {
			o.set("startingTimestamp", im.value(v, ""))
		}
	}
}

// filterKmsKey maps KmsKeyArn, the key of the filter criteria: every
// event source mapping's, and the only one of #PollerOptions that SAM's MQ
// and DocumentDB events take.
func (im *importer) filterKmsKey(o *obj, p *bag) {
	if v, ok := p.take("KmsKeyArn"); ok {
		o.set("filterKmsKey", im.value(v, schema.AttrArn))
	}
}

// pollerOptions maps the options every event source mapping takes
// (#PollerOptions): KmsKeyArn and MetricsConfig.
func (im *importer) pollerOptions(o *obj, p *bag) {
	im.filterKmsKey(o, p)
	v, ok := p.peek("MetricsConfig", "Metrics")
	l, _ := v.([]any)
	if !ok || len(l) == 0 {
		return
	}
	for _, m := range l {
		if !slices.Contains([]any{"EventCount", "ErrorCount", "KafkaMetrics"}, m) {
			return
		}
	}
	p.take("MetricsConfig", "Metrics")
	o.set("metrics", l)
}

// accessConfigs reads SourceAccessConfigurations as a list of Type and
// URI pairs; false when it is not one.
func accessConfigs(p *bag) ([][2]any, bool) {
	v, ok := p.peek("SourceAccessConfigurations")
	if !ok {
		return nil, true
	}
	l, isList := v.([]any)
	if !isList || len(l) == 0 {
		return nil, false
	}
	var out [][2]any
	for _, e := range l {
		m, _ := e.(map[string]any)
		typ, isStr := m["Type"].(string)
		if !isStr || !onlyKeys(m, "Type", "URI") || m["URI"] == nil {
			return nil, false
		}
		out = append(out, [2]any{typ, m["URI"]})
	}
	return out, true
}

// authTypes are the SourceAccessConfigurations types of a Kafka event's
// auth, by source.
var authTypes = map[string][]string{
	"msk":              {"SASL_SCRAM_512", "CLIENT_CERTIFICATE_TLS"},
	"selfManagedKafka": {"SASL_SCRAM_256", "SASL_SCRAM_512", "BASIC", "CLIENT_CERTIFICATE_TLS"},
}

// auth maps an access configuration of an auth type of source.
func (im *importer) auth(source string, c [2]any) (*obj, bool) {
	typ, _ := c[0].(string)
	t, ok := strings.CutSuffix(typ, "_AUTH")
	if !ok || !slices.Contains(authTypes[source], t) {
		return nil, false
	}
	return newObj().set("type", t).set("secret", im.value(c[1], schema.AttrArn)), true
}

func mskEvent(im *importer, fn *decl, key string, p *bag) *obj {
	cluster, ok := p.peek("Stream")
	access, okAccess := accessConfigs(p)
	if !ok || !okAccess || len(access) > 1 {
		return nil
	}
	o := newObj()
	var auth *obj
	if len(access) == 1 {
		if auth, ok = im.auth("msk", access[0]); !ok {
			return nil
		}
	}
	if !im.kafkaOptions(o, p) {
		return nil
	}
	p.take("Stream")
	o.set("cluster", im.value(cluster, schema.AttrArn))
	im.intOpt(o, p, "batchWindow", "MaximumBatchingWindowInSeconds")
	if auth != nil {
		p.take("SourceAccessConfigurations")
		o.set("auth", auth)
	}
	im.onFailure(o, p)
	return o
}

// onFailure maps DestinationConfig.OnFailure: a declared or existing
// resource of a kind that receives stream failures, with the Type samgen
// renders for it.
func (im *importer) onFailure(o *obj, p *bag) {
	of, ok := p.peek("DestinationConfig", "OnFailure")
	m, _ := of.(map[string]any)
	if !ok || len(m) != 2 {
		return
	}
	typ, _ := m["Type"].(string)
	for _, k := range schema.Kinds {
		if k.StreamFailure == nil || k.StreamFailure.Type != typ {
			continue
		}
		if r, ok := im.refAt(p, k.Name, "DestinationConfig", "OnFailure", "Destination"); ok {
			p.take("DestinationConfig", "OnFailure", "Type")
			o.set("onFailure", r)
			return
		}
	}
}

var brokerRe = regexp.MustCompile(`^[^:]+:[0-9]+$`)

func selfManagedKafkaEvent(im *importer, fn *decl, key string, p *bag) *obj {
	servers, _ := p.peek("KafkaBootstrapServers")
	l, _ := servers.([]any)
	if len(l) == 0 {
		return nil
	}
	for _, s := range l {
		if str, ok := s.(string); !ok || !brokerRe.MatchString(str) {
			return nil
		}
	}
	access, ok := accessConfigs(p)
	if !ok {
		return nil
	}
	// render/events.go writes the auth, the root CA, the subnets, then
	// the security groups.
	var auth *obj
	var rootCa any
	var subnets, groups []any
	for i, c := range access {
		switch c[0] {
		case "SERVER_ROOT_CA_CERTIFICATE":
			if rootCa != nil || subnets != nil || groups != nil {
				return nil
			}
			rootCa = im.value(c[1], schema.AttrArn)
		case "VPC_SUBNET", "VPC_SECURITY_GROUP":
			prefix, list := "subnet:", &subnets
			if c[0] == "VPC_SECURITY_GROUP" {
				prefix, list = "security_group:", &groups
			} else if groups != nil {
				return nil
			}
			s, _ := c[1].(string)
			id, ok := strings.CutPrefix(s, prefix)
			if !ok || id == "" {
				return nil
			}
			*list = append(*list, id)
		default:
			if i != 0 {
				return nil
			}
			if auth, ok = im.auth("selfManagedKafka", c); !ok {
				return nil
			}
		}
	}
	if (subnets == nil) != (groups == nil) {
		return nil
	}
	o := newObj()
	if !im.kafkaOptions(o, p) {
		return nil
	}
	p.take("KafkaBootstrapServers")
	p.take("SourceAccessConfigurations")
	o.set("brokers", l)
	if auth != nil {
		o.set("auth", auth)
	}
	if rootCa != nil {
		o.set("rootCa", rootCa)
	}
	if subnets != nil {
		o.set("vpc", newObj().set("subnets", subnets).set("securityGroups", groups))
	}
	return o
}

func mqEvent(im *importer, fn *decl, key string, p *bag) *obj {
	broker, ok := p.peek("Broker")
	queues, _ := p.peek("Queues")
	ql, _ := queues.([]any)
	access, okAccess := accessConfigs(p)
	if !ok || len(ql) != 1 || !okAccess || len(access) == 0 || len(access) > 2 || access[0][0] != "BASIC_AUTH" {
		return nil
	}
	q, ok := ql[0].(string)
	if !ok || q == "" || len(q) > 1000 {
		return nil
	}
	if v, ok := p.peek("DynamicPolicyName"); ok && v != true {
		return nil
	}
	o := newObj().set("broker", im.value(broker, schema.AttrArn))
	// SAM's event does not say the engine; a virtual host is RabbitMQ's.
	engine := "ActiveMQ"
	if len(access) == 2 {
		vh, ok := access[1][1].(string)
		if access[1][0] != "VIRTUAL_HOST" || !ok || vh == "" || len(vh) > 200 {
			return nil
		}
		engine = "RabbitMQ"
		o.set("virtualHost", vh)
	}
	p.take("Broker")
	p.take("Queues")
	p.take("SourceAccessConfigurations")
	p.take("DynamicPolicyName")
	o.setc("engine", engine, "the template does not name the broker's engine: "+engine+" is read from its access configurations")
	o.set("queue", q).set("secret", im.value(access[0][1], schema.AttrArn))
	if vh := o.find("virtualHost"); vh != nil {
		// After the queue, where the schema has it.
		o.unset("virtualHost")
		o.set("virtualHost", vh.value)
	}
	im.intOpt(o, p, "batchSize", "BatchSize")
	im.intOpt(o, p, "batchWindow", "MaximumBatchingWindowInSeconds")
	im.filters(o, p)
	im.filterKmsKey(o, p)
	im.boolOpt(o, p, "enabled", "Enabled")
	return o
}

func documentDBEvent(im *importer, fn *decl, key string, p *bag) *obj {
	cluster, ok := p.peek("Cluster")
	db, isStr := p.peek("DatabaseName")
	access, okAccess := accessConfigs(p)
	if !ok || !okAccess || len(access) != 1 || access[0][0] != "BASIC_AUTH" {
		return nil
	}
	if s, _ := db.(string); !isStr || s == "" || len(s) > 63 {
		return nil
	}
	strOpt := func(key string, ok func(string) bool) (string, bool) {
		v, has := p.peek(key)
		if !has {
			return "", true
		}
		s, isStr := v.(string)
		return s, isStr && ok(s)
	}
	coll, okColl := strOpt("CollectionName", func(s string) bool { return s != "" && len(s) <= 57 })
	full, okFull := strOpt("FullDocument", func(s string) bool { return s == "UpdateLookup" || s == "Default" })
	sp, okSp := strOpt("StartingPosition", func(s string) bool {
		return slices.Contains([]string{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}, s)
	})
	if !okColl || !okFull || !okSp {
		return nil
	}
	for _, k := range []string{"Cluster", "DatabaseName", "SourceAccessConfigurations", "CollectionName", "FullDocument", "StartingPosition"} {
		p.take(k)
	}
	o := newObj().set("cluster", im.value(cluster, schema.AttrArn)).set("database", db)
	if coll != "" {
		o.set("collection", coll)
	}
	if full != "" {
		o.set("fullDocument", full)
	}
	o.set("secret", im.value(access[0][1], schema.AttrArn))
	if sp != "" {
		o.set("startingPosition", sp)
	}
	im.timestamp(o, p)
	im.intOpt(o, p, "batchSize", "BatchSize")
	im.intOpt(o, p, "batchWindow", "MaximumBatchingWindowInSeconds")
	im.filters(o, p)
	im.filterKmsKey(o, p)
	im.boolOpt(o, p, "enabled", "Enabled")
	return o
}

func cloudWatchLogsEvent(im *importer, fn *decl, key string, p *bag) *obj {
	lg, ok := p.peek("LogGroupName")
	fp, _ := p.peek("FilterPattern")
	pat, isStr := fp.(string)
	if !ok || !isStr || len([]rune(pat)) > 1024 {
		return nil
	}
	p.take("LogGroupName")
	p.take("FilterPattern")
	return newObj().set("logGroup", im.value(lg, schema.AttrName)).set("filterPattern", pat)
}

func iotRuleEvent(im *importer, fn *decl, key string, p *bag) *obj {
	v, _ := p.peek("Sql")
	sql, ok := v.(string)
	if !ok || sql == "" {
		return nil
	}
	o := newObj().set("sql", sql)
	if v, ok := p.peek("AwsIotSqlVersion"); ok {
		if !slices.Contains([]any{"2015-10-08", "2016-03-23", "beta"}, v) {
			return nil
		}
		p.take("AwsIotSqlVersion")
		o.set("sqlVersion", v)
	}
	p.take("Sql")
	return o
}

var cognitoTriggers = []string{"CreateAuthChallenge", "CustomEmailSender", "CustomMessage", "CustomSMSSender", "DefineAuthChallenge",
	"PostAuthentication", "PostConfirmation", "PreAuthentication", "PreSignUp", "PreTokenGeneration", "UserMigration", "VerifyAuthChallengeResponse"}

func cognitoEvent(im *importer, fn *decl, key string, p *bag) *obj {
	// The user pool is a raw resource, named by its logical ID.
	pool, _ := p.peek("UserPool")
	id, _ := mapOf(pool)["Ref"].(string)
	d := im.decls[id]
	if d == nil || d.kind != "resource" || len(mapOf(pool)) != 1 {
		return nil
	}
	v, _ := p.peek("Trigger")
	list := stringOrList(v)
	if len(list) == 0 {
		return nil
	}
	for _, t := range list {
		if s, ok := t.(string); !ok || !slices.Contains(cognitoTriggers, s) {
			return nil
		}
	}
	p.take("UserPool")
	p.take("Trigger")
	return newObj().set("userPool", d.ref()).set("triggers", list)
}

var skillIDRe = regexp.MustCompile(`^amzn1\.ask\.skill\.[A-Za-z0-9-]+$`)

func alexaSkillEvent(im *importer, fn *decl, key string, p *bag) *obj {
	v, _ := p.peek("SkillId")
	id, ok := v.(string)
	if !ok || !skillIDRe.MatchString(id) {
		// Without a skill ID any skill may invoke the function, which
		// samgen does not render.
		return nil
	}
	p.take("SkillId")
	return newObj().set("skillId", id)
}
