package schema

import (
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Bucket is an S3 bucket.
type Bucket struct {
	Resource
	Existing
	Linted
	Stateful
	Name              Value           `json:"name,omitempty"`
	Versioning        bool            `json:"versioning"`
	Encryption        string          `json:"encryption"`
	Key               *Ref            `json:"key,omitempty"`
	BlockPublicAccess bool            `json:"blockPublicAccess"`
	Lifecycle         []LifecycleRule `json:"lifecycle,omitempty"`
	EventBridge       bool            `json:"eventBridge,omitempty"`
	Tags              Tags            `json:"tags,omitempty"`
}

// LifecycleRule is an S3 lifecycle rule.
type LifecycleRule struct {
	ID                        string       `json:"id"`
	Prefix                    Value        `json:"prefix,omitempty"`
	ExpireDays                Value        `json:"expireDays,omitempty"`
	NoncurrentExpireDays      Value        `json:"noncurrentExpireDays,omitempty"`
	AbortIncompleteUploadDays Value        `json:"abortIncompleteUploadDays,omitempty"`
	Transitions               []Transition `json:"transitions,omitempty"`
}

// Transition moves objects to a storage class.
type Transition struct {
	Days         Value  `json:"days"`
	StorageClass string `json:"storageClass"`
}

// BucketName returns the name an owned bucket is given in the template, or
// nil when CloudFormation names it: its declared name (a literal or an
// expression), or, for a bucket that notifies functions,
// "<name>-<stack UUID>". A function's policy naming such a bucket by !Ref
// would close a cycle: bucket → notification permission → function →
// role → bucket.
func (a *App) BucketName(name string) (any, error) {
	b := a.Buckets[name]
	if b.Exists() {
		return nil, nil
	}
	if !b.Name.IsZero() {
		return a.ResolveValue(b.Name, AttrName)
	}
	if !a.Notifies(name) {
		return nil, nil
	}
	return cfn.SubVars(strings.ToLower(strings.ReplaceAll(name, "_", "-"))+"-${StackUUID}", map[string]any{
		"StackUUID": map[string]any{"Fn::Select": []any{2, map[string]any{"Fn::Split": []any{"/", cfn.Ref("AWS::StackId")}}}},
	}), nil
}

// Notifies reports whether a function has an s3 event on bucket name.
func (a *App) Notifies(name string) bool {
	if a.notified == nil {
		a.notified = map[string]bool{}
		for _, f := range a.Functions {
			for _, e := range f.Events {
				if e.S3 != nil {
					a.notified[e.S3.Bucket.Name] = true
				}
			}
		}
	}
	return a.notified[name]
}

// bucketAttr renders the name and the ARN of an owned bucket from the
// name samgen gives it, so grants follow a declared name and never
// depend on the bucket itself.
func (a *App) bucketAttr(r Ref, attr string) (any, bool, error) {
	n, err := a.BucketName(r.Name)
	if n == nil || err != nil {
		return nil, false, err
	}
	switch attr {
	case AttrName, "":
		return n, true, nil
	case AttrArn:
		return cfn.Prefixed("arn:${AWS::Partition}:s3:::", n), true, nil
	}
	return nil, false, nil
}
