package schema

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"cuelang.org/go/cue"

	"samgen.dev/samgen/internal/samdata"
)

// samCoverage maps each property of SAM's API and state machine resources
// (SAM v1.110's schema, internal/samdata) to the field of the spec that
// renders it; a property with no field is not in the map.
var samCoverage = map[string]struct {
	definition, samDef string
	fields             map[string]string
	want               int
}{
	"AWS::Serverless::Api": {"#RestApi", "aws_serverless_api", map[string]string{
		"AccessLogSetting": "accessLog", "AlwaysDeploy": "alwaysDeploy", "ApiKeySourceType": "apiKeySource",
		"Auth": "authorizers", "BinaryMediaTypes": "binaryMediaTypes", "CacheClusterEnabled": "cache",
		"CacheClusterSize": "cache", "CanarySetting": "canary", "Cors": "cors",
		// samgen writes the OpenAPI document of the service routes.
		"DefinitionBody": "integrations",
		"Description":    "description", "DisableExecuteApiEndpoint": "disableExecuteApiEndpoint", "Domain": "domain",
		"EndpointAccessMode": "endpointAccessMode", "EndpointConfiguration": "endpoint", "FailOnWarnings": "failOnWarnings",
		"GatewayResponses": "gatewayResponses", "MethodSettings": "methodSettings", "MinimumCompressionSize": "minimumCompressionSize",
		"Models": "models", "Name": "name", "OpenApiVersion": "openApiVersion", "Policy": "policy",
		"PropagateTags": "propagateTags", "SecurityPolicy": "securityPolicy", "StageName": "stage", "Tags": "tags",
		"TracingEnabled": "tracing", "Variables": "variables",
	}, 28},
	"AWS::Serverless::HttpApi": {"#HttpApi", "aws_serverless_httpapi", map[string]string{
		"AccessLogSettings": "accessLog", "Auth": "authorizers", "CorsConfiguration": "cors",
		"DefaultRouteSettings": "defaultRouteSettings", "DefinitionBody": "integrations", "Description": "description",
		"DisableExecuteApiEndpoint": "disableExecuteApiEndpoint", "Domain": "domain", "FailOnWarnings": "failOnWarnings",
		"Name": "name", "PropagateTags": "propagateTags", "RouteSettings": "routeSettings", "StageName": "stage",
		"StageVariables": "variables", "Tags": "tags",
	}, 15},
	"AWS::Serverless::StateMachine": {"#StateMachine", "aws_serverless_statemachine", map[string]string{
		"AutoPublishAlias": "alias", "Definition": "states", "DefinitionSubstitutions": "definitionSubstitutions",
		"DefinitionUri": "definitionFile", "DeploymentPreference": "deployment", "Events": "events", "Logging": "logging",
		"Name": "name", "PermissionsBoundary": "permissionsBoundary", "Policies": "statements", "PropagateTags": "propagateTags",
		"Role": "role", "RolePath": "rolePath", "Tags": "tags", "Tracing": "tracing", "Type": "type",
		"UseAliasAsEventTarget": "aliasAsEventTarget",
	}, 16},
	"AWS::Serverless::WebSocketApi": {"#WebSocketApi", "aws_serverless_websocketapi", map[string]string{
		"AccessLogSettings": "accessLog", "ApiKeySelectionExpression": "apiKeySelection", "Auth": "authorizer",
		"DefaultRouteSettings": "defaultRouteSettings", "Description": "description",
		"DisableExecuteApiEndpoint": "disableExecuteApiEndpoint", "DisableSchemaValidation": "disableSchemaValidation",
		"Domain": "domain", "IpAddressType": "ipAddressType", "Name": "name", "PropagateTags": "propagateTags",
		"RouteSelectionExpression": "routeSelection", "RouteSettings": "routeSettings", "Routes": "routes",
		"StageName": "stage", "StageVariables": "variables", "Tags": "tags",
	}, 15},
}

// TestSAMPropertyCoverage counts the properties of SAM's API and state
// machine resources the spec has a field for: each mapped property is one
// of SAM's, each field one of the definition's, and the count at least the
// issue's target. The properties without a field are logged.
func TestSAMPropertyCoverage(t *testing.T) {
	var doc struct {
		Definitions map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(samdata.Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	root := schemaValue(t)
	for _, typ := range slices.Sorted(maps.Keys(samCoverage)) {
		c := samCoverage[typ]
		props := doc.Definitions["samtranslator__internal__schema_source__"+c.samDef+"__Properties"].Properties
		if len(props) == 0 {
			t.Fatalf("%s: no properties in SAM's schema", typ)
		}
		def := root.LookupPath(cue.MakePath(cue.Def(c.definition)))
		fields := map[string]bool{}
		it, err := def.Fields(cue.Optional(true))
		if err != nil {
			t.Fatal(err)
		}
		for it.Next() {
			fields[it.Selector().Unquoted()] = true
		}
		var missing []string
		for _, p := range slices.Sorted(maps.Keys(props)) {
			f, ok := c.fields[p]
			if !ok {
				missing = append(missing, p)
				continue
			}
			if !fields[f] {
				t.Errorf("%s.%s: %s has no field %s", typ, p, c.definition, f)
			}
		}
		for p := range c.fields {
			if _, ok := props[p]; !ok {
				t.Errorf("%s has no property %s", typ, p)
			}
		}
		got := len(props) - len(missing)
		t.Logf("%s: %d of %d properties; without a field: %s", typ, got, len(props), strings.Join(missing, ", "))
		if got < c.want {
			t.Errorf("%s: %d of %d properties have a field, want at least %d", typ, got, len(props), c.want)
		}
	}
}
