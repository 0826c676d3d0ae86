package schema

import "strings"

// HttpApi is an HTTP API.
type HttpApi struct {
	Resource
	Linted
	HttpApiSettings
	Name                      Value                   `json:"name,omitempty"`
	Stage                     string                  `json:"stage"`
	AccessLog                 *AccessLog              `json:"accessLog,omitempty"`
	Domain                    *ApiDomain              `json:"domain,omitempty"`
	Description               Value                   `json:"description,omitempty"`
	DisableExecuteApiEndpoint *bool                   `json:"disableExecuteApiEndpoint,omitempty"`
	Integrations              map[string]ServiceRoute `json:"integrations,omitempty"`
	IntegrationRole           *Attributes             `json:"integrationRole,omitempty"`
	OpenAPIDefinition
}

// HttpApiSettings are the settings of an HTTP API that SAM's
// Globals.HttpApi also takes: a declared API's, and the implicit HTTP
// API's (App.ImplicitHttpApi).
type HttpApiSettings struct {
	Cors                 *Cors                     `json:"cors,omitempty"`
	Authorizers          map[string]HttpAuthorizer `json:"authorizers,omitempty"`
	DefaultAuthorizer    string                    `json:"defaultAuthorizer,omitempty"`
	Tags                 Tags                      `json:"tags,omitempty"`
	FailOnWarnings       *bool                     `json:"failOnWarnings,omitempty"`
	PropagateTags        *bool                     `json:"propagateTags,omitempty"`
	Variables            map[string]Value          `json:"variables,omitempty"`
	DefaultRouteSettings *RouteSettings            `json:"defaultRouteSettings,omitempty"`
	RouteSettings        map[string]RouteSettings  `json:"routeSettings,omitempty"`
}

// ServiceRoute is a route served by an AWS service.
type ServiceRoute struct {
	StartExecution *struct {
		StateMachine Ref   `json:"stateMachine"`
		Sync         *bool `json:"sync,omitempty"`
	} `json:"startExecution,omitempty"`
	SendMessage *struct {
		Queue Ref `json:"queue"`
	} `json:"sendMessage,omitempty"`
	PutEvents *struct {
		Bus        Ref    `json:"bus"`
		Source     string `json:"source"`
		DetailType string `json:"detailType"`
	} `json:"putEvents,omitempty"`
	GetObject *struct {
		Bucket Ref `json:"bucket"`
	} `json:"getObject,omitempty"`
	PutObject *struct {
		Bucket Ref `json:"bucket"`
	} `json:"putObject,omitempty"`
	RequestTemplate string `json:"requestTemplate,omitempty"`
}

// RouteSettings are the settings of an HTTP API route.
type RouteSettings struct {
	Throttle        *Throttle `json:"throttle,omitempty"`
	DetailedMetrics *bool     `json:"detailedMetrics,omitempty"`
}

// Throttle limits requests.
type Throttle struct {
	Burst *int     `json:"burst,omitempty"`
	Rate  *float64 `json:"rate,omitempty"`
}

// HttpAuthorizer is a JWT or Lambda authorizer of an HTTP API.
type HttpAuthorizer struct {
	JWT *struct {
		Issuer         string   `json:"issuer"`
		Audience       []string `json:"audience"`
		IdentitySource string   `json:"identitySource"`
	} `json:"jwt,omitempty"`
	Lambda *struct {
		Function        Ref      `json:"function"`
		Headers         []string `json:"headers"`
		SimpleResponses bool     `json:"simpleResponses"`
	} `json:"lambda,omitempty"`
}

// RestApi is a REST API.
type RestApi struct {
	Resource
	Linted
	RestApiSettings
	Stage                     string                    `json:"stage"`
	UsagePlan                 *UsagePlan                `json:"usagePlan,omitempty"`
	AccessLog                 *AccessLog                `json:"accessLog,omitempty"`
	Domain                    *ApiDomain                `json:"domain,omitempty"`
	Tags                      Tags                      `json:"tags,omitempty"`
	Description               Value                     `json:"description,omitempty"`
	DisableExecuteApiEndpoint *bool                     `json:"disableExecuteApiEndpoint,omitempty"`
	ApiKeySource              string                    `json:"apiKeySource,omitempty"`
	Models                    map[string]map[string]any `json:"models,omitempty"`
	Policy                    []ApiPolicyStatement      `json:"policy,omitempty"`
	FailOnWarnings            *bool                     `json:"failOnWarnings,omitempty"`
	Integrations              map[string]ServiceRoute   `json:"integrations,omitempty"`
	IntegrationRole           *Attributes               `json:"integrationRole,omitempty"`
	OpenAPIDefinition
}

