package importer

import (
	"reflect"
	"regexp"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// The resources samgen declares in collections of their own: queues,
// tables, topics, buses, buckets, streams, keys, layers.

// keep records a setting the importer writes so the template's behaviour
// stays, where samgen's default would add to it; with AdoptDefaults it
// writes nothing and lists the change instead.
func (im *importer) keep(d *decl, field string, v any, change, comment string) {
	if im.opts.AdoptDefaults {
		im.adopted = append(im.adopted, Change{LogicalID: d.id, Path: d.path(), What: change})
		return
	}
	d.spec.setc(field, v, comment)
}

// keepUnset keeps a property samgen always renders unset, as the template
// has it, with an override to AWS::NoValue (CloudFormation reads it as
// the property absent); with AdoptDefaults it lists the change instead.
func (im *importer) keepUnset(d *decl, prop, change, why string) {
	if im.opts.AdoptDefaults {
		im.adopted = append(im.adopted, Change{LogicalID: d.id, Path: d.path(), What: change})
		return
	}
	if im.overrides[d.id] == nil {
		im.overrides[d.id] = map[string]any{}
	}
	im.overrides[d.id][prop] = map[string]any{"Ref": "AWS::NoValue"}
	im.note("overrides.%s.%s: %s", d.id, prop, why)
}

// tagsField maps a CloudFormation tag list into `tags`.
func (im *importer) tagsField(d *decl, p *bag) {
	if v, ok := p.peek("Tags"); ok {
		if t, ok := im.cfnTags(v); ok {
			p.take("Tags")
			d.spec.set("tags", t)
		}
	}
}

// nameField maps a physical name property into `name`.
func (im *importer) nameField(d *decl, p *bag, key string) {
	if v, ok := p.take(key); ok {
		d.spec.set("name", im.value(v, schema.AttrName))
	}
}

func queueAbsorbs(im *importer, d *decl) []string {
	return im.policiesOf(d, "AWS::SQS::QueuePolicy", "Queues", cfn.Ref(d.id))
}

func topicAbsorbs(im *importer, d *decl) []string {
	return im.policiesOf(d, "AWS::SNS::TopicPolicy", "Topics", cfn.Ref(d.id))
}

// policiesOf finds the resource policy of the template that applies to
// d alone: samgen generates one per queue (or topic) services deliver to.
func (im *importer) policiesOf(d *decl, typ, key string, self any) []string {
	for _, id := range sortedIDs(im.res) {
		r := im.res[id]
		if r.Type != typ || r.Condition != d.res.Condition || !onlyKeys(r.Properties, key, "PolicyDocument") {
			continue
		}
		if l, ok := r.Properties[key].([]any); ok && len(l) == 1 && canon(l[0]) == canon(self) {
			return []string{id}
		}
	}
	return nil
}

// policyAttrs writes the attributes of the queue or topic policy d
// absorbs, where they differ from samgen's.
func (im *importer) policyAttrs(d *decl, typ string) {
	for _, id := range d.absorbs {
		if im.res[id].Type != typ {
			continue
		}
		if a := im.attrsOf(id, d.id+"Policy", false); !a.empty() {
			d.spec.set("policy", a)
		}
	}
}

// fifo maps a queue's or a topic's FIFO flag (property prop) and its
// content-based deduplication.
func fifo(o *obj, p *bag, prop string) {
	if b, ok := p.boolean(prop); ok && b {
		o.set("fifo", true)
	}
	if b, ok := p.boolean("ContentBasedDeduplication"); ok {
		o.set("contentBasedDeduplication", b)
	}
}

func (im *importer) queue(d *decl, p *bag) {
	o := d.spec
	im.nameField(d, p, "QueueName")
	fifo(o, p, "FifoQueue")
	im.intOpt(o, p, "visibilityTimeout", "VisibilityTimeout")
	im.intOpt(o, p, "retention", "MessageRetentionPeriod")
	im.intOpt(o, p, "delay", "DelaySeconds")
	if rp, ok := p.peek("RedrivePolicy"); ok {
		if m, ok := rp.(map[string]any); ok && len(m) == 2 && m["maxReceiveCount"] != nil {
			if q, ok := im.queueRef(p, "RedrivePolicy", "deadLetterTargetArn"); ok {
				r := newObj().set("deadLetter", q)
				v, _ := p.take("RedrivePolicy", "maxReceiveCount")
				if n, ok := intOf(v); !ok || n != 5 {
					r.set("maxReceiveCount", intOrValue(im, v))
				}
				o.set("redrive", r)
			}
		}
	}
	if key, ok := im.messageKey(p); ok {
		o.set("key", key)
	} else if v, ok := p.peek("SqsManagedSseEnabled"); ok && v == true {
		p.take("SqsManagedSseEnabled")
	} else {
		im.keepUnset(d, "SqsManagedSseEnabled", "SSE-SQS encryption turned on (SqsManagedSseEnabled: true)",
			"the template sets no SqsManagedSseEnabled: SQS's own default applies (samgen's is SSE-SQS; `samgen import --adopt-defaults` takes it)")
	}
	im.tagsField(d, p)
	im.policyAttrs(d, "AWS::SQS::QueuePolicy")
}

func acceptTable(im *importer, id string, r cfn.Resource) string {
	if _, ok := r.Properties["KeySchema"].([]any); !ok {
		return "samgen tables have a key schema, and this one has none samgen reads"
	}
	return ""
}

func (im *importer) table(d *decl, p *bag) {
	o := d.spec
	im.nameField(d, p, "TableName")
	ks, _ := p.peek("KeySchema")
	ads, _ := p.peek("AttributeDefinitions")
	types, declared := attributeDefinitions(ads)
	if keys, ok := keySchema(ks, types); ok {
		p.take("KeySchema")
		for i, n := range keys {
			o.set([]string{"key", "sortKey"}[i], keyAttribute(n, types))
		}
		im.tableIndexes(o, p, keys, types, declared)
	}
	if v, ok := p.peek("TableClass"); ok && (v == "STANDARD" || v == "STANDARD_INFREQUENT_ACCESS") {
		p.take("TableClass")
		o.set("tableClass", v)
	}
	if v, ok := p.peek("ContributorInsightsSpecification"); ok {
		if m, _ := v.(map[string]any); len(m) == 1 && m["Enabled"] == true {
			p.take("ContributorInsightsSpecification")
			o.set("contributorInsights", true)
		}
	}
	switch bm, _ := p.peek("BillingMode"); bm {
	case "PAY_PER_REQUEST":
		p.take("BillingMode")
	case "PROVISIONED", nil:
		p.take("BillingMode")
		o.set("billing", "PROVISIONED")
		if pt, ok := p.peek("ProvisionedThroughput"); ok {
			if c, ok := throughput(im, pt); ok {
				p.take("ProvisionedThroughput")
				o.set("capacity", c)
			}
		}
	}
	if v, ok := p.peek("StreamSpecification", "StreamViewType"); ok {
		if s, ok := v.(string); ok && slices.Contains([]string{"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"}, s) {
			p.take("StreamSpecification", "StreamViewType")
			o.set("stream", s)
		}
	}
	if ttl, ok := p.peek("TimeToLiveSpecification"); ok {
		m, _ := ttl.(map[string]any)
		if n, ok := m["AttributeName"].(string); ok && len(m) == 2 && m["Enabled"] == true {
			p.take("TimeToLiveSpecification")
			o.set("ttl", n)
		}
	}
	if key, ok := im.tableKey(p); ok {
		o.set("encryptionKey", key)
	}
	if v, ok := p.peek("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"); ok && v == true {
		p.take("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")
	} else {
		im.keep(d, "pointInTimeRecovery", false, "point-in-time recovery turned on (PointInTimeRecoverySpecification)",
			"the template has no point-in-time recovery (samgen's default keeps 35 days of backups; `samgen import --adopt-defaults` takes it)")
	}
	im.tagsField(d, p)
}

func acceptTopic(im *importer, id string, r cfn.Resource) string {
	if f, _ := boolean(r.Properties["FifoTopic"]); f {
		if _, named := r.Properties["TopicName"]; !named {
			return "samgen names a FIFO topic that has no TopicName, and this one has none"
		}
	}
	return ""
}

func (im *importer) topic(d *decl, p *bag) {
	o := d.spec
	im.nameField(d, p, "TopicName")
	fifo(o, p, "FifoTopic")
	if v, ok := p.take("DisplayName"); ok {
		o.set("displayName", im.value(v, ""))
	}
	if key, ok := im.messageKey(p); ok {
		o.set("key", key)
	}
	im.tagsField(d, p)
	im.policyAttrs(d, "AWS::SNS::TopicPolicy")
}

// tableKey takes a table's SSESpecification when it is a customer managed
// key of the template named by its ARN, as samgen renders it, and returns
// the key's ref; DynamoDB's AWS managed key (no KMSMasterKeyId), an alias
// or a key of another template is left for an override.
func (im *importer) tableKey(p *bag) (any, bool) {
	v, ok := p.peek("SSESpecification")
	m, _ := v.(map[string]any)
	if !ok || len(m) != 3 || m["SSEEnabled"] != true || m["SSEType"] != "KMS" {
		return nil, false
	}
	k, _ := im.refOf(m["KMSMasterKeyId"], "key", schema.AttrArn)
	if k == nil {
		return nil, false
	}
	p.take("SSESpecification")
	return k.ref(), true
}

// messageKey takes a queue's or topic's KmsMasterKeyId when it names a key
// of the template by its ARN, as samgen renders it, and returns the key's
// ref; another form (an alias, aws/sns) is left for an override.
func (im *importer) messageKey(p *bag) (any, bool) {
	v, ok := p.peek("KmsMasterKeyId")
	if !ok {
		return nil, false
	}
	k, _ := im.refOf(v, "key", schema.AttrArn)
	if k == nil {
		return nil, false
	}
	p.take("KmsMasterKeyId")
	return k.ref(), true
}

func (im *importer) bus(d *decl, p *bag) {
	im.nameField(d, p, "Name")
	im.tagsField(d, p)
}

func acceptBucket(im *importer, id string, r cfn.Resource) string { return "" }

func (im *importer) bucket(d *decl, p *bag) {
	o := d.spec
	im.nameField(d, p, "BucketName")
	if v, ok := p.peek("VersioningConfiguration"); ok {
		if m, ok := v.(map[string]any); ok && len(m) == 1 && m["Status"] == "Enabled" {
			p.take("VersioningConfiguration")
			o.set("versioning", true)
		}
	}
	enc, _ := p.peek("BucketEncryption", "ServerSideEncryptionConfiguration")
	rules := cfn.List(enc)
	var sse map[string]any
	var rule map[string]any
	if len(rules) == 1 {
		rule, _ = rules[0].(map[string]any)
		sse, _ = rule["ServerSideEncryptionByDefault"].(map[string]any)
	}
	switch {
	case sse != nil && len(rule) == 1 && len(sse) == 1 && sse["SSEAlgorithm"] == "AES256":
		p.take("BucketEncryption", "ServerSideEncryptionConfiguration")
	case sse != nil && sse["SSEAlgorithm"] == "aws:kms" && len(rule) == 2 && rule["BucketKeyEnabled"] == true:
		var key *decl
		if k, ok := sse["KMSMasterKeyID"]; ok {
			key, _ = im.refOf(k, "key", schema.AttrArn)
		}
		if key != nil || len(sse) == 1 {
			p.take("BucketEncryption", "ServerSideEncryptionConfiguration")
			o.set("encryption", "KMS")
			if key != nil {
				o.set("key", key.ref())
			}
		}
		// Otherwise the template's BucketEncryption is left over: an
		// override.
	case enc == nil:
		im.keepUnset(d, "BucketEncryption", "SSE-S3 default encryption written (BucketEncryption)",
			"the template sets no BucketEncryption: S3's default applies (samgen writes SSE-S3; `samgen import --adopt-defaults` takes it)")
	}
	pab, hasPAB := p.peek("PublicAccessBlockConfiguration")
	allBlocked := reflect.DeepEqual(pab, map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true})
	switch {
	case allBlocked:
		p.take("PublicAccessBlockConfiguration")
	case !hasPAB:
		im.keep(d, "blockPublicAccess", false, "public access blocked (PublicAccessBlockConfiguration)",
			"the template blocks no public access (samgen's default blocks all; `samgen import --adopt-defaults` takes it)")
	default:
		o.set("blockPublicAccess", false)
	}
	if lc, ok := p.peek("LifecycleConfiguration"); ok {
		if rules, ok := im.lifecycle(lc); ok {
			p.take("LifecycleConfiguration")
			o.set("lifecycle", rules)
		}
	}
	if v, ok := p.peek("NotificationConfiguration", "EventBridgeConfiguration", "EventBridgeEnabled"); ok && v == true {
		p.take("NotificationConfiguration", "EventBridgeConfiguration", "EventBridgeEnabled")
		o.set("eventBridge", true)
	}
	im.tagsField(d, p)
}

