package importer

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// serviceRoutes reads an API's DefinitionBody back as the typed
// integrations render's serviceRoutes writes (render/serviceroutes.go):
// a document of nothing but service routes whose credentials are the
// API's integrations role, each operation exactly as samgen writes the
// route it names (a state machine, queue, bus or bucket of the app). Any
// other document is not read here (ok false): definitionBody reads it.
func (im *importer) serviceRoutes(d *decl, body any) (*obj, bool) {
	doc, _ := normalizeIntrinsics(body).(map[string]any)
	header := map[string]any{"openapi": "3.0.1", "info": map[string]any{"title": cfn.Ref("AWS::StackName"), "version": "1.0"}}
	paths, _ := doc["paths"].(map[string]any)
	if len(paths) == 0 || len(doc) != 3 || canon(doc["openapi"]) != canon(header["openapi"]) || canon(doc["info"]) != canon(header["info"]) {
		return nil, false
	}
	rest := d.kind == "api"
	creds := cfn.GetAtt(schema.IntegrationsRoleID(schema.Ref{Kind: d.kind, ID: d.id}, nil), "Arn")
	out := newObj()
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		item, _ := paths[p].(map[string]any)
		if len(item) == 0 {
			return nil, false
		}
		for _, m := range slices.Sorted(maps.Keys(item)) {
			method, ok := schema.OpenAPIMethods[m]
			op, _ := item[m].(map[string]any)
			if !ok {
				return nil, false
			}
			route, want, ok := im.serviceRoute(op, p, method, creds, rest)
			if !ok || canon(want) != canon(op) {
				return nil, false
			}
			out.set(method+" "+p, route)
		}
	}
	return out, true
}

