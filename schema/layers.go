package schema

import (
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Layer is a decoded `#Layer`: owned (Source) or external (Arn or SSM).
type Layer struct {
	Resource
	Linted
	Source         string   `json:"source,omitempty"`
	Description    string   `json:"description,omitempty"`
	License        string   `json:"license,omitempty"`
	Retention      string   `json:"retention,omitempty"`
	Build          string   `json:"build,omitempty"`
	PublishVersion *bool    `json:"publishVersion,omitempty"`
	Export         string   `json:"export,omitempty"`
	Arn            string   `json:"arn,omitempty"`
	SSM            string   `json:"ssm,omitempty"`
	Runtimes       []string `json:"runtimes,omitempty"`
	Architectures  []string `json:"architectures,omitempty"`
}

// Owned reports whether the app publishes the layer (rather than using an
// existing version by ARN or SSM parameter).
func (l Layer) Owned() bool { return l.Arn == "" && l.SSM == "" }

// VersionArn renders the layer version ARN of an external layer: the ARN
// itself, a !Sub when it uses ${AWS::...} variables, or a dynamic
// reference to the SSM parameter that holds it.
func (l Layer) VersionArn() any {
	switch {
	case l.SSM != "":
		return "{{resolve:ssm:" + l.SSM + "}}"
	case strings.Contains(l.Arn, "${"):
		return cfn.Sub(l.Arn)
	}
	return l.Arn
}