// RestApiSettings are the settings of a REST API that SAM's Globals.Api
// also takes: a declared API's, and the implicit API's (App.ImplicitApi).
type RestApiSettings struct {
	Name                   Value                     `json:"name,omitempty"`
	Cors                   *RestCors                 `json:"cors,omitempty"`
	Tracing                *bool                     `json:"tracing,omitempty"`
	Authorizers            map[string]RestAuthorizer `json:"authorizers,omitempty"`
	DefaultAuthorizer      string                    `json:"defaultAuthorizer,omitempty"`
	Endpoint               *RestEndpoint             `json:"endpoint,omitempty"`
	BinaryMediaTypes       []string                  `json:"binaryMediaTypes,omitempty"`
	MinimumCompressionSize *int                      `json:"minimumCompressionSize,omitempty"`
	MethodSettings         []MethodSetting           `json:"methodSettings,omitempty"`
	Cache                  *struct {
		Size string `json:"size"`
	} `json:"cache,omitempty"`
	Variables          map[string]Value           `json:"variables,omitempty"`
	Canary             *Canary                    `json:"canary,omitempty"`
	GatewayResponses   map[string]GatewayResponse `json:"gatewayResponses,omitempty"`
	AlwaysDeploy       *bool                      `json:"alwaysDeploy,omitempty"`
	PropagateTags      *bool                      `json:"propagateTags,omitempty"`
	OpenApiVersion     string                     `json:"openApiVersion,omitempty"`
	SecurityPolicy     string                     `json:"securityPolicy,omitempty"`
	EndpointAccessMode string                     `json:"endpointAccessMode,omitempty"`
}

// RestEndpoint is where a REST API is served.
type RestEndpoint struct {
	Type         string  `json:"type"`
	VpcEndpoints []Value `json:"vpcEndpoints,omitempty"`
}

// MethodSetting is a setting of a REST API stage's methods.
type MethodSetting struct {
	Path      string    `json:"path"`
	Method    string    `json:"method"`
	Throttle  *Throttle `json:"throttle,omitempty"`
	Logging   string    `json:"logging,omitempty"`
	DataTrace *bool     `json:"dataTrace,omitempty"`
	Metrics   *bool     `json:"metrics,omitempty"`
	Caching   *struct {
		TTL       int   `json:"ttl"`
		Encrypted *bool `json:"encrypted,omitempty"`
	} `json:"caching,omitempty"`
}

// Canary sends part of a stage's traffic to its latest deployment.
type Canary struct {
	PercentTraffic float64          `json:"percentTraffic"`
	Variables      map[string]Value `json:"variables,omitempty"`
	UseStageCache  *bool            `json:"useStageCache,omitempty"`
}

// GatewayResponse is a response API Gateway sends itself.
type GatewayResponse struct {
	StatusCode string            `json:"statusCode,omitempty"`
	Headers    map[string]string `json:"headers,omitempty"`
	Templates  map[string]string `json:"templates,omitempty"`
}

// ApiPolicyStatement is a statement of a REST API's resource policy.
type ApiPolicyStatement struct {
	Effect     string         `json:"effect"`
	Principals []Value        `json:"principals"`
	Routes     []string       `json:"routes"`
	Conditions map[string]any `json:"conditions,omitempty"`
}

