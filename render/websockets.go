package render

import (
	"maps"
	"slices"

	"samgen.dev/samgen/schema"
)

// WebSocketAccessLogFormat is the default access log line of a WebSocket
// API: one JSON object of the usual fields.
const WebSocketAccessLogFormat = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","eventType":"$context.eventType","routeKey":"$context.routeKey","connectionId":"$context.connectionId","status":"$context.status","integrationError":"$context.integrationErrorMessage"}`

// webSocketApis renders each WebSocket API. SAM generates the route, its
// integration and the permission that lets the API invoke its function
// (<API><Route>Route, ...Integration, ...Permission), the $connect
// authorizer and its permission, and the stage.
func (b *builder) webSocketApis() {
	for _, name := range slices.Sorted(maps.Keys(b.app.WebSocketApis)) {
		a := b.app.WebSocketApis[name]
		path := "webSocketApis." + name
		props := map[string]any{
			"StageName":                a.Stage,
			"RouteSelectionExpression": a.RouteSelection,
		}
		setStr(props, "ApiKeySelectionExpression", a.ApiKeySelection)
		routes := map[string]any{}
		for _, k := range slices.Sorted(maps.Keys(a.Routes)) {
			r := a.Routes[k]
			rp := path + ".routes." + schema.Label(k)
			route := map[string]any{"FunctionArn": b.resolve(rp+".function", r.Function, schema.AttrArn)}
			setInt(route, "IntegrationTimeout", r.Timeout)
			setBool(route, "ApiKeyRequired", r.ApiKeyRequired)
			setStr(route, "OperationName", r.OperationName)
			routes[k] = route
		}
		props["Routes"] = routes
		if az := a.Authorizer; az != nil {
			auth := map[string]any{}
			switch {
			case az.Function != nil:
				auth["AuthType"] = "CUSTOM"
				auth["AuthArn"] = b.resolve(path+".authorizer.function", *az.Function, schema.AttrArn)
				if len(az.IdentitySource) > 0 {
					auth["IdentitySource"] = toAny(az.IdentitySource)
				}
			case az.IAM != nil:
				auth["AuthType"] = "AWS_IAM"
			}
			props["Auth"] = auth
		}
		setBool(props, "DisableSchemaValidation", a.DisableSchemaValidation)
		setStr(props, "IpAddressType", a.IpAddressType)
		if r := a.DefaultRouteSettings; r != nil {
			props["DefaultRouteSettings"] = webSocketRouteSettings(*r)
		}
		if len(a.RouteSettings) > 0 {
			rs := map[string]any{}
			for k, r := range a.RouteSettings {
				rs[k] = webSocketRouteSettings(r)
			}
			props["RouteSettings"] = rs
		}
		b.addApi(a.Resource, path, "AWS::Serverless::WebSocketApi", props, apiCommon{
			logProp: "AccessLogSettings", logFormat: WebSocketAccessLogFormat, log: a.AccessLog, domain: a.Domain, tags: a.Tags, name: a.Name,
			description: a.Description, varsProp: "StageVariables", variables: a.Variables,
			disableExecuteApiEndpoint: a.DisableExecuteApiEndpoint, propagateTags: a.PropagateTags,
		})
	}
}

func webSocketRouteSettings(r schema.WebSocketRouteSettings) map[string]any {
	m := routeSettings(schema.RouteSettings{Throttle: r.Throttle, DetailedMetrics: r.DetailedMetrics})
	setStr(m, "LoggingLevel", r.Logging)
	setBool(m, "DataTraceEnabled", r.DataTrace)
	return m
}
