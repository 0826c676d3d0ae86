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
	Name              string          `json:"name,omitempty"`
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
	Prefix                    string       `json:"prefix,omitempty"`
	ExpireDays                *int         `json:"expireDays,omitempty"`
	NoncurrentExpireDays      *int         `json:"noncurrentExpireDays,omitempty"`
	AbortIncompleteUploadDays *int         `json:"abortIncompleteUploadDays,omitempty"`
	Transitions               []Transition `json:"transitions,omitempty"`
}

// Transition moves objects to a storage class.
type Transition struct {
	Days         int    `json:"days"`
	StorageClass string `json:"storageClass"`
}

// BucketName returns the name an owned bucket is given in the template, or
// nil when CloudFormation names it: its declared name, or, for a bucket
// that notifies functions, "<name>-<stack UUID>". A function's policy
// naming such a bucket by !Ref would close a cycle: bucket → notification
// permission → function → role → bucket.
func (a *App) BucketName(name string) any {
	b := a.Buckets[name]
	if b.Arn != "" {
		return nil
	}
	if b.Name != "" {
		return b.Name
	}
	if !a.Notifies(name) {
		return nil
	}
	return cfn.SubVars(strings.ToLower(strings.ReplaceAll(name, "_", "-"))+"-${StackUUID}", map[string]any{
		"StackUUID": map[string]any{"Fn::Select": []any{2, map[string]any{"Fn::Split": []any{"/", cfn.Ref("AWS::StackId")}}}},
	})
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

func (a *App) bucketAttr(r Ref, attr string) (any, bool) {
	n := a.BucketName(r.Name)
	if n == nil {
		return nil, false
	}
	switch attr {
	case AttrName, "":
		return n, true
	case AttrArn:
		if s, ok := n.(string); ok {
			return cfn.Sub("arn:${AWS::Partition}:s3:::" + s), true
		}
		sub := n.(map[string]any)["Fn::Sub"].([]any)
		return cfn.SubVars("arn:${AWS::Partition}:s3:::"+sub[0].(string), sub[1].(map[string]any)), true
	}
	return nil, false
}
