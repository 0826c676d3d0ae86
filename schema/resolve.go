package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Attribute names accepted by [App.Resolve].
const (
	AttrArn       = "arn"
	AttrName      = "name"
	AttrURL       = "url"
	AttrStreamArn = "streamArn"
)

// KindInfo describes one resource kind: its logical ID suffix and how its
// attributes render.
type KindInfo struct {
	// Suffix is appended to the PascalCase name to form the logical ID.
	Suffix string
	// Collection is the field of #App that declares the kind.
	Collection string
	// Attrs maps an attribute to its intrinsic on an owned resource with the
	// given logical ID.
	Attrs map[string]func(id string) any
	// EnvAttr is the attribute an environment variable gets by default.
	EnvAttr string
}

func ref(id string) any { return cfn.Ref(id) }
func getAtt(a string) func(string) any {
	return func(id string) any { return cfn.GetAtt(id, a) }
}

// Kinds lists every resource kind samgen renders or refers to.
var Kinds = map[string]KindInfo{
	"table": {Suffix: "Table", Collection: "tables", EnvAttr: AttrName, Attrs: map[string]func(string) any{
		AttrName: ref, AttrArn: getAtt("Arn"), AttrStreamArn: getAtt("StreamArn")}},
	"queue": {Suffix: "Queue", Collection: "queues", EnvAttr: AttrURL, Attrs: map[string]func(string) any{
		AttrURL: ref, AttrArn: getAtt("Arn"), AttrName: getAtt("QueueName")}},
	"topic": {Suffix: "Topic", Collection: "topics", EnvAttr: AttrArn, Attrs: map[string]func(string) any{
		AttrArn: ref, AttrName: getAtt("TopicName")}},
	"bus": {Suffix: "Bus", Collection: "buses", EnvAttr: AttrName, Attrs: map[string]func(string) any{
		AttrName: ref, AttrArn: getAtt("Arn")}},
	"function": {Suffix: "Function", Collection: "functions", EnvAttr: AttrName, Attrs: map[string]func(string) any{
		AttrName: ref, AttrArn: getAtt("Arn")}},
	"stateMachine": {Suffix: "StateMachine", Collection: "stateMachines", EnvAttr: AttrArn, Attrs: map[string]func(string) any{
		AttrArn: ref, AttrName: getAtt("Name")}},
	"layer": {Suffix: "Layer", Collection: "layers", EnvAttr: AttrArn, Attrs: map[string]func(string) any{
		AttrArn: ref}},
	"bucket": {Suffix: "Bucket", Collection: "buckets", EnvAttr: AttrName, Attrs: map[string]func(string) any{
		AttrName: ref, AttrArn: getAtt("Arn")}},
	"stream": {Suffix: "Stream", Collection: "streams", EnvAttr: AttrName, Attrs: map[string]func(string) any{
		AttrName: ref, AttrArn: getAtt("Arn")}},
	"key": {Suffix: "Key", Collection: "keys", EnvAttr: AttrArn, Attrs: map[string]func(string) any{
		AttrName: ref, AttrArn: getAtt("Arn")}},
	"httpApi": {Suffix: "HttpApi", Collection: "httpApis", EnvAttr: AttrURL, Attrs: map[string]func(string) any{
		AttrName: ref}},
	"api": {Suffix: "Api", Collection: "apis", EnvAttr: AttrURL, Attrs: map[string]func(string) any{
		AttrName: ref}},
	"resource":  {Collection: "resources", EnvAttr: AttrRef},
	"param":     {Collection: "params", EnvAttr: AttrName},
	"proxy":     {Collection: "proxies", EnvAttr: AttrArn},
	"secret":    {Collection: "secrets", EnvAttr: AttrArn},
	"parameter": {Collection: "parameters", EnvAttr: AttrName},
}

// LogicalID returns the CloudFormation logical ID of an owned resource.
func LogicalID(r Ref) string {
	if r.ID != "" {
		return r.ID
	}
	return cfn.LogicalID(r.Name, Kinds[r.Kind].Suffix)
}

// DerivedID returns the logical ID of a resource samgen makes for the one
// r names (its log group, say): r's ID with the kind's suffix replaced by
// suffix, so it follows r when r keeps an old ID.
func DerivedID(r Ref, suffix string) string {
	return strings.TrimSuffix(LogicalID(r), Kinds[r.Kind].Suffix) + suffix
}

