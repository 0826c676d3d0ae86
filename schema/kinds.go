package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Attribute names accepted by [App.Resolve].
const (
	AttrArn       = "arn"
	AttrName      = "name"
	AttrURL       = "url"
	AttrStreamArn = "streamArn"
	// AttrRef is the attribute of a raw resource that renders `!Ref`; any
	// other attribute of a raw resource renders `!GetAtt ID.Attr` ("arn" is
	// "Arn").
	AttrRef = "ref"
	// AttrRole and AttrRoleArn are the name and the ARN of the role SAM
	// generates for a function or a state machine.
	AttrRole    = "role"
	AttrRoleArn = "roleArn"
)

// Kind describes one kind of resource the spec declares: a row of
// [Kinds]. Everything samgen knows of a kind in general is here; what it
// renders for one is in render, what it checks in checks.
type Kind struct {
	// Name is the kind of its refs ("table").
	Name string
	// Collection is the field of #App that declares it ("tables").
	Collection string
	// Suffix is appended to the PascalCase name to form the logical ID;
	// "" for kinds samgen never renders as a resource (parameters,
	// conditions, SSM parameters, secrets, proxies).
	Suffix string
	// Attrs maps an attribute to its intrinsic on an owned resource with the
	// given logical ID.
	Attrs map[string]func(id string) any
	// EnvAttr is the attribute an environment variable (or any reference
	// given no attribute) gets by default.
	EnvAttr string
	// Destination is how the kind receives asynchronous invocation records,
	// nil when it cannot (SAM EventInvokeConfig destinations).
	Destination *Delivery
	// DeadLetter is how it receives a function's dead-lettered events, nil
	// when it cannot (SAM DeadLetterQueue).
	DeadLetter *Delivery
	// StreamFailure is how it receives the records of stream batches given
	// up on, nil when it cannot (DestinationConfig.OnFailure of a DynamoDB
	// or Kinesis event).
	StreamFailure *Delivery
	// ArnName is where the name (or ID) of an existing resource is in its
	// ARN, for an ARN given as an expression: the Index-th part when split
	// by Sep ("arn:aws:sqs:R:A:NAME" is part 5 by ":", "...:table/NAME"
	// part 1 by "/"). Sep is "" for kinds whose name is not derived.
	ArnName ArnPart

	lookup func(a *App, name string) (Decl, bool)
	names  func(a *App) []string
	entry  func(a *App, name string) any
}

// Delivery is how a kind receives failures or records from Lambda: the
// SAM `Type` that names it, and the IAM the function's role needs for it.
type Delivery struct {
	// Type is SAM's name for the destination type ("SQS", "S3Bucket").
	Type string
	// Grants are the actions the role needs, each on the target's ARN
	// with a suffix ("/*": the bucket's objects).
	Grants []ArnGrant
	// ByRender marks deliveries for which SAM adds no IAM: samgen renders
	// the grants itself.
	ByRender bool
	// KeyActions are what the role needs of the target's customer managed
	// KMS key, when it has one (Decl.Key). SAM never grants them, for any
	// delivery: samgen does.
	KeyActions []string
}

// ArnGrant is an action on a resource's ARN plus a suffix.
type ArnGrant struct {
	Action, Suffix string
}

// ArnPart locates a part of an ARN: the Index-th when split by Sep.
type ArnPart struct {
	Sep   string
	Index int
}

// Decl is a declared resource as the kind table sees it.
type Decl struct {
	// Ref names it, with the logical ID it keeps.
	Ref Ref
	// Arn is the ARN of an existing resource, unset for an owned one.
	Arn Value
	// Owned reports whether samgen renders the resource.
	Owned     bool
	Condition *Ref
	Lint      *Lint
	// Key is the customer managed KMS key the resource's data is
	// encrypted with (a bucket's SSE-KMS key, a stream's, a queue's, a
	// topic's, a table's), nil for none or
	// an AWS managed key. Whoever reads or writes the data needs the use
	// of it too, which IAM grants separately; an AWS managed key's policy
	// lets the service use it for every principal of the account.
	Key *Ref
}