// lifecycle maps a bucket's lifecycle rules, when each is one samgen
// renders.
func (im *importer) lifecycle(v any) ([]any, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, false
	}
	var out []any
	for _, r := range cfn.List(m["Rules"]) {
		rm, ok := r.(map[string]any)
		if !ok || rm["Status"] != "Enabled" {
			return nil, false
		}
		id, ok := rm["Id"].(string)
		if !ok || id == "" {
			return nil, false
		}
		b := newBag(rm)
		b.take("Id")
		b.take("Status")
		o := newObj().set("id", id)
		if v, ok := b.take("Prefix"); ok {
			o.set("prefix", im.value(v, ""))
		}
		im.intOpt(o, b, "expireDays", "ExpirationInDays")
		im.intOpt(o, b, "noncurrentExpireDays", "NoncurrentVersionExpirationInDays")
		im.intOpt(o, b, "abortIncompleteUploadDays", "AbortIncompleteMultipartUpload", "DaysAfterInitiation")
		if ts, ok := b.peek("Transitions"); ok {
			var list []any
			for _, t := range cfn.List(ts) {
				tm, _ := t.(map[string]any)
				sc, _ := tm["StorageClass"].(string)
				if len(tm) != 2 || tm["TransitionInDays"] == nil || !slices.Contains([]string{"STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"}, sc) {
					return nil, false
				}
				list = append(list, newObj().set("days", intOrValue(im, tm["TransitionInDays"])).set("storageClass", sc))
			}
			b.take("Transitions")
			o.set("transitions", list)
		}
		if !b.empty() {
			return nil, false
		}
		out = append(out, o)
	}
	return out, len(out) > 0
}

