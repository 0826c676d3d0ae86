package importer

import (
	"slices"

	"samgen.dev/samgen/internal/cfn"
)

// kindImporter imports the resources of one collection of the spec: a row
// per kind of schema.Kinds that samgen renders as a resource, and one for
// rules, subscriptions and raw resources (kinds_test.go checks it).
type kindImporter struct {
	// name is the kind ("table"; "rule", "subscription" and "resource"
	// for those collections).
	name string
	// collection is its field of #App.
	collection string
	// suffix is what samgen appends to a derived logical ID.
	suffix string
	// types are the CloudFormation types it imports.
	types []string
	// accept says why a resource of the types cannot be imported as the
	// kind ("" when it can).
	accept func(im *importer, id string, r cfn.Resource) string
	// absorbs returns the logical IDs of the resources samgen renders for
	// the declaration that the template has: a function's log group, a
	// queue's policy. Those the verification finds different stay raw.
	absorbs func(im *importer, d *decl) []string
	// translate writes the declaration's spec (d.spec), taking what it
	// maps out of props.
	translate func(im *importer, d *decl, props *bag)
	// stateful kinds take deletionPolicy and updateReplacePolicy.
	stateful bool
	// absorbable kinds are resources another declaration may take as its
	// own (a function's log group): raw resources and log groups.
	absorbable bool
}

// kinds are the importers, one per collection, in the order of the
// model's collections.
var kinds = []kindImporter{
	{name: "function", collection: "functions", suffix: "Function", types: []string{"AWS::Serverless::Function"},
		accept: acceptFunction, absorbs: functionAbsorbs, translate: (*importer).function},
	{name: "layer", collection: "layers", suffix: "Layer", types: []string{"AWS::Serverless::LayerVersion"},
		translate: (*importer).layer},
	{name: "stateMachine", collection: "stateMachines", suffix: "StateMachine", types: []string{"AWS::Serverless::StateMachine"},
		accept: acceptStateMachine, absorbs: stateMachineAbsorbs, translate: (*importer).stateMachine},
	{name: "table", collection: "tables", suffix: "Table", types: []string{"AWS::DynamoDB::Table"}, stateful: true,
		accept: acceptTable, translate: (*importer).table},
	{name: "queue", collection: "queues", suffix: "Queue", types: []string{"AWS::SQS::Queue"}, stateful: true,
		absorbs: queueAbsorbs, translate: (*importer).queue},
	{name: "topic", collection: "topics", suffix: "Topic", types: []string{"AWS::SNS::Topic"},
		accept: acceptTopic, absorbs: topicAbsorbs, translate: (*importer).topic},
	{name: "bus", collection: "buses", suffix: "Bus", types: []string{"AWS::Events::EventBus"},
		translate: (*importer).bus},
	{name: "bucket", collection: "buckets", suffix: "Bucket", types: []string{"AWS::S3::Bucket"}, stateful: true,
		accept: acceptBucket, translate: (*importer).bucket},
	{name: "stream", collection: "streams", suffix: "Stream", types: []string{"AWS::Kinesis::Stream"}, stateful: true,
		translate: (*importer).stream},
	{name: "key", collection: "keys", suffix: "Key", types: []string{"AWS::KMS::Key"}, stateful: true,
		translate: (*importer).key},
	{name: "logGroup", collection: "logGroups", suffix: "LogGroup", types: []string{"AWS::Logs::LogGroup"}, stateful: true, absorbable: true,
		translate: (*importer).logGroup},
	{name: "alarm", collection: "alarms", suffix: "Alarm", types: []string{"AWS::CloudWatch::Alarm"},
		translate: (*importer).alarm},
	{name: "capacityProvider", collection: "capacityProviders", suffix: "CapacityProvider", types: []string{"AWS::Serverless::CapacityProvider"},
		translate: (*importer).capacityProvider},
	{name: "httpApi", collection: "httpApis", suffix: "HttpApi", types: []string{"AWS::Serverless::HttpApi"},
		accept: acceptHttpApi, absorbs: apiAbsorbs, translate: (*importer).httpApi},
	{name: "api", collection: "apis", suffix: "Api", types: []string{"AWS::Serverless::Api"},
		accept: acceptRestApi, absorbs: apiAbsorbs, translate: (*importer).restApi},
	{name: "webSocketApi", collection: "webSocketApis", suffix: "WebSocketApi", types: []string{"AWS::Serverless::WebSocketApi"},
		absorbs: apiAbsorbs, translate: (*importer).webSocketApi},
	{name: "rule", collection: "rules", suffix: "Rule", types: []string{"AWS::Events::Rule"},
		accept: acceptRule, absorbs: ruleAbsorbs, translate: (*importer).rule},
	{name: "subscription", collection: "subscriptions", suffix: "Subscription", types: []string{"AWS::SNS::Subscription"},
		accept: acceptSubscription, translate: (*importer).subscription},
	rawKind,
}

