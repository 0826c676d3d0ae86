package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation/kinesis"
	"github.com/awslabs/goformation/v7/cloudformation/kms"
	"github.com/awslabs/goformation/v7/cloudformation/s3"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// Buckets, streams, keys, conditions, raw resources and overrides.
func init() {
	addPart((*builder).buckets)
	addPart((*builder).streams)
	addPart((*builder).keys)
	addPart((*builder).conditions)
	addPart((*builder).rawResources)
	finishers = append(finishers, (*builder).finishTopicPolicies, (*builder).resourceConditions, (*builder).conditionalDeliveries, (*builder).overrides)
}

func (b *builder) buckets() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Buckets)) {
		bk := b.app.Buckets[name]
		if !b.app.Owned(bk.Ref) {
			continue
		}
		path := "buckets." + name
		sse := map[string]any{"SSEAlgorithm": "AES256"}
		if bk.Encryption == "KMS" {
			sse = map[string]any{"SSEAlgorithm": "aws:kms"}
			if bk.Key != nil {
				sse["KMSMasterKeyID"] = b.resolve(path+".key", *bk.Key, schema.AttrArn)
			}
		}
		rule := map[string]any{"ServerSideEncryptionByDefault": sse}
		if bk.Encryption == "KMS" {
			// S3 Bucket Keys cut the KMS requests (and their cost) per object.
			rule["BucketKeyEnabled"] = true
		}
		extra := map[string]any{
			"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{rule}},
		}
		if bk.Versioning {
			extra["VersioningConfiguration"] = map[string]any{"Status": "Enabled"}
		}
		if bk.BlockPublicAccess {
			extra["PublicAccessBlockConfiguration"] = map[string]any{
				"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
			}
		}
		if len(bk.Lifecycle) > 0 {
			extra["LifecycleConfiguration"] = map[string]any{"Rules": lifecycleRules(bk.Lifecycle)}
		}
		if bk.EventBridge {
			extra["NotificationConfiguration"] = map[string]any{"EventBridgeConfiguration": map[string]any{"EventBridgeEnabled": true}}
		}
		if n := b.app.BucketName(name); n != nil {
			extra["BucketName"] = n
		}
		b.add(schema.LogicalID(bk.Ref), fromStruct(&s3.Bucket{Tags: cfnTags(bk.Tags)}, extra))
	}
}

func lifecycleRules(rs []schema.LifecycleRule) []any {
	var out []any
	for _, r := range rs {
		m := map[string]any{"Id": r.ID, "Status": "Enabled"}
		if r.Prefix != "" {
			m["Prefix"] = r.Prefix
		}
		setInt(m, "ExpirationInDays", r.ExpireDays)
		setInt(m, "NoncurrentVersionExpirationInDays", r.NoncurrentExpireDays)
		if r.AbortIncompleteUploadDays != nil {
			m["AbortIncompleteMultipartUpload"] = map[string]any{"DaysAfterInitiation": *r.AbortIncompleteUploadDays}
		}
		var ts []any
		for _, t := range r.Transitions {
			ts = append(ts, map[string]any{"TransitionInDays": t.Days, "StorageClass": t.StorageClass})
		}
		if len(ts) > 0 {
			m["Transitions"] = ts
		}
		out = append(out, m)
	}
	return out
}

func (b *builder) streams() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Streams)) {
		st := b.app.Streams[name]
		if !b.app.Owned(st.Ref) {
			continue
		}
		path := "streams." + name
		s := &kinesis.Stream{
			RetentionPeriodHours: ptr(st.Retention),
			StreamModeDetails:    &kinesis.Stream_StreamModeDetails{StreamMode: st.Mode},
			ShardCount:           st.Shards,
			Tags:                 cfnTags(st.Tags),
		}
		if st.Encryption {
			key := any("alias/aws/kinesis")
			if st.Key != nil {
				key = b.resolve(path+".key", *st.Key, schema.AttrArn)
			}
			s.StreamEncryption = &kinesis.Stream_StreamEncryption{EncryptionType: "KMS", KeyId: str(key)}
		}
		b.add(schema.LogicalID(st.Ref), fromStruct(s, nil))
	}
}

func (b *builder) keys() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Keys)) {
		k := b.app.Keys[name]
		if !b.app.Owned(k.Ref) {
			continue
		}
		key := &kms.Key{
			EnableKeyRotation: ptr(k.Rotation),
			Tags:              cfnTags(k.Tags),
			// The default key policy: the account's IAM policies decide who
			// may use the key, so functions' access verbs take effect.
			KeyPolicy: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Sid":       "AccountIAM",
				"Effect":    "Allow",
				"Principal": map[string]any{"AWS": cfn.Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
				"Action":    "kms:*",
				"Resource":  "*",
			}}},
		}
		if k.Description != "" {
			key.Description = ptr(k.Description)
		}
		b.add(schema.LogicalID(k.Ref), fromStruct(key, nil))
	}
}

// conditions renders the Conditions section.
func (b *builder) conditions() {
	if len(b.app.Conditions) == 0 {
		return
	}
	b.t.Conditions = map[string]any{}
	cond := func(r schema.Ref) any { return map[string]any{"Condition": schema.ConditionID(r.Name)} }
	conds := func(rs []schema.Ref) []any {
		var out []any
		for _, r := range rs {
			out = append(out, cond(r))
		}
		return out
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Conditions)) {
		c := b.app.Conditions[name]
		path := "conditions." + name
		var v any
		switch {
		case c.Equals != nil:
			v = map[string]any{"Fn::Equals": b.rawValue(path+".equals", c.Equals)}
		case c.Not != nil:
			v = map[string]any{"Fn::Not": []any{cond(*c.Not)}}
		case c.And != nil:
			v = map[string]any{"Fn::And": conds(c.And)}
		case c.Or != nil:
			v = map[string]any{"Fn::Or": conds(c.Or)}
		default:
			b.errf(path, "no condition")
			continue
		}
		b.t.Conditions[schema.ConditionID(name)] = v
	}
}

