package schema

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"samgen.dev/samgen/internal/cfn"
)

// Every logical ID samgen derives, and every one SAM's transform derives
// from samgen's output, is named by a function of this file: render names
// resources with them and the ID checks predict the template with them.
// IDs depend on names only (never on order, content or hashes): a changed
// ID makes CloudFormation replace the resource.

// LogicalID returns the CloudFormation logical ID of a declared resource:
// the ID it keeps, else its PascalCase name and its kind's suffix.
func LogicalID(r Ref) string {
	if r.ID != "" {
		return r.ID
	}
	k, _ := KindOf(r.Kind)
	return cfn.LogicalID(r.Name, k.Suffix)
}

// DerivedID returns the logical ID of a resource samgen makes for the one
// r names (its log group, say): r's ID with the kind's suffix replaced by
// suffix, so it follows r when r keeps an old ID.
func DerivedID(r Ref, suffix string) string {
	k, _ := KindOf(r.Kind)
	return strings.TrimSuffix(LogicalID(r), k.Suffix) + suffix
}

// ParameterID is the logical ID of a template parameter. Parameters and
// resources share the template's IDs: !Ref names either.
func ParameterID(name string) string { return cfn.LogicalID(name, "") }

// ConditionID is the logical name of a condition in the template.
func ConditionID(name string) string { return cfn.LogicalID(name, "") }

// OutputID is the logical ID of an output of `outputs`.
func OutputID(name string) string { return cfn.LogicalID(name, "") }

// LayerOutputID is the logical ID of the stack output that exports layer
// name's version ARN: "common" → "CommonLayerArn".
func LayerOutputID(name string) string { return cfn.LogicalID(name, "LayerArn") }

// EventID is the logical ID form of an event's key: SAM derives the IDs of
// the resources it makes for an event from it, and IDs are alphanumeric.
func EventID(key string) string { return cfn.LogicalID(key, "") }

// StateMachineEventID is the logical ID form of a state machine event's
// key. A key that is already alphanumeric is kept as written, as samgen
// always rendered it (changing it would make CloudFormation replace the
// rule SAM makes for it); one with separators is made a logical ID, which
// SAM's transform requires.
func StateMachineEventID(key string) string {
	if cfn.LogicalID(key, "") == strings.ToUpper(key[:1])+key[1:] && !strings.ContainsAny(key, "-_") {
		return key
	}
	return EventID(key)
}

// pinned returns the logical ID a resource samgen renders for another
// keeps (its attributes' logicalId), else derived.
func pinned(a *Attributes, derived string) string {
	if a != nil && a.LogicalID != "" {
		return a.LogicalID
	}
	return derived
}

func logGroupAttrs(lg *LogGroup) *Attributes {
	if lg == nil {
		return nil
	}
	return &lg.Attributes
}

// FunctionLogGroupID is the logical ID of the log group samgen creates for
// a function that keeps its logs for a while: the one lg pins, else the
// function's ID with LogGroup for Function.
func FunctionLogGroupID(fn Ref, lg *LogGroup) string {
	return pinned(logGroupAttrs(lg), DerivedID(fn, "LogGroup"))
}

// StateMachineLogGroupID is the logical ID of a state machine's execution
// log group.
func StateMachineLogGroupID(sm Ref, lg *LogGroup) string {
	return pinned(logGroupAttrs(lg), DerivedID(sm, "StateMachineLogGroup"))
}

// AccessLogsID is the logical ID of an API's access log group.
func AccessLogsID(api Ref, lg *LogGroup) string {
	return pinned(logGroupAttrs(lg), LogicalID(api)+"AccessLogs")
}

// QueuePolicyID is the logical ID of the policy samgen generates for an
// owned queue that AWS services deliver to.
func QueuePolicyID(queue Ref, policy *Attributes) string {
	return pinned(policy, LogicalID(queue)+"Policy")
}

// TopicPolicyID is QueuePolicyID for a topic.
func TopicPolicyID(topic Ref, policy *Attributes) string {
	return pinned(policy, LogicalID(topic)+"Policy")
}

// RuleID is the logical ID of an EventBridge rule of `rules`: the one it
// pins, else <Name>Rule.
func (a *App) RuleID(name string) string {
	attrs := a.Rules[name].Attributes
	return pinned(&attrs, cfn.LogicalID(name, "Rule"))
}