// serviceRoute reads one operation as a typed route, with the operation
// samgen writes for that route.
func (im *importer) serviceRoute(op map[string]any, p, method string, creds any, rest bool) (*obj, map[string]any, bool) {
	integ, _ := op["x-amazon-apigateway-integration"].(map[string]any)
	params, _ := integ["requestParameters"].(map[string]any)
	if !rest {
		subtype, _ := integ["integrationSubtype"].(string)
		var route *obj
		var want map[string]any
		switch subtype {
		case "StepFunctions-StartExecution", "StepFunctions-StartSyncExecution":
			start, ok := im.startExecution(params["StateMachineArn"], subtype == "StepFunctions-StartSyncExecution")
			if !ok {
				return nil, nil, false
			}
			route = newObj().set("startExecution", start)
			want = map[string]any{"StateMachineArn": params["StateMachineArn"], "Input": "$request.body"}
		case "SQS-SendMessage":
			q, ok := im.refOf(params["QueueUrl"], "queue", schema.AttrURL)
			if !ok {
				return nil, nil, false
			}
			route = newObj().set("sendMessage", newObj().set("queue", q.ref()))
			want = map[string]any{"QueueUrl": params["QueueUrl"], "MessageBody": "$request.body"}
		case "EventBridge-PutEvents":
			bus, ok := im.refOf(params["EventBusName"], "bus", schema.AttrName)
			source, isSource := params["Source"].(string)
			detailType, isType := params["DetailType"].(string)
			if !ok || !isSource || !isType {
				return nil, nil, false
			}
			route = newObj().set("putEvents", newObj().set("bus", bus.ref()).set("source", source).set("detailType", detailType))
			want = map[string]any{"EventBusName": params["EventBusName"], "Source": source, "DetailType": detailType, "Detail": "$request.body"}
		default:
			return nil, nil, false
		}
		return route, map[string]any{"x-amazon-apigateway-integration": render.HTTPSubtype(subtype, creds, want)}, true
	}
	sub := mapOf(integ["uri"])["Fn::Sub"]
	uri, vars := subParts(sub)
	tmpl := mapOf(integ["requestTemplates"])["application/json"]
	tmplText, tmplVars := subParts(mapOf(tmpl)["Fn::Sub"])
	var route *obj
	var want map[string]any
	switch {
	case uri == "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution" || uri == "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartSyncExecution":
		action := strings.TrimPrefix(uri, "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/")
		start, ok := im.startExecution(tmplVars["Arn"], action == "StartSyncExecution")
		if !ok || tmplText != render.StartExecutionTemplate || len(tmplVars) != 1 {
			return nil, nil, false
		}
		route = newObj().set("startExecution", start)
		want = render.RestIntegration("POST", integ["uri"], creds, tmpl)
	case uri == "arn:${AWS::Partition}:apigateway:${AWS::Region}:events:action/PutEvents":
		bus, ok := im.refOf(tmplVars["Bus"], "bus", schema.AttrName)
		source, isSource := tmplVars["Source"].(string)
		detailType, isType := tmplVars["DetailType"].(string)
		if !ok || !isSource || !isType || len(tmplVars) != 3 || tmplText != render.PutEventsTemplate {
			return nil, nil, false
		}
		route = newObj().set("putEvents", newObj().set("bus", bus.ref()).set("source", source).set("detailType", detailType))
		want = render.RestIntegration("POST", integ["uri"], creds, tmpl)
		want["requestParameters"] = render.PutEventsParameters()
	case uri == "arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:path/${Path}" && len(vars) == 1:
		// The queue's path, from its URL: !Select [1, !Split
		// [".amazonaws.com/", URL]].
		sel, _ := mapOf(vars["Path"])["Fn::Select"].([]any)
		var url any
		if len(sel) == 2 && canon(sel[0]) == canon(1) {
			split, _ := mapOf(sel[1])["Fn::Split"].([]any)
			if len(split) == 2 && split[0] == ".amazonaws.com/" {
				url = split[1]
			}
		}
		q, ok := im.refOf(url, "queue", schema.AttrURL)
		if !ok {
			return nil, nil, false
		}
		route = newObj().set("sendMessage", newObj().set("queue", q.ref()))
		want = render.RestIntegration("POST", integ["uri"], creds, render.SendMessageTemplate)
		want["requestParameters"] = render.SendMessageParameters()
	case strings.HasPrefix(uri, "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${Bucket}/{") && len(vars) == 1 && (method == "GET" || method == "PUT"):
		param := render.LastPathParam(p)
		b, ok := im.refOf(vars["Bucket"], "bucket", schema.AttrName)
		if !ok || param == "" {
			return nil, nil, false
		}
		route = newObj().set(map[string]string{"GET": "getObject", "PUT": "putObject"}[method], newObj().set("bucket", b.ref()))
		integ, fields := render.ObjectIntegration(method, param, vars, creds)
		fields["x-amazon-apigateway-integration"] = integ
		if _, ok := fields["responses"]; !ok {
			fields["responses"] = render.ServiceResponses()
		}
		return route, fields, true
	default:
		return nil, nil, false
	}
	return route, map[string]any{"x-amazon-apigateway-integration": want, "responses": render.ServiceResponses()}, true
}

// startExecution reads the state machine a route starts and whether it
// waits for the execution (sync), as the typed route samgen derives that
// action from: an EXPRESS machine waits unless sync is false, a STANDARD
// one never does.
func (im *importer) startExecution(arn any, sync bool) (*obj, bool) {
	sm, ok := im.refOf(arn, "stateMachine", schema.AttrArn)
	if !ok {
		return nil, false
	}
	express := sm.res.Properties["Type"] == "EXPRESS"
	start := newObj().set("stateMachine", sm.ref())
	switch {
	case sync && !express:
		return nil, false
	case !sync && express:
		start.set("sync", false)
	}
	return start, true
}

// subParts splits a !Sub into its string and variables (none for the
// string form).
func subParts(sub any) (string, map[string]any) {
	switch x := sub.(type) {
	case string:
		return x, nil
	case []any:
		if len(x) == 2 {
			s, _ := x[0].(string)
			vars, _ := x[1].(map[string]any)
			return s, vars
		}
	}
	return "", nil
}
