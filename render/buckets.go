package render

import (
	"maps"
	"slices"
	"strconv"

	"samgen.dev/samgen/schema"
)

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
		props := map[string]any{
			"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{rule}},
		}
		if bk.Versioning {
			props["VersioningConfiguration"] = map[string]any{"Status": "Enabled"}
		}
		if bk.BlockPublicAccess {
			props["PublicAccessBlockConfiguration"] = map[string]any{
				"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
			}
		}
		if len(bk.Lifecycle) > 0 {
			props["LifecycleConfiguration"] = map[string]any{"Rules": b.lifecycleRules(path+".lifecycle", bk.Lifecycle)}
		}
		if bk.EventBridge {
			props["NotificationConfiguration"] = map[string]any{"EventBridgeConfiguration": map[string]any{"EventBridgeEnabled": true}}
		}
		n, err := b.app.BucketName(name)
		if err != nil {
			b.errf(path+".name", "%v", err)
		}
		if n != nil {
			b.uses(path+".name", n)
			props["BucketName"] = n
		}
		b.addDeclared("AWS::S3::Bucket", path, bk.Resource, &bk.Stateful, bk.Tags, props)
	}
}

func (b *builder) lifecycleRules(path string, rs []schema.LifecycleRule) []any {
	var out []any
	for i, r := range rs {
		p := path + "[" + strconv.Itoa(i) + "]"
		m := map[string]any{"Id": r.ID, "Status": "Enabled"}
		setValue(m, "Prefix", b.optional(p+".prefix", r.Prefix, ""))
		setValue(m, "ExpirationInDays", b.optional(p+".expireDays", r.ExpireDays, ""))
		setValue(m, "NoncurrentVersionExpirationInDays", b.optional(p+".noncurrentExpireDays", r.NoncurrentExpireDays, ""))
		if !r.AbortIncompleteUploadDays.IsZero() {
			m["AbortIncompleteMultipartUpload"] = map[string]any{"DaysAfterInitiation": b.value(p+".abortIncompleteUploadDays", r.AbortIncompleteUploadDays, "")}
		}
		var ts []any
		for j, t := range r.Transitions {
			ts = append(ts, map[string]any{"TransitionInDays": b.value(p+".transitions["+strconv.Itoa(j)+"].days", t.Days, ""), "StorageClass": t.StorageClass})
		}
		if len(ts) > 0 {
			m["Transitions"] = ts
		}
		out = append(out, m)
	}
	return out
}