// rawValue renders a user-given JSON value, replacing references to the
// spec's resources with the intrinsics they stand for.
func (b *builder) rawValue(path string, v any) any {
	if r, attr, ok := schema.AsAttrRef(v); ok {
		if _, known := schema.Kinds[r.Kind]; known {
			return b.resolve(path, r, attr)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out[k] = b.rawValue(path+"."+k, x[k])
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = b.rawValue(fmt.Sprintf("%s[%d]", path, i), e)
		}
		return out
	}
	return v
}

func (b *builder) rawResources() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Resources)) {
		r := b.app.Resources[name]
		path := "resources." + name
		props, _ := b.rawValue(path+".properties", r.Properties).(map[string]any)
		res := &Resource{
			Type:                r.Type,
			Properties:          props,
			DeletionPolicy:      r.DeletionPolicy,
			UpdateReplacePolicy: r.UpdateReplacePolicy,
		}
		for _, d := range r.DependsOn {
			res.DependsOn = append(res.DependsOn, schema.LogicalID(d))
		}
		b.add(schema.LogicalID(r.Ref), res)
	}
}

// resourceConditions sets the Condition of every resource declared with
// one. The condition is read from the spec generically, so every
// collection of resources takes one the same way.
func (b *builder) resourceConditions() {
	for _, p := range b.inst.Conditionals() {
		if res, ok := b.t.Resources[p.ID]; ok {
			res.Condition = schema.ConditionID(p.Condition.Name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(b.app.Outputs)) {
		var r schema.Ref
		if v := b.inst.Value("outputs." + name + ".condition"); v.Exists() && v.Decode(&r) == nil {
			b.t.Outputs[cfn.LogicalID(name, "")].(map[string]any)["Condition"] = schema.ConditionID(r.Name)
		}
	}
}

// conditionalDeliveries keeps the template valid when a sender exists only
// under a condition: the role and permissions generated for a conditional
// rule take its condition, and a queue or topic policy statement scoped to
// a conditional sender is included only when that sender exists.
func (b *builder) conditionalDeliveries() {
	cond := map[string]string{}
	for _, c := range b.inst.Conditionals() {
		id := schema.ConditionID(c.Condition.Name)
		cond[c.ID] = id
		switch {
		case strings.HasPrefix(c.Path, "rules."):
			name := strings.TrimPrefix(c.Path, "rules.")
			for tn := range b.app.Rules[name].Targets {
				cond[c.ID+cfn.LogicalID(tn, "Permission")] = id
			}
			cond[c.ID+"Role"] = id
		case strings.HasPrefix(c.Path, "functions."):
			// SAM names an event's rule <function ID><event ID> (the event
			// key as a logical ID, see events.go) and gives it the
			// function's condition.
			for ev := range b.app.Functions[strings.TrimPrefix(c.Path, "functions.")].Events {
				cond[c.ID+cfn.LogicalID(ev, "")] = id
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(b.t.Resources)) {
		res := b.t.Resources[id]
		if c, ok := cond[id]; ok && res.Condition == "" {
			res.Condition = c
		}
		if res.Type != "AWS::SQS::QueuePolicy" && res.Type != "AWS::SNS::TopicPolicy" {
			continue
		}
		// Raw resources of these types are the user's, and are left as
		// given: only samgen's policies have the shape looked at here.
		doc, _ := res.Properties["PolicyDocument"].(map[string]any)
		stmts, _ := doc["Statement"].([]any)
		if len(stmts) == 0 {
			continue
		}
		conds := make([]string, len(stmts))
		for i, st := range stmts {
			conds[i] = cond[intrinsicID(sourceArn(st))]
		}
		if c := conds[0]; c != "" && res.Condition == "" && !slices.ContainsFunc(conds, func(o string) bool { return o != c }) {
			// Every sender has the same condition: so has the policy,
			// which would otherwise be empty without them.
			res.Condition = c
			continue
		}
		for i, c := range conds {
			if c != "" && c != res.Condition {
				stmts[i] = cfn.If(c, stmts[i], cfn.NoValue())
			}
		}
	}
}

// sourceArn returns the aws:SourceArn a generated statement is scoped to.
func sourceArn(stmt any) any {
	v := stmt
	for _, k := range []string{"Condition", "ArnEquals", "aws:SourceArn"} {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// intrinsicID returns the logical ID a !Ref or !GetAtt names, or "".
func intrinsicID(v any) string {
	m, _ := v.(map[string]any)
	switch x := m["Fn::GetAtt"].(type) {
	case []any:
		s, _ := x[0].(string)
		return s
	}
	s, _ := m["Ref"].(string)
	return s
}

// overrides merges the spec's property overrides into rendered resources.
func (b *builder) overrides() {
	for _, id := range slices.Sorted(maps.Keys(b.app.Overrides)) {
		res, ok := b.t.Resources[id]
		if !ok {
			b.errf("overrides."+id, "no resource %s in the template", id)
			continue
		}
		if res.Properties == nil {
			res.Properties = map[string]any{}
		}
		for _, p := range slices.Sorted(maps.Keys(b.app.Overrides[id])) {
			setPath(res.Properties, strings.Split(p, "."), b.rawValue("overrides."+id, b.app.Overrides[id][p]))
		}
	}
}

// setPath sets m[k0][k1]...= v, creating (or replacing non-map values with)
// maps on the way.
func setPath(m map[string]any, keys []string, v any) {
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}
