package review

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// Deployed is a resource of a template after SAM's transform: what
// CloudFormation creates and counts against the stack's limit.
type Deployed struct {
	// ID is the logical ID; for a Hashed one, the part before the hash.
	ID   string
	Type string
	// Hashed marks IDs that end in a hash of the content SAM computes
	// (function versions, API deployments, layer versions): a change of
	// content gives a new ID, and so a new resource, by design.
	Hashed bool
	// From is the template resource SAM makes it for; "" for a resource
	// that is in the template itself.
	From string
	// What names it for a person: "role", "event source mapping of event
	// Jobs".
	What string
}

// Key identifies d across two templates: its ID, with "*" for the hash.
func (d Deployed) Key() string {
	if d.Hashed {
		return d.ID + "*"
	}
	return d.ID
}

// eventResource is the type of the resource SAM makes for an event (the
// one whose ID suffix is "" in [schema.EventTypes] and
// [schema.StateMachineEventTypes]), by the event's SAM type, and the event
// properties that become a create-only property of it.
var eventResource = map[string]struct {
	Type string
	// Props maps an event property to the property of the resource it
	// sets, where the resource's schema makes that one create-only.
	Props map[string]string
}{
	"SQS":              {"AWS::Lambda::EventSourceMapping", map[string]string{"Queue": "EventSourceArn"}},
	"Kinesis":          {"AWS::Lambda::EventSourceMapping", map[string]string{"Stream": "EventSourceArn", "StartingPosition": "StartingPosition", "StartingPositionTimestamp": "StartingPositionTimestamp"}},
	"DynamoDB":         {"AWS::Lambda::EventSourceMapping", map[string]string{"Stream": "EventSourceArn", "StartingPosition": "StartingPosition"}},
	"SNS":              {"AWS::SNS::Subscription", map[string]string{"Topic": "TopicArn", "Region": "Region"}},
	"Schedule":         {"AWS::Events::Rule", map[string]string{"Name": "Name"}},
	"EventBridgeRule":  {"AWS::Events::Rule", map[string]string{"RuleName": "Name", "EventBusName": "EventBusName"}},
	"ScheduleV2":       {"AWS::Scheduler::Schedule", map[string]string{"Name": "Name"}},
	"MSK":              {"AWS::Lambda::EventSourceMapping", map[string]string{"Stream": "EventSourceArn", "StartingPosition": "StartingPosition", "StartingPositionTimestamp": "StartingPositionTimestamp"}},
	"SelfManagedKafka": {"AWS::Lambda::EventSourceMapping", map[string]string{"StartingPosition": "StartingPosition", "StartingPositionTimestamp": "StartingPositionTimestamp"}},
	"MQ":               {"AWS::Lambda::EventSourceMapping", map[string]string{"Broker": "EventSourceArn"}},
	"DocumentDB":       {"AWS::Lambda::EventSourceMapping", map[string]string{"Cluster": "EventSourceArn", "StartingPosition": "StartingPosition", "StartingPositionTimestamp": "StartingPositionTimestamp"}},
	"CloudWatchLogs":   {"AWS::Logs::SubscriptionFilter", map[string]string{"LogGroupName": "LogGroupName"}},
	"IoTRule":          {"AWS::IoT::TopicRule", nil},
}

// Deploys predicts the resources of t after SAM's transform, sorted by ID:
// each Serverless resource becomes its CloudFormation resource and what
// SAM adds for it (roles, event permissions, mappings, rules, versions and
// aliases, API stages and deployments, implicit APIs). A template without
// the transform deploys as it is. Unknown marks what it could not predict
// (a SAM event type samgen never renders).
func Deploys(t *cfn.Template) (out []Deployed, unknown []string) {
	if !t.Serverless() {
		for _, id := range slices.Sorted(maps.Keys(t.Resources)) {
			out = append(out, Deployed{ID: id, Type: t.Resources[id].Type})
		}
		return out, nil
	}
	res := effective(t)
	p := &predictor{res: res, seen: map[string]bool{}}
	for _, id := range slices.Sorted(maps.Keys(res)) {
		p.resource(id, res[id])
	}
	if p.implicitRest != "" {
		p.add(Deployed{ID: schema.ImplicitRestApiID, Type: "AWS::ApiGateway::RestApi", From: p.implicitRest, What: "implicit REST API"})
		p.add(Deployed{ID: schema.ImplicitRestApiID + "Deployment", Type: "AWS::ApiGateway::Deployment", Hashed: true, From: p.implicitRest, What: "implicit REST API's deployment"})
		p.add(Deployed{ID: schema.ImplicitRestApiID + "ProdStage", Type: "AWS::ApiGateway::Stage", From: p.implicitRest, What: "implicit REST API's stage"})
		// The implicit API takes Globals.Api, its authorizers too.
		g, _ := t.Globals["Api"].(map[string]any)
		auth, _ := g["Auth"].(map[string]any)
		p.authorizerPermissions(p.implicitRest, schema.ImplicitRestApiID, auth)
	}
	if p.implicitHttp != "" {
		p.add(Deployed{ID: schema.ImplicitHttpApiID, Type: "AWS::ApiGatewayV2::Api", From: p.implicitHttp, What: "implicit HTTP API"})
		// The implicit HTTP API takes Globals.HttpApi (no StageName: its
		// stage is $default), its authorizers and domain too.
		g, _ := t.Globals["HttpApi"].(map[string]any)
		p.httpApi(p.implicitHttp, schema.ImplicitHttpApiID, g)
	}
	slices.SortFunc(p.out, func(a, b Deployed) int { return strings.Compare(a.Key(), b.Key()) })
	return p.out, p.unknown
}