func (im *importer) stream(d *decl, p *bag) {
	o := d.spec
	im.nameField(d, p, "Name")
	im.intOpt(o, p, "shards", "ShardCount")
	im.intOpt(o, p, "retention", "RetentionPeriodHours")
	switch m, _ := p.peek("StreamModeDetails", "StreamMode"); m {
	case "ON_DEMAND":
		p.take("StreamModeDetails", "StreamMode")
	case "PROVISIONED":
		p.take("StreamModeDetails", "StreamMode")
		o.set("mode", "PROVISIONED")
	case nil:
		o.set("mode", "PROVISIONED")
	}
	enc, hasEnc := p.peek("StreamEncryption")
	em, _ := enc.(map[string]any)
	switch {
	case !hasEnc:
		im.keep(d, "encryption", false, "KMS encryption turned on (StreamEncryption)",
			"the template does not encrypt the stream (samgen's default encrypts it with KMS; `samgen import --adopt-defaults` takes it)")
	case len(em) == 2 && em["EncryptionType"] == "KMS":
		if em["KeyId"] == "alias/aws/kinesis" {
			p.take("StreamEncryption")
		} else if k, ok := im.refOf(em["KeyId"], "key", schema.AttrArn); ok {
			p.take("StreamEncryption")
			o.set("key", k.ref())
		} else {
			o.set("encryption", false)
		}
	default:
		o.set("encryption", false)
	}
	im.tagsField(d, p)
}