func ref(id string) any { return cfn.Ref(id) }
func getAtt(a string) func(string) any {
	return func(id string) any { return cfn.GetAtt(id, a) }
}
func roleRef(id string) any { return cfn.Ref(RoleID(id)) }
func roleArn(id string) any { return cfn.GetAtt(RoleID(id), "Arn") }

// collection builds the lookup and names of a kind from its map in the
// model and a function that describes one entry.
func collection[T any](get func(*App) map[string]T, decl func(T) Decl) (func(*App, string) (Decl, bool), func(*App) []string, func(*App, string) any) {
	lookup := func(a *App, name string) (Decl, bool) {
		e, ok := get(a)[name]
		if !ok {
			return Decl{}, false
		}
		return decl(e), true
	}
	entry := func(a *App, name string) any { return get(a)[name] }
	return lookup, func(a *App) []string { return sortedKeys(get(a)) }, entry
}

func sortedKeys[M ~map[string]V, V any](m M) []string { return slices.Sorted(maps.Keys(m)) }

func owned(r Resource, arn Value, lint *Lint) Decl {
	r.Ref.ID = cmpOr(r.Ref.ID, r.LogicalID)
	return Decl{Ref: r.Ref, Arn: arn, Owned: arn.IsZero(), Condition: r.Condition, Lint: lint}
}

var (
	byColon = func(i int) ArnPart { return ArnPart{":", i} }
	bySlash = ArnPart{"/", 1}
)

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var (
	// Sending to a queue or publishing to a topic under a customer managed
	// key takes a data key and decrypting it.
	// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
	messageKeyActions = []string{"kms:Decrypt", "kms:GenerateDataKey"}
	sqs               = Delivery{Type: "SQS", Grants: []ArnGrant{{"sqs:SendMessage", ""}}, KeyActions: messageKeyActions}
	// SAM spells the action in lower case for destinations, as IAM allows.
	snsDestination = Delivery{Type: "SNS", Grants: []ArnGrant{{"sns:publish", ""}}, KeyActions: messageKeyActions}
	s3Grants       = []ArnGrant{{"s3:PutObject", "/*"}, {"s3:ListBucket", ""}}
	// Lambda writes a record to an S3 destination with one PutObject:
	// under the bucket's own key that needs a data key.
	// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
	s3KeyActions = []string{"kms:GenerateDataKey"}
)

