package schema

// SSMParam is an existing SSM parameter.
type SSMParam struct {
	Ref    Ref    `json:"ref"`
	Name   string `json:"name"`
	Secure bool   `json:"secure"`
}

// Secret is an existing Secrets Manager secret.
type Secret struct {
	Ref Ref    `json:"ref"`
	Arn string `json:"arn"`
}