// RuleRoleID is the logical ID of the role a rule assumes to start state
// machines: the one it pins, else <Rule ID>Role.
func (a *App) RuleRoleID(name string) string {
	return pinned(a.Rules[name].Role, a.RuleID(name)+"Role")
}

// RuleTargetPermissionID is the logical ID of the permission that lets a
// rule invoke its function target: the one it pins, else
// <Rule ID><Target>Permission.
func (a *App) RuleTargetPermissionID(rule, target string) string {
	return pinned(a.Rules[rule].Targets[target].Permission, a.RuleID(rule)+cfn.LogicalID(target, "Permission"))
}

// SubscriptionID is the logical ID of a subscription of `subscriptions`:
// the one it pins, else <Name>Subscription.
func (a *App) SubscriptionID(name string) string {
	attrs := a.Subscriptions[name].Attributes
	return pinned(&attrs, cfn.LogicalID(name, "Subscription"))
}

// InvokerID is the logical ID of the AWS::Lambda::Permission of a
// function's invoker: the one it pins, else ("api", "uploads") →
// ApiFunctionUploadsInvokePermission.
func InvokerID(fn Ref, key string, inv Invoker) string {
	return pinned(&inv.Attributes, LogicalID(fn)+cfn.LogicalID(key, "InvokePermission"))
}

// RoleID is the logical ID of the role SAM generates for a function or a
// state machine of logical ID id.
func RoleID(id string) string { return id + "Role" }

// IntegrationsRoleID is the logical ID of the role API Gateway assumes for
// an API's service integrations: the one it pins, else
// <API ID>IntegrationsRole.
func IntegrationsRoleID(api Ref, role *Attributes) string {
	return pinned(role, LogicalID(api)+"IntegrationsRole")
}

// The IDs of the APIs SAM makes from routes that name no declared API.
const (
	ImplicitRestApiID = "ServerlessRestApi"
	ImplicitHttpApiID = "ServerlessHttpApi"
)

// Reserved are the logical IDs SAM's transform keeps for itself whether
// or not it uses them: before it knows whether any route needs its
// implicit API, it replaces whatever resource the template has with that
// ID (samtranslator/plugins/api/implicit_api_plugin.py), so a declared
// API of that ID loses its own properties.
var Reserved = []Generated{
	{ID: ImplicitRestApiID, What: "implicit REST API"},
	{ID: ImplicitHttpApiID, What: "implicit HTTP API"},
}

// Generated is a logical ID that SAM's transform will add to the template,
// and the declared resource it comes from.
type Generated struct {
	ID string
	// Path is the spec path of the resource SAM derives it from.
	Path string
	// What names the generated resource for a person ("role", "SQS
	// resource of event jobs").
	What string
	// Hashed marks an ID SAM ends with a hash of the resource's content
	// (versions, deployments, layer versions): ID is the part before it,
	// and the whole is HashLength characters longer. It cannot be
	// predicted, so nothing can collide with it or pin it, but its length
	// counts.
	Hashed bool
}

// HashLength is the length of the content hash SAM appends to some IDs
// (samtranslator/translator/logical_id_generator.py: HASH_LENGTH = 10).
const HashLength = 10

// rawEventResources are the suffixes of the IDs SAM generates for an event
// of SAM type typ of a raw resource of type resType (a function or a state
// machine), as for a declared one's.
func rawEventResources(resType, typ string) []string {
	if resType == "AWS::Serverless::StateMachine" {
		for _, t := range StateMachineEventTypes {
			if t.SAMType == typ {
				return t.SAMResources
			}
		}
		return nil
	}
	for _, t := range EventTypes {
		if t.SAMType == typ || slices.Contains(t.SAMAliases, typ) {
			return t.SAMResources
		}
	}
	return nil
}

// MaxLogicalID is the longest logical ID CloudFormation accepts.
const MaxLogicalID = 255