type predictor struct {
	res                        map[string]cfn.Resource
	out                        []Deployed
	seen                       map[string]bool
	unknown                    []string
	implicitRest, implicitHttp string
}

func (p *predictor) add(d Deployed) {
	if !p.seen[d.Key()] {
		p.seen[d.Key()] = true
		p.out = append(p.out, d)
	}
}

// generated adds a resource SAM makes for from.
func (p *predictor) generated(from, id, typ, what string) {
	p.add(Deployed{ID: id, Type: typ, From: from, What: what})
}

func (p *predictor) resource(id string, r cfn.Resource) {
	props := r.Properties
	switch r.Type {
	case "AWS::Serverless::Function":
		p.add(Deployed{ID: id, Type: "AWS::Lambda::Function"})
		p.function(id, props)
	case "AWS::Serverless::StateMachine":
		p.add(Deployed{ID: id, Type: "AWS::StepFunctions::StateMachine"})
		p.stateMachine(id, props)
	case "AWS::Serverless::Api":
		p.add(Deployed{ID: id, Type: "AWS::ApiGateway::RestApi"})
		p.restApi(id, props)
	case "AWS::Serverless::HttpApi":
		p.add(Deployed{ID: id, Type: "AWS::ApiGatewayV2::Api"})
		p.httpApi(id, id, props)
	case "AWS::Serverless::WebSocketApi":
		p.add(Deployed{ID: id, Type: "AWS::ApiGatewayV2::Api"})
		p.webSocketApi(id, props)
	case "AWS::Serverless::LayerVersion":
		p.add(Deployed{ID: id, Type: "AWS::Lambda::LayerVersion", Hashed: true, From: id, What: "layer version"})
	case "AWS::Serverless::SimpleTable":
		p.add(Deployed{ID: id, Type: "AWS::DynamoDB::Table"})
	case "AWS::Serverless::Application":
		p.add(Deployed{ID: id, Type: "AWS::CloudFormation::Stack"})
	case "AWS::Serverless::CapacityProvider":
		p.add(Deployed{ID: id, Type: "AWS::Lambda::CapacityProvider"})
		if props["OperatorRole"] == nil {
			p.generated(id, id+"OperatorRole", "AWS::IAM::Role", "operator role")
		}
	default:
		if strings.HasPrefix(r.Type, "AWS::Serverless::") {
			p.unknown = append(p.unknown, id+" ("+r.Type+")")
		}
		p.add(Deployed{ID: id, Type: r.Type})
	}
}