// OwnedFunctions returns the names of the functions the app creates,
// sorted: the ones declared with an arn exist elsewhere.
func (a *App) OwnedFunctions() []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(a.Functions)) {
		if a.Owned(Ref{Kind: "function", Name: name}) {
			out = append(out, name)
		}
	}
	return out
}

// Owned reports whether the app creates the resource r names (rather than
// referring to an existing one by ARN).
func (a *App) Owned(r Ref) bool {
	switch r.Kind {
	case "param", "secret", "parameter", "proxy":
		return false
	case "bus":
		// An existing bus may be named rather than given by ARN ("default").
		return a.ExistingArn(r) == "" && a.Buses[r.Name].Name == ""
	case "layer":
		return a.Layers[r.Name].Owned()
	}
	return a.ExistingArn(r) == ""
}

// ExistingArn returns the ARN an existing resource was declared with.
func (a *App) ExistingArn(r Ref) string {
	switch r.Kind {
	case "table":
		return a.Tables[r.Name].Arn
	case "queue":
		return a.Queues[r.Name].Arn
	case "topic":
		return a.Topics[r.Name].Arn
	case "bus":
		return a.Buses[r.Name].Arn
	case "secret":
		return a.Secrets[r.Name].Arn
	case "proxy":
		return a.Proxies[r.Name].Arn
	case "function":
		return a.Functions[r.Name].Arn
	case "bucket":
		return a.Buckets[r.Name].Arn
	case "stream":
		return a.Streams[r.Name].Arn
	case "key":
		return a.Keys[r.Name].Arn
	}
	return ""
}

// Resolve renders attribute attr of the resource r names: an intrinsic for
// an owned resource, a literal (or a !Sub) for an existing one.
func (a *App) Resolve(r Ref, attr string) (any, error) {
	k, ok := Kinds[r.Kind]
	if !ok {
		return nil, fmt.Errorf("unknown resource kind %q", r.Kind)
	}
	if attr == "" {
		attr = k.EnvAttr
	}
	switch r.Kind {
	case "resource":
		return rawAttr(r, attr), nil
	case "bucket":
		if v, ok := a.bucketAttr(r, attr); ok {
			return v, nil
		}
	case "httpApi", "api":
		if attr == AttrURL {
			return a.apiURL(r), nil
		}
	case "parameter":
		return cfn.Ref(cfn.LogicalID(r.Name, "")), nil
	case "param":
		p := a.Params[r.Name]
		switch attr {
		case AttrName:
			return p.Name, nil
		case AttrArn:
			return cfn.Sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/" + strings.TrimPrefix(p.Name, "/")), nil
		}
	case "layer":
		if l := a.Layers[r.Name]; !l.Owned() && attr == AttrArn {
			return l.VersionArn(), nil
		}
	case "bus":
		if b := a.Buses[r.Name]; b.Arn == "" && b.Name != "" {
			switch attr {
			case AttrName:
				return b.Name, nil
			case AttrArn:
				return cfn.Sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/" + b.Name), nil
			}
		}
	}
	if a.Owned(r) {
		if f, ok := k.Attrs[attr]; ok {
			return f(LogicalID(r)), nil
		}
		return nil, fmt.Errorf("a %s has no %s", r.Kind, attr)
	}
	arn := a.ExistingArn(r)
	switch attr {
	case AttrArn:
		return arn, nil
	case AttrName:
		return ArnName(arn), nil
	case AttrURL:
		if r.Kind == "queue" {
			p := strings.Split(arn, ":")
			return fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", p[3], p[4], p[5]), nil
		}
	case AttrStreamArn:
		if r.Kind == "table" && a.Tables[r.Name].StreamArn != "" {
			return a.Tables[r.Name].StreamArn, nil
		}
		return nil, fmt.Errorf("existing table %q declares no streamArn", r.Name)
	}
	return nil, fmt.Errorf("an existing %s has no %s", r.Kind, attr)
}

// ArnName returns the resource name at the end of an ARN: the part after
// the last ':' or '/' ("arn:aws:sqs:eu-west-1:123456789012:jobs" → "jobs").
func ArnName(arn string) string {
	if i := strings.LastIndexAny(arn, ":/"); i >= 0 {
		return arn[i+1:]
	}
	return arn
}
