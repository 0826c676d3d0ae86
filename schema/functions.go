package schema

import (
	"maps"
	"slices"
)

// FunctionSettings are the fields shared by functions and
// `defaults.function`: the CUE `#FunctionSettings`.
type FunctionSettings struct {
	Runtime          string           `json:"runtime,omitempty"`
	Handler          Value            `json:"handler,omitempty"`
	Architecture     string           `json:"architecture,omitempty"`
	Memory           Value            `json:"memory,omitempty"`
	Timeout          Value            `json:"timeout,omitempty"`
	EphemeralStorage Value            `json:"ephemeralStorage,omitempty"`
	Tracing          string           `json:"tracing,omitempty"`
	Env              map[string]Value `json:"env,omitempty"`
	VPC              *VPC             `json:"vpc,omitempty"`
	Logging          *Logging         `json:"logging,omitempty"`
	Tags             Tags             `json:"tags,omitempty"`
	Layers           []Ref            `json:"layers,omitempty"`
	Async            *Async           `json:"async,omitempty"`
	DeadLetter       *Ref             `json:"deadLetter,omitempty"`
	// PermissionsBoundary, RolePath and PropagateTags shape the role and
	// the resources SAM generates; RecursiveLoop is Lambda's loop detection.
	PermissionsBoundary Value  `json:"permissionsBoundary,omitempty"`
	RolePath            string `json:"rolePath,omitempty"`
	PropagateTags       *bool  `json:"propagateTags,omitempty"`
	RecursiveLoop       string `json:"recursiveLoop,omitempty"`
	Lint                *Lint  `json:"lint,omitempty"`
}

// Function is a Lambda function: the CUE `#Function`.
type Function struct {
	Resource
	FunctionSettings
	Arn                    Value          `json:"arn,omitempty"`
	Name                   Value          `json:"name,omitempty"`
	Description            Value          `json:"description,omitempty"`
	Source                 string         `json:"source,omitempty"`
	Image                  Value          `json:"image,omitempty"`
	Build                  string         `json:"build,omitempty"`
	BuildProperties        map[string]any `json:"buildProperties,omitempty"`
	ReservedConcurrency    Value          `json:"reservedConcurrency,omitempty"`
	ProvisionedConcurrency Value          `json:"provisionedConcurrency,omitempty"`
	Alias                  string         `json:"alias,omitempty"`
	InlineCode             string         `json:"inlineCode,omitempty"`
	ImageConfig            *ImageConfig   `json:"imageConfig,omitempty"`
	SnapStart              bool           `json:"snapStart,omitempty"`
	URL                    *FunctionURL   `json:"url,omitempty"`
	Deployment             *Deployment    `json:"deployment,omitempty"`
	Durable                *Durable       `json:"durable,omitempty"`
	// CapacityProvider places the function on Lambda Managed Instances.
	CapacityProvider      *CapacityProviderPlacement `json:"capacityProvider,omitempty"`
	Tenancy               string                     `json:"tenancy,omitempty"`
	RuntimeManagement     *RuntimeManagement         `json:"runtimeManagement,omitempty"`
	KmsKey                Value                      `json:"kmsKey,omitempty"`
	SourceKmsKey          Value                      `json:"sourceKmsKey,omitempty"`
	CodeSigningConfig     Value                      `json:"codeSigningConfig,omitempty"`
	FileSystem            *FileSystem                `json:"fileSystem,omitempty"`
	Autoscaling           *ConcurrencyScaling        `json:"autoscaling,omitempty"`
	VersionDescription    Value                      `json:"versionDescription,omitempty"`
	VersionDeletionPolicy string                     `json:"versionDeletionPolicy,omitempty"`
	CodeSha256            Value                      `json:"codeSha256,omitempty"`
	PublishAllProperties  bool                       `json:"publishAllProperties,omitempty"`
	Access                []Access                   `json:"access"`
	Events                map[string]Event           `json:"events"`

	// Policies are SAM policy templates: each entry maps one template name
	// to its parameters, a value each.
	Policies        []map[string]map[string]Value `json:"policies,omitempty"`
	ManagedPolicies []Value                       `json:"managedPolicies,omitempty"`
	Statements      []Statement                   `json:"statements,omitempty"`
	// Wildcards maps what is acknowledged to the user's reason.
	Wildcards map[string]string  `json:"wildcards,omitempty"`
	Invokers  map[string]Invoker `json:"invokers,omitempty"`
}

// Exists reports whether the function is declared by ARN.
func (f Function) Exists() bool { return !f.Arn.IsZero() }

// VPC is a function's VPC configuration.
type VPC struct {
	Subnets        ListValue `json:"subnets"`
	SecurityGroups ListValue `json:"securityGroups"`
}

