package policies

import "samgen.dev/samgen/schema"

// Access to buckets, streams and KMS keys.
func init() {
	add := func(verb, kind string, g grant) {
		if Verbs[verb] == nil {
			Verbs[verb] = map[string]grant{}
		}
		Verbs[verb][kind] = g
	}
	add("read", "bucket", template("S3ReadPolicy", "BucketName", schema.AttrName))
	add("write", "bucket", template("S3WritePolicy", "BucketName", schema.AttrName))
	add("crud", "bucket", template("S3CrudPolicy", "BucketName", schema.AttrName))
	add("read", "stream", template("KinesisStreamReadPolicy", "StreamName", schema.AttrName))
	// KinesisCrudPolicy would also grant creating, resharding and deleting
	// the stream: writing records is these two actions.
	add("write", "stream", inline([]string{"kinesis:PutRecord", "kinesis:PutRecords"}))
	add("encrypt", "key", template("KMSEncryptPolicy", "KeyId", schema.AttrName))
	add("decrypt", "key", template("KMSDecryptPolicy", "KeyId", schema.AttrName))
}
