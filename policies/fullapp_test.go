package policies

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"samgen.dev/samgen/schema"
)

func TestBucketStreamKeyAccess(t *testing.T) {
	app := &schema.App{}
	app.Buckets = map[string]schema.Bucket{"up": {}, "old": {Arn: "arn:aws:s3:::old-bucket"}}
	app.Streams = map[string]schema.Stream{"clicks": {}, "ext": {Arn: "arn:aws:kinesis:eu-west-1:123456789012:stream/ext"}}
	app.Keys = map[string]schema.Key{"data": {}, "ext": {Arn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd"}}
	ref := func(id string) any { return map[string]any{"Ref": id} }
	arn := func(id string) any { return map[string]any{"Fn::GetAtt": []any{id, "Arn"}} }
	tmpl := func(name, param string, v any) any { return map[string]any{name: map[string]any{param: v}} }
	stmt := func(res any, actions ...any) any {
		return map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": actions, "Resource": res}}}
	}
	tests := []struct {
		verb, kind, name string
		want             any
	}{
		{"read", "bucket", "up", tmpl("S3ReadPolicy", "BucketName", ref("UpBucket"))},
		{"write", "bucket", "up", tmpl("S3WritePolicy", "BucketName", ref("UpBucket"))},
		{"crud", "bucket", "up", tmpl("S3CrudPolicy", "BucketName", ref("UpBucket"))},
		{"read", "bucket", "old", tmpl("S3ReadPolicy", "BucketName", "old-bucket")},
		{"read", "stream", "clicks", tmpl("KinesisStreamReadPolicy", "StreamName", ref("ClicksStream"))},
		{"read", "stream", "ext", tmpl("KinesisStreamReadPolicy", "StreamName", "ext")},
		{"write", "stream", "clicks", stmt(arn("ClicksStream"), "kinesis:PutRecord", "kinesis:PutRecords")},
		{"write", "stream", "ext", stmt("arn:aws:kinesis:eu-west-1:123456789012:stream/ext", "kinesis:PutRecord", "kinesis:PutRecords")},
		{"encrypt", "key", "data", tmpl("KMSEncryptPolicy", "KeyId", ref("DataKey"))},
		{"decrypt", "key", "data", tmpl("KMSDecryptPolicy", "KeyId", ref("DataKey"))},
		{"decrypt", "key", "ext", tmpl("KMSDecryptPolicy", "KeyId", "1234abcd")},
	}
	for _, tt := range tests {
		t.Run(tt.verb+" "+tt.kind+" "+tt.name, func(t *testing.T) {
			pols, err := ForGrant(app, schema.Grant{Verb: tt.verb, Target: &schema.Ref{Kind: tt.kind, Name: tt.name}})
			if err != nil {
				t.Fatal(err)
			}
			if len(pols) != 1 {
				t.Fatalf("got %d policies, want 1", len(pols))
			}
			if d := cmp.Diff(tt.want, pols[0].SAM()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