func (p *predictor) function(id string, props map[string]any) {
	if props["Role"] == nil {
		p.generated(id, id+"Role", "AWS::IAM::Role", "role")
	}
	if props["EventInvokeConfig"] != nil {
		p.generated(id, id+"EventInvokeConfig", "AWS::Lambda::EventInvokeConfig", "event invoke config")
	}
	if alias, ok := props["AutoPublishAlias"].(string); ok && alias != "" {
		p.add(Deployed{ID: id + "Version", Type: "AWS::Lambda::Version", Hashed: true, From: id, What: "version"})
		p.generated(id, schema.AliasID(id, alias), "AWS::Lambda::Alias", "alias")
	}
	if u, ok := props["FunctionUrlConfig"].(map[string]any); ok {
		p.generated(id, id+"Url", "AWS::Lambda::Url", "function URL")
		if u["AuthType"] == "NONE" {
			// Two since 2025: lambda:InvokeFunctionUrl and the
			// lambda:InvokeFunction it now also needs.
			p.generated(id, id+"UrlPublicPermissions", "AWS::Lambda::Permission", "function URL's public permission")
			p.generated(id, id+"URLInvokeAllowPublicAccess", "AWS::Lambda::Permission", "function URL's public invoke permission")
		}
	}
	if dp, ok := props["DeploymentPreference"].(map[string]any); ok {
		// CodeDeploy's application and role are the template's, one for
		// every gradual deployment; the group is the function's
		// (samtranslator/model/preferences/deployment_preference_collection.py).
		p.generated(id, "ServerlessDeploymentApplication", "AWS::CodeDeploy::Application", "CodeDeploy application")
		if dp["Role"] == nil {
			p.generated(id, "CodeDeployServiceRole", "AWS::IAM::Role", "CodeDeploy's role")
		}
		p.generated(id, id+"DeploymentGroup", "AWS::CodeDeploy::DeploymentGroup", "deployment group")
	}
	events, _ := props["Events"].(map[string]any)
	for _, ev := range slices.Sorted(maps.Keys(events)) {
		e, _ := events[ev].(map[string]any)
		samType, _ := e["Type"].(string)
		eprops, _ := e["Properties"].(map[string]any)
		i := slices.IndexFunc(schema.EventTypes, func(t schema.EventType) bool { return t.SAMType == samType })
		if i < 0 {
			p.unknown = append(p.unknown, id+" event "+ev+" ("+samType+")")
			continue
		}
		for _, suffix := range schema.EventTypes[i].SAMResources {
			if suffix == "Permission" && samType == "Api" {
				suffix += p.restStage(eprops["RestApiId"])
			}
			p.eventResource(id, ev, samType, suffix)
		}
		// Named after the function alone, once whatever its events of the
		// type (a Cognito trigger's permission).
		for _, suffix := range schema.EventTypes[i].SAMFunctionResources {
			p.generated(id, id+suffix, "AWS::Lambda::Permission", samType+" permission")
		}
		switch {
		case samType == "Api" && eprops["RestApiId"] == nil:
			p.implicitRest = cmpOr(p.implicitRest, id)
		case samType == "HttpApi" && eprops["ApiId"] == nil:
			p.implicitHttp = cmpOr(p.implicitHttp, id)
		}
	}
}

func (p *predictor) stateMachine(id string, props map[string]any) {
	if props["Role"] == nil {
		p.generated(id, id+"Role", "AWS::IAM::Role", "role")
	}
	if alias, ok := props["AutoPublishAlias"].(string); ok && alias != "" {
		// State machine versions are replaced with their machine: no hash.
		p.generated(id, id+"Version", "AWS::StepFunctions::StateMachineVersion", "version")
		p.generated(id, id+"Alias"+alias, "AWS::StepFunctions::StateMachineAlias", "alias")
	}
	events, _ := props["Events"].(map[string]any)
	for _, ev := range slices.Sorted(maps.Keys(events)) {
		e, _ := events[ev].(map[string]any)
		samType, _ := e["Type"].(string)
		eprops, _ := e["Properties"].(map[string]any)
		i := slices.IndexFunc(schema.StateMachineEventTypes, func(t schema.StateMachineEventType) bool { return t.SAMType == samType })
		if i < 0 {
			p.unknown = append(p.unknown, id+" event "+ev+" ("+samType+")")
			continue
		}
		for _, suffix := range schema.StateMachineEventTypes[i].SAMResources {
			p.eventResource(id, ev, samType, suffix)
		}
		if samType == "Api" && eprops["RestApiId"] == nil {
			p.implicitRest = cmpOr(p.implicitRest, id)
		}
	}
}

// eventResource adds the resource of suffix SAM makes for event ev of id.
func (p *predictor) eventResource(id, ev, samType, suffix string) {
	typ := eventResource[samType].Type
	switch {
	case strings.HasPrefix(suffix, "Permission"):
		typ = "AWS::Lambda::Permission"
	case suffix == "Role":
		typ = "AWS::IAM::Role"
	}
	p.generated(id, id+ev+suffix, typ, words(typ)+" of event "+ev)
}

// restStage is the stage an Api event's permission is named after: the
// StageName of the API its RestApiId refers to, "Prod" for the implicit
// API.
func (p *predictor) restStage(api any) string {
	if api == nil {
		return "Prod"
	}
	if r, ok := refID(api); ok {
		if s, ok := p.res[r].Properties["StageName"].(string); ok {
			return s
		}
	}
	return ""
}

func (p *predictor) restApi(id string, props map[string]any) {
	p.add(Deployed{ID: id + "Deployment", Type: "AWS::ApiGateway::Deployment", Hashed: true, From: id, What: "deployment"})
	stage, _ := props["StageName"].(string)
	p.generated(id, id+stage+"Stage", "AWS::ApiGateway::Stage", "stage")
	auth, _ := props["Auth"].(map[string]any)
	if plan, ok := auth["UsagePlan"].(map[string]any); ok && plan["CreateUsagePlan"] == "PER_API" {
		p.generated(id, id+"ApiKey", "AWS::ApiGateway::ApiKey", "API key")
		p.generated(id, id+"UsagePlan", "AWS::ApiGateway::UsagePlan", "usage plan")
		p.generated(id, id+"UsagePlanKey", "AWS::ApiGateway::UsagePlanKey", "usage plan key")
	}
	if d, ok := props["Domain"].(map[string]any); ok {
		p.add(Deployed{ID: "ApiGatewayDomainName", Type: "AWS::ApiGateway::DomainName", Hashed: true, From: id, What: "domain name"})
		p.generated(id, id+"BasePathMapping", "AWS::ApiGateway::BasePathMapping", "base path mapping")
		if d["Route53"] != nil {
			p.add(Deployed{ID: "RecordSetGroup", Type: "AWS::Route53::RecordSetGroup", Hashed: true, From: id, What: "DNS records"})
		}
	}
	p.authorizerPermissions(id, id, auth)
}