// RestAuthorizer is a Cognito or Lambda authorizer of a REST API.
type RestAuthorizer struct {
	Cognito *struct {
		UserPools []string `json:"userPools"`
	} `json:"cognito,omitempty"`
	Lambda *struct {
		Function Ref    `json:"function"`
		Header   string `json:"header"`
		Request  *struct {
			Headers        []string `json:"headers,omitempty"`
			QueryStrings   []string `json:"queryStrings,omitempty"`
			StageVariables []string `json:"stageVariables,omitempty"`
			Context        []string `json:"context,omitempty"`
		} `json:"request,omitempty"`
	} `json:"lambda,omitempty"`
}

// UsagePlan is a REST API's usage plan.
type UsagePlan struct {
	Throttle *struct {
		Burst int     `json:"burst"`
		Rate  float64 `json:"rate"`
	} `json:"throttle,omitempty"`
	Quota *struct {
		Limit  int    `json:"limit"`
		Period string `json:"period"`
	} `json:"quota,omitempty"`
}

// Cors is an HTTP API's CORS configuration.
type Cors struct {
	Origins     []string `json:"origins"`
	Methods     []string `json:"methods,omitempty"`
	Headers     []string `json:"headers,omitempty"`
	MaxAge      *int     `json:"maxAge,omitempty"`
	Credentials *bool    `json:"credentials,omitempty"`
}

// RestCors is a REST API's CORS configuration.
type RestCors struct {
	Origin      string   `json:"origin"`
	Methods     []string `json:"methods,omitempty"`
	Headers     []string `json:"headers,omitempty"`
	MaxAge      *int     `json:"maxAge,omitempty"`
	Credentials *bool    `json:"credentials,omitempty"`
}

// ApiDomain is a custom domain.
type ApiDomain struct {
	Name           Value  `json:"name"`
	Certificate    Value  `json:"certificate"`
	BasePath       string `json:"basePath,omitempty"`
	Endpoint       string `json:"endpoint"`
	SecurityPolicy string `json:"securityPolicy"`
	Route53        *struct {
		HostedZoneId   Value  `json:"hostedZoneId,omitempty"`
		HostedZoneName string `json:"hostedZoneName,omitempty"`
	} `json:"route53,omitempty"`
	MTLS *struct {
		Truststore Value `json:"truststore"`
		Version    Value `json:"version,omitempty"`
	} `json:"mtls,omitempty"`
}

// AccessLog configures API access logging.
type AccessLog struct {
	Retention Value     `json:"retention"`
	Format    string    `json:"format,omitempty"`
	LogGroup  *LogGroup `json:"logGroup,omitempty"`
}

// RouteApi is the API that a route of an event of type kind ("api" or
// "httpApi") is on: the API it names, else SAM's implicit API of that
// kind, Ref{Kind: kind} (no declared API has an empty name).
func RouteApi(kind string, e *ApiEvent) Ref {
	if e.Api != nil {
		return *e.Api
	}
	return Ref{Kind: kind}
}

// Authorizers returns the authorizer names of the API r names, sorted,
// and whether it is declared; the implicit API of r's kind (no name) has
// those implicitApi or implicitHttpApi gives it.
func (a *App) Authorizers(r Ref) ([]string, bool) {
	switch {
	case r.Kind == "api" && r.Name == "":
		if a.ImplicitApi == nil {
			return nil, false
		}
		return sortedKeys(a.ImplicitApi.Authorizers), true
	case r.Kind == "httpApi" && r.Name == "":
		if a.ImplicitHttpApi == nil {
			return nil, false
		}
		return sortedKeys(a.ImplicitHttpApi.Authorizers), true
	case r.Kind == "api":
		api, ok := a.Apis[r.Name]
		return sortedKeys(api.Authorizers), ok
	case r.Kind == "httpApi":
		api, ok := a.HttpApis[r.Name]
		return sortedKeys(api.Authorizers), ok
	}
	return nil, false
}

// DefaultAuthorizer returns the default authorizer of the API r names (of
// the implicit API of r's kind when r has no name).
func (a *App) DefaultAuthorizer(r Ref) string {
	switch {
	case r.Kind == "httpApi" && r.Name == "":
		if a.ImplicitHttpApi == nil {
			return ""
		}
		return a.ImplicitHttpApi.DefaultAuthorizer
	case r.Kind == "httpApi":
		return a.HttpApis[r.Name].DefaultAuthorizer
	case r.Name == "":
		if a.ImplicitApi == nil {
			return ""
		}
		return a.ImplicitApi.DefaultAuthorizer
	}
	return a.Apis[r.Name].DefaultAuthorizer
}