// SAMGenerated returns the logical IDs SAM's transform adds for the app's
// resources: roles, event permissions and mappings, aliases, stages,
// implicit APIs, and the prefixes of those that end in a content hash
// (versions, deployments, layer versions).
func SAMGenerated(a *App) []Generated {
	var out []Generated
	add := func(id, path, what string) { out = append(out, Generated{ID: id, Path: path, What: what}) }
	hashed := func(id, path, what string) {
		out = append(out, Generated{ID: id, Path: path, What: what, Hashed: true})
	}
	implicit := map[string]string{}
	deployments := ""
	for _, name := range a.OwnedFunctions() {
		f := a.Functions[name]
		path := "functions." + Label(name)
		id := LogicalID(f.Ref)
		add(RoleID(id), path, "role")
		if a, _ := a.AsyncOf(name); a != nil {
			add(id+"EventInvokeConfig", path, "event invoke config")
		}
		if alias := FunctionAlias(f); alias != "" {
			add(AliasID(id, alias), path, "alias")
			hashed(id+"Version", path, "version")
		}
		if u := f.URL; u != nil {
			add(id+"Url", path+".url", "function URL")
			if u.Auth == "NONE" {
				add(id+"UrlPublicPermissions", path+".url", "function URL's public permission")
				add(id+"URLInvokeAllowPublicAccess", path+".url", "function URL's public invoke permission")
			}
		}
		if f.Deployment != nil {
			add(id+"DeploymentGroup", path+".deployment", "deployment group")
			deployments = cmpOr(deployments, path+".deployment")
		}
		functionResources := map[string]bool{}
		for _, ev := range sortedKeys(f.Events) {
			e := f.Events[ev]
			t, opts, ok := e.Type()
			if !ok {
				continue
			}
			evPath := path + ".events." + Label(ev)
			if e.SNS.Redriven() {
				continue // samgen renders the subscription and permission
			}
			for _, s := range t.SAMResources {
				if s == "Permission" && t.Name == "api" {
					s += a.Stage("api", opts.(*ApiEvent).Api)
				}
				add(id+EventID(ev)+s, evPath, t.SAMType+" "+samWhat(s)+" of event "+ev)
			}
			for _, s := range t.SAMFunctionResources {
				if !functionResources[s] {
					functionResources[s] = true
					add(id+s, evPath, t.SAMType+" "+samWhat(s))
				}
			}
			if r, ok := opts.(*ApiEvent); ok && r.Api == nil {
				implicit[t.Name] = evPath
			}
		}
	}
	if deployments != "" {
		add(DeploymentApplicationID, deployments, "CodeDeploy application")
		if slices.ContainsFunc(a.OwnedFunctions(), func(n string) bool {
			d := a.Functions[n].Deployment
			return d != nil && d.Role.IsZero()
		}) {
			add(DeploymentRoleID, deployments, "CodeDeploy role")
		}
	}
	for _, name := range sortedKeys(a.CapacityProviders) {
		cp := a.CapacityProviders[name]
		if cp.Exists() || !cp.OperatorRole.IsZero() {
			continue
		}
		add(LogicalID(cp.Ref)+"OperatorRole", "capacityProviders."+Label(name), "operator role")
	}
	for _, name := range sortedKeys(a.StateMachines) {
		sm := a.StateMachines[name]
		path := "stateMachines." + Label(name)
		id := LogicalID(sm.Ref)
		if sm.Role.IsZero() {
			add(RoleID(id), path, "role")
		}
		if sm.Alias != "" {
			add(id+"Version", path, "version")
			add(id+"Alias"+sm.Alias, path, "alias")
		}
		for _, ev := range sortedKeys(sm.Events) {
			e := sm.Events[ev]
			ts := e.Types()
			if len(ts) != 1 {
				continue
			}
			evPath := path + ".events." + Label(ev)
			for _, s := range ts[0].SAMResources {
				add(id+StateMachineEventID(ev)+s, evPath, ts[0].SAMType+" "+samWhat(s)+" of event "+ev)
			}
			if e.Api != nil && e.Api.Api == nil {
				implicit["api"] = evPath
			}
		}
	}
	// An event an override adds to a declared function or state machine
	// (Events.<key>, with its Type) gets its resources from SAM as well.
	samTypes := map[string]string{} // logical ID → type, of what may take events
	if len(a.Overrides) > 0 {
		for _, name := range a.OwnedFunctions() {
			samTypes[LogicalID(a.Functions[name].Ref)] = "AWS::Serverless::Function"
		}
		for _, name := range sortedKeys(a.StateMachines) {
			samTypes[LogicalID(a.StateMachines[name].Ref)] = "AWS::Serverless::StateMachine"
		}
	}
	for _, id := range sortedKeys(a.Overrides) {
		resType := samTypes[id]
		if resType == "" {
			continue
		}
		events := map[string]any{}
		for _, path := range sortedKeys(a.Overrides[id]) {
			if all, ok := a.Overrides[id][path].(map[string]any); ok && path == "Events" {
				maps.Copy(events, all)
			} else if key, ok := strings.CutPrefix(path, "Events."); ok && !strings.Contains(key, ".") {
				events[key] = a.Overrides[id][path]
			}
		}
		for _, key := range sortedKeys(events) {
			e, _ := events[key].(map[string]any)
			typ, _ := e["Type"].(string)
			for _, s := range rawEventResources(resType, typ) {
				add(id+key+s, "overrides."+id, "resource of event "+key)
			}
		}
	}
	// A raw SAM function or state machine gets from SAM's transform what a
	// declared one does: a role when it has none, its events' resources
	// (<ID><event key><suffix>, the key as written) and its alias.
	for _, name := range sortedKeys(a.Resources) {
		r := a.Resources[name]
		if r.Type != "AWS::Serverless::Function" && r.Type != "AWS::Serverless::StateMachine" {
			continue
		}
		path, id := "resources."+Label(name), LogicalID(r.Ref)
		if _, role := r.Properties["Role"]; !role {
			add(RoleID(id), path, "role")
		}
		if alias, ok := r.Properties["AutoPublishAlias"].(string); ok && alias != "" {
			add(AliasID(id, alias), path, "alias")
			hashed(id+"Version", path, "version")
		}
		evs, _ := r.Properties["Events"].(map[string]any)
		for _, key := range sortedKeys(evs) {
			e, _ := evs[key].(map[string]any)
			typ, _ := e["Type"].(string)
			for _, s := range rawEventResources(r.Type, typ) {
				add(id+key+s, path+".properties.Events."+Label(key), "resource of event "+key)
			}
		}
	}
	for _, r := range a.RawImplicitRoutes() {
		if _, ok := implicit[r.Kind]; !ok {
			implicit[r.Kind] = r.Path
		}
	}
	if p, ok := implicit["api"]; ok {
		add(ImplicitRestApiID, p, "implicit REST API")
		add(ImplicitRestApiID+"ProdStage", p, "implicit REST API's stage")
		hashed(ImplicitRestApiID+"Deployment", p, "implicit REST API's deployment")
		if a.ImplicitApi != nil {
			for _, an := range sortedKeys(a.ImplicitApi.Authorizers) {
				if a.ImplicitApi.Authorizers[an].Lambda != nil {
					add(ImplicitRestApiID+an+"AuthorizerPermission", "implicitApi.authorizers."+Label(an), "permission of authorizer "+an)
				}
			}
		}
	}
	if p, ok := implicit["httpApi"]; ok {
		add(ImplicitHttpApiID, p, "implicit HTTP API")
		add(ImplicitHttpApiID+"ApiGatewayDefaultStage", p, "implicit HTTP API's stage")
		if a.ImplicitHttpApi != nil {
			for _, an := range sortedKeys(a.ImplicitHttpApi.Authorizers) {
				if a.ImplicitHttpApi.Authorizers[an].Lambda != nil {
					add(ImplicitHttpApiID+an+"AuthorizerPermission", "implicitHttpApi.authorizers."+Label(an), "permission of authorizer "+an)
				}
			}
		}
	}
	for _, name := range sortedKeys(a.Apis) {
		api := a.Apis[name]
		id, path := LogicalID(api.Ref), "apis."+Label(name)
		add(id+api.Stage+"Stage", path, "stage")
		hashed(id+"Deployment", path, "deployment")
		if api.UsagePlan != nil {
			add(id+"ApiKey", path, "API key")
			add(id+"UsagePlan", path, "usage plan")
			add(id+"UsagePlanKey", path, "usage plan key")
		}
		if api.Domain != nil {
			add(id+"BasePathMapping", path, "base path mapping")
		}
		for _, an := range sortedKeys(api.Authorizers) {
			if api.Authorizers[an].Lambda != nil {
				add(id+an+"AuthorizerPermission", path+".authorizers."+Label(an), "permission of authorizer "+an)
			}
		}
	}
	for _, name := range sortedKeys(a.Layers) {
		if l := a.Layers[name]; l.Owned() {
			hashed(LogicalID(l.Ref), "layers."+Label(name), "layer version")
		}
	}
	for _, name := range sortedKeys(a.HttpApis) {
		api := a.HttpApis[name]
		id, path := LogicalID(api.Ref), "httpApis."+Label(name)
		stage := api.Stage + "Stage"
		if api.Stage == "$default" {
			stage = "ApiGatewayDefaultStage"
		}
		add(id+stage, path, "stage")
		for _, an := range sortedKeys(api.Authorizers) {
			if api.Authorizers[an].Lambda != nil {
				add(id+an+"AuthorizerPermission", path+".authorizers."+Label(an), "permission of authorizer "+an)
			}
		}
	}
	for _, name := range sortedKeys(a.WebSocketApis) {
		api := a.WebSocketApis[name]
		id, path := LogicalID(api.Ref), "webSocketApis."+Label(name)
		if api.Stage == "default" {
			add(id+"DefaultStage", path, "stage")
		} else {
			add(id+api.Stage+"Stage", path, "stage")
		}
		for _, k := range sortedKeys(api.Routes) {
			rp := path + ".routes." + Label(k)
			base := id + WebSocketRouteID(k)
			add(base+"Route", rp, "route "+k)
			add(base+"Integration", rp, "integration of route "+k)
			add(base+"Permission", rp, "permission of route "+k)
		}
		if az := api.Authorizer; az != nil {
			add(id+"ConnectAuthorizer", path+".authorizer", "$connect authorizer")
			if az.Function != nil {
				add(id+"AuthorizerPermission", path+".authorizer", "permission of the $connect authorizer")
			}
		}
	}
	return out
}

