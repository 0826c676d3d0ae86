package schema

import "fmt"

// SSMParam is an existing SSM parameter.
type SSMParam struct {
	Ref     Ref    `json:"ref"`
	Name    string `json:"name"`
	Secure  bool   `json:"secure"`
	Version *int   `json:"version,omitempty"`
}

// Resolve is the dynamic reference to the parameter's value, resolved at
// deploy time: {{resolve:ssm:NAME}} or {{resolve:ssm:NAME:VERSION}}.
func (p SSMParam) Resolve() string {
	if p.Version != nil {
		return fmt.Sprintf("{{resolve:ssm:%s:%d}}", p.Name, *p.Version)
	}
	return "{{resolve:ssm:" + p.Name + "}}"
}

// Secret is an existing Secrets Manager secret.
type Secret struct {
	Ref Ref   `json:"ref"`
	Arn Value `json:"arn"`
}
