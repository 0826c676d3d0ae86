package schema

// CloudWatchLogGroup is a log group of the app: the CUE
// `#CloudWatchLogGroup`.
type CloudWatchLogGroup struct {
	Resource
	Existing
	Linted
	Stateful
	Name      Value  `json:"name,omitempty"`
	Retention Value  `json:"retention,omitempty"`
	Class     string `json:"class,omitempty"`
	Tags      Tags   `json:"tags,omitempty"`
}
