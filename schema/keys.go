package schema

// Key is a KMS key.
type Key struct {
	Resource
	Existing
	Linted
	Stateful
	Description Value `json:"description,omitempty"`
	Rotation    bool  `json:"rotation"`
	Tags        Tags  `json:"tags,omitempty"`
}
