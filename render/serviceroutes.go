package render

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// apiDefinition renders an API's OpenAPI document (DefinitionBody, into
// which SAM adds the functions' routes): the document of its own, if it
// has one, with the service integrations' routes added, and the role of
// the integrations that use samgen's: one role per API, granted exactly
// each route's action on its resource.
func (b *builder) apiDefinition(api schema.Ref, path string, def schema.OpenAPIDefinition, routes map[string]schema.ServiceRoute, roleAttrs *schema.Attributes, rest bool, props map[string]any) {
	roleID := schema.IntegrationsRoleID(api, roleAttrs)
	var body map[string]any
	var stmts []any
	if def.OpenAPI != nil && def.OpenAPI.Doc != nil {
		body, stmts = b.openAPIBody(api, path, def, roleID)
	}
	paths, more := b.serviceRoutes(path, routes, roleID, rest)
	stmts = append(stmts, more...)
	if len(paths) > 0 {
		if body == nil {
			body = map[string]any{
				"openapi": "3.0.1",
				"info":    map[string]any{"title": cfn.Ref("AWS::StackName"), "version": "1.0"},
			}
		}
		all, _ := body["paths"].(map[string]any)
		if all == nil {
			all = map[string]any{}
			body["paths"] = all
		}
		for p, ops := range paths {
			pm, _ := all[p].(map[string]any)
			if pm == nil {
				pm = map[string]any{}
				all[p] = pm
			}
			// SG536 rejects a route in both.
			maps.Copy(pm, ops.(map[string]any))
		}
	}
	if body != nil {
		props["DefinitionBody"] = body
	}
	if len(stmts) == 0 {
		return
	}
	// API Gateway assumes an integration's credentials role as its own
	// principal, with no source account or ARN to condition the trust on
	// (the role AWS's guides give it trusts the service alone).
	// https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-s3.html
	role := roleFor(map[string]any{
		"Effect":    "Allow",
		"Principal": map[string]any{"Service": "apigateway.amazonaws.com"},
		"Action":    "sts:AssumeRole",
	}, stmts)
	if roleAttrs != nil {
		b.attributes(role, path+".integrationRole", *roleAttrs)
	}
	what := path + ".integrations"
	if len(routes) == 0 {
		what = path + ".definitionSubstitutions"
	}
	b.add(roleID, what, "the integrations' role", role)
}

