package schema

// WebSocketApi is a WebSocket API.
type WebSocketApi struct {
	Resource
	Linted
	Name                      Value                             `json:"name,omitempty"`
	Description               Value                             `json:"description,omitempty"`
	Stage                     string                            `json:"stage"`
	RouteSelection            string                            `json:"routeSelection"`
	ApiKeySelection           string                            `json:"apiKeySelection,omitempty"`
	Routes                    map[string]WebSocketRoute         `json:"routes"`
	Authorizer                *WebSocketAuthorizer              `json:"authorizer,omitempty"`
	AccessLog                 *AccessLog                        `json:"accessLog,omitempty"`
	Domain                    *ApiDomain                        `json:"domain,omitempty"`
	DisableExecuteApiEndpoint *bool                             `json:"disableExecuteApiEndpoint,omitempty"`
	DisableSchemaValidation   *bool                             `json:"disableSchemaValidation,omitempty"`
	IpAddressType             string                            `json:"ipAddressType,omitempty"`
	PropagateTags             *bool                             `json:"propagateTags,omitempty"`
	Variables                 map[string]Value                  `json:"variables,omitempty"`
	DefaultRouteSettings      *WebSocketRouteSettings           `json:"defaultRouteSettings,omitempty"`
	RouteSettings             map[string]WebSocketRouteSettings `json:"routeSettings,omitempty"`
	Tags                      Tags                              `json:"tags,omitempty"`
}

// WebSocketRoute sends a route's messages to a function.
type WebSocketRoute struct {
	Function       Ref    `json:"function"`
	Timeout        *int   `json:"timeout,omitempty"`
	ApiKeyRequired *bool  `json:"apiKeyRequired,omitempty"`
	OperationName  string `json:"operationName,omitempty"`
}

// WebSocketAuthorizer authorizes a WebSocket API's $connect route.
type WebSocketAuthorizer struct {
	Function       *Ref     `json:"function,omitempty"`
	IdentitySource []string `json:"identitySource,omitempty"`
	IAM            *bool    `json:"iam,omitempty"`
}

// WebSocketRouteSettings are the settings of a WebSocket route.
type WebSocketRouteSettings struct {
	Throttle        *Throttle `json:"throttle,omitempty"`
	DetailedMetrics *bool     `json:"detailedMetrics,omitempty"`
	Logging         string    `json:"logging,omitempty"`
	DataTrace       *bool     `json:"dataTrace,omitempty"`
}
