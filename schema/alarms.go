package schema

// Alarm is a CloudWatch alarm: the CUE `#Alarm`.
type Alarm struct {
	Resource
	Linted
	Name              Value  `json:"name,omitempty"`
	Description       Value  `json:"description,omitempty"`
	Queue             *Ref   `json:"queue,omitempty"`
	Function          *Ref   `json:"function,omitempty"`
	Metric            string `json:"metric"`
	Statistic         string `json:"statistic"`
	Period            int    `json:"period"`
	EvaluationPeriods int    `json:"evaluationPeriods"`
	DatapointsToAlarm int    `json:"datapointsToAlarm,omitempty"`
	Threshold         Value  `json:"threshold"`
	Comparison        string `json:"comparison"`
	TreatMissingData  string `json:"treatMissingData"`
	Actions           []Ref  `json:"actions,omitempty"`
	OKActions         []Ref  `json:"okActions,omitempty"`
}