// httpApi adds what SAM makes for HTTP API id of properties props, for
// the template's resource from (id itself, or the function whose event
// makes the implicit API).
func (p *predictor) httpApi(from, id string, props map[string]any) {
	switch stage, _ := props["StageName"].(string); stage {
	case "", "$default":
		p.generated(from, id+"ApiGatewayDefaultStage", "AWS::ApiGatewayV2::Stage", "stage")
	default:
		p.generated(from, id+stage+"Stage", "AWS::ApiGatewayV2::Stage", "stage")
	}
	if d, ok := props["Domain"].(map[string]any); ok {
		p.add(Deployed{ID: "ApiGatewayDomainNameV2", Type: "AWS::ApiGatewayV2::DomainName", Hashed: true, From: from, What: "domain name"})
		p.generated(from, id+"ApiMapping", "AWS::ApiGatewayV2::ApiMapping", "API mapping")
		if d["Route53"] != nil {
			p.add(Deployed{ID: "RecordSetGroup", Type: "AWS::Route53::RecordSetGroup", Hashed: true, From: from, What: "DNS records"})
		}
	}
	auth, _ := props["Auth"].(map[string]any)
	p.authorizerPermissions(from, id, auth)
}

// webSocketApi adds what SAM makes for a WebSocket API: each route, its
// integration and permission, the $connect authorizer and its
// permission, and the stage (samtranslator websocket_api_generator).
func (p *predictor) webSocketApi(id string, props map[string]any) {
	switch stage, _ := props["StageName"].(string); stage {
	case "", "default":
		p.generated(id, id+"DefaultStage", "AWS::ApiGatewayV2::Stage", "stage")
	default:
		p.generated(id, id+stage+"Stage", "AWS::ApiGatewayV2::Stage", "stage")
	}
	routes, _ := props["Routes"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(routes)) {
		base := id + schema.WebSocketRouteID(k)
		p.generated(id, base+"Route", "AWS::ApiGatewayV2::Route", "route "+k)
		p.generated(id, base+"Integration", "AWS::ApiGatewayV2::Integration", "integration of route "+k)
		p.generated(id, base+"Permission", "AWS::Lambda::Permission", "permission of route "+k)
	}
	if auth, ok := props["Auth"].(map[string]any); ok {
		p.generated(id, id+"ConnectAuthorizer", "AWS::ApiGatewayV2::Authorizer", "$connect authorizer")
		if auth["AuthType"] == "CUSTOM" && auth["InvokeRole"] == nil {
			p.generated(id, id+"AuthorizerPermission", "AWS::Lambda::Permission", "permission of the $connect authorizer")
		}
	}
	if props["Domain"] != nil {
		// Not one of samgen's examples: what SAM makes of it is not
		// predicted.
		p.unknown = append(p.unknown, id+" domain")
	}
}

// authorizerPermissions adds the permission SAM gives each Lambda
// authorizer of API id (from the template's resource from) to be invoked
// by it.
func (p *predictor) authorizerPermissions(from, id string, auth map[string]any) {
	authorizers, _ := auth["Authorizers"].(map[string]any)
	for _, name := range slices.Sorted(maps.Keys(authorizers)) {
		a, _ := authorizers[name].(map[string]any)
		if a["FunctionArn"] == nil {
			continue
		}
		if on, ok := a["EnableFunctionDefaultPermissions"].(bool); ok && !on {
			continue
		}
		p.generated(from, id+name+"AuthorizerPermission", "AWS::Lambda::Permission", "permission of authorizer "+name)
	}
}

// refID returns the logical ID a `!Ref` or `!GetAtt` names.
func refID(v any) (string, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return "", false
	}
	switch x := m["Ref"].(type) {
	case string:
		return x, true
	}
	if l, ok := m["Fn::GetAtt"].([]any); ok && len(l) > 0 {
		s, ok := l[0].(string)
		return s, ok
	}
	return "", false
}

// words names a resource type for a person: AWS::Lambda::EventSourceMapping
// → "event source mapping".
func words(typ string) string {
	name := typ[strings.LastIndex(typ, ":")+1:]
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 && !unicode.IsUpper(rune(name[i-1])) {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