// Logging is a function's logging configuration.
type Logging struct {
	Format           string    `json:"format,omitempty"`
	ApplicationLevel string    `json:"applicationLevel,omitempty"`
	SystemLevel      string    `json:"systemLevel,omitempty"`
	Retention        Value     `json:"retention,omitempty"`
	Group            Value     `json:"group,omitempty"`
	LogGroup         *LogGroup `json:"logGroup,omitempty"`
}

// LogGroup holds the attributes of a log group samgen creates: the CUE
// `#LogGroup`.
type LogGroup struct {
	Attributes
	Stateful
}

// Async is a function's asynchronous invocation configuration: the CUE
// `#Async`.
type Async struct {
	Retries     Value `json:"retries,omitempty"`
	MaxEventAge Value `json:"maxEventAge,omitempty"`
	OnSuccess   *Ref  `json:"onSuccess,omitempty"`
	OnFailure   *Ref  `json:"onFailure,omitempty"`
}

// Effective returns a function's settings with the defaults applied: a
// field the function sets wins; maps (env, tags) merge key by key, the
// function's keys winning; logging merges field by field.
func Effective(d, f FunctionSettings) FunctionSettings {
	e := f
	e.Runtime = or(e.Runtime, d.Runtime)
	e.Handler = orValue(e.Handler, d.Handler)
	e.Architecture = or(e.Architecture, d.Architecture)
	e.Tracing = or(e.Tracing, d.Tracing)
	e.Memory = orValue(e.Memory, d.Memory)
	e.Timeout = orValue(e.Timeout, d.Timeout)
	e.EphemeralStorage = orValue(e.EphemeralStorage, d.EphemeralStorage)
	e.VPC = orPtr(e.VPC, d.VPC)
	e.PermissionsBoundary = orValue(e.PermissionsBoundary, d.PermissionsBoundary)
	e.RolePath = or(e.RolePath, d.RolePath)
	e.PropagateTags = orPtr(e.PropagateTags, d.PropagateTags)
	e.RecursiveLoop = or(e.RecursiveLoop, d.RecursiveLoop)
	if e.Logging == nil {
		e.Logging = d.Logging
	} else if d.Logging != nil {
		o := *e.Logging
		e.Logging = &Logging{
			Format:           or(o.Format, d.Logging.Format),
			ApplicationLevel: or(o.ApplicationLevel, d.Logging.ApplicationLevel),
			SystemLevel:      or(o.SystemLevel, d.Logging.SystemLevel),
			Retention:        orValue(o.Retention, d.Logging.Retention),
			Group:            orValue(o.Group, d.Logging.Group),
			LogGroup:         orPtr(o.LogGroup, d.Logging.LogGroup),
		}
	}
	if len(d.Env) > 0 {
		env := maps.Clone(d.Env)
		maps.Copy(env, f.Env)
		e.Env = env
	}
	if len(d.Tags) > 0 {
		tags := maps.Clone(d.Tags)
		maps.Copy(tags, f.Tags)
		e.Tags = tags
	}
	return e
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func orValue(a, b Value) Value {
	if !a.IsZero() {
		return a
	}
	return b
}

func orPtr[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// Effective returns the settings of function name with the defaults
// applied.
func (a *App) Effective(name string) FunctionSettings {
	return Effective(a.Defaults.Function, a.Functions[name].FunctionSettings)
}

// AsyncOf returns the asynchronous invocation configuration of function
// name, its own or else that of `defaults.function` (a function's own
// replaces the defaults' as a whole), and the spec path it was declared at;
// nil and "" when neither declares one.
func (a *App) AsyncOf(name string) (*Async, string) {
	if f := a.Functions[name]; f.Async != nil {
		return f.Async, "functions." + name + ".async"
	}
	if d := a.Defaults.Function.Async; d != nil {
		return d, "defaults.function.async"
	}
	return nil, ""
}

// DeadLetterOf returns the dead-letter target of function name, its own or
// that of `defaults.function`, and the spec path it was declared at.
func (a *App) DeadLetterOf(name string) (*Ref, string) {
	if f := a.Functions[name]; f.DeadLetter != nil {
		return f.DeadLetter, "functions." + name + ".deadLetter"
	}
	if d := a.Defaults.Function.DeadLetter; d != nil {
		return d, "defaults.function.deadLetter"
	}
	return nil, ""
}

// OwnedFunctions returns the names of the functions the app creates,
// sorted: the ones declared with an arn exist elsewhere.
func (a *App) OwnedFunctions() []string {
	var out []string
	for _, name := range sortedKeys(a.Functions) {
		if a.Functions[name].Arn.IsZero() {
			out = append(out, name)
		}
	}
	return out
}

// ImageConfig overrides a container image's settings: the CUE
// `#ImageConfig`.
type ImageConfig struct {
	Command          []string `json:"command,omitempty"`
	EntryPoint       []string `json:"entryPoint,omitempty"`
	WorkingDirectory string   `json:"workingDirectory,omitempty"`
}

// FunctionURL is a function URL: the CUE `#FunctionURL`.
type FunctionURL struct {
	Auth       string   `json:"auth"`
	Public     string   `json:"public,omitempty"`
	InvokeMode string   `json:"invokeMode,omitempty"`
	Cors       *URLCors `json:"cors,omitempty"`
}

// URLCors is a function URL's CORS configuration.
type URLCors struct {
	AllowOrigins     []string `json:"allowOrigins,omitempty"`
	AllowMethods     []string `json:"allowMethods,omitempty"`
	AllowHeaders     []string `json:"allowHeaders,omitempty"`
	ExposeHeaders    []string `json:"exposeHeaders,omitempty"`
	AllowCredentials *bool    `json:"allowCredentials,omitempty"`
	MaxAge           *int     `json:"maxAge,omitempty"`
}

// Deployment is a CodeDeploy gradual deployment: the CUE `#Deployment`.
type Deployment struct {
	Type        string  `json:"type"`
	Alarms      []Value `json:"alarms,omitempty"`
	PreTraffic  *Ref    `json:"preTraffic,omitempty"`
	PostTraffic *Ref    `json:"postTraffic,omitempty"`
	Enabled     Value   `json:"enabled,omitempty"`
	Role        Value   `json:"role,omitempty"`
}

// A DeploymentHook is a function's place as the pre- or post-traffic hook
// of another function's gradual deployment.
type DeploymentHook struct {
	// Tested is the name of the function whose deployment runs the hook.
	Tested string
	// Field is "preTraffic" or "postTraffic".
	Field string
}

// HooksOf returns the deployments function name is a hook of, by tested
// function's name and then field. The first call indexes every function's
// hooks, so that asking for each function stays linear.
func (a *App) HooksOf(name string) []DeploymentHook {
	if a.hooks == nil {
		a.hooks = map[string][]DeploymentHook{}
		for _, tested := range slices.Sorted(maps.Keys(a.Functions)) {
			g := a.Functions[tested]
			d := g.Deployment
			if d == nil || g.Exists() {
				continue
			}
			for _, h := range []struct {
				field string
				r     *Ref
			}{{"preTraffic", d.PreTraffic}, {"postTraffic", d.PostTraffic}} {
				if h.r != nil {
					a.hooks[h.r.Name] = append(a.hooks[h.r.Name], DeploymentHook{Tested: tested, Field: h.field})
				}
			}
		}
	}
	return a.hooks[name]
}

// Durable configures a durable function.
type Durable struct {
	ExecutionTimeout Value `json:"executionTimeout"`
	Retention        Value `json:"retention,omitempty"`
}

// CapacityProviderPlacement runs a function on a capacity provider: the
// CUE `#CapacityProviderPlacement`.
type CapacityProviderPlacement struct {
	Provider                 Value   `json:"provider"`
	MaxConcurrency           Value   `json:"maxConcurrency,omitempty"`
	MemoryPerVCpu            float64 `json:"memoryPerVCpu,omitempty"`
	MinEnvironments          Value   `json:"minEnvironments,omitempty"`
	MaxEnvironments          Value   `json:"maxEnvironments,omitempty"`
	PublishToLatestPublished *bool   `json:"publishToLatestPublished,omitempty"`
}

// RuntimeManagement chooses when the runtime is updated.
type RuntimeManagement struct {
	UpdateOn       string `json:"updateOn"`
	RuntimeVersion Value  `json:"runtimeVersion,omitempty"`
}

// FileSystem is an EFS access point mounted by a function.
type FileSystem struct {
	AccessPoint Value  `json:"accessPoint"`
	FileSystem  Value  `json:"fileSystem"`
	MountPath   string `json:"mountPath"`
	ReadOnly    bool   `json:"readOnly"`
}

// ConcurrencyScaling scales provisioned concurrency: the CUE
// `#ConcurrencyScaling`.
type ConcurrencyScaling struct {
	Min         Value                      `json:"min"`
	Max         Value                      `json:"max"`
	Utilization float64                    `json:"utilization,omitempty"`
	Schedules   map[string]ScalingSchedule `json:"schedules,omitempty"`
}

// ScalingSchedule is a scheduled action of a scalable target.
type ScalingSchedule struct {
	Expression string `json:"expression"`
	Timezone   string `json:"timezone,omitempty"`
	Min        Value  `json:"min,omitempty"`
	Max        Value  `json:"max,omitempty"`
}