func samWhat(suffix string) string {
	switch {
	case suffix == "":
		return "resource"
	case strings.HasPrefix(suffix, "Permission"):
		return "permission"
	}
	return strings.ToLower(suffix)
}

// DefaultAlias is the alias samgen publishes for a function that needs a
// published version and names no alias of its own: provisioned
// concurrency (and its autoscaling), SnapStart and durable executions
// apply only to published versions, never $LATEST, and a gradual
// deployment shifts an alias between them.
const DefaultAlias = "live"

// FunctionAlias returns the alias SAM publishes for f, "" for none.
func FunctionAlias(f Function) string {
	if f.Alias != "" {
		return f.Alias
	}
	if !f.ProvisionedConcurrency.IsZero() || f.Autoscaling != nil || f.SnapStart || f.Deployment != nil || f.Durable != nil {
		return DefaultAlias
	}
	return ""
}

// WebSocketRouteID is the part of the IDs SAM generates for a WebSocket
// route: "Connect" for $connect, and a route key with its first letter
// upper-cased and the rest lower-cased, as Python's str.capitalize
// ("sendMessage" is "Sendmessage"; samtranslator websocket_api_generator).
func WebSocketRouteID(key string) string {
	k := strings.TrimPrefix(key, "$")
	if k == "" {
		return ""
	}
	return strings.ToUpper(k[:1]) + strings.ToLower(k[1:])
}