// serviceRoutes renders an API's service integrations: each route becomes
// an operation of the API's OpenAPI document whose
// x-amazon-apigateway-integration calls the service with the credentials
// of the integrations role, and a statement of that role granting exactly
// the route's action on its resource. rest selects REST API integrations
// (type aws, mapping templates) over HTTP API ones (first-class
// integration subtypes).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-s3.html
func (b *builder) serviceRoutes(path string, routes map[string]schema.ServiceRoute, roleID string, rest bool) (map[string]any, []any) {
	creds := cfn.GetAtt(roleID, "Arn")
	paths := map[string]any{}
	var stmts []any
	allow := func(action string, res any) {
		stmts = append(stmts, map[string]any{"Effect": "Allow", "Action": action, "Resource": res})
	}
	for _, key := range slices.Sorted(maps.Keys(routes)) {
		r := routes[key]
		rp := path + ".integrations." + schema.Label(key)
		method, p, _ := strings.Cut(key, " ")
		op := map[string]any{}
		var integ map[string]any
		switch {
		case r.StartExecution != nil:
			sm := r.StartExecution.StateMachine
			arn := b.resolve(rp+".startExecution.stateMachine", sm, schema.AttrArn)
			action := "StartExecution"
			if schema.SyncStart(b.app, r) {
				action = "StartSyncExecution"
			}
			allow("states:"+action, arn)
			if rest {
				integ = restAction("states", action, creds, cfn.SubVars(StartExecutionTemplate, map[string]any{"Arn": arn}))
			} else {
				integ = HTTPSubtype("StepFunctions-"+action, creds, map[string]any{"StateMachineArn": arn, "Input": "$request.body"})
			}
		case r.SendMessage != nil:
			q := r.SendMessage.Queue
			// What access send grants: sqs:SendMessage, and the use of the
			// queue's customer managed key.
			pols, err := policies.ForGrant(b.app, schema.Grant{Verb: "send", Target: &q})
			if err != nil {
				b.errf(rp+".sendMessage.queue", "%v", err)
			}
			for _, pol := range pols {
				ss, _ := pol.Statements()
				for _, st := range ss {
					if len(st.Action) == 1 && len(st.Resource) == 1 {
						allow(st.Action[0], st.Resource[0])
					} else {
						stmts = append(stmts, st.JSON())
					}
				}
			}
			url := b.resolve(rp+".sendMessage.queue", q, schema.AttrURL)
			if rest {
				// The queue's URL is https://sqs.REGION.amazonaws.com/ACCOUNT/NAME:
				// its path is the integration's.
				integ = RestIntegration("POST", cfn.SubVars("arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:path/${Path}", map[string]any{
					"Path": cfn.Select(1, cfn.Split(".amazonaws.com/", url)),
				}), creds, SendMessageTemplate)
				integ["requestParameters"] = SendMessageParameters()
			} else {
				integ = HTTPSubtype("SQS-SendMessage", creds, map[string]any{"QueueUrl": url, "MessageBody": "$request.body"})
			}
		case r.PutEvents != nil:
			e := r.PutEvents
			allow("events:PutEvents", b.resolve(rp+".putEvents.bus", e.Bus, schema.AttrArn))
			bus := b.resolve(rp+".putEvents.bus", e.Bus, schema.AttrName)
			if rest {
				integ = restAction("events", "PutEvents", creds, cfn.SubVars(PutEventsTemplate, map[string]any{
					"Source": e.Source, "DetailType": e.DetailType, "Bus": bus,
				}))
				integ["requestParameters"] = PutEventsParameters()
			} else {
				integ = HTTPSubtype("EventBridge-PutEvents", creds, map[string]any{"EventBusName": bus, "Source": e.Source, "DetailType": e.DetailType, "Detail": "$request.body"})
			}
		case r.GetObject != nil, r.PutObject != nil:
			bucket, verb, action, field := schema.Ref{}, "GET", "s3:GetObject", ".getObject.bucket"
			if r.GetObject != nil {
				bucket = r.GetObject.Bucket
			} else {
				bucket, verb, action, field = r.PutObject.Bucket, "PUT", "s3:PutObject", ".putObject.bucket"
			}
			allow(action, cfn.SubVars("${Arn}/*", map[string]any{"Arn": b.resolve(rp+field, bucket, schema.AttrArn)}))
			var fields map[string]any
			integ, fields = ObjectIntegration(verb, LastPathParam(p), map[string]any{"Bucket": b.resolve(rp+field, bucket, schema.AttrName)}, creds)
			maps.Copy(op, fields)
		default:
			b.errf(rp, "a service route names no service")
			continue
		}
		if rest && r.RequestTemplate != "" && integ["requestTemplates"] != nil {
			integ["requestTemplates"] = map[string]any{"application/json": r.RequestTemplate}
		}
		if rest {
			if _, ok := op["responses"]; !ok {
				op["responses"] = ServiceResponses()
			}
		}
		op["x-amazon-apigateway-integration"] = integ
		pm, _ := paths[p].(map[string]any)
		if pm == nil {
			pm = map[string]any{}
			paths[p] = pm
		}
		pm[openAPIMethod(method)] = op
	}
	return paths, stmts
}

// openAPIMethod is the OpenAPI operation of an HTTP method; ANY is API
// Gateway's extension.
func openAPIMethod(m string) string {
	if m == "ANY" {
		return "x-amazon-apigateway-any-method"
	}
	return strings.ToLower(m)
}

