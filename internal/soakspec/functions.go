package soakspec

import (
	"fmt"
	"strings"
)

// fn is a function being generated.
type fn struct {
	name   string
	fields []string
	env    []string
	access []string
	events []string
	layers []string
	image  bool
	// async is set once a feature gives the function async settings.
	async bool
	// timeout is the function's own, when it sets one.
	vpc bool
}

func (f *fn) set(field string, args ...any) { f.fields = append(f.fields, fmt.Sprintf(field, args...)) }

// event adds an event of the function, named after its type.
func (f *fn) event(g *Gen, typ, body string) {
	f.events = append(f.events, fmt.Sprintf("%q: %s: %s", g.name(typ), typ, body))
}

// function generates one function and the resources it uses.
func (g *Gen) function() {
	f := &fn{name: g.name("fn")}
	if len(g.defLayers) == 0 && g.chance(0.1) {
		f.image = true
		f.set(`image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:%d"`, g.between(1, 9))
	} else {
		f.set(`source: "src/%s"`, f.name)
		g.run(zipFeatures(f))
	}
	g.run(functionFeatures(f))
	g.addFunction(f)
	g.functions = append(g.functions, fnRes{name: f.name, image: f.image})
}

func (g *Gen) addFunction(f *fn) {
	fields := f.fields
	if len(f.env) > 0 {
		fields = append(fields, "env: {"+strings.Join(f.env, ", ")+"}")
	}
	if len(f.access) > 0 {
		fields = append(fields, "access: ["+strings.Join(f.access, ", ")+"]")
	}
	if len(f.events) > 0 {
		fields = append(fields, "events: {"+strings.Join(f.events, ", ")+"}")
	}
	if len(f.layers) > 0 {
		fields = append(fields, "layers: ["+strings.Join(f.layers, ", ")+"]")
	}
	g.add("functions", f.name, "{"+strings.Join(fields, ", ")+"}")
}

