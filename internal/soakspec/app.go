package soakspec

import (
	"fmt"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// machine generates a state machine: a chain of states from the state
// table, which may invoke the functions generated so far.
func (g *Gen) machine() {
	name := g.name("flow")
	express := g.chance(0.3)
	m := &sm{g: g, express: express, names: map[string]bool{}}
	n := g.between(1, 5)
	var names []string
	for i := 0; i < n; i++ {
		names = append(names, m.stateName())
	}
	for i, s := range names {
		next := "end: true"
		if i < len(names)-1 {
			next = fmt.Sprintf("next: %q", names[i+1])
		}
		m.states = append(m.states, fmt.Sprintf("%q: %s", s, m.state(s, next)))
	}
	if g.chance(0.2) {
		m.states = []string{fmt.Sprintf(`%q: {type: "Pass", output: {id: "{%% $states.input.id %%}", at: "{%% $now() %%}"}, assign: seen: true, next: %q}`, names[0], "Decide"),
			`"Decide": {type: "Choice", choices: [{condition: "{% $states.input.total > 100 %}", next: "Save"}], default: "Done"}`,
			fmt.Sprintf(`"Save": schema.#DynamoDBPutItem & {table: %s, item: {id: S: "{%% $states.input.id %%}"}, output: "{%% $states.input %%}", next: "Done"}`, ref("tables", g.table(false))),
			`"Done": {type: "Succeed"}`}
		names = names[:1]
		g.add("stateMachines", name, fmt.Sprintf(`{queryLanguage: "JSONata", tracing: true, startAt: %q, states: {%s}}`, names[0], strings.Join(m.states, ", ")))
		g.machines = append(g.machines, name)
		return
	}
	body := []string{fmt.Sprintf("startAt: %q", names[0]), "states: {" + strings.Join(m.states, ", ") + "}"}
	if express {
		body = append(body, `type: "EXPRESS"`, fmt.Sprintf(`logging: {level: %q, includeExecutionData: %v, retention: %d}`, g.pick("ALL", "ERROR", "FATAL"), g.chance(0.5), g.retention()))
	} else if g.chance(0.3) {
		body = append(body, `logging: {}`, fmt.Sprintf("timeout: %d", g.between(60, 86400)))
	}
	if g.chance(0.7) {
		body = append(body, "tracing: true")
	}
	if g.chance(0.3) {
		body = append(body, `comment: "Fulfils orders"`)
	}
	if g.chance(0.2) {
		body = append(body, `tags: flow: "orders"`)
	}
	if g.chance(0.5) {
		var evs []string
		switch g.r.IntN(3) {
		case 0:
			evs = append(evs, fmt.Sprintf("%q: schedule: {expression: %q}", g.name("nightly"), g.schedule()))
		case 1:
			evs = append(evs, fmt.Sprintf(`%q: eventBridge: {pattern: {source: ["shop.orders"]}}`, g.name("placed")))
		default:
			if !express || g.chance(0.5) {
				evs = append(evs, fmt.Sprintf("%q: api: %s", g.name("start"), g.route(&fn{}, "api")))
			}
		}
		if len(evs) > 0 {
			body = append(body, "events: {"+strings.Join(evs, ", ")+"}")
		}
	}
	g.add("stateMachines", name, "{"+strings.Join(body, ", ")+"}")
	g.machines = append(g.machines, name)
}

// sm is a state machine being generated.
type sm struct {
	g       *Gen
	express bool
	states  []string
	// names are the state names used so far: unique in the whole machine,
	// branches included (SG514).
	names map[string]bool
}

func (m *sm) stateName() string {
	for {
		n := fmt.Sprintf("%s %d", m.g.pick("Save", "Notify", "Check", "Wait", "Charge", "Route"), m.g.between(1, 99))
		if !m.names[n] {
			m.names[n] = true
			return n
		}
	}
}

// lambdaRetry retries the transient Lambda errors (SG510).
const lambdaRetry = `retry: [{errorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"], intervalSeconds: 2, maxAttempts: 6, backoffRate: 2}]`

// state returns one state of the chain, ending with next.
func (m *sm) state(name, next string) string {
	g := m.g
	pattern := func(allowed ...string) string {
		if m.express {
			return ""
		}
		return fmt.Sprintf(", pattern: %q", g.pick(allowed...))
	}
	switch g.r.IntN(len(stateKinds)) {
	case 0:
		return fmt.Sprintf(`{type: "Pass", parameters: {"id.$": "$.id", "label.$": "States.Format('order {}', $.id)", fixed: 1}, resultPath: "$.shaped", %s}`, next)
	case 1:
		switch g.r.IntN(3) {
		case 0:
			return fmt.Sprintf(`{type: "Wait", secondsPath: "$.delay", %s}`, next)
		case 1:
			return fmt.Sprintf(`{type: "Wait", timestamp: "2027-01-01T00:00:00Z", %s}`, next)
		}
		return fmt.Sprintf(`{type: "Wait", seconds: %d, %s}`, g.between(1, 60), next)
	case 2:
		// A Choice whose rules and default lead to the chain's next state
		// (or, for the last state, to a Succeed state of its own).
		target := strings.TrimSuffix(strings.TrimPrefix(next, `next: "`), `"`)
		extra := ""
		if next == "end: true" {
			target = m.stateName()
			extra = fmt.Sprintf(", %q: {type: \"Succeed\"}", target)
			m.states = append(m.states, strings.TrimPrefix(extra, ", "))
		}
		return fmt.Sprintf(`{type: "Choice", choices: [{variable: "$.total", numericGreaterThan: 100, next: %q}, {and: [{variable: "$.kind", stringEquals: "gift"}, {not: {variable: "$.rush", booleanEquals: true}}], next: %q}], default: %q}`, target, target, target)
	case 3:
		b := m.stateName()
		return fmt.Sprintf(`{type: "Parallel", branches: [{startAt: %q, states: %q: {type: "Pass", end: true}}], catch: [{errorEquals: ["States.ALL"], next: %q}], %s}`, b, b, m.lastOr(name), next)
	case 4:
		b := m.stateName()
		return fmt.Sprintf(`{type: "Map", itemsPath: "$.items", maxConcurrency: %d, itemProcessor: {processorConfig: mode: "INLINE", startAt: %q, states: %q: {type: "Pass", end: true}}, %s}`, g.between(0, 40), b, b, next)
	case 5:
		if fn := g.earlierFunction(); fn != "" && !m.image(fn) {
			p := pattern("requestResponse", "requestResponse", "waitForTaskToken")
			payload := ""
			if strings.Contains(p, "waitForTaskToken") {
				payload = `, payload: {"token.$": "$$.Task.Token", "input.$": "$"}`
			}
			return fmt.Sprintf(`schema.#LambdaInvoke & {function: %s%s%s, %s, timeoutSeconds: 300, heartbeatSeconds: 60, %s}`, ref("functions", fn), p, payload, lambdaRetry, next)
		}
		return fmt.Sprintf(`{type: "Pass", result: {ok: true}, %s}`, next)
	case 6:
		return fmt.Sprintf(`schema.#DynamoDBPutItem & {table: %s, item: {id: {"S.$": "$.id"}, total: {"N.$": "States.JsonToString($.total)"}}, resultPath: null, %s}`, ref("tables", g.table(false)), next)
	case 7:
		return fmt.Sprintf(`schema.#DynamoDBGetItem & {table: %s, key: {id: {"S.$": "$.id"}}, resultSelector: {"item.$": "$.Item"}, %s}`, ref("tables", g.table(false)), next)
	case 8:
		fifo := g.chance(0.3)
		group := ""
		if fifo {
			group = `, parameters: {"MessageGroupId.$": "$.id"}`
		}
		return fmt.Sprintf(`schema.#SQSSendMessage & {queue: %s, messageBody: "$"%s%s, %s}`, ref("queues", g.queue(fifo)), group, pattern("requestResponse"), next)
	case 9:
		return fmt.Sprintf(`schema.#SNSPublish & {topic: %s, message: {"order.$": "$.id"}, subject: "Order", %s}`, ref("topics", g.topic(false)), next)
	case 10:
		bus := ""
		if g.chance(0.5) {
			bus = "bus: " + ref("buses", g.bus()) + ", "
		}
		return fmt.Sprintf(`schema.#EventBridgePutEvents & {entries: [{%ssource: "shop.flow", detailType: "Step", detail: {"id.$": "$.id"}}], %s}`, bus, next)
	case 11:
		if len(g.machines) > 0 {
			return fmt.Sprintf(`schema.#StartExecution & {stateMachine: %s%s, input: {"parent.$": "$$.Execution.Id"}, %s}`, ref("stateMachines", g.machines[g.r.IntN(len(g.machines))]), pattern("requestResponse", "sync:2"), next)
		}
		return fmt.Sprintf(`schema.#StartExecution & {stateMachine: "arn:aws:states:eu-west-1:123456789012:stateMachine:partner"%s, %s}`, pattern("requestResponse", "sync"), next)
	case 12:
		return fmt.Sprintf(`schema.#GlueStartJobRun & {job: "nightly-etl"%s, jobArguments: "--day": "today", %s}`, pattern("requestResponse", "sync"), next)
	case 13:
		return fmt.Sprintf(`schema.#BatchSubmitJob & {jobName: "render", jobDefinition: "render:3", jobQueue: "arn:aws:batch:eu-west-1:123456789012:job-queue/main"%s, %s}`, pattern("requestResponse", "sync"), next)
	case 14:
		return fmt.Sprintf(`schema.#ECSRunTask & {cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/main", taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/report:2", launchType: "FARGATE", passRoles: ["arn:aws:iam::123456789012:role/report-task"]%s, %s}`, pattern("requestResponse", "sync"), next)
	case 15:
		return fmt.Sprintf(`schema.#SageMakerCreateTrainingJob & {trainingJobName: "churn", role: "arn:aws:iam::123456789012:role/sagemaker"%s, %s}`, pattern("requestResponse", "sync"), next)
	case 16:
		return fmt.Sprintf(`schema.#AthenaStartQueryExecution & {queryString: "SELECT 1", database: "shop", outputLocation: "s3://shop-athena-results/q/"%s, %s}`, pattern("requestResponse", "sync"), next)
	case 17:
		return fmt.Sprintf(`schema.#BedrockInvokeModel & {model: "anthropic.claude-3-haiku-20240307-v1:0", body: {prompt: "hi", max_tokens: 10}, %s}`, next)
	case 18:
		return fmt.Sprintf(`schema.#HTTPInvoke & {endpoint: "https://api.example.com/orders", method: "POST", connection: "arn:aws:events:eu-west-1:123456789012:connection/partner/abc", %s}`, next)
	case 19:
		return fmt.Sprintf(`schema.#APIGatewayInvoke & {api: "a1b2c3d4e5", stage: "prod", method: "GET", path: "/orders", %s}`, next)
	case 20:
		return fmt.Sprintf(`schema.#CodeBuildStartBuild & {project: "site-build"%s, %s}`, pattern("requestResponse", "sync"), next)
	case 21:
		return fmt.Sprintf(`schema.#AWSSDKTask & {service: "s3", action: "putObjectTagging", parameters: {Bucket: "shop-archive", "Key.$": "$.key", Tagging: {TagSet: [{Key: "done", Value: "true"}]}}, iam: [{actions: ["s3:PutObjectTagging"], resources: ["arn:aws:s3:::shop-archive/orders.csv"]}], %s}`, next)
	case 22:
		return fmt.Sprintf(`schema.#DynamoDBUpdateItem & {table: %s, key: {id: {"S.$": "$.id"}}, updateExpression: "SET #s = :s", parameters: {ExpressionAttributeNames: {"#s": "status"}, ExpressionAttributeValues: {":s": {S: "done"}}}, %s}`, ref("tables", g.table(false)), next)
	}
	return fmt.Sprintf(`schema.#DynamoDBDeleteItem & {table: %s, key: {id: {"S.$": "$.id"}}, %s}`, ref("tables", g.table(false)), next)
}

// stateKinds counts the cases of state: one per kind of state the
// generator writes.
var stateKinds = make([]struct{}, 24)

// lastOr returns a Fail state for a catcher to go to, added to the chain.
func (m *sm) lastOr(string) string {
	n := m.stateName()
	m.states = append(m.states, fmt.Sprintf(`%q: {type: "Fail", error: "Failed", cause: "a branch failed"}`, n))
	return n
}

func (m *sm) image(name string) bool {
	for _, f := range m.g.functions {
		if f.name == name {
			return f.image
		}
	}
	return false
}

// declareAPIs declares the APIs routes named: after every function, since
// an API's definition depends on the functions of its routes.
func (g *Gen) declareAPIs() {
	for _, name := range g.restAPIs {
		body := []string{fmt.Sprintf("stage: %q", g.pick("prod", "v1", "dev", "prod-eu", "v1_beta"))}
		if g.chance(0.3) {
			body = append(body, `cors: {origin: "https://shop.example.com", methods: ["GET", "POST"], headers: ["Content-Type"], maxAge: 600}`)
		}
		if g.chance(0.5) {
			body = append(body, "tracing: true")
		}
		if g.chance(0.3) {
			body = append(body, fmt.Sprintf("accessLog: retention: %d", g.retention()))
		}
		if g.chance(0.3) {
			body = append(body, `usagePlan: {throttle: {burst: 10, rate: 5}, quota: {limit: 1000, period: "DAY"}}`)
		}
		body = append(body, g.apiExtras(name, `users: cognito: userPools: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_EXAMPLE"]`, "api.shop.example.com", "abc", "public")...)
		g.add("apis", name, "{"+strings.Join(body, ", ")+"}")
	}
	for _, name := range g.httpAPIs {
		var body []string
		if g.chance(0.5) {
			body = append(body, fmt.Sprintf("stage: %q", g.pick("prod", "v1", "prod-eu", "v2_beta", "$default")))
		}
		if g.chance(0.3) {
			body = append(body, `cors: {origins: ["https://shop.example.com"], methods: ["GET"], maxAge: 300, credentials: true}`)
		}
		if g.chance(0.3) {
			body = append(body, fmt.Sprintf("accessLog: retention: %d", g.retention()))
		}
		body = append(body, g.apiExtras(name, `users: jwt: {issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE", audience: ["shop"]}`, "http.shop.example.com", "def", "http")...)
		g.add("httpApis", name, "{"+strings.Join(body, ", ")+"}")
	}
	// The implicit REST API's settings, in an app that declares no REST
	// API for its Globals.Api to reach too (SG031).
	if g.implicitRest && len(g.restAPIs) == 0 && g.chance(0.5) {
		var body []string
		if g.chance(0.5) {
			body = append(body, `cors: {origin: "https://shop.example.com", methods: ["GET", "POST"], maxAge: 600}`)
		}
		if g.chance(0.5) {
			body = append(body, "tracing: true")
		}
		if g.chance(0.5) {
			body = append(body, `methodSettings: [{throttle: {burst: 50, rate: 20}, metrics: true}]`)
		}
		if g.chance(0.3) {
			body = append(body, `endpoint: type: "REGIONAL"`, `binaryMediaTypes: ["image/png"]`)
		}
		if g.chance(0.3) {
			body = append(body, `variables: {mode: "live"}`, `gatewayResponses: DEFAULT_4XX: headers: "Access-Control-Allow-Origin": "*"`)
		}
		if len(body) == 0 {
			body = append(body, "tracing: false")
		}
		g.fields = append(g.fields, "implicitApi: {"+strings.Join(body, ", ")+"}")
	}
	// The implicit HTTP API's, in an app that declares no HTTP API for its
	// Globals.HttpApi to reach too (SG032).
	if g.implicitHttp && len(g.httpAPIs) == 0 && g.chance(0.5) {
		var body []string
		if g.chance(0.5) {
			body = append(body, `cors: {origins: ["https://shop.example.com"], methods: ["GET", "POST"], maxAge: 600}`)
		}
		switch g.r.IntN(3) {
		case 0:
			body = append(body, `authorizers: users: jwt: {issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE", audience: ["shop"]}`, `defaultAuthorizer: "users"`)
		case 1:
			body = append(body, fmt.Sprintf(`authorizers: users: lambda: function: %s`, ref("functions", g.earlierFunction())), `defaultAuthorizer: "users"`)
		}
		if g.chance(0.5) {
			body = append(body, `defaultRouteSettings: {throttle: {burst: 50, rate: 20}, detailedMetrics: true}`)
		}
		if g.chance(0.3) {
			body = append(body, `variables: {mode: "live"}`, `tags: team: "shop"`)
		}
		if g.chance(0.3) {
			body = append(body, "failOnWarnings: true", "propagateTags: true")
		}
		if len(body) == 0 {
			body = append(body, "failOnWarnings: false")
		}
		g.fields = append(g.fields, "implicitHttpApi: {"+strings.Join(body, ", ")+"}")
	}
}

// apiExtras returns the fields a declared API of either type may have
// beside its own: its authorizer (token, the type's own authorizer, or a
// Lambda one), a custom domain with a base path of its own (SG355) and tags.
func (g *Gen) apiExtras(name, token, domain, cert, tag string) []string {
	var body []string
	if kind := g.apiAuth[name]; kind != "" {
		auth := token
		if kind == "lambda" {
			auth = fmt.Sprintf(`users: lambda: function: %s`, ref("functions", g.earlierFunction()))
		}
		body = append(body, "authorizers: {"+auth+"}")
		if g.apiDefault[name] {
			body = append(body, `defaultAuthorizer: "users"`)
		}
	}
	if g.chance(0.15) {
		body = append(body, fmt.Sprintf(`domain: {name: %q, certificate: "arn:aws:acm:eu-west-1:123456789012:certificate/%s", basePath: %q}`, domain, cert, name))
	}
	if g.chance(0.2) {
		body = append(body, fmt.Sprintf("tags: api: %q", tag))
	}
	return body
}

// client generates a function that uses the others: the last one, so it
// may refer to anything, the declared APIs' URLs included.
func (g *Gen) client() {
	f := &fn{name: g.name("client")}
	f.set(`source: "src/%s"`, f.name)
	for _, a := range g.restAPIs {
		f.env = append(f.env, fmt.Sprintf("API_%d: %s", len(f.env), ref("apis", a)))
	}
	for _, a := range g.httpAPIs {
		f.env = append(f.env, fmt.Sprintf("HTTP_API_%d: %s", len(f.env), ref("httpApis", a)))
	}
	if o := g.earlierFunction(); o != "" {
		f.access = append(f.access, fmt.Sprintf("{invoke: %s}", ref("functions", o)))
	}
	for _, m := range g.machines {
		f.access = append(f.access, fmt.Sprintf("{start: %s}", ref("stateMachines", m)))
	}
	g.addFunction(f)
	g.functions = append(g.functions, fnRes{name: f.name})
}

// appFeatures are the parts of an app beside its functions and state
// machines.
var appFeatures = []feature{
	{"rule", 0.35, func(g *Gen) {
		name := g.name("rule")
		var body, targets []string
		if g.chance(0.3) {
			body = append(body, fmt.Sprintf("schedule: %q", g.schedule()))
			if g.chance(0.5) {
				body = append(body, "bus: "+ref("buses", g.defaultBus()))
			}
		} else {
			body = append(body, `pattern: {source: ["shop.orders"], detail: {status: [{"anything-but": ["test"]}]}}`)
			if g.chance(0.5) {
				body = append(body, "bus: "+ref("buses", g.bus()))
			}
		}
		if g.chance(0.3) {
			body = append(body, `description: "Routes orders"`, "enabled: true")
		}
		opts := func() string {
			var o []string
			if g.chance(0.4) {
				o = append(o, fmt.Sprintf("retries: %d, maxEventAge: %d", g.between(0, 185), g.between(60, 86400)))
			}
			if g.chance(0.4) {
				o = append(o, "deadLetter: "+ref("queues", g.queue(false)))
			}
			switch g.r.IntN(3) {
			case 0:
				o = append(o, `input: "{\"source\": \"rule\"}"`)
			case 1:
				o = append(o, `transform: {paths: {id: "$.detail.id", kind: "$.detail-type"}, template: "{\"id\": <id>, \"kind\": <kind>, \"rule\": <aws.events.rule-name>}"}`)
			}
			if len(o) == 0 {
				return ""
			}
			return ", " + strings.Join(o, ", ")
		}
		for i, n := 0, g.between(1, 4); i < n; i++ {
			t := g.name("t")
			switch g.r.IntN(5) {
			case 0:
				targets = append(targets, fmt.Sprintf("%q: {queue: %s%s}", t, ref("queues", g.queue(false)), opts()))
			case 1:
				targets = append(targets, fmt.Sprintf("%q: {queue: %s, messageGroupId: \"orders\"%s}", t, ref("queues", g.queue(true)), opts()))
			case 2:
				targets = append(targets, fmt.Sprintf("%q: {topic: %s%s}", t, ref("topics", g.topic(false)), opts()))
			case 3:
				if len(g.machines) > 0 {
					targets = append(targets, fmt.Sprintf("%q: {stateMachine: %s%s}", t, ref("stateMachines", g.machines[g.r.IntN(len(g.machines))]), opts()))
					continue
				}
				fallthrough
			default:
				if f := g.earlierFunction(); f != "" {
					targets = append(targets, fmt.Sprintf("%q: {function: %s%s}", t, ref("functions", f), opts()))
				} else {
					targets = append(targets, fmt.Sprintf("%q: {queue: %s%s}", t, ref("queues", g.queue(false)), opts()))
				}
			}
		}
		body = append(body, "targets: {"+strings.Join(targets, ", ")+"}")
		g.add("rules", name, "{"+strings.Join(body, ", ")+"}")
	}},
	{"subscription", 0.25, func(g *Gen) {
		fifo := g.chance(0.3)
		body := []string{"topic: " + ref("topics", g.topic(fifo)), "queue: " + ref("queues", g.queue(fifo))}
		if g.chance(0.5) {
			body = append(body, "raw: true")
		}
		if g.chance(0.4) {
			body = append(body, `filterPolicy: kind: ["invoice"]`)
		}
		if g.chance(0.4) {
			body = append(body, "deadLetter: "+ref("queues", g.queue(fifo)))
		}
		g.add("subscriptions", g.name("sub"), "{"+strings.Join(body, ", ")+"}")
	}},
	{"condition", 0.2, func(g *Gen) {
		p := g.name("env")
		g.add("parameters", p, `{default: "dev", allowed: ["dev", "prod"]}`)
		c := g.name("isProd")
		g.add("conditions", c, fmt.Sprintf(`{equals: [%s, "prod"]}`, ref("parameters", p)))
		g.add("topics", g.name("alerts"), fmt.Sprintf("{condition: %s}", ref("conditions", c)))
		if g.chance(0.5) {
			c2 := g.name("notProd")
			g.add("conditions", c2, fmt.Sprintf("{not: %s}", ref("conditions", c)))
			if g.chance(0.5) {
				g.add("conditions", g.name("both"), fmt.Sprintf("{or: [%s, %s]}", ref("conditions", c), ref("conditions", c2)))
			}
		}
		if g.chance(0.6) {
			// A conditional table and the conditional function that uses
			// it (SG720: whatever refers to it shares its condition).
			t := g.name("audit")
			g.add("tables", t, fmt.Sprintf(`{key: name: "id", condition: %s}`, ref("conditions", c)))
			q := g.name("auditQueue")
			g.add("queues", q, fmt.Sprintf(`{condition: %s, visibilityTimeout: %d}`, ref("conditions", c), maxTimeout))
			f := g.name("auditor")
			g.add("functions", f, fmt.Sprintf(`{source: "src/%s", condition: %s, env: TABLE: %s, access: [{write: %s}], events: jobs: sqs: queue: %s}`, f, ref("conditions", c), ref("tables", t), ref("tables", t), ref("queues", q)))
		}
	}},
	{"outputs", 0.4, func(g *Gen) {
		g.add("outputs", g.name("region"), `{description: "The region", sub: "${AWS::Region}"}`)
		g.add("outputs", g.name("version"), `{value: "1.0", export: "${AWS::StackName}-version"}`)
		g.add("outputs", g.name("stackTag"), `{value: {"Fn::Join": ["-", [{Ref: "AWS::StackName"}, "orders"]]}}`)
		if len(g.functions) > 0 {
			g.add("outputs", g.name("fnArn"), fmt.Sprintf(`{ref: %s, attr: "arn"}`, ref("functions", g.functions[0].name)))
		}
		for _, q := range g.queues {
			if !q.existing {
				g.add("outputs", g.name("queueUrl"), fmt.Sprintf(`{ref: %s, attr: "url"}`, ref("queues", q.name)))
				break
			}
		}
	}},
	{"overrides", 0.15, func(g *Gen) {
		for _, f := range g.functions {
			if !f.image {
				g.add("overrides", cfn.LogicalID(f.name, "Function"), `{"SnapStart.ApplyOn": "None"}`)
				return
			}
		}
	}},
}