// LastPathParam is the name of the last {parameter} of a path, "" if none:
// the S3 object a getObject or putObject route names.
func LastPathParam(p string) string {
	segs := strings.Split(p, "/")
	for i := len(segs) - 1; i >= 0; i-- {
		if s := segs[i]; strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			return strings.TrimSuffix(strings.Trim(s, "{}"), "+")
		}
	}
	return ""
}

// What a service route's operation holds, as the importer reads it back
// too (importer/serviceroutes.go): the REST request templates and
// headers, and the operations' responses.
const (
	StartExecutionTemplate = `{"stateMachineArn": "${Arn}", "input": "$util.escapeJavaScript($input.json('$'))"}`
	PutEventsTemplate      = `{"Entries": [{"Source": "${Source}", "DetailType": "${DetailType}", "EventBusName": "${Bus}", "Detail": "$util.escapeJavaScript($input.json('$'))"}]}`
	SendMessageTemplate    = "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"
)

// SendMessageParameters are the request parameters of a REST sendMessage
// route: SQS's query API takes a form.
func SendMessageParameters() map[string]any {
	return map[string]any{"integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"}
}

// PutEventsParameters are the request parameters of a REST putEvents
// route: EventBridge's JSON API names the action in a header.
func PutEventsParameters() map[string]any {
	return map[string]any{
		"integration.request.header.X-Amz-Target": "'AWSEvents.PutEvents'",
		"integration.request.header.Content-Type": "'application/x-amz-json-1.1'",
	}
}

// ServiceResponses are a REST service route's responses, but an object
// read's.
func ServiceResponses() map[string]any {
	return map[string]any{"200": map[string]any{"description": "The service's response"}}
}

// ObjectIntegration is a REST getObject (verb GET) or putObject (PUT)
// route's integration, the object named by path parameter param and the
// bucket by the !Sub variable Bucket of vars, and the fields of its
// operation: the parameter, and a read's responses with the object's
// content type.
func ObjectIntegration(verb, param string, vars map[string]any, creds any) (integ, fields map[string]any) {
	integ = RestIntegration(verb, cfn.SubVars("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${Bucket}/{"+param+"}", vars), creds, "")
	delete(integ, "requestTemplates")
	integ["passthroughBehavior"] = "when_no_match"
	integ["requestParameters"] = map[string]any{"integration.request.path." + param: "method.request.path." + param}
	fields = map[string]any{"parameters": []any{map[string]any{"name": param, "in": "path", "required": true, "schema": map[string]any{"type": "string"}}}}
	if verb == "GET" {
		integ["responses"] = map[string]any{"default": map[string]any{
			"statusCode":         "200",
			"responseParameters": map[string]any{"method.response.header.Content-Type": "integration.response.header.Content-Type"},
		}}
		fields["responses"] = map[string]any{"200": map[string]any{
			"description": "The object",
			"headers":     map[string]any{"Content-Type": map[string]any{"schema": map[string]any{"type": "string"}}},
		}}
	}
	return integ, fields
}

// HTTPSubtype is an HTTP API's first-class integration.
func HTTPSubtype(subtype string, creds any, params map[string]any) map[string]any {
	return map[string]any{
		"type":                 "aws_proxy",
		"integrationSubtype":   subtype,
		"credentials":          creds,
		"requestParameters":    params,
		"payloadFormatVersion": "1.0",
		"connectionType":       "INTERNET",
	}
}

// restAction is a REST API integration calling a service's action with a
// JSON request mapped by template.
func restAction(service, action string, creds, template any) map[string]any {
	return RestIntegration("POST", cfn.Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:"+service+":action/"+action), creds, template)
}

// RestIntegration is a REST API integration of type aws at uri, its
// request mapped by template.
func RestIntegration(method string, uri, creds, template any) map[string]any {
	m := map[string]any{
		"type":                "aws",
		"httpMethod":          method,
		"uri":                 uri,
		"credentials":         creds,
		"passthroughBehavior": "never",
		"requestTemplates":    map[string]any{"application/json": template},
		"responses":           map[string]any{"default": map[string]any{"statusCode": "200"}},
	}
	return m
}