// keyServices are the services a key policy lets use the key, of those
// whose use samgen derives from the queues and topics the key encrypts.
func keyServices(kp any) []string {
	var out []string
	m, _ := kp.(map[string]any)
	for _, st := range cfn.List(m["Statement"]) {
		principal, _ := st.(map[string]any)["Principal"].(map[string]any)
		if s, ok := principal["Service"].(string); ok && slices.Contains(render.KeyServices(), s) {
			out = append(out, s)
		}
	}
	return out
}

func (im *importer) key(d *decl, p *bag) {
	o := d.spec
	if v, ok := p.take("Description"); ok {
		o.set("description", im.value(v, ""))
	}
	if v, ok := p.peek("EnableKeyRotation"); ok && v == true {
		p.take("EnableKeyRotation")
	} else {
		if b, ok := boolean(v); ok && !b {
			p.take("EnableKeyRotation")
		}
		im.keep(d, "rotation", false, "yearly key rotation turned on (EnableKeyRotation)",
			"the template does not rotate the key (samgen's default rotates it yearly; `samgen import --adopt-defaults` takes it)")
	}
	// samgen's key policy, with the services samgen lets use the key when
	// they deliver to what it encrypts: whether the spec derives the same
	// services is for the comparison of the build to say.
	if kp, ok := p.peek("KeyPolicy"); ok && canon(kp) == canon(render.KeyPolicy(keyServices(kp))) {
		p.take("KeyPolicy")
	}
	im.tagsField(d, p)
}