// AliasID is the logical ID of the alias SAM generates for a function of
// logical ID id. SAM spells the separators a Lambda alias name may hold as
// letters ("live-v2" is "liveDv2", "blue_green" "blueUgreen";
// samtranslator sam_resources, alias_alphanumeric_name).
func AliasID(id, alias string) string {
	return id + "Alias" + strings.NewReplacer("-", "D", "_", "U").Replace(alias)
}

// The logical IDs SAM gives the CodeDeploy resources it shares between
// every function with a gradual deployment.
const (
	DeploymentApplicationID = "ServerlessDeploymentApplication"
	DeploymentRoleID        = "CodeDeployServiceRole"
)

// ConcurrencyTargetID and ConcurrencyPolicyID are the IDs of the scalable
// target and the target tracking policy of a function's provisioned
// concurrency.
func ConcurrencyTargetID(fn Ref) string { return LogicalID(fn) + "ConcurrencyTarget" }

// ConcurrencyPolicyID is the ID of the utilisation policy of a function's
// scalable target.
func ConcurrencyPolicyID(fn Ref) string { return LogicalID(fn) + "ConcurrencyPolicy" }

// OpenAPIPermissionID is the logical ID of the permission that lets an API
// invoke the function of one route of its OpenAPI document:
// <API ID><Method><Path words>Permission ("POST /orders/{id}" →
// OrdersApiPostOrdersIdPermission).
func OpenAPIPermissionID(api Ref, routeKey string) string {
	var b strings.Builder
	b.WriteString(LogicalID(api))
	for _, w := range strings.FieldsFunc(routeKey, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + strings.ToLower(w[1:]))
	}
	return b.String() + "Permission"
}