// Stage returns the stage of the API r names: SAM's "Prod" for the
// implicit REST API, "$default" for the implicit HTTP API.
func (a *App) Stage(kind string, r *Ref) string {
	switch {
	case r == nil && kind == "httpApi":
		return "$default"
	case r == nil:
		return "Prod"
	case r.Kind == "httpApi":
		return a.HttpApis[r.Name].Stage
	case r.Kind == "webSocketApi":
		return a.WebSocketApis[r.Name].Stage
	}
	return a.Apis[r.Name].Stage
}

// SyncStart reports whether a route starting an execution waits for its
// result: as it says, else for an EXPRESS machine (a STANDARD execution
// may run for a year, longer than any request).
func SyncStart(a *App, r ServiceRoute) bool {
	s := r.StartExecution
	if s.Sync != nil {
		return *s.Sync
	}
	return a.StateMachines[s.StateMachine.Name].Type == "EXPRESS"
}

// UsesIAMAuth reports whether the API r names (an implicit API: see
// RouteApi) authorizes a route with AWS_IAM: by default, or on a route of
// a function or a state machine.
func (a *App) UsesIAMAuth(r Ref) bool {
	if a.DefaultAuthorizer(r) == "AWS_IAM" {
		return true
	}
	if a.iamAuthed == nil {
		a.iamAuthed = map[Ref]bool{}
		add := func(kind string, e *ApiEvent) {
			if e != nil && e.Authorizer == "AWS_IAM" {
				a.iamAuthed[RouteApi(kind, e)] = true
			}
		}
		for _, fn := range a.Functions {
			for _, e := range fn.Events {
				add("api", e.Api)
				add("httpApi", e.HttpApi)
			}
		}
		for _, sm := range a.StateMachines {
			for _, e := range sm.Events {
				add("api", e.Api)
			}
		}
	}
	return a.iamAuthed[r]
}

// OpenAPIDefinition is an API's OpenAPI document of its own.
type OpenAPIDefinition struct {
	DefinitionFile          string           `json:"definitionFile,omitempty"`
	DefinitionBody          map[string]any   `json:"definitionBody,omitempty"`
	DefinitionSubstitutions map[string]Value `json:"definitionSubstitutions,omitempty"`
	// OpenAPI is what samgen read from the file or the body.
	OpenAPI *OpenAPI `json:"-"`
}

// RawImplicitRoute is a route of SAM's implicit API that a raw SAM
// function or state machine declares: an event of its own that names no
// API.
type RawImplicitRoute struct {
	Kind  string // "api" or "httpApi"
	Route string // "METHOD /path"
	Path  string // of the event in the spec
}

// RawImplicitRoutes lists the routes of SAM's implicit APIs that raw SAM
// functions and state machines declare (an Api event with no RestApiId,
// an HttpApi event with no ApiId), by resource and event.
func (a *App) RawImplicitRoutes() []RawImplicitRoute {
	var out []RawImplicitRoute
	for _, name := range sortedKeys(a.Resources) {
		r := a.Resources[name]
		if r.Type != "AWS::Serverless::Function" && r.Type != "AWS::Serverless::StateMachine" {
			continue
		}
		evs, _ := r.Properties["Events"].(map[string]any)
		for _, key := range sortedKeys(evs) {
			e, _ := evs[key].(map[string]any)
			props, _ := e["Properties"].(map[string]any)
			kind, idKey := "api", "RestApiId"
			if e["Type"] == "HttpApi" {
				kind, idKey = "httpApi", "ApiId"
			} else if e["Type"] != "Api" {
				continue
			}
			if _, named := props[idKey]; named {
				continue
			}
			method, _ := props["Method"].(string)
			path, _ := props["Path"].(string)
			out = append(out, RawImplicitRoute{Kind: kind, Route: strings.ToUpper(method) + " " + path, Path: "resources." + Label(name) + ".properties.Events." + Label(key)})
		}
	}
	return out
}