// zipFeatures are the features of a function packaged as a zip.
func zipFeatures(f *fn) []feature {
	return []feature{
		{"runtime", 0.3, func(g *Gen) {
			rt := g.pick(runtimes...)
			f.set("runtime: %q", rt)
			f.set("handler: %q", handler(rt))
			if rt == "provided.al2023" && g.chance(0.5) {
				f.set(`build: "go1.x"`)
			}
		}},
		{"layers", 0.25, func(g *Gen) {
			for i, n := 0, g.between(1, 2); i < n; i++ {
				l := g.layer()
				if !strings.Contains(strings.Join(f.layers, " "), fmt.Sprintf("%q", l)) && !containsStr(g.defLayers, l) {
					f.layers = append(f.layers, ref("layers", l))
				}
			}
		}},
		{"build", 0.1, func(g *Gen) {
			if !strings.Contains(strings.Join(f.fields, " "), "build:") {
				f.set(`build: "makefile"`)
			}
		}},
	}
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// functionFeatures are what a function may have.
func functionFeatures(f *fn) []feature {
	return []feature{
		{"description", 0.3, func(g *Gen) { f.set(`description: "Handles %s"`, f.name) }},
		{"memory", 0.3, func(g *Gen) { f.set("memory: %d", g.pick128()) }},
		{"timeout", 0.3, func(g *Gen) { f.set("timeout: %d", g.between(1, maxTimeout)) }},
		{"architecture", 0.1, func(g *Gen) { f.set("architecture: %q", g.pick("x86_64", "arm64")) }},
		{"concurrency", 0.15, func(g *Gen) {
			r := g.between(2, 50)
			f.set("reservedConcurrency: %d", r)
			if g.chance(0.5) {
				f.set("provisionedConcurrency: %d", g.between(1, r))
			}
		}},
		{"alias", 0.15, func(g *Gen) {
			if !strings.Contains(strings.Join(f.fields, " "), "provisionedConcurrency") || g.chance(0.5) {
				f.set("alias: %q", g.pick("live", "prod", "v2", "live-v2", "blue_green"))
			}
		}},
		{"logging", 0.2, func(g *Gen) {
			switch g.r.IntN(3) {
			case 0:
				f.set(`logging: {format: "JSON", applicationLevel: %q, systemLevel: %q, retention: %d}`, g.pick("INFO", "ERROR"), g.pick("DEBUG", "WARN"), g.retention())
			case 1:
				if !g.defLevels {
					f.set(`logging: {format: "Text"}`)
				}
			default:
				f.set(`logging: retention: %d`, g.retention())
			}
		}},
		{"ephemeral storage", 0.1, func(g *Gen) { f.set("ephemeralStorage: %d", g.between(512, 10240)) }},
		{"tags", 0.2, func(g *Gen) { f.set(`tags: {"app:component": %q, owner: "team@example.com"}`, f.name) }},
		{"vpc", 0.1, func(g *Gen) {
			f.vpc = true
			if len(g.raws) >= 3 && g.chance(0.5) {
				f.set(`vpc: {subnets: [%s, "subnet-4e5f6a7b"], securityGroups: [%s]}`, ref("resources", g.raws[2]), ref("resources", g.raws[1]))
				return
			}
			f.set(`vpc: {subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], securityGroups: ["sg-0123abcd"]}`)
		}},
		{"env literal", 0.4, func(g *Gen) { f.env = append(f.env, `LOG_FORMAT: "json"`, `FEATURE_FLAGS: "a,b"`) }},
		{"env expression", 0.15, func(g *Gen) {
			// CloudFormation values: a !Sub, a pseudo parameter, another
			// stack's export, literals that are not strings.
			f.env = append(f.env, `STACK_CACHE: "${AWS::StackName}-cache"`, `REGION: {Ref: "AWS::Region"}`, `SHARED_URL: {"Fn::ImportValue": "shop-shared-url"}`, `PORT: 8080`, `DEBUG: false`)
		}},
		{"env table", 0.3, func(g *Gen) { f.env = append(f.env, "TABLE: "+ref("tables", g.table(false))) }},
		{"env queue", 0.2, func(g *Gen) { f.env = append(f.env, "QUEUE_URL: "+ref("queues", g.anyQueue(false))) }},
		{"env topic", 0.15, func(g *Gen) { f.env = append(f.env, "TOPIC: "+ref("topics", g.topic(false))) }},
		{"env bus", 0.1, func(g *Gen) { f.env = append(f.env, "BUS: "+ref("buses", g.bus())) }},
		{"env bucket", 0.15, func(g *Gen) { f.env = append(f.env, "BUCKET: "+ref("buckets", g.bucket())) }},
		{"env existing bucket", 0.05, func(g *Gen) { f.env = append(f.env, "ARCHIVE: "+ref("buckets", g.existingBucket())) }},
		{"env layer", 0.05, func(g *Gen) { f.env = append(f.env, "LAYER_ARN: "+ref("layers", g.layer())) }},
		{"env stream", 0.1, func(g *Gen) { f.env = append(f.env, "STREAM: "+ref("streams", g.stream())) }},
		{"env param", 0.15, func(g *Gen) { f.env = append(f.env, "SETTING: "+ref("params", g.param())) }},
		{"env secret", 0.1, func(g *Gen) { f.env = append(f.env, "CREDS_ARN: "+ref("secrets", g.secret())) }},
		{"env key", 0.05, func(g *Gen) { f.env = append(f.env, "KEY_ARN: "+ref("keys", g.key())) }},
		{"env function", 0.15, func(g *Gen) {
			if o := g.earlierFunction(); o != "" {
				f.env = append(f.env, "PEER: "+ref("functions", o))
			}
		}},
		{"env state machine", 0.15, func(g *Gen) {
			if len(g.machines) > 0 {
				f.env = append(f.env, "WORKFLOW: "+ref("stateMachines", g.machines[g.r.IntN(len(g.machines))]))
			}
		}},
		{"env parameter", 0.1, func(g *Gen) {
			if len(g.parameters) > 0 {
				p := g.parameters[0]
				if g.lists[p] {
					// A variable holds one string: a list is joined.
					f.env = append(f.env, fmt.Sprintf(`PARAM: {"Fn::Join": [",", %s]}`, ref("parameters", p)))
				} else {
					f.env = append(f.env, "PARAM: "+ref("parameters", p))
				}
			}
		}},
		{"env raw resource", 0.05, func(g *Gen) {
			if len(g.raws) > 0 {
				f.env = append(f.env, "VPC_ID: "+ref("resources", g.raws[0]))
			}
		}},
		{"access", 0.7, func(g *Gen) {
			for i, n := 0, g.between(1, 4); i < n; i++ {
				if a := g.access(f); a != "" {
					f.access = append(f.access, a)
				}
			}
		}},
		{"policies", 0.2, func(g *Gen) {
			switch g.r.IntN(5) {
			case 0:
				f.set("policies: [{DynamoDBReadPolicy: TableName: %s}]", ref("tables", g.table(false)))
			case 1:
				f.set("policies: [{SQSPollerPolicy: QueueName: %s}]", ref("queues", g.queue(false)))
			case 2:
				f.set("policies: [{S3ReadPolicy: BucketName: %s}]", ref("buckets", g.bucket()))
			case 3:
				f.set("policies: [{SNSPublishMessagePolicy: TopicName: %s}]", ref("topics", g.ownedTopic()))
			default:
				f.set(`policies: [{CloudWatchPutMetricPolicy: {}}], wildcards: CloudWatchPutMetricPolicy: "PutMetricData has no resource-level permissions"`)
			}
		}},
		{"managed policies", 0.1, func(g *Gen) { f.set(`managedPolicies: ["arn:aws:iam::123456789012:policy/shop-read"]`) }},
		{"statements", 0.15, func(g *Gen) {
			f.set(`statements: [{actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shop-reference/rates.json"], conditions: {Bool: "aws:SecureTransport": true, StringEquals: "aws:PrincipalTag/team": "shop", "ForAnyValue:StringLike": "aws:TagKeys": ["team*"], NumericLessThanIfExists: "s3:max-keys": 10}}, {actions: ["sqs:SendMessage"], resources: [%s]}, {actions: ["dynamodb:GetItem", "dynamodb:Query"], resources: [%s]}]`, ref("queues", g.queue(false)), ref("tables", g.table(false)))
		}},
		{"invokers", 0.1, func(g *Gen) {
			f.set(`invokers: {partner: {account: "210987654321"}, uploads: {service: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::partner-uploads"}, "alerts-topic": {service: "sns.amazonaws.com", sourceArn: %s}}`, ref("topics", g.topic(false)))
		}},
		{"async", 0.25, func(g *Gen) {
			f.async = true
			var a []string
			if g.chance(0.5) {
				a = append(a, fmt.Sprintf("retries: %d", g.between(0, 2)))
			}
			if g.chance(0.5) {
				a = append(a, fmt.Sprintf("maxEventAge: %d", g.between(60, 21600)))
			}
			if g.chance(0.6) {
				a = append(a, "onSuccess: "+g.destination(false))
			}
			if g.chance(0.7) {
				a = append(a, "onFailure: "+g.destination(true))
			}
			f.set("async: {%s}", strings.Join(a, ", "))
		}},
		{"dead letter", 0.15, func(g *Gen) {
			if g.chance(0.5) {
				f.set("deadLetter: %s", ref("queues", g.anyQueue(false)))
			} else {
				f.set("deadLetter: %s", ref("topics", g.topic(false)))
			}
		}},
		{"events", 0.8, func(g *Gen) {
			for i, n := 0, g.between(1, 3); i < n; i++ {
				eventFeatures[g.r.IntN(len(eventFeatures))].gen(g, f)
			}
		}},
	}
}

// destination returns a reference to an async destination.
func (g *Gen) destination(failure bool) string {
	switch g.r.IntN(5) {
	case 0:
		return ref("queues", g.anyQueue(false))
	case 1:
		return ref("topics", g.topic(false))
	case 2:
		if o := g.earlierFunction(); o != "" {
			return ref("functions", o)
		}
	case 3:
		return ref("buses", g.bus())
	case 4:
		if failure {
			if g.chance(0.3) {
				return ref("buckets", g.existingBucket())
			}
			return ref("buckets", g.bucket())
		}
	}
	return ref("queues", g.queue(false))
}

// access returns an access entry of f, or "".
func (g *Gen) access(f *fn) string {
	switch g.r.IntN(16) {
	case 0:
		return fmt.Sprintf("{%s: %s}", g.pick("read", "write", "crud"), ref("tables", g.table(false)))
	case 1:
		return fmt.Sprintf("{read: %s}", ref("tables", g.existingTable()))
	case 2:
		b := g.bucket()
		if g.chance(0.2) {
			b = g.existingBucket()
		}
		return fmt.Sprintf("{%s: %s}", g.pick("read", "write", "crud"), ref("buckets", b))
	case 3:
		return fmt.Sprintf("{%s: %s}", g.pick("read", "write"), ref("streams", g.stream()))
	case 4:
		return fmt.Sprintf("{read: %s}", ref("params", g.param()))
	case 5:
		return fmt.Sprintf("{%s: %s}", g.pick("read", "rotate"), ref("secrets", g.secret()))
	case 6:
		return fmt.Sprintf("{%s: %s}", g.pick("send", "poll"), ref("queues", g.anyQueue(g.chance(0.2))))
	case 7:
		return fmt.Sprintf("{publish: %s}", ref("topics", g.topic(g.chance(0.2))))
	case 8:
		return fmt.Sprintf("{put: %s}", ref("buses", g.bus()))
	case 9:
		if o := g.earlierFunction(); o != "" {
			return fmt.Sprintf("{invoke: %s}", ref("functions", o))
		}
	case 10:
		return fmt.Sprintf("{streamRead: %s}", ref("tables", g.table(true)))
	case 11:
		if len(g.machines) > 0 {
			return fmt.Sprintf("{%s: %s}", g.pick("start", "callback"), ref("stateMachines", g.machines[g.r.IntN(len(g.machines))]))
		}
	case 12:
		return fmt.Sprintf("{%s: %s}", g.pick("encrypt", "decrypt"), ref("keys", g.key()))
	case 13:
		if f.vpc {
			name := g.name("db")
			g.add("proxies", name, fmt.Sprintf(`{arn: "arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0abc%d", user: "app"}`, g.n))
			return fmt.Sprintf("{connect: %s}", ref("proxies", name))
		}
	case 14:
		name := g.name("ext")
		g.add("functions", name, fmt.Sprintf(`{arn: "arn:aws:lambda:eu-west-1:123456789012:function:ext%d"}`, g.n))
		return fmt.Sprintf("{invoke: %s}", ref("functions", name))
	case 15:
		return fmt.Sprintf("{read: %s}", ref("tables", g.table(true)))
	}
	return ""
}

// eventFeature adds one event to a function.
type eventFeature struct {
	name string
	gen  func(g *Gen, f *fn)
}

// eventFeatures are the event types of a function, one entry each.
var eventFeatures = []eventFeature{
	{"api", func(g *Gen, f *fn) { f.event(g, "api", g.route(f, "api")) }},
	{"httpApi", func(g *Gen, f *fn) { f.event(g, "httpApi", g.route(f, "httpApi")) }},
	{"schedule", func(g *Gen, f *fn) {
		in := ""
		if g.chance(0.3) {
			in = `, input: "{\"action\": \"refresh\"}"`
		}
		f.event(g, "schedule", fmt.Sprintf("{expression: %q, enabled: %v%s}", g.schedule(), g.chance(0.8), in))
	}},
	{"scheduleV2", func(g *Gen, f *fn) {
		body := []string{fmt.Sprintf("expression: %q", g.pick(g.schedule(), "at(2027-01-15T09:30:00)"))}
		if g.chance(0.5) {
			body = append(body, fmt.Sprintf("timezone: %q", g.pick("Europe/Paris", "UTC", "America/New_York", "Asia/Tokyo")))
		}
		if g.chance(0.4) {
			body = append(body, fmt.Sprintf("flexibleWindow: %d", g.between(1, 60)))
		}
		if g.chance(0.4) {
			body = append(body, fmt.Sprintf("retries: %d, maxEventAge: %d", g.between(0, 185), g.between(60, 86400)))
		}
		if g.chance(0.4) {
			body = append(body, "deadLetter: "+ref("queues", g.unkeyedQueue()))
		}
		if g.chance(0.3) {
			body = append(body, `input: "{\"report\": \"daily\"}"`)
		}
		f.event(g, "scheduleV2", "{"+strings.Join(body, ", ")+"}")
	}},
	{"sqs", func(g *Gen, f *fn) {
		fifo := g.chance(0.3)
		body := []string{"queue: " + ref("queues", g.anyQueue(fifo))}
		if fifo {
			body = append(body, fmt.Sprintf("batchSize: %d", g.between(1, 10)))
		} else if g.chance(0.5) {
			body = append(body, fmt.Sprintf("batchSize: %d, batchWindow: %d", g.between(11, 1000), g.between(1, 300)))
		}
		if g.chance(0.5) {
			body = append(body, "reportBatchItemFailures: true")
		}
		if g.chance(0.3) {
			body = append(body, fmt.Sprintf("maxConcurrency: %d", g.between(2, 100)))
		}
		if g.chance(0.3) {
			body = append(body, `filters: [{pattern: "{\"body\": {\"type\": [\"order\"]}}"}, {pattern: "{\"body\": {\"total\": [{\"numeric\": [\">\", 100]}]}}"}]`)
		}
		if g.chance(0.1) {
			body = append(body, "enabled: false")
		}
		f.event(g, "sqs", "{"+strings.Join(body, ", ")+"}")
	}},
	{"sns", func(g *Gen, f *fn) {
		body := []string{"topic: " + ref("topics", g.topic(false))}
		if g.chance(0.4) {
			body = append(body, `filterPolicy: {kind: ["order", "refund"], total: [{numeric: [">", 0]}]}`)
			if g.chance(0.5) {
				body = append(body, fmt.Sprintf("filterPolicyScope: %q", g.pick("MessageAttributes", "MessageBody")))
			}
		}
		if g.chance(0.5) {
			body = append(body, "deadLetter: "+ref("queues", g.queue(false)))
		}
		f.event(g, "sns", "{"+strings.Join(body, ", ")+"}")
	}},
	{"eventBridge", func(g *Gen, f *fn) {
		body := []string{`pattern: {source: ["shop.orders"], "detail-type": ["OrderPlaced"], detail: {total: [{numeric: [">=", 10]}], region: [{prefix: "eu-"}]}}`}
		if g.chance(0.5) {
			body = append(body, "bus: "+ref("buses", g.bus()))
		}
		if g.chance(0.5) {
			body = append(body, "deadLetter: "+ref("queues", g.queue(false)))
		}
		if g.chance(0.4) {
			body = append(body, fmt.Sprintf("retries: %d, maxEventAge: %d", g.between(0, 185), g.between(60, 86400)))
		}
		f.event(g, "eventBridge", "{"+strings.Join(body, ", ")+"}")
	}},
	{"dynamodb", func(g *Gen, f *fn) {
		t := g.table(true)
		if g.chance(0.2) {
			t = g.existingTable()
		}
		f.event(g, "dynamodb", fmt.Sprintf("{table: %s, %s}", ref("tables", t), g.streamOptions(false)))
	}},
	{"kinesis", func(g *Gen, f *fn) {
		s := ref("streams", g.stream())
		if g.chance(0.3) {
			s = `"arn:aws:kinesis:eu-west-1:123456789012:stream/partner-clicks"`
		}
		f.event(g, "kinesis", fmt.Sprintf("{stream: %s, %s}", s, g.streamOptions(true)))
	}},
	{"s3", func(g *Gen, f *fn) {
		body := []string{"bucket: " + ref("buckets", g.bucket())}
		if g.chance(0.5) {
			body = append(body, `events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]`)
		}
		// A prefix of the function's and the event's own: S3 rejects two
		// notifications of a bucket that may match one object's event
		// (SG364), and functions share buckets.
		body = append(body, fmt.Sprintf(`prefix: "incoming/%s/%d/"`, f.name, len(f.events)))
		if g.chance(0.5) {
			body = append(body, `suffix: ".csv"`)
		}
		f.event(g, "s3", "{"+strings.Join(body, ", ")+"}")
	}},
}

// streamOptions are the options of a DynamoDB or Kinesis event.
func (g *Gen) streamOptions(kinesis bool) string {
	pos := g.pick("TRIM_HORIZON", "LATEST")
	o := []string{fmt.Sprintf("startingPosition: %q", pos)}
	if kinesis && g.chance(0.2) {
		o = []string{`startingPosition: "AT_TIMESTAMP"`, "startingTimestamp: 1767225600"}
	}
	if g.chance(0.5) {
		o = append(o, fmt.Sprintf("batchSize: %d, batchWindow: %d", g.between(1, 1000), g.between(0, 300)))
	}
	if g.chance(0.5) {
		o = append(o, fmt.Sprintf("retries: %d, maxRecordAge: %d, bisect: true", g.between(-1, 100), g.between(60, 604800)))
	}
	if g.chance(0.3) {
		o = append(o, fmt.Sprintf("parallelization: %d", g.between(1, 10)))
	}
	if g.chance(0.2) {
		o = append(o, fmt.Sprintf("tumblingWindow: %d", g.between(0, 900)))
	}
	if g.chance(0.4) {
		o = append(o, "reportBatchItemFailures: true")
	}
	if g.chance(0.5) {
		switch g.r.IntN(3) {
		case 0:
			o = append(o, "onFailure: "+ref("queues", g.queue(false)))
		case 1:
			o = append(o, "onFailure: "+ref("topics", g.topic(false)))
		default:
			o = append(o, "onFailure: "+ref("buckets", g.bucket()))
		}
	}
	if g.chance(0.2) {
		if kinesis {
			o = append(o, `filters: [{pattern: "{\"data\": {\"kind\": [\"click\"]}}"}]`)
		} else {
			o = append(o, `filters: [{pattern: "{\"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"paid\"]}}}}"}]`)
		}
	}
	return strings.Join(o, ", ")
}

// schedule returns a valid rate or cron expression.
func (g *Gen) schedule() string {
	switch g.r.IntN(6) {
	case 0:
		return "rate(1 " + g.pick("minute", "hour", "day") + ")"
	case 1:
		return fmt.Sprintf("rate(%d %s)", g.between(2, 59), g.pick("minutes", "hours", "days"))
	case 2:
		return fmt.Sprintf("cron(%d %d * * ? *)", g.between(0, 59), g.between(0, 23))
	case 3:
		return "cron(0/15 8-17 ? * MON-FRI *)"
	case 4:
		return "cron(0 12 L * ? *)"
	}
	return "cron(30 6 ? * 2#1 *)"
}

// route returns the options of an api or httpApi event of f: a route on
// SAM's implicit API or on a declared one (declared later, see
// declareAPIs), its path unique on that API.
func (g *Gen) route(f *fn, typ string) string {
	g.routeN++
	path := fmt.Sprintf("/r%d", g.routeN)
	switch g.r.IntN(3) {
	case 0:
		path += "/{id}"
	case 1:
		path += "/{proxy+}"
	}
	method := g.pick("GET", "POST", "PUT", "PATCH", "DELETE", "ANY")
	body := []string{fmt.Sprintf("method: %q", method), fmt.Sprintf("path: %q", path)}
	if g.chance(0.5) {
		// A declared API, created after every function (it depends on
		// the functions of its routes).
		apis := &g.restAPIs
		if typ == "httpApi" {
			apis = &g.httpAPIs
		}
		if len(*apis) == 0 || g.chance(0.3) {
			name := g.name(typ)
			*apis = append(*apis, name)
			if g.chance(0.4) {
				// Its authorizer, declared with it (declareAPIs).
				g.apiAuth[name] = g.pick("token", "lambda")
				g.apiDefault[name] = g.chance(0.5)
			}
		}
		api := (*apis)[g.r.IntN(len(*apis))]
		coll := map[string]string{"api": "apis", "httpApi": "httpApis"}[typ]
		body = append(body, "api: "+ref(coll, api))
		switch kind := g.apiAuth[api]; {
		case g.apiDefault[api] && g.chance(0.3):
			body = append(body, `authorizer: "NONE"`)
		case kind != "" && g.chance(0.5):
			body = append(body, `authorizer: "users"`)
			if kind == "token" && g.chance(0.5) {
				body = append(body, `scopes: ["orders/read"]`)
			}
		}
		if typ == "api" && g.chance(0.3) {
			body = append(body, "apiKeyRequired: true")
		}
	} else if typ == "api" {
		g.implicitRest = true
	}
	return "{" + strings.Join(body, ", ") + "}"
}
