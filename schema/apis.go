package schema

// HttpApi is an HTTP API.
type HttpApi struct {
	Resource
	Linted
	Name              Value                     `json:"name,omitempty"`
	Stage             string                    `json:"stage"`
	Cors              *Cors                     `json:"cors,omitempty"`
	Authorizers       map[string]HttpAuthorizer `json:"authorizers,omitempty"`
	DefaultAuthorizer string                    `json:"defaultAuthorizer,omitempty"`
	AccessLog         *AccessLog                `json:"accessLog,omitempty"`
	Domain            *ApiDomain                `json:"domain,omitempty"`
	Tags              Tags                      `json:"tags,omitempty"`
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
	Name              Value                     `json:"name,omitempty"`
	Stage             string                    `json:"stage"`
	Cors              *RestCors                 `json:"cors,omitempty"`
	Tracing           *bool                     `json:"tracing,omitempty"`
	Authorizers       map[string]RestAuthorizer `json:"authorizers,omitempty"`
	DefaultAuthorizer string                    `json:"defaultAuthorizer,omitempty"`
	UsagePlan         *UsagePlan                `json:"usagePlan,omitempty"`
	AccessLog         *AccessLog                `json:"accessLog,omitempty"`
	Domain            *ApiDomain                `json:"domain,omitempty"`
	Tags              Tags                      `json:"tags,omitempty"`
}

// RestAuthorizer is a Cognito or Lambda authorizer of a REST API.
type RestAuthorizer struct {
	Cognito *struct {
		UserPools []string `json:"userPools"`
	} `json:"cognito,omitempty"`
	Lambda *struct {
		Function Ref    `json:"function"`
		Header   string `json:"header"`
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
	Name        Value  `json:"name"`
	Certificate Value  `json:"certificate"`
	BasePath    string `json:"basePath,omitempty"`
}

// AccessLog configures API access logging.
type AccessLog struct {
	Retention Value     `json:"retention"`
	Format    string    `json:"format,omitempty"`
	LogGroup  *LogGroup `json:"logGroup,omitempty"`
}

// Authorizers returns the authorizer names of the API r names, sorted,
// and whether it is declared.
func (a *App) Authorizers(r Ref) ([]string, bool) {
	switch r.Kind {
	case "api":
		api, ok := a.Apis[r.Name]
		return sortedKeys(api.Authorizers), ok
	case "httpApi":
		api, ok := a.HttpApis[r.Name]
		return sortedKeys(api.Authorizers), ok
	}
	return nil, false
}

// DefaultAuthorizer returns the default authorizer of the API r names.
func (a *App) DefaultAuthorizer(r Ref) string {
	if r.Kind == "httpApi" {
		return a.HttpApis[r.Name].DefaultAuthorizer
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
	}
	return a.Apis[r.Name].Stage
}
