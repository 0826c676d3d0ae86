package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/s3"

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
		b.add(schema.LogicalID(bk.Ref), "buckets."+name, "", fromStruct(&s3.Bucket{Tags: cfnTags(bk.Tags)}, extra))
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