// rawKind imports any resource as a raw resource, as the template has it.
var rawKind = kindImporter{name: "resource", collection: "resources", translate: (*importer).rawResource, stateful: true, absorbable: true}

// existingOnly are the kinds samgen never renders: the importer declares
// them by ARN from the references it reads (a parameter, a secret, a
// proxy), never from a resource of the template.
var existingOnly = []string{"condition", "param", "parameter", "proxy", "secret"}

// kindByName returns the importer of a kind.
func kindByName(name string) kindImporter {
	i := slices.IndexFunc(kinds, func(k kindImporter) bool { return k.name == name })
	if i < 0 {
		return rawKind
	}
	return kinds[i]
}

// rawResource writes a resource samgen does not model as it is.
func (im *importer) rawResource(d *decl, props *bag) {
	d.spec.set("type", d.res.Type)
	pv := im.document(d.res.Properties)
	if _, ok := pv.(*obj); !ok {
		pv = newObj()
	}
	d.spec.set("properties", pv)
	for _, k := range sortedIDs(props.m) {
		props.take(k)
	}
	if d.why == "" {
		d.why = "samgen does not model " + d.res.Type
	}
	im.hatch(d.path(), d.id, d.why)
	d.spec.fields[0].comment = d.why
}

// attributes writes a declaration's resource attributes: condition,
// dependsOn, metadata, the deletion policies.
func (im *importer) attributes(d *decl, props *bag) {
	r := d.res
	if r.Condition != "" {
		if name, ok := im.conditions[r.Condition]; ok {
			d.spec.set("condition", ref{"conditions", name})
		}
	}
	if len(r.DependsOn) > 0 {
		var deps []any
		for _, id := range r.DependsOn {
			if o := im.decls[id]; o != nil {
				deps = append(deps, o.ref())
			} else {
				deps = append(deps, id)
			}
		}
		d.spec.set("dependsOn", deps)
	}
	if len(r.Metadata) > 0 && (d.kind == "rule" || d.kind == "subscription") {
		im.demote(d, "samgen renders no Metadata on a "+d.kind)
		return
	}
	if len(r.Metadata) > 0 && !d.spec.has("metadata") {
		md := im.metadata(d)
		if len(md) > 0 {
			d.spec.set("metadata", im.document(md))
		}
	}
	if k := kindByName(d.kind); k.stateful {
		if r.DeletionPolicy != "" {
			d.spec.set("deletionPolicy", r.DeletionPolicy)
		}
		if r.UpdateReplacePolicy != "" {
			d.spec.set("updateReplacePolicy", r.UpdateReplacePolicy)
		}
	}
}

// metadata is what of a resource's Metadata goes to `metadata`: all of
// it, but for the build settings functions and layers have fields for.
func (im *importer) metadata(d *decl) map[string]any {
	md := map[string]any{}
	for k, v := range d.res.Metadata {
		if (d.kind == "function" || d.kind == "layer") && (k == "BuildMethod" || k == "BuildProperties") && d.spec.has(buildField(k)) {
			continue
		}
		if d.kind == "layer" && k == "BuildArchitecture" && d.spec.has("build") {
			continue
		}
		md[k] = v
	}
	return md
}

func buildField(k string) string {
	if k == "BuildMethod" {
		return "build"
	}
	return "buildProperties"
}

// attrsOf writes the attributes samgen lets a resource it renders for a
// declaration keep (#Attributes: logicalId, dependsOn; #Stateful: the
// deletion policies of a log group) from the template's resource id,
// where they differ from what samgen derives.
func (im *importer) attrsOf(id, derived string, stateful bool) *obj {
	r := im.t.Resources[id]
	o := newObj()
	if id != derived {
		o.set("logicalId", id)
	}
	if len(r.DependsOn) > 0 {
		var deps []any
		for _, dep := range r.DependsOn {
			if dd := im.decls[dep]; dd != nil {
				deps = append(deps, dd.ref())
			} else {
				deps = append(deps, dep)
			}
		}
		o.set("dependsOn", deps)
	}
	if stateful {
		if r.DeletionPolicy != "" {
			o.set("deletionPolicy", r.DeletionPolicy)
		}
		if r.UpdateReplacePolicy != "" {
			o.set("updateReplacePolicy", r.UpdateReplacePolicy)
		}
	}
	return o
}