var layerBuildRe = regexp.MustCompile(`^(python|nodejs|java|ruby|dotnet|provided)[a-z0-9.]*$`)

func (im *importer) layer(d *decl, p *bag) {
	o := d.spec
	if s, ok := p.str("ContentUri"); ok && s != "" {
		o.set("source", s)
	}
	im.nameField(d, p, "LayerName")
	if v, ok := p.take("Description"); ok {
		o.set("description", im.value(v, ""))
	}
	if v, ok := p.take("LicenseInfo"); ok {
		o.set("license", im.value(v, ""))
	}
	if v, ok := p.peek("RetentionPolicy"); ok && (v == "Retain" || v == "Delete") {
		p.take("RetentionPolicy")
		o.set("retention", v)
	}
	if v, ok := p.peek("CompatibleRuntimes"); ok {
		if l, ok := stringList(v); ok {
			p.take("CompatibleRuntimes")
			o.set("runtimes", l)
		}
	}
	if v, ok := p.peek("CompatibleArchitectures"); ok {
		if l, ok := stringList(v); ok && len(l) > 0 {
			p.take("CompatibleArchitectures")
			o.set("architectures", l)
		}
	}
	if v, ok := p.peek("PublishLambdaVersion"); ok {
		if b, ok := v.(bool); ok {
			p.take("PublishLambdaVersion")
			o.set("publishVersion", b)
		}
	}
	if md := d.res.Metadata; md != nil {
		b, _ := md["BuildMethod"].(string)
		arch, _ := md["BuildArchitecture"].(string)
		archs, _ := o.get("architectures").([]any)
		if (b == "makefile" || layerBuildRe.MatchString(b)) && (arch == "" && len(archs) == 0 || len(archs) > 0 && archs[0] == arch) {
			o.set("build", b)
			if bp, ok := md["BuildProperties"].(map[string]any); ok {
				o.set("buildProperties", fromJSON(bp))
			}
		}
	}
}
