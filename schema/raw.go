package schema

// RawResource is a CloudFormation resource rendered as given.
type RawResource struct {
	Resource
	Linted
	Type                string         `json:"type"`
	Properties          map[string]any `json:"properties"`
	DeletionPolicy      string         `json:"deletionPolicy,omitempty"`
	UpdateReplacePolicy string         `json:"updateReplacePolicy,omitempty"`
}
