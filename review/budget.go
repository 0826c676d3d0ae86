package review

import "samgen.dev/samgen/internal/cfn"

// CloudFormation's limits on one stack's template, as cfn-lint checks
// them (E1002, E3010): the resources after SAM's transform, and the size
// of the template submitted, from S3 or inline in the request. Source:
// the CloudFormation User Guide, "CloudFormation quotas".
const (
	MaxResources   = 500
	MaxBytes       = 1_000_000
	MaxInlineBytes = 51_200
	// WarnShare is the share of a limit at which vet warns.
	WarnShare = 0.8
)

// Budget is a template's use of CloudFormation's limits.
type Budget struct {
	// Resources is the count of resources after SAM's transform.
	Resources int `json:"resources"`
	// Bytes is the size of the template as written.
	Bytes int `json:"bytes"`
}

// Measure returns t's budget.
func Measure(t *cfn.Template) Budget {
	d, _ := Deploys(t)
	return budget(t, d)
}

func budget(t *cfn.Template, deployed []Deployed) Budget {
	return Budget{Resources: len(deployed), Bytes: t.Size}
}
