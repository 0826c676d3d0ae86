package schema

// Layer is a decoded `#Layer`: owned (Source) or external (Arn or SSM).
type Layer struct {
	Resource
	Linted
	Source          string         `json:"source,omitempty"`
	Name            Value          `json:"name,omitempty"`
	Description     Value          `json:"description,omitempty"`
	License         Value          `json:"license,omitempty"`
	Retention       string         `json:"retention,omitempty"`
	Build           string         `json:"build,omitempty"`
	BuildProperties map[string]any `json:"buildProperties,omitempty"`
	PublishVersion  *bool          `json:"publishVersion,omitempty"`
	Export          string         `json:"export,omitempty"`
	Arn             Value          `json:"arn,omitempty"`
	SSM             string         `json:"ssm,omitempty"`
	Runtimes        []string       `json:"runtimes,omitempty"`
	Architectures   []string       `json:"architectures,omitempty"`
}

// Owned reports whether the app publishes the layer (rather than using an
// existing version by ARN or SSM parameter).
func (l Layer) Owned() bool { return l.Arn.IsZero() && l.SSM == "" }

// ArnText returns the literal ARN of an external layer (it may hold
// ${AWS::...} variables), "" when it has none (an SSM parameter, an
// expression).
func (l Layer) ArnText() string {
	s, _ := l.Arn.Template()
	return s
}
