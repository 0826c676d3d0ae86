package schema

// CapacityProvider is a capacity provider of Lambda Managed Instances: the
// CUE `#CapacityProvider`.
type CapacityProvider struct {
	Resource
	Existing
	Linted
	Name          Value    `json:"name,omitempty"`
	VPC           *VPC     `json:"vpc,omitempty"`
	Architecture  string   `json:"architecture,omitempty"`
	AllowedTypes  []string `json:"allowedTypes,omitempty"`
	ExcludedTypes []string `json:"excludedTypes,omitempty"`
	MaxVCpu       Value    `json:"maxVCpu,omitempty"`
	TargetCpu     Value    `json:"targetCpu,omitempty"`
	KmsKey        Value    `json:"kmsKey,omitempty"`
	OperatorRole  Value    `json:"operatorRole,omitempty"`
	Tags          Tags     `json:"tags,omitempty"`
}