// Kinds lists every kind of resource the spec declares, sorted by name.
var Kinds = func() []Kind {
	kinds := []Kind{
		Kind{Name: "alarm", Collection: "alarms", Suffix: "Alarm", EnvAttr: AttrName, Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")}}.in(collection(func(a *App) map[string]Alarm { return a.Alarms }, func(e Alarm) Decl { return owned(e.Resource, Value{}, e.Lint) })),
		Kind{Name: "api", Collection: "apis", Suffix: "Api", EnvAttr: AttrURL, Attrs: map[string]func(string) any{AttrName: ref}}.in(collection(func(a *App) map[string]RestApi { return a.Apis }, func(e RestApi) Decl { return owned(e.Resource, Value{}, e.Lint) })),
		Kind{Name: "bucket", Collection: "buckets", Suffix: "Bucket", EnvAttr: AttrName, ArnName: byColon(5), Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")},
			Destination:   &Delivery{Type: "S3Bucket", Grants: s3Grants, KeyActions: s3KeyActions},
			StreamFailure: &Delivery{Type: "S3", Grants: s3Grants, ByRender: true, KeyActions: s3KeyActions}}.in(collection(func(a *App) map[string]Bucket { return a.Buckets }, func(e Bucket) Decl {
			d := owned(e.Resource, e.Arn, e.Lint)
			if e.Encryption == "KMS" {
				d.Key = e.Key
			}
			return d
		})),
		Kind{Name: "bus", Collection: "buses", Suffix: "Bus", EnvAttr: AttrName, ArnName: bySlash, Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")},
			Destination: &Delivery{Type: "EventBridge", Grants: []ArnGrant{{"events:PutEvents", ""}}}}.in(collection(func(a *App) map[string]Bus { return a.Buses }, func(e Bus) Decl {
			d := owned(e.Resource, e.Arn, e.Lint)
			// The account's default bus exists already.
			d.Owned = d.Owned && !e.IsDefault()
			return d
		})),
		Kind{Name: "capacityProvider", Collection: "capacityProviders", Suffix: "CapacityProvider", EnvAttr: AttrArn, ArnName: byColon(6), Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")}}.in(collection(func(a *App) map[string]CapacityProvider { return a.CapacityProviders }, func(e CapacityProvider) Decl { return owned(e.Resource, e.Arn, e.Lint) })),
		Kind{Name: "condition", Collection: "conditions"}.in(collection(func(a *App) map[string]Condition { return a.Conditions }, func(e Condition) Decl { return Decl{Ref: e.Ref} })),
		Kind{Name: "function", Collection: "functions", Suffix: "Function", EnvAttr: AttrName, ArnName: byColon(6), Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn"), AttrRole: roleRef, AttrRoleArn: roleArn},
			Destination: &Delivery{Type: "Lambda", Grants: []ArnGrant{{"lambda:InvokeFunction", ""}}}}.in(collection(func(a *App) map[string]Function { return a.Functions }, func(e Function) Decl { return owned(e.Resource, e.Arn, e.Lint) })),
		Kind{Name: "httpApi", Collection: "httpApis", Suffix: "HttpApi", EnvAttr: AttrURL, Attrs: map[string]func(string) any{AttrName: ref}}.in(collection(func(a *App) map[string]HttpApi { return a.HttpApis }, func(e HttpApi) Decl { return owned(e.Resource, Value{}, e.Lint) })),
		Kind{Name: "key", Collection: "keys", Suffix: "Key", EnvAttr: AttrArn, ArnName: bySlash, Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")}}.in(collection(func(a *App) map[string]Key { return a.Keys }, func(e Key) Decl { return owned(e.Resource, e.Arn, e.Lint) })),
		Kind{Name: "layer", Collection: "layers", Suffix: "Layer", EnvAttr: AttrArn, Attrs: map[string]func(string) any{AttrArn: ref}}.in(collection(func(a *App) map[string]Layer { return a.Layers }, func(e Layer) Decl {
			d := owned(e.Resource, Value{}, e.Lint)
			d.Owned = e.Owned()
			return d
		})),
		Kind{Name: "logGroup", Collection: "logGroups", Suffix: "LogGroup", EnvAttr: AttrName, ArnName: byColon(6), Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")}}.in(collection(func(a *App) map[string]CloudWatchLogGroup { return a.LogGroups }, func(e CloudWatchLogGroup) Decl { return owned(e.Resource, e.Arn, e.Lint) })),
		Kind{Name: "param", Collection: "params", EnvAttr: AttrName}.in(collection(func(a *App) map[string]SSMParam { return a.Params }, func(e SSMParam) Decl { return Decl{Ref: e.Ref} })),
		Kind{Name: "parameter", Collection: "parameters", EnvAttr: AttrName}.in(collection(func(a *App) map[string]Parameter { return a.Parameters }, func(e Parameter) Decl { return Decl{Ref: e.Ref} })),
		Kind{Name: "proxy", Collection: "proxies", EnvAttr: AttrArn}.in(collection(func(a *App) map[string]Proxy { return a.Proxies }, func(e Proxy) Decl { return Decl{Ref: e.Ref, Arn: e.Arn} })),
		Kind{Name: "queue", Collection: "queues", Suffix: "Queue", EnvAttr: AttrURL, ArnName: byColon(5), Attrs: map[string]func(string) any{AttrURL: ref, AttrArn: getAtt("Arn"), AttrName: getAtt("QueueName")},
			Destination: &sqs, DeadLetter: &sqs, StreamFailure: &sqs}.in(collection(func(a *App) map[string]Queue { return a.Queues }, func(e Queue) Decl {
			d := owned(e.Resource, e.Arn, e.Lint)
			d.Key = e.Key
			return d
		})),
		Kind{Name: "resource", Collection: "resources", EnvAttr: AttrRef}.in(collection(func(a *App) map[string]RawResource { return a.Resources }, func(e RawResource) Decl { return owned(e.Resource, Value{}, e.Lint) })),
		Kind{Name: "secret", Collection: "secrets", EnvAttr: AttrArn, ArnName: byColon(6)}.in(collection(func(a *App) map[string]Secret { return a.Secrets }, func(e Secret) Decl { return Decl{Ref: e.Ref, Arn: e.Arn} })),
		Kind{Name: "stateMachine", Collection: "stateMachines", Suffix: "StateMachine", EnvAttr: AttrArn, Attrs: map[string]func(string) any{AttrArn: ref, AttrName: getAtt("Name"), AttrRole: roleRef, AttrRoleArn: roleArn}}.in(collection(func(a *App) map[string]StateMachine { return a.StateMachines }, func(e StateMachine) Decl { return owned(e.Resource, Value{}, e.Lint) })),
		Kind{Name: "stream", Collection: "streams", Suffix: "Stream", EnvAttr: AttrName, ArnName: bySlash, Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn")}}.in(collection(func(a *App) map[string]Stream { return a.Streams }, func(e Stream) Decl {
			d := owned(e.Resource, e.Arn, e.Lint)
			if e.Encryption {
				d.Key = e.Key
			}
			return d
		})),
		Kind{Name: "table", Collection: "tables", Suffix: "Table", EnvAttr: AttrName, ArnName: bySlash, Attrs: map[string]func(string) any{AttrName: ref, AttrArn: getAtt("Arn"), AttrStreamArn: getAtt("StreamArn")}}.in(collection(func(a *App) map[string]Table { return a.Tables }, func(e Table) Decl {
			d := owned(e.Resource, e.Arn, e.Lint)
			d.Key = e.EncryptionKey
			return d
		})),
		Kind{Name: "topic", Collection: "topics", Suffix: "Topic", EnvAttr: AttrArn, ArnName: byColon(5), Attrs: map[string]func(string) any{AttrArn: ref, AttrName: getAtt("TopicName")},
			Destination:   &snsDestination,
			DeadLetter:    &Delivery{Type: "SNS", Grants: []ArnGrant{{"sns:Publish", ""}}, KeyActions: messageKeyActions},
			StreamFailure: &snsDestination}.in(collection(func(a *App) map[string]Topic { return a.Topics }, func(e Topic) Decl {
			d := owned(e.Resource, e.Arn, e.Lint)
			d.Key = e.Key
			return d
		})),
		// A WebSocket API's url is the endpoint its functions post to
		// connections through (https://ID.execute-api.REGION.../STAGE/);
		// clients connect to the same host and path with wss://.
		Kind{Name: "webSocketApi", Collection: "webSocketApis", Suffix: "WebSocketApi", EnvAttr: AttrURL, Attrs: map[string]func(string) any{AttrName: ref}}.in(collection(func(a *App) map[string]WebSocketApi { return a.WebSocketApis }, func(e WebSocketApi) Decl { return owned(e.Resource, Value{}, e.Lint) })),
	}
	return kinds
}()

// in sets where the kind is in the model.
func (k Kind) in(lookup func(*App, string) (Decl, bool), names func(*App) []string, entry func(*App, string) any) Kind {
	k.lookup, k.names, k.entry = lookup, names, entry
	return k
}

// Entry returns the model of the entry named name: a [Table], a
// [Function], ...
func (k Kind) Entry(a *App, name string) any { return k.entry(a, name) }

// KindOf returns the row of kind name.
func KindOf(name string) (Kind, bool) {
	i, ok := slices.BinarySearchFunc(Kinds, name, func(k Kind, n string) int { return strings.Compare(k.Name, n) })
	if !ok {
		return Kind{}, false
	}
	return Kinds[i], true
}

// Names returns the names declared in the kind's collection, sorted.
func (k Kind) Names(a *App) []string { return k.names(a) }

// Decl returns the declaration r names, and whether the app declares it.
func (a *App) Decl(r Ref) (Decl, bool) {
	k, ok := KindOf(r.Kind)
	if !ok {
		return Decl{}, false
	}
	return k.lookup(a, r.Name)
}

// Declared reports whether the app declares the resource r names.
func (a *App) Declared(r Ref) bool {
	_, ok := a.Decl(r)
	return ok
}

// Owned reports whether the app creates the resource r names (rather than
// referring to an existing one, or not rendering it at all).
func (a *App) Owned(r Ref) bool {
	d, _ := a.Decl(r)
	return d.Owned
}

// Each calls f for every declared resource of every kind, kinds and names
// sorted, with its spec path ("tables.orders").
func (a *App) Each(f func(k Kind, path string, d Decl)) {
	for _, k := range Kinds {
		for _, name := range k.names(a) {
			d, _ := k.lookup(a, name)
			f(k, k.Collection+"."+Label(name), d)
		}
	}
}

// Resolve renders attribute attr of the resource r names: an intrinsic for
// an owned resource, the ARN it was declared with (or the part of it
// attr asks for) for an existing one.
func (a *App) Resolve(r Ref, attr string) (any, error) {
	k, ok := KindOf(r.Kind)
	if !ok {
		return nil, fmt.Errorf("unknown resource kind %q", r.Kind)
	}
	d, declared := k.lookup(a, r.Name)
	if !declared {
		return nil, UndeclaredError{r}
	}
	if attr == "" {
		attr = k.EnvAttr
	}
	if r.Kind == "condition" {
		return nil, fmt.Errorf("condition %s is not a value: choose between values with {\"Fn::If\": [app.conditions.%s.ref, a, b]}", r.Name, Label(r.Name))
	}
	// The declaration knows the ID the resource keeps, whatever the ref
	// that names it carries.
	r.ID = cmpOr(r.ID, d.Ref.ID)
	switch r.Kind {
	case "resource":
		return rawAttr(r, attr), nil
	case "bucket":
		if v, ok, err := a.bucketAttr(r, attr); ok || err != nil {
			return v, err
		}
	case "httpApi", "api", "webSocketApi":
		if attr == AttrURL {
			return a.apiURL(r), nil
		}
	case "parameter":
		return cfn.Ref(ParameterID(r.Name)), nil
	case "param":
		p := a.Params[r.Name]
		switch attr {
		case AttrName:
			return p.Name, nil
		case AttrArn:
			return cfn.Sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/" + strings.TrimPrefix(p.Name, "/")), nil
		}
	case "layer":
		if l := a.Layers[r.Name]; !l.Owned() && attr == AttrArn {
			if l.SSM != "" {
				return "{{resolve:ssm:" + l.SSM + "}}", nil
			}
			return a.ResolveValue(l.Arn, "")
		}
	case "bus":
		if b := a.Buses[r.Name]; b.IsDefault() {
			switch attr {
			case AttrName:
				return DefaultBus, nil
			case AttrArn:
				return cfn.Sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/" + DefaultBus), nil
			}
		}
	}
	if d.Owned {
		if f, ok := k.Attrs[attr]; ok {
			return f(LogicalID(r)), nil
		}
		return nil, fmt.Errorf("%s has no %s", aKind(r.Kind), attr)
	}
	arn := d.Arn
	switch attr {
	case AttrArn:
		return a.ResolveValue(arn, "")
	case AttrName:
		if k.ArnName.Sep == "" {
			break
		}
		return a.arnPart(arn, k.ArnName, ArnName)
	case AttrURL:
		if r.Kind == "queue" {
			return a.queueURL(arn)
		}
	case AttrStreamArn:
		if t := a.Tables[r.Name]; r.Kind == "table" && !t.StreamArn.IsZero() {
			return a.ResolveValue(t.StreamArn, "")
		}
		return nil, fmt.Errorf("existing table %q declares no streamArn", r.Name)
	}
	return nil, fmt.Errorf("an existing %s has no %s", r.Kind, attr)
}

// UndeclaredError is the error of a reference to a resource the app does
// not declare: SG714 reports it, at the reference.
type UndeclaredError struct{ Ref Ref }

func (e UndeclaredError) Error() string {
	return fmt.Sprintf("no %s named %s is declared", e.Ref.Kind, e.Ref.Name)
}

// aKind is a kind with its article, for a message: "a table", "an api".
func aKind(kind string) string {
	if strings.ContainsAny(kind[:1], "aeiou") {
		return "an " + kind
	}
	return "a " + kind
}

// arnPart renders a part of an existing resource's ARN: from a literal
// (or a !Sub template) with literal, from an expression with !Select of
// !Split by the part's place.
func (a *App) arnPart(arn Value, part ArnPart, literal func(string) string) (any, error) {
	if s, ok := arn.Template(); ok {
		p := literal(s)
		if strings.Contains(p, "${") {
			return cfn.Sub(p), nil
		}
		return p, nil
	}
	v, err := a.ResolveValue(arn, AttrArn)
	if err != nil {
		return nil, err
	}
	return cfn.Select(part.Index, cfn.Split(part.Sep, v)), nil
}

// queueURL renders the URL of an existing queue from its ARN,
// "arn:aws:sqs:REGION:ACCOUNT:NAME" → https://sqs.REGION.amazonaws.com/ACCOUNT/NAME.
func (a *App) queueURL(arn Value) (any, error) {
	if s, ok := arn.Template(); ok {
		p := ArnParts(s)
		if len(p) != 6 {
			return nil, fmt.Errorf("queue ARN %q does not have six parts", s)
		}
		u := fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", p[3], p[4], p[5])
		if strings.Contains(u, "${") {
			return cfn.Sub(u), nil
		}
		return u, nil
	}
	v, err := a.ResolveValue(arn, AttrArn)
	if err != nil {
		return nil, err
	}
	part := func(i int) any { return cfn.Select(i, cfn.Split(":", v)) }
	return cfn.SubVars("https://sqs.${Region}.${AWS::URLSuffix}/${Account}/${Name}",
		map[string]any{"Region": part(3), "Account": part(4), "Name": part(5)}), nil
}

func rawAttr(r Ref, attr string) any {
	id := LogicalID(r)
	switch attr {
	case "", AttrRef:
		return cfn.Ref(id)
	case AttrArn:
		return cfn.GetAtt(id, "Arn")
	}
	return cfn.GetAtt(id, attr)
}

// apiURL is the invoke URL of an API's stage. An HTTP API's $default
// stage is served at the root.
func (a *App) apiURL(r Ref) any {
	path := a.Stage(r.Kind, &r) + "/"
	if path == "$default/" {
		path = ""
	}
	return cfn.Sub("https://${" + LogicalID(r) + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + path)
}

// ArnName returns the resource name at the end of an ARN: the part after
// the last ':' or '/' outside ${...} variables
// ("arn:aws:sqs:eu-west-1:123456789012:jobs" → "jobs").
func ArnName(arn string) string {
	depth := 0
	for i := len(arn) - 1; i >= 0; i-- {
		switch arn[i] {
		case '}':
			depth++
		case '{':
			depth--
		case ':', '/':
			if depth == 0 {
				return arn[i+1:]
			}
		}
	}
	return arn
}

// ArnParts splits an ARN at its colons outside ${...} variables, so
// "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs" has six
// parts.
func ArnParts(arn string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(arn); i++ {
		switch arn[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ':':
			if depth == 0 {
				parts = append(parts, arn[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, arn[start:])
}

// Fifo reports whether a queue or topic reference is FIFO: declared so, or
// an existing one whose ARN ends in .fifo.
func (a *App) Fifo(r Ref) bool {
	switch r.Kind {
	case "queue":
		q := a.Queues[r.Name]
		return q.Fifo || fifoArn(q.Arn)
	case "topic":
		t := a.Topics[r.Name]
		return t.Fifo || fifoArn(t.Arn)
	}
	return false
}

func fifoArn(arn Value) bool {
	s, ok := arn.Template()
	return ok && strings.HasSuffix(s, ".fifo")
}
