package checks

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/layers"
)

// The rule cases: for every rule, specs that trigger it and specs that do
// not. Each is a fragment of an `app` (see [CaseSpec]). rules_test.go
// runs them through the whole pipeline, and a test fails for a rule that
// has no case of either kind.

// goodDefaults satisfy every function-level best practice.
var goodDefaults = map[string]string{
	"runtime": `runtime: "python3.13"`,
	"handler": `handler: "app.handler"`,
	"memory":  `memory: 256`,
	"timeout": `timeout: 10`,
	"tracing": `tracing: "Active"`,
	"logging": `logging: retention: 7`,
}

// defaultsWithout renders `defaults.function` without the given fields.
func defaultsWithout(fields ...string) string {
	var lines []string
	for _, k := range []string{"runtime", "handler", "memory", "timeout", "tracing", "logging"} {
		if !slices.Contains(fields, k) {
			lines = append(lines, "\t\t"+goodDefaults[k])
		}
	}
	return "\tdefaults: function: {\n" + strings.Join(lines, "\n") + "\n\t}\n"
}

// CaseSpec returns the spec of a rule case: an `app` holding body and,
// unless body sets them, the good defaults and a function f.
func CaseSpec(body string) string {
	if !strings.Contains(body, "defaults:") {
		body = defaultsWithout() + body
	}
	return "package app\n\nimport \"samgen.dev/schema\"\n\napp: schema.#App & {\n\tname: \"t\"\n\tfunctions: f: source: \"src\"\n" + body + "}\n"
}

// RuleCase holds the specs that trigger a rule and those that do not.
type RuleCase struct {
	Rule    string
	Trigger []string
	Pass    []string
	// Reports is how many findings of the rule each trigger gives; 0 means
	// one (a collision is reported at both places).
	Reports int
	// Setup prepares the spec's directory (files a rule measures), after
	// the directory of every source the spec names is made
	// (specfixture.Sources).
	Setup func(t *testing.T, dir string)
}

// machine is a state machine m of the given states, starting at A.
func machine(states string) string {
	return "\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"A\", states: {" + states + "}}\n"
}

// express is machine for an EXPRESS state machine that logs.
func express(states string, logging bool) string {
	l := ""
	if logging {
		l = ", logging: {}"
	}
	return "\tstateMachines: m: {type: \"EXPRESS\", tracing: true" + l + ", startAt: \"A\", states: {" + states + "}}\n"
}

// layer is an external layer version of name with extra fields.
func layer(name, extra string) string {
	return name + ": {arn: \"arn:aws:lambda:eu-west-1:123456789012:layer:" + name + ":1\"" + extra + "}"
}

const (
	lambdaRetry = `retry: [{errorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"]}]`
	invokeF     = `A: schema.#LambdaInvoke & {function: app.functions.f.ref, end: true, ` + lambdaRetry + `}`
	proxy       = "\tproxies: db: {arn: \"arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0abc1\", user: \"app\"}\n"
	vpc         = `vpc: {subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"]}`
)

const (
	cond = "\tparameters: env: default: \"dev\"\n\tconditions: c: equals: [app.parameters.env.ref, \"prod\"]\n"
	s3   = "\tfunctions: f: events: u: s3: bucket: app.buckets.b.ref\n"
	// regions is a mapping an Fn::FindInMap looks up.
	regions = "\tmappings: RegionMap: \"us-east-1\": size: \"small\"\n"
)

// functions declares n functions g0… besides f: three resources each
// (the function, its log group and the role SAM adds).
func functions(n int) string {
	return "\tfunctions: {for i, _ in [" + strings.Repeat("0, ", n) + "] {\"g\\(i)\": source: \"src\"}}\n"
}

// bigResource declares a raw resource whose template text is about n
// bytes.
func bigResource(n int) string {
	return "\tresources: big: {type: \"AWS::SSM::Parameter\", properties: {Type: \"String\", Value: \"" + strings.Repeat("x", n) + "\"}}\n"
}

// RuleCases are the cases of every rule, by rule ID.
var RuleCases = []RuleCase{
	{Rule: "SG001", Reports: 1,
		// The function's log group is HelloLogGroup's twin: FLogGroup.
		Trigger: []string{"\tresources: fLogGroup: {type: \"AWS::SNS::Topic\", properties: {}}\n"},
		Pass:    []string{"\tresources: fGroup: {type: \"AWS::SNS::Topic\", properties: {}}\n"}},
	{Rule: "SG001", Reports: 2,
		Trigger: []string{"\tfunctions: {\"get-item\": source: \"src\", get_item: source: \"src\"}\n"},
		Pass:    []string{"\tfunctions: {\"get-item\": source: \"src\", getThing: source: \"src\"}\n"}},
	{Rule: "SG001", Reports: 1,
		// A function ID of 241 characters: its role fits, the version SAM
		// names <ID>Version<10-character hash> does not.
		Trigger: []string{"\tfunctions: " + strings.Repeat("f", 233) + ": {source: \"src\", alias: \"live\"}\n"},
		Pass:    []string{"\tfunctions: " + strings.Repeat("f", 233) + ": source: \"src\"\n"}},
	{Rule: "SG001", Reports: 1,
		Trigger: []string{"\toutputs: " + strings.Repeat("o", 256) + ": value: \"x\"\n"},
		Pass:    []string{"\toutputs: " + strings.Repeat("o", 255) + ": value: \"x\"\n"}},
	{"SG002",
		[]string{"\tfunctions: f: events: e: {}\n", "\ttables: t: key: name: \"id\"\n\tfunctions: f: access: [{read: app.tables.t.ref, write: app.tables.t.ref}]\n"},
		[]string{"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: queue: app.queues.q.ref\n"}, 0, nil},
	{Rule: "SG003", Reports: 2,
		Trigger: []string{"\tfunctions: f: events: {\"get-item\": httpApi: {method: \"GET\", path: \"/a\"}, GetItem: httpApi: {method: \"GET\", path: \"/b\"}}\n"},
		Pass:    []string{"\tfunctions: f: events: {\"get-item\": httpApi: {method: \"GET\", path: \"/a\"}, getItems: httpApi: {method: \"GET\", path: \"/b\"}}\n"}},
	{"SG004",
		[]string{functions(133)},
		[]string{functions(100)}, 0, nil},
	{"SG005",
		[]string{functions(170)},
		[]string{functions(133)}, 0, nil},
	{"SG006",
		[]string{bigResource(850_000)},
		[]string{bigResource(700_000)}, 0, nil},
	{"SG007",
		[]string{bigResource(1_000_100)},
		[]string{bigResource(850_000)}, 0, nil},
	{"SG008",
		[]string{bigResource(60_000)},
		[]string{bigResource(40_000)}, 0, nil},
	{"SG850",
		[]string{"\tmappings: Region_Map: \"us-east-1\": size: \"small\"\n",
			"\tmappings: RegionMap: \"us east 1\": size: \"small\"\n",
			"\tmappings: RegionMap: \"us-east-1\": \"max-size\": \"small\"\n",
			"\tmappings: RegionMap: \"us-east-1\": " + strings.Repeat("s", 256) + ": \"small\"\n"},
		[]string{regions,
			"\tmappings: RegionMap: \"eu.west-1\": " + strings.Repeat("s", 255) + ": \"small\"\n"}, 0, nil},
	{"SG021",
		[]string{"\tfunctions: f: env: REGION: {\"Fn::Sbu\": \"${AWS::Region}\"}\n",
			"\tfunctions: f: env: REGION: {\"Fn::Join\": [\",\"]}\n",
			"\tfunctions: f: env: REGION: \"${AWS::Region\"\n",
			regions + "\tfunctions: f: env: SIZE: {\"Fn::FindInMap\": [\"RegionMap\", \"us-east-1\"]}\n"},
		[]string{"\tfunctions: f: env: REGION: {\"Fn::Sub\": \"${AWS::Region}\"}\n",
			"\tfunctions: f: env: REGION: {\"Fn::Join\": [\"-\", [{Ref: \"AWS::Region\"}, \"x\"]]}\n"}, 0, nil},
	{"SG022",
		[]string{"\ttables: orders: key: name: \"id\"\n\tfunctions: f: env: TABLE: {Ref: \"OrdersTabel\"}\n",
			"\tfunctions: f: env: ROLE: \"${FFunctionRoel.Arn}\"\n",
			"\tfunctions: f: env: SIZE: {\"Fn::If\": [\"IsBig\", \"l\", \"s\"]}\n",
			"\tfunctions: f: dependsOn: [\"FLogGrup\"]\n",
			regions + "\tfunctions: f: env: SIZE: {\"Fn::FindInMap\": [\"RegionMaps\", {Ref: \"AWS::Region\"}, \"size\"]}\n",
			regions + "\tfunctions: f: env: SIZE: {\"Fn::FindInMap\": [\"RegionMap\", \"us-east-2\", \"size\"]}\n",
			regions + "\tfunctions: f: env: SIZE: {\"Fn::FindInMap\": [\"RegionMap\", {Ref: \"AWS::Region\"}, \"sise\"]}\n"},
		[]string{"\ttables: orders: key: name: \"id\"\n\tfunctions: f: env: TABLE: {Ref: \"OrdersTable\"}\n",
			"\tfunctions: f: env: ROLE: \"${FFunctionRole.Arn}\"\n",
			cond + "\tfunctions: f: env: SIZE: {\"Fn::If\": [\"C\", \"l\", \"s\"]}\n",
			"\tfunctions: f: dependsOn: [\"FLogGroup\"]\n",
			regions + "\tfunctions: f: env: SIZE: {\"Fn::FindInMap\": [\"RegionMap\", {Ref: \"AWS::Region\"}, \"size\"]}\n",
			regions + "\tfunctions: f: env: SIZE: {\"Fn::FindInMap\": [\"RegionMap\", \"us-east-1\", \"size\"]}\n"}, 0, nil},
	{"SG023",
		[]string{"\tfunctions: f: env: URL: \"{{resolve:ssm:/shop/url:latest}}\"\n",
			"\tfunctions: f: env: PASSWORD: \"{{resolve:secretsmanager:db:SecretBinary:password}}\"\n"},
		[]string{"\tfunctions: f: env: URL: \"{{resolve:ssm:/shop/url:3}}\"\n",
			"\tfunctions: f: env: PASSWORD: \"{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:SecretString:password:AWSPREVIOUS}}\"\n"}, 0, nil},
	{"SG024",
		[]string{"\tparameters: subnets: type: \"List<AWS::EC2::Subnet::Id>\"\n\tfunctions: f: vpc: {subnets: [app.parameters.subnets.ref, \"subnet-1\"], securityGroups: [\"sg-1\"]}\n",
			"\tfunctions: f: vpc: {subnets: {\"Fn::ImportValue\": \"net-Subnets\"}, securityGroups: [\"sg-1\"]}\n",
			"\tparameters: subnets: type: \"List<AWS::EC2::Subnet::Id>\"\n\tfunctions: f: env: SUBNETS: app.parameters.subnets.ref\n"},
		[]string{"\tparameters: subnets: type: \"List<AWS::EC2::Subnet::Id>\"\n\tfunctions: f: vpc: {subnets: app.parameters.subnets.ref, securityGroups: [\"sg-1\"]}\n",
			"\tparameters: subnets: type: \"List<AWS::EC2::Subnet::Id>\"\n\tfunctions: f: vpc: {subnets: [app.parameters.subnets.ref], securityGroups: [\"sg-1\"]}\n",
			"\tfunctions: f: vpc: {subnets: {\"Fn::Split\": [\",\", {\"Fn::ImportValue\": \"net-Subnets\"}]}, securityGroups: [\"sg-1\"]}\n"}, 0, nil},
	{"SG025",
		[]string{"\tparameters: mem: type: \"Number\"\n\tfunctions: f: memory: app.parameters.mem.ref\n",
			"\tfunctions: f: timeout: {\"Fn::ImportValue\": \"shared-Timeout\"}\n"},
		[]string{"\tparameters: mem: {type: \"Number\", minValue: 128, maxValue: 1024}\n\tfunctions: f: memory: app.parameters.mem.ref\n",
			"\tparameters: mem: {type: \"Number\", allowed: [256, 512]}\n\tfunctions: f: memory: app.parameters.mem.ref\n"}, 0, nil},
	{"SG026",
		[]string{"\tparameters: p: {type: \"Number\", minLength: 1}\n",
			"\tparameters: p: {type: \"Number\", default: 5, minValue: 10}\n",
			"\tparameters: p: {default: \"qa\", allowed: [\"dev\", \"prod\"]}\n"},
		[]string{"\tparameters: p: {type: \"String\", minLength: 1, default: \"x\"}\n",
			"\tparameters: p: {type: \"Number\", default: 50, minValue: 10, maxValue: 100}\n"}, 0, nil},
	{"SG027",
		[]string{"\tqueues: q: policy: logicalId: \"JobsPolicy\"\n",
			"\tfunctions: f: logging: logGroup: logicalId: \"FLogs\"\n\tdefaults: function: {runtime: \"python3.13\", handler: \"app.handler\", memory: 256, timeout: 10, tracing: \"Active\"}\n"},
		[]string{"\tqueues: q: policy: logicalId: \"JobsPolicy\"\n\trules: r: {pattern: source: [\"shop\"], targets: t: queue: app.queues.q.ref}\n",
			"\tfunctions: f: logging: logGroup: logicalId: \"FLogs\"\n"}, 0, nil},
	{"SG028",
		[]string{"\tfunctions: f: {build: \"esbuild\", metadata: BuildMethod: \"esbuild\"}\n"},
		[]string{"\tfunctions: f: {build: \"esbuild\", buildProperties: Minify: true, metadata: Owner: \"team\"}\n"}, 0, nil},
	{"SG029",
		[]string{"\toutputs: o: {value: \"x\", sub: \"${AWS::Region}\"}\n",
			"\ttables: t: key: name: \"id\"\n\toutputs: o: {ref: app.tables.t.ref, attr: \"url\"}\n",
			"\toutputs: o: description: \"nothing\"\n"},
		[]string{"\toutputs: o: value: \"x\"\n",
			"\ttables: t: key: name: \"id\"\n\toutputs: o: {ref: app.tables.t.ref, attr: \"name\"}\n",
			"\tresources: sg: {type: \"AWS::EC2::SecurityGroup\", properties: GroupDescription: \"x\"}\n\toutputs: o: {ref: app.resources.sg.ref, attr: \"GroupId\"}\n"}, 0, nil},
	{"SG030",
		[]string{cond + "\tfunctions: f: env: CC: app.conditions.c.ref\n",
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: env: TT: {ref: app.tables.t.ref, attr: \"url\"}\n"},
		[]string{cond + "\tfunctions: f: env: CC: {\"Fn::If\": [app.conditions.c.ref, \"a\", \"b\"]}\n",
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: env: TT: {ref: app.tables.t.ref, attr: \"arn\"}\n"}, 0, nil},
	{"SG031",
		[]string{"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\"}\n\tapis: a: stage: \"prod\"\n\timplicitApi: tracing: true\n",
			"\timplicitApi: tracing: true\n",
			"\tapis: a: stage: \"prod\"\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", api: app.apis.a.ref}\n\timplicitApi: tracing: true\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\"}\n\tresources: Legacy: {type: \"AWS::Serverless::Api\", properties: StageName: \"prod\"}\n\timplicitApi: tracing: true\n"},
		[]string{"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\"}\n\timplicitApi: {tracing: true, cors: origin: \"*\"}\n",
			"\tstateMachines: s: {type: \"STANDARD\", tracing: true, startAt: \"A\", states: A: {type: \"Succeed\"}, events: e: api: {method: \"POST\", path: \"/run\"}}\n\timplicitApi: tracing: true\n",
			"\tresources: Legacy: {type: \"AWS::Serverless::Function\", properties: {Runtime: \"python3.13\", Handler: \"app.handler\", CodeUri: \"src\", Events: Get: {Type: \"Api\", Properties: {Path: \"/legacy\", Method: \"get\"}}}}\n\timplicitApi: methodSettings: [{path: \"/legacy\", method: \"GET\", metrics: true}]\n"}, 0, nil},
	{"SG032",
		[]string{"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\thttpApis: h: {}\n\timplicitHttpApi: failOnWarnings: true\n",
			"\timplicitHttpApi: failOnWarnings: true\n",
			"\thttpApis: h: {}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref}\n\timplicitHttpApi: failOnWarnings: true\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\"}\n\timplicitHttpApi: failOnWarnings: true\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\tresources: Legacy: {type: \"AWS::Serverless::HttpApi\", properties: {}}\n\timplicitHttpApi: failOnWarnings: true\n"},
		[]string{"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: {failOnWarnings: true, cors: origins: [\"*\"]}\n",
			"\tresources: Legacy: {type: \"AWS::Serverless::Function\", properties: {Runtime: \"python3.13\", Handler: \"app.handler\", CodeUri: \"src\", Events: Get: {Type: \"HttpApi\", Properties: {Path: \"/legacy\", Method: \"get\"}}}}\n\timplicitHttpApi: routeSettings: \"GET /legacy\": detailedMetrics: true\n"}, 0, nil},
	{"SG050",
		[]string{
			"\tfunctions: f: access: [{invoke: app.functions.f.ref}]\n",
			"\tfunctions: f: async: onFailure: app.functions.f.ref\n",
			"\tfunctions: f: env: SELF: app.functions.f.ref\n",
		},
		[]string{
			"\tfunctions: f: access: [{invoke: app.functions.g.ref}]\n\tfunctions: g: {source: \"src\", access: [{invoke: app.functions.h.ref}]}\n\tfunctions: h: source: \"src\"\n",
			"\tbuckets: b: {}\n\tfunctions: f: {access: [{read: app.buckets.b.ref}], events: u: s3: bucket: app.buckets.b.ref}\n",
			// A WebSocket API's routes are resources of their own: the
			// function they serve may post back through the API.
			"\twebSocketApis: w: routes: send: function: app.functions.f.ref\n\tfunctions: f: {env: URL: app.webSocketApis.w.ref, access: [{manage: app.webSocketApis.w.ref}]}\n",
			"\ttopics: t: {}\n\talarms: e: {function: app.functions.f.ref, metric: \"Errors\", statistic: \"Sum\", threshold: 1, actions: [app.topics.t.ref]}\n\tfunctions: f: {alias: \"live\", deployment: {type: \"Canary10Percent5Minutes\", alarms: [app.alarms.e.ref]}}\n",
			"\tresources: w: {type: \"AWS::Serverless::WebSocketApi\", properties: {RouteSelectionExpression: \"$request.body.action\", Routes: send: FunctionArn: {\"Fn::GetAtt\": [app.functions.f.ref, \"Arn\"]}}}\n\tfunctions: f: env: API: app.resources.w.ref\n",
		}, 0, nil},
	{Rule: "SG050", Reports: 2,
		// Two functions whose environments name each other; a function
		// whose environment names the URL of the API that routes to it.
		Trigger: []string{
			"\tfunctions: f: env: PEER: app.functions.g.ref\n\tfunctions: g: {source: \"src\", env: PEER: app.functions.f.ref}\n",
			"\tapis: a: stage: \"prod\"\n\tfunctions: f: {env: URL: app.apis.a.ref, events: r: api: {method: \"GET\", path: \"/x\", api: app.apis.a.ref}}\n",
		},
		Pass: []string{"\tapis: a: stage: \"prod\"\n\tfunctions: f: events: r: api: {method: \"GET\", path: \"/x\", api: app.apis.a.ref}\n\tfunctions: g: {source: \"src\", env: URL: app.apis.a.ref}\n"}},
	{Rule: "SG050", Reports: 3,
		// A loop through a state machine: f starts m, m invokes g, g's
		// environment names f (SG512 reports the two-step loops).
		Trigger: []string{machine(strings.Replace(invokeF, "app.functions.f.ref", "app.functions.g.ref", 1)) + "\tfunctions: f: access: [{start: app.stateMachines.m.ref}]\n\tfunctions: g: {source: \"src\", env: FN: app.functions.f.ref}\n"},
		Pass:    []string{machine(strings.Replace(invokeF, "app.functions.f.ref", "app.functions.g.ref", 1)) + "\tfunctions: f: access: [{start: app.stateMachines.m.ref}]\n\tfunctions: g: source: \"src\"\n"}},
	{"SG051",
		[]string{
			"\tfunctions: f: tags: {" + tagList(50) + "}\n",
			"\tdefaults: function: {runtime: \"python3.13\", handler: \"app.handler\", memory: 256, timeout: 10, tracing: \"Active\", logging: retention: 7, tags: {" + tagList(30) + "}}\n\tfunctions: f: tags: {x1: \"v\", x2: \"v\", x3: \"v\", x4: \"v\", x5: \"v\", x6: \"v\", x7: \"v\", x8: \"v\", x9: \"v\", x10: \"v\", x11: \"v\", x12: \"v\", x13: \"v\", x14: \"v\", x15: \"v\", x16: \"v\", x17: \"v\", x18: \"v\", x19: \"v\", x20: \"v\"}\n",
			"\tfunctions: f: tags: {\"cost#centre\": \"v\"}\n",
			"\tstateMachines: m: {tracing: true, startAt: \"A\", states: A: {type: \"Pass\", end: true}, tags: \"stateMachine:createdBy\": \"me\"}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: tags: {" + tagList(50) + "}\n",
		},
		[]string{
			"\tfunctions: f: tags: {" + tagList(49) + "}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: tags: {" + tagList(49) + "}\n",
			"\tqueues: q: {tags: {" + tagList(50) + "}}\n",
			"\tfunctions: f: tags: {\"team/cost-centre\": \"shop: orders+1@x\"}\n",
		}, 0, nil},
	{"SG052",
		[]string{
			"\tdescription: \"" + strings.Repeat("é", 600) + "\"\n",
			"\toutputs: o: {value: \"x\", description: \"" + strings.Repeat("ü", 513) + "\"}\n",
		},
		[]string{
			"\tdescription: \"" + strings.Repeat("e", 1000) + "\"\n",
			"\toutputs: o: {value: \"x\", description: \"" + strings.Repeat("ü", 512) + "\"}\n",
		}, 0, nil},
	{"SG054",
		[]string{"\toutputs: {" + outputList(201) + "}\n"},
		[]string{"\toutputs: {" + outputList(200) + "}\n"}, 0, nil},
	{"SG055",
		[]string{
			"\toutputs: {a: {value: \"x\", export: \"shop-a\"}, b: {value: \"y\", export: \"shop-a\"}}\n",
			"\toutputs: a: {value: \"x\", export: \"shop_a\"}\n",
			"\toutputs: a: {value: \"x\", export: \"${FFunction}-a\"}\n",
			"\tlayers: l: {source: \"l\", architectures: [\"x86_64\"], export: \"shop-l\"}\n\toutputs: a: {value: \"x\", export: \"shop-l\"}\n",
		},
		[]string{"\tparameters: stage: default: \"dev\"\n\toutputs: {a: {value: \"x\", export: \"${AWS::StackName}-a\"}, b: {value: \"y\", export: \"shop:${Stage}:b\"}}\n"}, 0, nil},
	{"SG101",
		[]string{"\tfunctions: g: {}\n", "\tfunctions: g: {image: \"repo/g:1\", source: \"src\"}\n"},
		[]string{"\tfunctions: g: source: \"src\"\n", "\tfunctions: g: image: \"repo/g:1\"\n"}, 0, nil},
	{"SG102",
		[]string{"\tfunctions: f: runtime: \"python3.9\"\n"},
		[]string{"\tfunctions: f: runtime: \"python3.13\"\n"}, 0, nil},
	{"SG103",
		[]string{"\tfunctions: f: runtime: \"python2.7\"\n"},
		[]string{"\tfunctions: f: runtime: \"python3.13\"\n"}, 0, nil},
	{"SG104",
		[]string{"\tfunctions: f: runtime: \"pyhton3.13\"\n"},
		[]string{"\tfunctions: f: runtime: \"python3.12\"\n"}, 0, nil},
	{"SG105",
		[]string{"\tfunctions: f: env: AWS_REGION: \"eu-west-1\"\n"},
		[]string{"\tfunctions: f: env: REGION: \"eu-west-1\"\n"}, 0, nil},
	{"SG106",
		[]string{"\tfunctions: f: env: BIG: \"" + strings.Repeat("x", 5000) + "\"\n"},
		[]string{"\tfunctions: f: env: BIG: \"" + strings.Repeat("x", 4000) + "\"\n"}, 0, nil},
	{"SG107",
		[]string{"\tfunctions: f: {provisionedConcurrency: 5, reservedConcurrency: 2}\n"},
		[]string{"\tfunctions: f: {provisionedConcurrency: 2, reservedConcurrency: 5}\n"}, 0, nil},
	{"SG108",
		[]string{"\tparams: p: {name: \"/shop/key\", secure: true}\n\tfunctions: f: env: KEY: app.params.p.ref\n"},
		[]string{"\tparams: p: name: \"/shop/key\"\n\tfunctions: f: env: KEY: app.params.p.ref\n"}, 0, nil},
	{"SG109",
		[]string{
			"\tfunctions: f: logging: {format: \"Text\", applicationLevel: \"INFO\"}\n",
			"\tdefaults: function: {runtime: \"python3.13\", handler: \"app.handler\", memory: 256, timeout: 10, tracing: \"Active\", logging: {format: \"JSON\", retention: 7, applicationLevel: \"INFO\"}}\n\tfunctions: f: logging: format: \"Text\"\n",
		},
		[]string{"\tfunctions: f: logging: {format: \"JSON\", applicationLevel: \"INFO\"}\n"}, 0, nil},
	{"SG111",
		[]string{
			"\tfunctions: f: {runtime: \"python3.11\", snapStart: true}\n",
			"\tfunctions: g: {image: \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:1\", snapStart: true}\n",
		},
		[]string{"\tfunctions: f: snapStart: true\n", "\tfunctions: f: {runtime: \"java21\", handler: \"app.Handler::handle\", snapStart: true}\n"}, 0, nil},
	{"SG112",
		[]string{
			"\tfunctions: f: {snapStart: true, provisionedConcurrency: 2}\n",
			"\tfunctions: f: {snapStart: true, ephemeralStorage: 1024}\n",
			"\tfunctions: f: {snapStart: true, vpc: {subnets: [\"subnet-1\"], securityGroups: [\"sg-1\"]}, fileSystem: {accessPoint: \"arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1\", fileSystem: \"arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1\", mountPath: \"/mnt/data\"}}\n",
			"\tfunctions: f: {snapStart: true, autoscaling: {min: 1, max: 4}}\n",
		},
		[]string{"\tfunctions: f: {snapStart: true, ephemeralStorage: 512}\n"}, 0, nil},
	{"SG113",
		[]string{"\tfunctions: f: url: auth: \"NONE\"\n", "\tfunctions: f: url: {auth: \"AWS_IAM\", public: \"a webhook\"}\n"},
		// An acknowledged URL is reported silenced, with its reason
		// (vet_function_features.txtar).
		[]string{"\tfunctions: f: url: auth: \"AWS_IAM\"\n"}, 0, nil},
	{"SG114",
		[]string{
			"\tfunctions: f: {tenancy: \"PER_TENANT\", url: auth: \"AWS_IAM\"}\n",
			"\tfunctions: f: {tenancy: \"PER_TENANT\", provisionedConcurrency: 1}\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: {tenancy: \"PER_TENANT\", events: e: sqs: queue: app.queues.q.ref}\n",
		},
		[]string{"\tfunctions: f: {tenancy: \"PER_TENANT\", events: e: httpApi: {method: \"GET\", path: \"/\"}}\n"}, 0, nil},
	{"SG115",
		[]string{
			"\tfunctions: f: {capacityProvider: provider: \"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp\", vpc: {subnets: [\"subnet-1\"], securityGroups: [\"sg-1\"]}}\n",
			"\tdefaults: function: vpc: {subnets: [\"subnet-1\"], securityGroups: [\"sg-1\"]}\n\tfunctions: f: {runtime: \"python3.13\", handler: \"app.handler\", memory: 256, timeout: 10, tracing: \"Active\", logging: retention: 7, capacityProvider: provider: \"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp\"}\n",
			"\tfunctions: f: {capacityProvider: provider: \"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp\", provisionedConcurrency: 1}\n",
			"\tfunctions: f: capacityProvider: {provider: \"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp\", minEnvironments: 3, maxEnvironments: 2}\n",
		},
		[]string{"\tfunctions: f: capacityProvider: {provider: \"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp\", minEnvironments: 2, maxEnvironments: 2}\n"}, 0, nil},
	{"SG116",
		[]string{
			"\tfunctions: f: autoscaling: {min: 5, max: 2}\n",
			"\tfunctions: f: {reservedConcurrency: 5, autoscaling: {min: 1, max: 10}}\n",
			"\tfunctions: f: autoscaling: {min: 1, max: 10, schedules: night: {expression: \"cron(0 22 * * ? *)\", min: 4, max: 2}}\n",
			"\tfunctions: f: {reservedConcurrency: 5, autoscaling: {min: 1, max: 5, schedules: peak: {expression: \"cron(0 8 * * ? *)\", max: 8}}}\n",
		},
		[]string{"\tfunctions: f: {reservedConcurrency: 10, autoscaling: {min: 1, max: 10, utilization: 0.7, schedules: night: {expression: \"cron(0 22 * * ? *)\", min: 1, max: 2}}}\n"}, 0, nil},
	{"SG117",
		[]string{
			"\tfunctions: f: inlineCode: \"def handler(event, context): return event\"\n",
			"\tfunctions: g: {runtime: \"java21\", inlineCode: \"class A {}\"}\n",
		},
		[]string{"\tfunctions: g: inlineCode: \"def handler(event, context): return event\"\n"}, 0, nil},
	{"SG118",
		[]string{"\tfunctions: f: fileSystem: {accessPoint: \"arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1\", fileSystem: \"arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1\", mountPath: \"/mnt/data\"}\n"},
		[]string{"\tfunctions: f: {vpc: {subnets: [\"subnet-1\"], securityGroups: [\"sg-1\"]}, fileSystem: {accessPoint: \"arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1\", fileSystem: \"arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1\", mountPath: \"/mnt/data\"}}\n"}, 0, nil},
	{"SG119",
		[]string{
			"\tfunctions: f: runtimeManagement: updateOn: \"Manual\"\n",
			"\tfunctions: f: runtimeManagement: {updateOn: \"Auto\", runtimeVersion: \"arn:aws:lambda:eu-west-1::runtime:0123456789abcdef\"}\n",
		},
		[]string{"\tfunctions: f: runtimeManagement: {updateOn: \"Manual\", runtimeVersion: \"arn:aws:lambda:eu-west-1::runtime:0123456789abcdef\"}\n"}, 0, nil},
	{"SG120",
		[]string{"\tfunctions: f: imageConfig: command: [\"app.handler\"]\n"},
		[]string{"\tfunctions: g: {image: \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:1\", imageConfig: command: [\"app.handler\"]}\n"}, 0, nil},
	{"SG121",
		[]string{
			"\tfunctions: f: versionDeletionPolicy: \"Retain\"\n",
			"\tfunctions: f: versionDescription: \"v\"\n",
			"\tfunctions: f: codeSha256: \"abc\"\n",
			"\tfunctions: f: publishAllProperties: true\n",
		},
		[]string{"\tfunctions: f: {alias: \"live\", versionDeletionPolicy: \"Retain\", publishAllProperties: true}\n", "\tfunctions: f: {snapStart: true, versionDescription: \"v\"}\n"}, 0, nil},
	{"SG122",
		[]string{
			"\tfunctions: f: vpc: {subnets: [\"subnet-0a1b2c3d\"], securityGroups: [\"sg-00000001\", \"sg-00000002\", \"sg-00000003\", \"sg-00000004\", \"sg-00000005\", \"sg-00000006\"]}\n",
			"\tfunctions: f: vpc: {subnets: [\"subnet-0a1b2c3d\"], securityGroups: [\"sg-web\"]}\n",
			defaultsWithout() + "\tdefaults: function: vpc: {subnets: [\"private-a\"], securityGroups: [\"sg-0a1b2c3d\"]}\n\tfunctions: g: source: \"src\"\n",
		},
		[]string{
			"\tfunctions: f: vpc: {subnets: [\"subnet-0a1b2c3d\", \"subnet-0123456789abcdef0\", {Ref: \"Subnet\"}], securityGroups: [\"${Sg}\"]}\n\tparameters: {Subnet: type: \"AWS::EC2::Subnet::Id\", Sg: type: \"AWS::EC2::SecurityGroup::Id\"}\n",
			"\tfunctions: f: vpc: {subnets: {\"Fn::Split\": [\",\", {\"Fn::ImportValue\": \"net-Subnets\"}]}, securityGroups: [\"sg-0a1b2c3d\"]}\n",
		}, 0, nil},
	{"SG123",
		[]string{
			"\tfunctions: h: source: \"src\"\n\tfunctions: f: deployment: {type: \"AllAtOnce\", preTraffic: app.functions.h.ref}\n",
			"\tfunctions: h: {source: \"src\", name: \"smoke-test\"}\n\tfunctions: f: deployment: {type: \"AllAtOnce\", postTraffic: app.functions.h.ref}\n",
		},
		[]string{
			"\tfunctions: h: {source: \"src\", name: \"CodeDeployHook_smoke\"}\n\tfunctions: f: deployment: {type: \"AllAtOnce\", preTraffic: app.functions.h.ref}\n",
			"\tfunctions: h: source: \"src\"\n\tfunctions: f: deployment: {type: \"AllAtOnce\", preTraffic: app.functions.h.ref, role: \"arn:aws:iam::123456789012:role/deployer\"}\n",
			"\tfunctions: h: arn: \"arn:aws:lambda:eu-west-1:123456789012:function:CodeDeployHook_shared\"\n\tfunctions: f: deployment: {type: \"AllAtOnce\", preTraffic: app.functions.h.ref}\n",
		}, 0, nil},
	{Rule: "SG124",
		Trigger: []string{
			"\tfunctions: g: source: \"scr\"\n",
			"\tfunctions: g: source: \"dist/app.zip/\"\n",
			"\tfunctions: g: source: \"/nonexistent/samgen/src\"\n",
			// A source replaces inline code (SG117), yet is rendered.
			"\tfunctions: g: {source: \"scr\", inlineCode: \"def handler(e, c): pass\"}\n",
		},
		Pass: []string{
			"\tfunctions: g: source: \"src/\"\n",
			"\tfunctions: g: source: \"./src\"\n",
			"\tfunctions: g: source: \"dist/app.zip\"\n",
			"\tfunctions: g: source: \"s3://artifacts/app.zip\"\n",
			// An image function is not packaged from source (SG101 says so).
			"\tfunctions: g: {image: \"repo/g:1\", source: \"scr\"}\n",
			"\tfunctions: g: arn: \"arn:aws:lambda:eu-west-1:123456789012:function:g\"\n",
		},
		Setup: sourceFiles},
	{"SG150",
		[]string{
			"\tfunctions: f: env: KEY_ID: \"AKIAIOSFODNN7EXAMPLE\"\n",
			"\tfunctions: f: env: DB_PASSWORD: \"hunter2\"\n",
			"\tfunctions: f: description: \"uses wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n",
			"\tfunctions: f: env: TLS_KEY: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\"\n",
			"\tqueues: q: tags: apiKey: \"abc123\"\n",
			"\tparameters: dbPassword: default: \"hunter2\"\n",
		},
		[]string{
			"\tfunctions: f: env: {SECRET_NAME: \"prod/db\", DB_PASSWORD_PARAM: \"/shop/db\", TOKEN_TTL: \"3600\", DB_PASSWORD: \"/shop/db/password\"}\n",
			"\tsecrets: db: arn: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\"\n\tfunctions: f: {env: DB_SECRET: app.secrets.db.ref, access: [{read: app.secrets.db.ref}]}\n",
			"\tfunctions: f: description: \"commit 3f2a9c1e5b7d4f6a8c0e2b4d6f8a0c2e4b6d8f0a\"\n",
		}, 0, nil},
	{"SG201",
		[]string{"\ttables: t: key: name: \"id\"\n\tfunctions: f: access: [{send: app.tables.t.ref}]\n"},
		[]string{"\ttables: t: key: name: \"id\"\n\tfunctions: f: access: [{read: app.tables.t.ref}]\n"}, 0, nil},
	{"SG301",
		[]string{
			"\tqueues: {q: {fifo: true, redrive: deadLetter: app.queues.d.ref}, d: fifo: true}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchSize: 20}\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchSize: 20}\n",
		},
		[]string{"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchSize: 20, batchWindow: 1}\n"}, 0, nil},
	{"SG302",
		[]string{"\tqueues: {q: {visibilityTimeout: 5, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: events: e: sqs: queue: app.queues.q.ref\n"},
		[]string{"\tqueues: {q: {visibilityTimeout: 60, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: events: e: sqs: queue: app.queues.q.ref\n"}, 0, nil},
	{"SG303",
		[]string{"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, filters: [" + strings.Repeat("{pattern: \"{}\"}, ", 6) + "]}\n"},
		[]string{"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, filters: [" + strings.Repeat("{pattern: \"{}\"}, ", 5) + "]}\n"}, 0, nil},
	{"SG304",
		[]string{
			"\ttables: t: key: name: \"id\"\n\tqueues: q: {}\n\tfunctions: f: events: d: dynamodb: {table: app.tables.t.ref, startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n",
			"\tqueues: q: {}\n\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"AT_TIMESTAMP\", onFailure: app.queues.q.ref}\n",
		},
		[]string{"\ttables: t: {key: name: \"id\", stream: \"NEW_IMAGE\"}\n\tqueues: q: {}\n\tfunctions: f: events: d: dynamodb: {table: app.tables.t.ref, startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n"}, 0, nil},
	{"SG305",
		[]string{
			"\tfunctions: g: source: \"src\"\n\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\", onFailure: app.functions.g.ref}\n",
			"\tqueues: q: fifo: true\n\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n",
			"\tqueues: q: {}\n\tfunctions: f: events: k: kinesis: {stream: app.queues.q.ref, startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n",
			"\tqueues: q: fifo: true\n\tfunctions: f: events: k: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n",
		},
		[]string{"\tbuckets: b: {}\n\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\", onFailure: app.buckets.b.ref}\n",
			"\tqueues: q: {}\n\tstreams: s: {}\n\tfunctions: f: events: k: kinesis: {stream: app.streams.s.ref, startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n",
			"\tqueues: q: {}\n\tfunctions: f: events: k: kinesis: {stream: {\"Fn::ImportValue\": \"data-ClicksArn\"}, startingPosition: \"LATEST\", onFailure: app.queues.q.ref}\n"}, 0, nil},
	{"SG306",
		[]string{"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, metrics: [\"EventCount\", \"KafkaMetrics\"]}\n"},
		[]string{"\tfunctions: f: events: e: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"LATEST\", metrics: [\"EventCount\", \"KafkaMetrics\"]}\n"}, 0, nil},
	{"SG307",
		[]string{
			"\tfunctions: f: events: e: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"AT_TIMESTAMP\"}\n",
			"\tfunctions: f: events: e: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"LATEST\", startingTimestamp: 1767225600}\n",
			"\tfunctions: f: events: e: documentDB: {cluster: \"arn:aws:rds:eu-west-1:123456789012:cluster:docs\", database: \"shop\", secret: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:docs-AbCdEf\", startingPosition: \"AT_TIMESTAMP\"}\n",
		},
		[]string{"\tfunctions: f: events: e: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"AT_TIMESTAMP\", startingTimestamp: 1767225600}\n"}, 0, nil},
	{"SG308",
		[]string{"\tfunctions: f: events: e: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"LATEST\", pollers: {min: 5, max: 2}}\n"},
		[]string{"\tfunctions: f: events: e: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"LATEST\", pollers: {min: 2, max: 5}}\n"}, 0, nil},
	{"SG309",
		[]string{"\tlogGroups: app: {}\n\tfunctions: f: events: {a: cloudWatchLogs: {logGroup: app.logGroups.app.ref, filterPattern: \"ERROR\"}, b: cloudWatchLogs: {logGroup: app.logGroups.app.ref, filterPattern: \"WARN\"}, c: cloudWatchLogs: {logGroup: app.logGroups.app.ref, filterPattern: \"\"}}\n"},
		[]string{"\tlogGroups: app: {}\n\tfunctions: f: events: {a: cloudWatchLogs: {logGroup: app.logGroups.app.ref, filterPattern: \"ERROR\"}, b: cloudWatchLogs: {logGroup: \"/aws/other\", filterPattern: \"WARN\"}, c: cloudWatchLogs: {logGroup: app.logGroups.app.ref, filterPattern: \"\"}}\n"}, 0, nil},
	{"SG310",
		[]string{"\tresources: pool: {type: \"AWS::Cognito::UserPool\", properties: {}}\n\tfunctions: f: events: a: cognito: {userPool: app.resources.pool.ref, triggers: [\"PreSignUp\"]}\n\tfunctions: g: {source: \"src\", events: b: cognito: {userPool: app.resources.pool.ref, triggers: [\"PostConfirmation\", \"PreSignUp\"]}}\n"},
		[]string{"\tresources: pool: {type: \"AWS::Cognito::UserPool\", properties: {}}\n\tfunctions: f: events: a: cognito: {userPool: app.resources.pool.ref, triggers: [\"PreSignUp\"]}\n\tfunctions: g: {source: \"src\", events: b: cognito: {userPool: app.resources.pool.ref, triggers: [\"PostConfirmation\"]}}\n"}, 0, nil},
	{"SG311",
		[]string{"\tfunctions: f: events: k: selfManagedKafka: {brokers: [\"b-1.example.com:9096\"], topic: \"t\", startingPosition: \"LATEST\", rootCa: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ca-AbCdEf\"}\n"},
		[]string{"\tfunctions: f: events: k: selfManagedKafka: {brokers: [\"b-1.example.com:9096\"], topic: \"t\", startingPosition: \"LATEST\", rootCa: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ca-AbCdEf\", auth: {type: \"SASL_SCRAM_512\", secret: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:user-AbCdEf\"}}\n"}, 0, nil},
	{"SG350",
		[]string{
			"\tfunctions: f: events: {a: httpApi: {method: \"GET\", path: \"/x\"}, b: httpApi: {method: \"GET\", path: \"/x\"}}\n",
			"\tfunctions: f: events: a: api: {method: \"GET\", path: \"/o/{id}\"}\n\tfunctions: g: {source: \"src\", events: b: api: {method: \"GET\", path: \"/o/{id}\"}}\n",
		},
		[]string{
			"\tfunctions: f: events: {a: api: {method: \"GET\", path: \"/x\"}, b: api: {method: \"POST\", path: \"/x\"}, c: api: {method: \"ANY\", path: \"/x\"}, d: httpApi: {method: \"GET\", path: \"/x\"}}\n",
		}, 0, nil},
	{"SG351",
		[]string{
			"\tfunctions: f: events: {a: api: {method: \"GET\", path: \"/o/{id}\"}, b: api: {method: \"GET\", path: \"/o/{orderId}/items\"}}\n",
			"\tfunctions: f: events: {a: httpApi: {method: \"GET\", path: \"/o/{proxy+}\"}, b: httpApi: {method: \"POST\", path: \"/o/{id}\"}}\n",
		},
		[]string{
			"\tfunctions: f: events: {a: api: {method: \"GET\", path: \"/o/{id}\"}, b: api: {method: \"GET\", path: \"/o/{id}/items\"}, c: httpApi: {method: \"GET\", path: \"/o/{orderId}\"}}\n",
		}, 0, nil},
	{"SG352",
		[]string{
			"\tfunctions: f: events: a: api: {method: \"GET\", path: \"/o/{proxy+}/x\"}\n",
			"\tfunctions: f: events: a: httpApi: {method: \"GET\", path: \"/o/{id\"}\n",
			"\tfunctions: f: events: a: api: {method: \"GET\", path: \"/o/x{id}\"}\n",
			"\tfunctions: f: events: a: api: {method: \"GET\", path: \"/o//x\"}\n",
			"\tfunctions: f: events: a: api: {method: \"GET\", path: \"/a/{id}/b/{id}\"}\n",
		},
		[]string{"\tfunctions: f: events: {a: api: {method: \"GET\", path: \"/\"}, b: api: {method: \"GET\", path: \"/{proxy+}\"}, c: api: {method: \"GET\", path: \"/a/{id}/b/{item.id}\"}}\n"}, 0, nil},
	{"SG353",
		[]string{"\tqueues: {q: {fifo: true, redrive: deadLetter: app.queues.d.ref}, d: fifo: true}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchWindow: 5}\n"},
		[]string{
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchWindow: 5}\n",
			"\tqueues: {q: {fifo: true, redrive: deadLetter: app.queues.d.ref}, d: fifo: true}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchSize: 10}\n",
		}, 0, nil},
	{"SG354",
		[]string{"\ttopics: t: fifo: true\n\tfunctions: f: events: e: sns: topic: app.topics.t.ref\n"},
		[]string{"\ttopics: t: {}\n\tfunctions: f: events: e: sns: topic: app.topics.t.ref\n"}, 0, nil},
	{"SG355",
		[]string{
			"\tapis: {a: {stage: \"v1\", domain: {name: \"api.example.com\", certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\", basePath: \"v1\"}}, b: {stage: \"v1\", domain: {name: \"api.example.com\", certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\", basePath: \"/v1\"}}}\n",
			"\thttpApis: {a: domain: {name: \"api.example.com\", certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\"}, b: domain: {name: \"api.example.com\", certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\"}}\n",
		},
		[]string{"\tapis: a: {stage: \"v1\", domain: {name: \"api.example.com\", certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\", basePath: \"v1\"}}\n\thttpApis: b: {domain: {name: \"api.example.com\", certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\", basePath: \"v2\"}}\n"}, 0, nil},
	{"SG360",
		[]string{
			"\tfunctions: f: events: s: schedule: expression: \"cron(0 12 * * *)\"\n",
			"\tfunctions: f: events: s: schedule: expression: \"cron(0 12 * * MON *)\"\n",
			"\tfunctions: f: events: s: schedule: expression: \"cron(0 24 * * ? *)\"\n",
			"\tfunctions: f: events: s: schedule: expression: \"rate(1 minutes)\"\n",
			"\tfunctions: f: events: s: schedule: expression: \"rate(0 minutes)\"\n",
			"\tfunctions: f: events: s: schedule: expression: \"rate(2 weeks)\"\n",
			"\tfunctions: f: events: s: scheduleV2: expression: \"at(2026-12-01 10:00)\"\n",
			"\tqueues: q: {}\n\trules: r: {schedule: \"rate(5 minute)\", targets: t: queue: app.queues.q.ref}\n",
		},
		[]string{
			"\tfunctions: f: events: {a: schedule: expression: \"rate(1 minute)\", b: schedule: expression: \"rate(5 minutes)\", c: schedule: expression: \"cron(0/15 8-17 ? * MON-FRI *)\", d: schedule: expression: \"cron(0 12 L * ? 2027)\", e: scheduleV2: expression: \"at(2026-12-01T10:00:00)\", g: scheduleV2: expression: \"cron(0 9 ? * 2#1 *)\"}\n",
		}, 0, nil},
	{"SG361",
		[]string{"\tfunctions: f: events: s: scheduleV2: {expression: \"cron(0 12 * * ? *)\", timezone: \"Europe/Pariss\"}\n"},
		[]string{"\tfunctions: f: events: s: scheduleV2: {expression: \"cron(0 12 * * ? *)\", timezone: \"Europe/Paris\"}\n"}, 0, nil},
	{"SG362",
		[]string{
			"\tfunctions: f: events: e: eventBridge: pattern: source: \"shop\"\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, filters: [{pattern: \"{body\"}]}\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, filters: [{pattern: \"{\\\"body\\\": {\\\"n\\\": [{\\\"numerc\\\": [\\\">\\\", 1]}]}}\"}]}\n",
			"\tqueues: q: {}\n\trules: r: {pattern: detail: {}, targets: t: queue: app.queues.q.ref}\n",
			"\ttopics: t: {}\n\tfunctions: f: events: e: sns: {topic: app.topics.t.ref, filterPolicy: kind: []}\n",
		},
		[]string{
			"\tfunctions: f: events: e: eventBridge: pattern: {source: [\"shop\"], detail: {n: [{numeric: [\">\", 0, \"<=\", 5]}], kind: [{prefix: \"order\"}, {\"anything-but\": [\"x\"]}], \"$or\": [{a: [\"1\"]}, {b: [{exists: true}]}]}}\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, filters: [{pattern: \"{\\\"body\\\": {\\\"type\\\": [\\\"order\\\"]}}\"}]}\n",
			// A value given by reference or expression is no matcher.
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: events: e: eventBridge: pattern: detail: {table: [app.tables.t.ref], region: [{Ref: \"AWS::Region\"}]}\n",
		}, 0, nil},
	{"SG363",
		[]string{
			"\tfunctions: f: events: s: schedule: {expression: \"rate(1 hour)\", input: \"refresh\"}\n",
			"\tqueues: q: {}\n\trules: r: {pattern: source: [\"x\"], targets: t: {queue: app.queues.q.ref, transform: {paths: id: \"$.detail.id\", template: \"{\\\"id\\\": <id>, \\\"at\\\": <time>}\"}}}\n",
			"\tqueues: q: {}\n\trules: r: {pattern: source: [\"x\"], targets: t: {queue: app.queues.q.ref, transform: {paths: id: \"detail.id\", template: \"<id>\"}}}\n",
		},
		[]string{
			"\tfunctions: f: events: s: schedule: {expression: \"rate(1 hour)\", input: \"{\\\"action\\\": \\\"refresh\\\"}\"}\n",
			"\tqueues: q: {}\n\trules: r: {pattern: source: [\"x\"], targets: t: {queue: app.queues.q.ref, transform: {paths: id: \"$.detail.id\", template: \"{\\\"id\\\": <id>, \\\"rule\\\": <aws.events.rule-name>}\"}}}\n",
		}, 0, nil},
	{"SG364",
		[]string{
			"\tbuckets: b: {}\n\tfunctions: f: events: e: s3: {bucket: app.buckets.b.ref, events: [\"s3:ObjectCreated:Upload\"]}\n",
			"\tbuckets: b: {}\n\tfunctions: f: events: e: s3: {bucket: app.buckets.b.ref, prefix: \"in/\"}\n\tfunctions: g: {source: \"src\", events: e: s3: {bucket: app.buckets.b.ref, events: [\"s3:ObjectCreated:Put\"], prefix: \"in/images/\"}}\n",
			"\tbuckets: b: {}\n\tfunctions: f: events: {csv: s3: {bucket: app.buckets.b.ref, suffix: \".csv\"}, in: s3: {bucket: app.buckets.b.ref, prefix: \"in/\"}}\n",
		},
		[]string{
			"\tbuckets: b: {}\n\tfunctions: f: events: e: s3: {bucket: app.buckets.b.ref, prefix: \"in/\"}\n\tfunctions: g: {source: \"src\", events: e: s3: {bucket: app.buckets.b.ref, prefix: \"out/\"}}\n",
			"\tbuckets: b: {}\n\tfunctions: f: events: {c: s3: {bucket: app.buckets.b.ref}, r: s3: {bucket: app.buckets.b.ref, events: [\"s3:ObjectRemoved:*\"]}}\n",
			"\tbuckets: b: {}\n\tfunctions: f: events: {jpg: s3: {bucket: app.buckets.b.ref, prefix: \"images/\", suffix: \".jpg\"}, png: s3: {bucket: app.buckets.b.ref, prefix: \"images/\", suffix: \".png\"}}\n",
		}, 0, nil},
	{"SG401",
		[]string{"\tlayers: {" + layer("a", "") + ", " + layer("b", "") + ", " + layer("c", "") + ", " + layer("d", "") + ", " + layer("e", "") + ", " + layer("g", "") + "}\n\tfunctions: f: layers: [app.layers.a.ref, app.layers.b.ref, app.layers.c.ref, app.layers.d.ref, app.layers.e.ref, app.layers.g.ref]\n"},
		[]string{"\tlayers: {" + layer("a", "") + ", " + layer("b", "") + ", " + layer("c", "") + ", " + layer("d", "") + ", " + layer("e", "") + "}\n\tfunctions: f: layers: [app.layers.a.ref, app.layers.b.ref, app.layers.c.ref, app.layers.d.ref, app.layers.e.ref]\n"}, 0, nil},
	{"SG402",
		[]string{"\tlayers: {" + layer("a", "") + "}\n\tfunctions: f: layers: [app.layers.a.ref, app.layers.a.ref]\n"},
		[]string{"\tlayers: {" + layer("a", "") + ", " + layer("b", "") + "}\n\tfunctions: f: layers: [app.layers.a.ref, app.layers.b.ref]\n"}, 0, nil},
	{"SG403",
		[]string{"\tlayers: {" + layer("a", `, runtimes: ["nodejs22.x"]`) + "}\n\tfunctions: f: layers: [app.layers.a.ref]\n"},
		[]string{"\tlayers: {" + layer("a", `, runtimes: ["python3.13"]`) + "}\n\tfunctions: f: layers: [app.layers.a.ref]\n"}, 0, nil},
	{"SG404",
		[]string{"\tlayers: {" + layer("a", `, architectures: ["arm64"]`) + "}\n\tfunctions: f: layers: [app.layers.a.ref]\n"},
		[]string{"\tlayers: {" + layer("a", `, architectures: ["arm64"]`) + "}\n\tfunctions: f: {architecture: \"arm64\", layers: [app.layers.a.ref]}\n"}, 0, nil},
	{"SG405",
		[]string{"\tlayers: l: source: \"layers/l\"\n"},
		[]string{"\tlayers: l: {source: \"layers/l\", architectures: [\"arm64\"]}\n"}, 0, nil},
	{"SG406",
		[]string{"\tlayers: {" + layer("a", "") + "}\n\tfunctions: g: {image: \"repo/g:1\", layers: [app.layers.a.ref]}\n"},
		[]string{"\tlayers: {" + layer("a", "") + "}\n\tfunctions: g: image: \"repo/g:1\"\n"}, 0, nil},
	{Rule: "SG407",
		Trigger: []string{"\tlayers: big: {source: \"layers/big\", architectures: [\"x86_64\"]}\n\tfunctions: f: layers: [app.layers.big.ref]\n"},
		Pass:    []string{"\tlayers: small: {source: \"layers/small\", architectures: [\"x86_64\"]}\n\tfunctions: f: layers: [app.layers.small.ref]\n"},
		Setup: func(t *testing.T, dir string) {
			// A sparse file just over the limit: nothing is written.
			big := filepath.Join(dir, "layers", "big", "python", "blob.bin")
			if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
				t.Fatal(err)
			}
			f, err := os.Create(big)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(layers.MaxUnzippedBytes + 1); err != nil {
				t.Fatal(err)
			}
		}},
	{"SG408",
		[]string{"\tlayers: l: {source: \"layers/l\", arn: \"arn:aws:lambda:eu-west-1:123456789012:layer:l:1\", architectures: [\"x86_64\"]}\n", "\tlayers: {" + layer("a", `, license: "MIT"`) + "}\n"},
		[]string{"\tlayers: l: {source: \"layers/l\", license: \"MIT\", architectures: [\"x86_64\"]}\n"}, 0, nil},
	{"SG409",
		[]string{"\tlayers: {" + layer("a", `, runtimes: ["pyhton3.13"]`) + "}\n"},
		[]string{"\tlayers: {" + layer("a", `, runtimes: ["python3.13"]`) + "}\n"}, 0, nil},
	{"SG410",
		[]string{"\tlayers: common: {source: \"layers/common\", architectures: [\"x86_64\"], export: \"common\"}\n\toutputs: commonLayerArn: value: \"x\"\n"},
		[]string{"\tlayers: common: {source: \"layers/common\", architectures: [\"x86_64\"], export: \"common\"}\n\toutputs: other: value: \"x\"\n"}, 0, nil},
	{Rule: "SG411",
		Trigger: []string{
			"\tlayers: l: {source: \"layers/lib\", architectures: [\"x86_64\"]}\n",
			"\tlayers: l: {source: \"layers/lib\", architectures: [\"x86_64\"]}\n\tfunctions: f: layers: [app.layers.l.ref]\n",
		},
		Pass: []string{
			"\tlayers: l: {source: \"layers/l\", architectures: [\"x86_64\"]}\n",
			"\tlayers: l: {source: \"dist/app.zip\", architectures: [\"x86_64\"]}\n",
			"\tlayers: {" + layer("lib", "") + "}\n",
		},
		Setup: sourceFiles},
	{"SG501",
		[]string{machine(`A: {type: "Pass", next: "B"}`), machine(`A: {type: "Pass", end: true, catch: [{errorEquals: ["States.ALL"], next: "Nope"}]}`)},
		[]string{machine(`A: {type: "Pass", end: true}`)}, 0, nil},
	{"SG502",
		[]string{machine(`A: {type: "Pass", end: true}, B: {type: "Pass", end: true}`)},
		[]string{machine(`A: {type: "Pass", next: "B"}, B: {type: "Pass", end: true}`)}, 0, nil},
	{"SG503",
		[]string{machine(`A: {type: "Pass"}`)},
		[]string{machine(`A: {type: "Pass", next: "B"}, B: {type: "Succeed"}`)}, 0, nil},
	{Rule: "SG503", Reports: 2,
		Trigger: []string{machine(`A: {type: "Pass", next: "B"}, B: {type: "Pass", next: "A"}`)},
		Pass:    []string{machine(`A: {type: "Pass", next: "B"}, B: {type: "Succeed"}`)}},
	{"SG504",
		[]string{machine(`A: {type: "Pass", next: "B", end: true}, B: {type: "Succeed"}`), machine(`A: {type: "Succeed", end: true}`)},
		[]string{machine(`A: {type: "Pass", next: "B"}, B: {type: "Succeed"}`)}, 0, nil},
	{"SG505",
		[]string{machine(`A: schema.#LambdaInvoke & {function: app.functions.f.ref, end: true, retry: [{errorEquals: ["States.ALL", "X"]}]}`),
			machine(`A: schema.#LambdaInvoke & {function: app.functions.f.ref, end: true, retry: [{errorEquals: ["States.ALL"]}, {errorEquals: ["X"]}]}`)},
		[]string{machine(`A: schema.#LambdaInvoke & {function: app.functions.f.ref, end: true, retry: [{errorEquals: ["X"]}, {errorEquals: ["States.ALL"]}]}`)}, 0, nil},
	{"SG506",
		[]string{"\tqueues: q: {}\n" + express(`A: schema.#SQSSendMessage & {queue: app.queues.q.ref, messageBody: {"token.$": "$$.Task.Token"}, pattern: "waitForTaskToken", end: true}`, true)},
		[]string{"\tqueues: q: {}\n" + express(`A: schema.#SQSSendMessage & {queue: app.queues.q.ref, messageBody: "hi", end: true}`, true)}, 0, nil},
	{"SG507",
		[]string{machine(`A: {type: "Choice", choices: [{variable: "$.x", booleanEquals: true, next: "B"}]}, B: {type: "Succeed"}`)},
		[]string{machine(`A: {type: "Choice", choices: [{variable: "$.x", booleanEquals: true, next: "B"}], default: "B"}, B: {type: "Succeed"}`)}, 0, nil},
	{"SG508",
		[]string{"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"" + strings.Repeat("A", 81) + "\", states: " + strings.Repeat("A", 81) + ": {type: \"Succeed\"}}\n"},
		[]string{"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"" + strings.Repeat("A", 80) + "\", states: " + strings.Repeat("A", 80) + ": {type: \"Succeed\"}}\n"}, 0, nil},
	{"SG509",
		[]string{
			machine(`A: {type: "Wait", end: true}`), machine(`A: {type: "Pass", end: true, retry: [{errorEquals: ["X"]}]}`),
			machine(`A: {type: "Wait", seconds: 5, resultPath: "$.waited", end: true}`), machine(`A: {type: "Pass", seconds: 5, end: true}`),
			machine(`A: {type: "Fail", inputPath: "$.x"}`), machine(`A: {type: "Fail", cause: "c", causePath: "$.cause"}`),
			machine(`A: {type: "Choice", choices: [{variable: "$.x", next: "B"}], default: "B"}, B: {type: "Succeed"}`),
			machine(`A: {type: "Choice", choices: [{variable: "$.x", stringEquals: "a", numericEquals: 1, next: "B"}], default: "B"}, B: {type: "Succeed"}`),
			machine(`A: {type: "Choice", choices: [{not: {stringEquals: "a"}, next: "B"}], default: "B"}, B: {type: "Succeed"}`),
			machine(`A: {type: "Choice", choices: [{or: [{variable: "$.x", isNull: true, next: "B"}], next: "B"}], default: "B"}, B: {type: "Succeed"}`),
		},
		[]string{
			machine(`A: {type: "Wait", seconds: 5, end: true}`),
			machine(`A: {type: "Pass", result: {ok: true}, resultPath: "$.r", parameters: {a: 1}, end: true}`),
			machine(`A: {type: "Fail", errorPath: "$.error", cause: "c"}`),
			machine(`A: {type: "Choice", choices: [{and: [{variable: "$.x", isPresent: true}, {not: {variable: "$.y", stringMatches: "a*"}}], next: "B"}], default: "B"}, B: {type: "Succeed"}`),
			machine(`A: {type: "Choice", queryLanguage: "JSONata", choices: [{condition: "{% $states.input.x = 1 %}", next: "B"}], default: "B"}, B: {type: "Succeed"}`),
		}, 0, nil},
	{"SG510",
		[]string{machine(`A: schema.#LambdaInvoke & {function: app.functions.f.ref, end: true}`)},
		[]string{machine(invokeF), machine(`A: schema.#LambdaInvoke & {function: app.functions.f.ref, end: true, retry: [{errorEquals: ["States.TaskFailed"]}]}`)}, 0, nil},
	{"SG511",
		[]string{"\tqueues: q: {}\n" + machine(`A: schema.#SQSSendMessage & {queue: app.queues.q.ref, messageBody: "hi", pattern: "waitForTaskToken", end: true}`)},
		[]string{"\tqueues: q: {}\n" + machine(`A: schema.#SQSSendMessage & {queue: app.queues.q.ref, messageBody: {"token.$": "$$.Task.Token"}, pattern: "waitForTaskToken", end: true}`)}, 0, nil},
	{"SG512",
		[]string{machine(invokeF) + "\tfunctions: f: access: [{start: app.stateMachines.m.ref}]\n", machine(`A: schema.#StartExecution & {stateMachine: app.stateMachines.m.ref, end: true}`)},
		[]string{machine(invokeF) + "\tfunctions: g: {source: \"src\", access: [{start: app.stateMachines.m.ref}]}\n"}, 0, nil},
	{"SG513",
		[]string{express(`A: {type: "Succeed"}`, false)},
		[]string{express(`A: {type: "Succeed"}`, true)}, 0, nil},
	{"SG514",
		[]string{machine(`A: {type: "Parallel", end: true, branches: [{startAt: "A", states: A: {type: "Succeed"}}]}`)},
		[]string{machine(`A: {type: "Parallel", end: true, branches: [{startAt: "B", states: B: {type: "Succeed"}}]}`)}, 0, nil},
	{"SG515",
		[]string{"\tqueues: q: fifo: true\n" + machine(`A: schema.#SQSSendMessage & {queue: app.queues.q.ref, messageBody: "hi", end: true}`)},
		[]string{"\tqueues: q: fifo: true\n" + machine(`A: schema.#SQSSendMessage & {queue: app.queues.q.ref, messageBody: "hi", parameters: MessageGroupId: "g", end: true}`)}, 0, nil},
	{Rule: "SG516",
		Trigger: []string{fileMachine("typo.asl.json", ""), fileMachine("missing.asl.json", "")},
		Pass:    []string{fileMachine("save.asl.json", "OrdersTable: app.tables.orders.ref")},
		Setup:   aslFiles},
	{Rule: "SG517",
		Trigger: []string{fileMachine("save.asl.json", ""), fileMachine("region.asl.yaml", "OrdersTable: app.tables.orders.ref")},
		Pass:    []string{fileMachine("save.asl.json", "OrdersTable: app.tables.orders.ref")},
		Setup:   aslFiles},
	{Rule: "SG518",
		Trigger: []string{fileMachine("save.asl.json", "OrdersTable: app.tables.orders.ref, ordersTable: \"x\"")},
		Pass:    []string{fileMachine("save.asl.json", "OrdersTable: app.tables.orders.ref")},
		Setup:   aslFiles},
	{Rule: "SG519",
		Trigger: []string{fileMachine("literal.asl.json", ""), fileMachine("save.asl.json", "OrdersTable: app.queues.jobs.ref"), fileMachine("dynamic.asl.json", "")},
		Pass:    []string{fileMachine("save.asl.json", "OrdersTable: app.tables.orders.ref")},
		Setup:   aslFiles},
	{Rule: "SG520",
		Trigger: []string{"\tstateMachines: m: {definitionFile: \"save.asl.json\", startAt: \"A\"}\n", machine(`A: {type: "Succeed"}`) + "\tstateMachines: m: inlineDefinition: true\n"},
		Pass:    []string{fileMachine("save.asl.json", "OrdersTable: app.tables.orders.ref"), machine(`A: {type: "Succeed"}`)},
		Setup:   aslFiles},
	{"SG521",
		[]string{machine(`A: {type: "Succeed"}`) + "\tstateMachines: m: deployment: type: \"ALL_AT_ONCE\"\n", machine(`A: {type: "Succeed"}`) + "\tstateMachines: m: {alias: \"live\", deployment: type: \"LINEAR\"}\n"},
		[]string{machine(`A: {type: "Succeed"}`) + "\tstateMachines: m: {alias: \"live\", deployment: {type: \"LINEAR\", percentage: 10, interval: 1}}\n"}, 0, nil},
	{"SG522",
		[]string{ownRole("dynamodb:GetItem")},
		[]string{ownRole("dynamodb:PutItem"), ownRole("dynamodb:*")}, 0, nil},
	{"SG523",
		[]string{saveMachine + "\tstateMachines: m: role: \"arn:aws:iam::123456789012:role/workflows\"\n"},
		[]string{ownRole("dynamodb:PutItem")}, 0, nil},
	{"SG524",
		[]string{ownRole("dynamodb:PutItem") + "\tstateMachines: m: rolePath: \"/workflows/\"\n"},
		[]string{saveMachine + "\tstateMachines: m: rolePath: \"/workflows/\"\n"}, 0, nil},
	{"SG525",
		[]string{
			restRoute + "\tapis: a: methodSettings: [{path: \"/orders\", metrics: true}]\n",
			restRoute + "\tapis: a: methodSettings: [{path: \"/items/{id}\", method: \"POST\", metrics: true}]\n",
			restRoute + "\tapis: a: policy: [{routes: [\"GET /orders\"]}]\n",
			restRoute + "\tapis: a: policy: [{routes: [\"/items\"]}]\n",
			"\thttpApis: h: routeSettings: \"GET /orders\": detailedMetrics: true\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/items\", api: app.httpApis.h.ref}\n",
			"\twebSocketApis: w: {routes: send: function: app.functions.f.ref, routeSettings: \"$default\": detailedMetrics: true}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/items\"}\n\timplicitApi: methodSettings: [{path: \"/orders\", metrics: true}]\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/items\"}\n\timplicitHttpApi: routeSettings: \"GET /orders\": detailedMetrics: true\n",
		},
		[]string{
			restRoute + "\tapis: a: methodSettings: [{metrics: true}, {path: \"/items/{id}\", method: \"GET\", metrics: true}]\n\tapis: a: policy: [{routes: [\"GET /items/{id}\", \"*\"]}]\n",
			"\thttpApis: h: routeSettings: {\"GET /items\": detailedMetrics: true, \"$default\": detailedMetrics: true}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/items\", api: app.httpApis.h.ref}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/items\"}\n\timplicitApi: methodSettings: [{path: \"/items\", method: \"GET\", metrics: true}]\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/items\"}\n\timplicitHttpApi: routeSettings: {\"GET /items\": detailedMetrics: true, \"$default\": detailedMetrics: true}\n",
		}, 0, nil},
	{"SG526",
		[]string{
			"\tapis: a: {stage: \"v1\", methodSettings: [{caching: ttl: 60}]}\n",
			"\tapis: a: {stage: \"v1\", canary: {percentTraffic: 10, useStageCache: true}}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/items\"}\n\timplicitApi: methodSettings: [{caching: ttl: 60}]\n",
		},
		[]string{"\tapis: a: {stage: \"v1\", cache: {}, methodSettings: [{caching: ttl: 60}], canary: {percentTraffic: 10, useStageCache: true}}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/items\"}\n\timplicitApi: {cache: {}, methodSettings: [{caching: ttl: 60}]}\n"}, 0, nil},
	{"SG527",
		[]string{
			"\tapis: a: {stage: \"v1\", endpoint: type: \"PRIVATE\"}\n",
			"\tapis: a: {stage: \"v1\", endpoint: {type: \"REGIONAL\", vpcEndpoints: [\"vpce-0123456789abcdef0\"]}}\n",
		},
		[]string{"\tapis: a: {stage: \"v1\", endpoint: {type: \"PRIVATE\", vpcEndpoints: [\"vpce-0123456789abcdef0\"]}, policy: [{conditions: StringEquals: \"aws:SourceVpce\": \"vpce-0123456789abcdef0\"}]}\n"}, 0, nil},
	{"SG528",
		[]string{
			"\tapis: a: {stage: \"v1\", domain: {name: \"a.example.com\", certificate: \"arn:aws:acm:us-east-1:123456789012:certificate/x\", endpoint: \"EDGE\", mtls: truststore: \"s3://b/ca.pem\"}}\n",
			"\tapis: a: {stage: \"v1\", domain: {name: \"a.example.com\", certificate: \"arn:aws:acm:us-east-1:123456789012:certificate/x\", securityPolicy: \"TLS_1_0\", mtls: truststore: \"s3://b/ca.pem\"}}\n",
		},
		[]string{"\tapis: a: {stage: \"v1\", domain: {name: \"a.example.com\", certificate: \"arn:aws:acm:us-east-1:123456789012:certificate/x\", mtls: truststore: \"s3://b/ca.pem\"}}\n"}, 0, nil},
	{"SG529",
		[]string{
			"\twebSocketApis: w: routes: {}\n",
			"\twebSocketApis: w: {routes: send: function: app.functions.f.ref, authorizer: iam: true}\n",
			"\twebSocketApis: w: {routes: \"$connect\": function: app.functions.f.ref, authorizer: {iam: true, function: app.functions.f.ref}}\n",
			"\twebSocketApis: w: {routes: \"$connect\": function: app.functions.f.ref, authorizer: {iam: true, identitySource: [\"route.request.header.Auth\"]}}\n",
		},
		[]string{
			"\twebSocketApis: w: {routes: \"$connect\": function: app.functions.f.ref, authorizer: {function: app.functions.f.ref, identitySource: [\"route.request.header.Auth\"]}}\n",
			"\twebSocketApis: w: {routes: {\"$connect\": function: app.functions.f.ref, send: function: app.functions.f.ref}, authorizer: iam: true}\n",
		}, 0, nil},
	{"SG530",
		[]string{
			"\tapis: a: {stage: \"v1\", securityPolicy: \"SecurityPolicy_TLS13_1_3_2025_09\"}\n",
			"\tapis: a: {stage: \"v1\", securityPolicy: \"TLS_1_2\", endpointAccessMode: \"STRICT\"}\n",
		},
		[]string{
			"\tapis: a: {stage: \"v1\", securityPolicy: \"SecurityPolicy_TLS13_1_3_2025_09\", endpointAccessMode: \"STRICT\"}\n",
			"\tapis: a: {stage: \"v1\", securityPolicy: \"TLS_1_2\"}\n",
		}, 0, nil},
	{"SG531",
		[]string{
			standard + "\thttpApis: h: integrations: \"POST /run\": startExecution: {stateMachine: app.stateMachines.m.ref, sync: true}\n",
			"\tbuckets: b: {}\n\thttpApis: h: integrations: \"GET /f/{key}\": getObject: bucket: app.buckets.b.ref\n",
			"\tbuckets: b: {}\n\tapis: a: {stage: \"v1\", integrations: \"GET /f\": getObject: bucket: app.buckets.b.ref}\n",
			"\tqueues: q: {}\n\tbuckets: b: {}\n\tapis: a: {stage: \"v1\", integrations: \"PUT /f/{key}\": {putObject: bucket: app.buckets.b.ref, sendMessage: queue: app.queues.q.ref}}\n",
			"\tqueues: q: {}\n\thttpApis: h: integrations: \"POST /q\": {sendMessage: queue: app.queues.q.ref, requestTemplate: \"x\"}\n",
			"\tqueues: q: {}\n\thttpApis: h: integrations: \"POST /q\": sendMessage: queue: app.queues.q.ref\n\tfunctions: f: events: e: httpApi: {method: \"POST\", path: \"/q\", api: app.httpApis.h.ref}\n",
		},
		[]string{
			standard + "\thttpApis: h: integrations: \"POST /run\": startExecution: stateMachine: app.stateMachines.m.ref\n",
			"\tbuckets: b: {}\n\tqueues: q: {}\n\tapis: a: {stage: \"v1\", integrations: {\"GET /f/{key}\": getObject: bucket: app.buckets.b.ref, \"POST /q\": {sendMessage: queue: app.queues.q.ref, requestTemplate: \"Action=SendMessage&MessageBody=$input.body\"}}}\n",
		}, 0, nil},
	{"SG532",
		[]string{
			openAPIDoc("h", `swagger: "2.0"`, lambdaInteg, "F: app.functions.f.ref"),
			openAPIDoc("h", `info: title: "t"`, lambdaInteg, "F: app.functions.f.ref"),
			openAPIDoc("a", `openapi: "3.0.1"`, strings.Replace(lambdaInteg, `"POST"`, `"GET"`, 1), "F: app.functions.f.ref"),
			openAPIDoc("h", `openapi: "3.0.1"`, `{type: "aws_proxy"}`, ""),
			"	httpApis: h: definitionBody: openapi: \"3.0.1\"\n",
		},
		[]string{
			openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref"),
			openAPIDoc("a", `swagger: "2.0"`, lambdaInteg, "F: app.functions.f.ref"),
			openAPIDoc("h", `openapi: "3.0.1"`, `{type: "http_proxy", httpMethod: "GET", uri: "https://example.com/${stageVariables.x}"}`, ""),
		}, 0, nil},
	{"SG533",
		[]string{openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "")},
		[]string{openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref")}, 0, nil},
	{"SG534",
		[]string{openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref, f: \"x\"")},
		[]string{openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref")}, 0, nil},
	{"SG535",
		[]string{
			"\tqueues: q: {}\n" + openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.queues.q.ref"),
			openAPIDoc("h", `openapi: "3.0.1"`, strings.Replace(lambdaInteg, "${F}", "arn:aws:lambda:eu-west-1:123456789012:function:f", 1), ""),
			"\tqueues: q: {}\n" + openAPIDoc("h", `openapi: "3.0.1"`, `{type: "aws_proxy", integrationSubtype: "SQS-SendMessage", credentials: "${IntegrationsRole}", requestParameters: {QueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/q", MessageBody: "$request.body"}}`, ""),
			openAPIDoc("h", `openapi: "3.0.1"`, `{type: "aws_proxy", integrationSubtype: "Kinesis-PutRecord", credentials: "${IntegrationsRole}"}`, ""),
			standard + openAPIDoc("h", `openapi: "3.0.1"`, syncStart, "M: app.stateMachines.m.ref"),
		},
		[]string{
			"\tqueues: q: {}\n" + openAPIDoc("h", `openapi: "3.0.1"`, `{type: "aws_proxy", integrationSubtype: "SQS-SendMessage", credentials: "${IntegrationsRole}", requestParameters: {QueueUrl: "${Q}", MessageBody: "$request.body"}}`, "Q: app.queues.q.ref"),
			"\tbuckets: b: {}\n" + openAPIDoc("a", `openapi: "3.0.1"`, `{type: "aws", httpMethod: "GET", uri: "arn:aws:apigateway:eu-west-1:s3:path/${B}/{key}", credentials: "${IntegrationsRole}"}`, "B: app.buckets.b.ref"),
			express(`A: {type: "Succeed"}`, true) + openAPIDoc("h", `openapi: "3.0.1"`, syncStart, "M: app.stateMachines.m.ref"),
		}, 0, nil},
	{"SG536",
		[]string{
			strings.Replace(openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref"), "definitionBody:", "definitionFile: \"api.yaml\", definitionBody:", 1),
			openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref") + "\tfunctions: f: events: e: httpApi: {method: \"POST\", path: \"/o\", api: app.httpApis.h.ref}\n",
			"\tqueues: q: {}\n" + openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref") + "\thttpApis: h: integrations: \"POST /o\": sendMessage: queue: app.queues.q.ref\n",
			"\thttpApis: h: definitionSubstitutions: F: app.functions.f.ref\n",
		},
		[]string{
			openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref") + "\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/o\", api: app.httpApis.h.ref}\n",
			"\tqueues: q: {}\n" + openAPIDoc("h", `openapi: "3.0.1"`, lambdaInteg, "F: app.functions.f.ref") + "\thttpApis: h: integrations: \"POST /q\": sendMessage: queue: app.queues.q.ref\n",
		}, 0, nil},
	{"SG560",
		[]string{
			machine(`A: {type: "Pass", inputPath: "detail", end: true}`),
			machine(`A: {type: "Pass", resultPath: "$.items[*]", end: true}`),
			machine(`A: {type: "Pass", resultPath: "$$.Execution", end: true}`),
			machine(`A: {type: "Pass", outputPath: "$.a[0", end: true}`),
			machine(`A: {type: "Choice", choices: [{variable: "$.a..b", stringEquals: "x", next: "B"}], default: "B"}, B: {type: "Succeed"}`),
		},
		[]string{
			machine(`A: {type: "Pass", inputPath: "$.detail", outputPath: "$.items[*].id", resultPath: "$.r['a b']", next: "B"}, B: {type: "Pass", resultPath: null, inputPath: "$$.Execution", end: true}`),
		}, 0, nil},
	{"SG561",
		[]string{
			machine(`A: {type: "Pass", parameters: {"id.$": "detail.id"}, end: true}`),
			machine(`A: {type: "Pass", parameters: {"n.$": 5}, end: true}`),
			machine(`A: {type: "Pass", parameters: {"x.$": "States.Formatt('{}', $.a)"}, end: true}`),
			machine(`A: {type: "Pass", parameters: {nested: {"x.$": "States.Format('{}', $.a"}}, end: true}`),
		},
		[]string{
			machine(`A: {type: "Pass", parameters: {"id.$": "$.detail.id", "token.$": "$$.Task.Token", "msg.$": "States.Format('order {}', $.id)", "n.$": "$.items.length()", plain: "x"}, end: true}`),
		}, 0, nil},
	{"SG562",
		[]string{machine(invokeF[:len(invokeF)-1] + `, heartbeatSeconds: 60, timeoutSeconds: 60}`)},
		[]string{machine(invokeF[:len(invokeF)-1] + `, heartbeatSeconds: 30, timeoutSeconds: 60}`)}, 0, nil},
	{"SG601",
		[]string{"\tfunctions: f: statements: [{actions: [\"s3:Get*\"], resources: [\"arn:aws:s3:::b/k\"]}]\n"},
		[]string{"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/k\"]}]\n"}, 0, nil},
	{"SG602",
		[]string{"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/*\"]}]\n"},
		[]string{"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/k\"]}]\n"}, 0, nil},
	{"SG603",
		[]string{"\tfunctions: f: policies: [{CloudWatchPutMetricPolicy: {}}]\n"},
		[]string{"\tfunctions: f: policies: [{SQSPollerPolicy: QueueName: \"q\"}]\n"}, 0, nil},
	{"SG604",
		[]string{"\tfunctions: f: managedPolicies: [\"AmazonS3FullAccess\"]\n"},
		[]string{"\tfunctions: f: managedPolicies: [\"AWSXRayDaemonWriteAccess\"]\n"}, 0, nil},
	{"SG605",
		[]string{"\tfunctions: f: policies: [{SQSPollerPolicy: QueueName: \"arn:aws:sqs:eu-west-1:123456789012:q\"}]\n", "\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"bucket/k\"]}]\n"},
		[]string{"\tfunctions: f: policies: [{SQSPollerPolicy: QueueName: \"q\"}]\n"}, 0, nil},
	{"SG606",
		[]string{"\tfunctions: f: invokers: s3: service: \"s3.amazonaws.com\"\n", "\tfunctions: f: invokers: x: {}\n"},
		[]string{"\tfunctions: f: invokers: s3: {service: \"s3.amazonaws.com\", account: \"123456789012\"}\n"}, 0, nil},
	{"SG607",
		[]string{"\tfunctions: f: wildcards: \"s3:*\": \"reads every bucket\"\n"},
		[]string{"\tfunctions: f: {statements: [{actions: [\"s3:*\"], resources: [\"arn:aws:s3:::b\"]}], wildcards: \"s3:*\": \"manages the bucket\"}\n"}, 0, nil},
	{"SG608",
		[]string{proxy + "\tfunctions: f: access: [{connect: app.proxies.db.ref}]\n"},
		[]string{proxy + "\tfunctions: f: {" + vpc + ", access: [{connect: app.proxies.db.ref}]}\n", proxy + "\tdefaults: function: " + vpc + "\n\tfunctions: f: access: [{connect: app.proxies.db.ref}]\n"}, 0, nil},
	{"SG609",
		[]string{
			"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/x\"], conditions: StringEqual: \"aws:PrincipalTag/team\": \"shop\"}]\n",
			"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/x\"], conditions: NullIfExists: \"aws:TokenIssueTime\": true}]\n",
			"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/x\"], conditions: Bool: \"aws:SecureTransport\": \"yes\"}]\n",
			"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/x\"], conditions: StringEquals: team: \"shop\"}]\n",
		},
		[]string{
			"\tfunctions: f: statements: [{actions: [\"s3:GetObject\"], resources: [\"arn:aws:s3:::b/x\"], conditions: {StringEqualsIfExists: \"aws:PrincipalTag/team\": \"shop\", Null: \"aws:TokenIssueTime\": \"false\", Bool: \"aws:SecureTransport\": true, \"ForAnyValue:StringLike\": \"aws:TagKeys\": [\"team*\"], IpAddress: \"aws:SourceIp\": \"10.0.0.0/8\", NumericLessThan: \"s3:max-keys\": 10}}]\n",
		}, 0, nil},
	{"SG610",
		[]string{
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: policies: [{S3ReadPolicy: BucketName: app.buckets.b.ref}]\n",
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: {policies: [{S3WritePolicy: BucketName: app.buckets.b.ref}], access: [{decrypt: app.keys.k.ref}]}\n",
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: policies: [{KinesisCrudPolicy: StreamName: app.streams.s.ref}, {KMSDecryptPolicy: KeyId: app.keys.k.ref}]\n",
			"\tkeys: k: {}\n\ttables: t: {key: name: \"id\", encryptionKey: app.keys.k.ref}\n\tfunctions: f: policies: [{DynamoDBCrudPolicy: TableName: app.tables.t.ref}]\n",
		},
		[]string{
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: {policies: [{S3ReadPolicy: BucketName: app.buckets.b.ref}], access: [{decrypt: app.keys.k.ref}]}\n",
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: policies: [{S3ReadPolicy: BucketName: app.buckets.b.ref}, {KMSDecryptPolicy: KeyId: app.keys.k.ref}]\n",
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: {policies: [{S3CrudPolicy: BucketName: app.buckets.b.ref}], statements: [{actions: [\"kms:Decrypt\", \"kms:GenerateDataKey\"], resources: [app.keys.k.ref]}]}\n",
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n\tstreams: s: key: app.keys.k.ref\n\tfunctions: f: access: [{read: app.buckets.b.ref}, {write: app.streams.s.ref}]\n",
			"\tbuckets: b: encryption: \"KMS\"\n\tfunctions: f: policies: [{S3ReadPolicy: BucketName: app.buckets.b.ref}]\n",
			"\tkeys: k: {}\n\ttables: t: {key: name: \"id\", encryptionKey: app.keys.k.ref}\n\tfunctions: f: access: [{crud: app.tables.t.ref}]\n",
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: policies: [{DynamoDBReadPolicy: TableName: app.tables.t.ref}]\n",
		}, 0, nil},
	{"SG744",
		[]string{"\tkeys: k: {}\n\tqueues: d: key: app.keys.k.ref\n\tfunctions: f: events: s: scheduleV2: {expression: \"rate(1 hour)\", deadLetter: app.queues.d.ref}\n"},
		[]string{
			"\tqueues: d: {}\n\tfunctions: f: events: s: scheduleV2: {expression: \"rate(1 hour)\", deadLetter: app.queues.d.ref}\n",
			// A function's own dead-letter queue is sent to with its role,
			// which samgen gives the key.
			"\tkeys: k: {}\n\tqueues: d: key: app.keys.k.ref\n\tfunctions: f: {deadLetter: app.queues.d.ref, events: s: scheduleV2: expression: \"rate(1 hour)\"}\n",
		}, 0, nil},
	{"SG745",
		[]string{
			"\tkeys: k: arn: \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n\ttopics: t: {}\n\tqueues: q: key: app.keys.k.ref\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n",
			"\tkeys: k: arn: \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n\ttopics: t: key: app.keys.k.ref\n\talarms: a: {function: app.functions.f.ref, metric: \"Errors\", statistic: \"Sum\", period: 60, threshold: 1, actions: [app.topics.t.ref]}\n",
		},
		[]string{
			"\tkeys: k: {}\n\ttopics: t: {}\n\tqueues: q: key: app.keys.k.ref\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n",
			// Functions use an existing key with their role's IAM alone.
			"\tkeys: k: arn: \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n\tqueues: q: key: app.keys.k.ref\n\tfunctions: f: access: [{send: app.queues.q.ref}]\n",
		}, 0, nil},
	{"SG701",
		[]string{"\tqueues: {q: {fifo: true, redrive: deadLetter: app.queues.d.ref}, d: {}}\n", "\tqueues: q: redrive: deadLetter: app.queues.q.ref\n"},
		[]string{"\tqueues: {q: {fifo: true, redrive: deadLetter: app.queues.d.ref}, d: fifo: true}\n"}, 0, nil},
	{"SG702",
		[]string{"\ttables: t: {}\n", "\ttables: t: {key: name: \"id\", billing: \"PROVISIONED\"}\n", "\ttables: t: {key: name: \"id\", capacity: {read: 1, write: 1}}\n"},
		[]string{"\ttables: t: key: name: \"id\"\n", "\ttables: t: {key: name: \"id\", billing: \"PROVISIONED\", capacity: {read: 1, write: 1}}\n"}, 0, nil},
	{"SG703",
		[]string{"\tqueues: q: contentBasedDeduplication: true\n", "\ttopics: t: contentBasedDeduplication: true\n"},
		[]string{"\tqueues: q: {fifo: true, contentBasedDeduplication: true}\n"}, 0, nil},
	{"SG211",
		[]string{
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: async: onFailure: app.tables.t.ref\n",
			"\tbuckets: archive: {}\n\tfunctions: f: async: onSuccess: app.buckets.archive.ref\n",
		},
		[]string{
			"\tbuses: b: {}\n\tfunctions: f: async: onSuccess: app.buses.b.ref\n",
			"\tbuckets: archive: {}\n\tfunctions: f: async: onFailure: app.buckets.archive.ref\n",
			"\tfunctions: {g: source: \"src\", f: async: onFailure: app.functions.g.ref}\n",
		}, 0, nil},
	{"SG212",
		[]string{
			"\tqueues: q: fifo: true\n\tfunctions: f: async: onFailure: app.queues.q.ref\n",
			"\ttopics: t: arn: \"arn:aws:sns:eu-west-1:123456789012:t.fifo\"\n\tfunctions: f: async: onSuccess: app.topics.t.ref\n",
			"\tqueues: q: fifo: true\n\tfunctions: f: deadLetter: app.queues.q.ref\n",
		},
		[]string{"\tqueues: q: {}\n\tfunctions: f: {async: onFailure: app.queues.q.ref, deadLetter: app.queues.q.ref}\n"}, 0, nil},
	{"SG213",
		[]string{"\tfunctions: {g: source: \"src\", f: deadLetter: app.functions.g.ref}\n"},
		[]string{"\ttopics: t: {}\n\tfunctions: f: deadLetter: app.topics.t.ref\n"}, 0, nil},
	{"SG731",
		[]string{
			"\toverrides: FFunction: Timeuot: 5\n",
			"\toverrides: FFunction: \"SnapStart.Apply\": \"PublishedVersions\"\n",
			"\toverrides: FFunction: MemorySize: \"lots\"\n",
			"\toverrides: FFunction: VpcConfig: SubnetId: [\"subnet-1\"]\n",
			"\toverrides: FFunction: \"Layers.First\": \"arn:aws:lambda:eu-west-1:123456789012:layer:x:1\"\n",
			"\tresources: r: {type: \"AWS::SNS::Topic\", properties: {}, lint: ignore: SG735: \"test\"}\n\toverrides: R: DisplayName: \"x\"\n",
			"\toverrides: FFunction: {SnapStart: {ApplyOn: \"None\"}, \"SnapStart.ApplyOn\": \"PublishedVersions\"}\n",
			"\toverrides: FFunction: {Role: \"arn:aws:iam::123456789012:role/x\", Policies: [\"AWSLambdaBasicExecutionRole\"]}\n\tdiscardsIAM: FFunction: Role: \"test\"\n",
			cond + "\tfunctions: f: env: {AA: {\"Fn::If\": [app.conditions.c.ref, \"1\", \"2\"]}}\n\toverrides: FFunction: \"Environment.Variables.AA.X\": \"2\"\n",
		},
		[]string{
			"\toverrides: FFunction: {Timeout: 5, \"SnapStart.ApplyOn\": \"PublishedVersions\", RecursiveLoop: \"Terminate\"}\n",
			"\toverrides: FFunction: {MemorySize: \"1024\", VpcConfig: {SubnetIds: [\"subnet-1\"], SecurityGroupIds: [{Ref: \"AWS::NoValue\"}]}}\n",
			"\tqueues: q: {}\n\toverrides: QQueue: {VisibilityTimeout: \"{{resolve:ssm:/t:1}}\", RedrivePolicy: {deadLetterTargetArn: \"arn:aws:sqs:eu-west-1:123456789012:d\", maxReceiveCount: 3}}\n",
			"\toverrides: FLogGroup: {KmsKeyId: \"arn:aws:kms:eu-west-1:123456789012:key/1\", DataProtectionPolicy: {Name: \"x\"}}\n",
			// SAM's on-failure Type of a stream event, which samgen renders.
			"\toverrides: FFunction: \"Events.Changes\": {Type: \"DynamoDB\", Properties: {Stream: \"arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2026-01-01T00:00:00.000\", StartingPosition: \"LATEST\", DestinationConfig: OnFailure: {Destination: \"arn:aws:sns:eu-west-1:123456789012:failed\", Type: \"SNS\"}}}\n",
		}, 0, nil},
	{"SG732",
		[]string{
			"\toverrides: FFunction: Role: \"arn:aws:iam::123456789012:role/x\"\n",
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: access: [{read: app.tables.t.ref}]\n\toverrides: FFunction: Policies: [\"AWSLambdaBasicExecutionRole\"]\n",
			"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"A\", states: A: {type: \"Succeed\"}}\n\toverrides: MStateMachine: Role: \"arn:aws:iam::123456789012:role/x\"\n",
			"\tqueues: q: {}\n\ttopics: t: {}\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n\toverrides: QQueuePolicy: \"PolicyDocument.Statement\": []\n",
		},
		[]string{
			"\toverrides: FFunction: Role: \"arn:aws:iam::123456789012:role/x\"\n\tdiscardsIAM: FFunction: Role: \"the platform team's role\"\n",
			"\toverrides: FFunction: Policies: [\"AWSLambdaBasicExecutionRole\"]\n",
			"\toverrides: FFunction: RolePath: \"/app/\"\n",
		}, 0, nil},
	{"SG733",
		[]string{
			"\tdiscardsIAM: FFunction: Role: \"the platform team's role\"\n",
			"\toverrides: FFunction: Timeout: 5\n\tdiscardsIAM: FFunction: Timeout: \"no IAM here\"\n",
		},
		[]string{"\toverrides: FFunction: Role: \"arn:aws:iam::123456789012:role/x\"\n\tdiscardsIAM: FFunction: Role: \"the platform team's role\"\n"}, 0, nil},
	{"SG734",
		[]string{"\tresources: vpc: {type: \"AWS::EC2::VPC\", properties: CidrBlock: \"10.0.0.0/16\"}\n"},
		[]string{""}, 0, nil},
	{"SG735",
		[]string{
			"\tresources: jobs: {type: \"AWS::SQS::Queue\", properties: {}}\n",
			"\tresources: flow: {type: \"AWS::Serverless::StateMachine\", properties: Definition: {StartAt: \"A\", States: A: {Type: \"Succeed\"}}}\n",
		},
		[]string{
			"\tresources: vpc: {type: \"AWS::EC2::VPC\", properties: CidrBlock: \"10.0.0.0/16\"}\n",
			"\tresources: jobs: {type: \"AWS::SSM::Parameter\", properties: {Type: \"String\", Value: \"x\"}}\n",
		}, 0, nil},
	{Rule: "SG736",
		Trigger: []string{
			"\tresources: legacy: {type: \"AWS::Serverless::Function\", properties: {CodeUri: \"scr\", Handler: \"app.handler\", Runtime: \"python3.13\"}}\n",
			"\tresources: legacy: {type: \"AWS::Lambda::Function\", properties: {Code: \"dist/app.zip/\", Handler: \"app.handler\", Runtime: \"python3.13\", Role: \"arn:aws:iam::123456789012:role/r\"}}\n",
			"\tresources: nested: {type: \"AWS::Serverless::Application\", properties: Location: \"stacks/nested.yaml\"}\n",
			"\tresources: etl: {type: \"AWS::Glue::Job\", properties: {Role: \"r\", Command: {Name: \"glueetl\", ScriptLocation: \"/nonexistent/samgen/etl.py\"}}}\n",
		},
		Pass: []string{
			"\tresources: legacy: {type: \"AWS::Serverless::Function\", properties: {CodeUri: \"src\", Handler: \"app.handler\", Runtime: \"python3.13\"}}\n",
			"\tresources: legacy: {type: \"AWS::Lambda::LayerVersion\", properties: Content: \"dist/app.zip\"}\n",
			"\tresources: legacy: {type: \"AWS::Serverless::Function\", properties: {CodeUri: \"s3://artifacts/app.zip\", Handler: \"app.handler\", Runtime: \"python3.13\"}}\n",
			"\tresources: legacy: {type: \"AWS::Serverless::Function\", properties: {CodeUri: {Bucket: \"artifacts\", Key: \"scr.zip\"}, Handler: \"app.handler\", Runtime: \"python3.13\"}}\n",
			"\tresources: legacy: {type: \"AWS::Serverless::Function\", properties: {CodeUri: {\"Fn::Sub\": \"s3://artifacts-${AWS::Region}/scr.zip\"}, Handler: \"app.handler\", Runtime: \"python3.13\"}}\n",
			"\tresources: legacy: {type: \"AWS::Lambda::Function\", properties: {PackageType: \"Image\", Code: \"scr\", Role: \"arn:aws:iam::123456789012:role/r\"}}\n",
			"\tresources: nested: {type: \"AWS::CloudFormation::Stack\", properties: TemplateURL: \"https://s3.amazonaws.com/artifacts/nested.yaml\"}\n",
			// Not a type sam package reads paths of.
			"\tresources: p: {type: \"AWS::SSM::Parameter\", properties: {Type: \"String\", Value: \"scr\"}}\n",
		},
		Setup: sourceFiles},
	{"SG740",
		[]string{
			"\ttables: t: {key: {name: \"id\"}, indexes: byId: key: {name: \"id\", type: \"N\"}}\n",
			"\ttables: t: {key: {name: \"id\"}, sortKey: {name: \"at\", type: \"N\"}, localIndexes: byAt: sortKey: {name: \"at\"}}\n",
		},
		[]string{"\ttables: t: {key: {name: \"id\"}, sortKey: {name: \"at\", type: \"N\"}, indexes: byCustomer: {key: {name: \"customer\"}, sortKey: {name: \"at\", type: \"N\"}}}\n"}, 0, nil},
	{"SG741",
		[]string{
			"\ttables: t: {key: {name: \"id\"}, localIndexes: byAt: sortKey: {name: \"at\"}}\n",
			"\ttables: t: {key: {name: \"id\"}, billing: \"PROVISIONED\", capacity: {read: 1, write: 1}, indexes: byCustomer: key: {name: \"customer\"}}\n",
			"\ttables: t: {key: {name: \"id\"}, indexes: byCustomer: {key: {name: \"customer\"}, capacity: {read: 1, write: 1}}}\n",
			"\ttables: t: {key: {name: \"id\"}, indexes: byCustomer: {key: {name: \"customer\"}, projection: \"INCLUDE\"}}\n",
			"\ttables: t: {key: {name: \"id\"}, indexes: byCustomer: {key: {name: \"customer\"}, include: [\"total\"]}}\n",
			includeIndexes(6, 17),
		},
		[]string{"\ttables: t: {key: {name: \"id\"}, sortKey: {name: \"at\"}, localIndexes: byTotal: {sortKey: {name: \"total\", type: \"N\"}, projection: \"KEYS_ONLY\"}, indexes: byCustomer: {key: {name: \"customer\"}, projection: \"INCLUDE\", include: [\"total\"]}}\n", includeIndexes(5, 20)}, 0, nil},
	{"SG742",
		[]string{
			"\tbuckets: b: lifecycle: [{id: \"x\", expireDays: 30}, {id: \"x\", expireDays: 60}]\n",
			"\tbuckets: b: lifecycle: [{id: \"x\", prefix: \"tmp/\"}]\n",
			"\tbuckets: b: lifecycle: [{id: \"x\", transitions: [{days: 7, storageClass: \"ONEZONE_IA\"}]}]\n",
		},
		[]string{
			"\tbuckets: b: lifecycle: [{id: \"x\", expireDays: 30}, {id: \"y\", abortIncompleteUploadDays: 1}]\n",
			"\tbuckets: b: lifecycle: [{id: \"x\", transitions: [{days: 30, storageClass: \"STANDARD_IA\"}, {days: 0, storageClass: \"GLACIER\"}]}]\n",
		}, 0, nil},
	{"SG743",
		[]string{
			"\talarms: a: {function: app.functions.f.ref, metric: \"Errors\", period: 90, threshold: 1}\n",
			"\talarms: a: {function: app.functions.f.ref, metric: \"Errors\", period: 300, evaluationPeriods: 300, threshold: 1}\n",
			"\talarms: a: {function: app.functions.f.ref, metric: \"Errors\", evaluationPeriods: 2, datapointsToAlarm: 3, threshold: 1}\n",
			"\talarms: a: {metric: \"Errors\", threshold: 1}\n",
		},
		[]string{
			"\talarms: a: {function: app.functions.f.ref, metric: \"Errors\", period: 120, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 1}\n",
			"\talarms: a: {function: app.functions.f.ref, metric: \"Errors\", period: 3600, evaluationPeriods: 168, threshold: 1}\n",
		}, 0, nil},
	{"SG800",
		[]string{
			"\tfunctions: f: lint: ignore: SG899: \"no such rule\"\n",
			"\tfunctions: f: lint: ignore: SG103: \"an error\"\n",
			// Any resource with a lint field is checked, not a fixed list.
			"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"Done\", states: Done: type: \"Succeed\", lint: ignore: SG899: \"no such rule\"}\n",
		},
		[]string{"\tfunctions: f: lint: ignore: SG801: \"traced by the caller\"\n"}, 0, nil},
	{"SG801",
		[]string{defaultsWithout("tracing"), "\tfunctions: f: tracing: \"PassThrough\"\n"},
		[]string{"", defaultsWithout("tracing") + "\tfunctions: f: tracing: \"Active\"\n"}, 0, nil},
	{"SG802",
		// rotate grants secretsmanager:GetRandomPassword, which has no
		// resource-level permissions, on "*".
		[]string{"\tsecrets: s: arn: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\"\n\tfunctions: f: access: [{rotate: app.secrets.s.ref}]\n"},
		[]string{
			"\tqueues: q: {}\n\tfunctions: f: access: [{send: app.queues.q.ref}]\n",
			// An existing function's ARN with ":*" beside it: its versions.
			"\tfunctions: old: arn: \"arn:aws:lambda:eu-west-1:123456789012:function:old\"\n\tfunctions: f: access: [{invoke: app.functions.old.ref}]\n",
		}, 0, nil},
	{"SG803",
		[]string{defaultsWithout("memory")},
		[]string{"", defaultsWithout("memory") + "\tfunctions: f: memory: 1024\n"}, 0, nil},
	{"SG804",
		[]string{defaultsWithout("timeout")},
		[]string{"", defaultsWithout("timeout") + "\tfunctions: f: timeout: 30\n"}, 0, nil},
	{"SG805",
		[]string{defaultsWithout("logging"), defaultsWithout("logging") + "\tfunctions: f: logging: format: \"JSON\"\n"},
		[]string{"", defaultsWithout("logging") + "\tfunctions: f: logging: retention: 14\n"}, 0, nil},
	{"SG806",
		[]string{
			"\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\"}\n",
			"\ttables: t: {key: name: \"id\", stream: \"NEW_IMAGE\"}\n\tfunctions: f: events: d: dynamodb: {table: app.tables.t.ref, startingPosition: \"LATEST\"}\n",
			"\tfunctions: f: events: k: msk: {cluster: \"arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc\", topic: \"orders\", startingPosition: \"LATEST\"}\n",
		},
		[]string{
			"\ttopics: t: {}\n\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\", onFailure: app.topics.t.ref}\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.dlq.ref, dlq: {}}\n\tfunctions: f: events: s: sqs: queue: app.queues.q.ref\n",
		}, 0, nil},
	{"SG807",
		[]string{
			"\tfunctions: f: events: tick: schedule: expression: \"rate(5 minutes)\"\n",
			"\ttopics: t: {}\n\tqueues: dlq: {}\n\tfunctions: f: events: n: sns: {topic: app.topics.t.ref, deadLetter: app.queues.dlq.ref}\n",
			"\tfunctions: f: async: retries: 0\n",
			"\tbuses: b: {}\n\tfunctions: f: async: onSuccess: app.buses.b.ref\n",
		},
		[]string{
			"",
			"\tqueues: dlq: {}\n\tfunctions: f: {deadLetter: app.queues.dlq.ref, events: tick: schedule: expression: \"rate(5 minutes)\"}\n",
			"\tqueues: q: {}\n\tfunctions: f: {async: onFailure: app.queues.q.ref, events: tick: schedule: expression: \"rate(5 minutes)\"}\n",
		}, 0, nil},
	{"SG808",
		[]string{"\tqueues: q: {}\n"},
		[]string{
			"\tqueues: {q: redrive: deadLetter: app.queues.dlq.ref, dlq: {}}\n",
			"\tqueues: q: arn: \"arn:aws:sqs:eu-west-1:123456789012:q\"\n",
			"\tqueues: q: {}\n\tfunctions: f: async: onFailure: app.queues.q.ref\n",
			"\tqueues: q: {}\n\ttopics: t: {}\n\tfunctions: f: events: n: sns: {topic: app.topics.t.ref, deadLetter: app.queues.q.ref}\n",
		}, 0, nil},
	{"SG809",
		[]string{"\ttopics: t: {}\n\tfunctions: f: events: n: sns: topic: app.topics.t.ref\n"},
		[]string{"\ttopics: t: {}\n\tqueues: dlq: {}\n\tfunctions: f: events: n: sns: {topic: app.topics.t.ref, deadLetter: app.queues.dlq.ref}\n"}, 0, nil},
	{"SG810",
		[]string{"\tfunctions: f: events: e: eventBridge: pattern: source: [\"shop\"]\n"},
		[]string{"\tqueues: dlq: {}\n\tfunctions: f: events: e: eventBridge: {pattern: source: [\"shop\"], deadLetter: app.queues.dlq.ref}\n"}, 0, nil},
	{"SG110",
		[]string{"\tfunctions: old: {arn: \"arn:aws:lambda:eu-west-1:123456789012:function:old\", memory: 512}\n"},
		[]string{"\tfunctions: old: arn: \"arn:aws:lambda:eu-west-1:123456789012:function:old\"\n"}, 0, nil},
	{"SG811",
		[]string{"\tstateMachines: m: {type: \"STANDARD\", startAt: \"Done\", states: Done: type: \"Succeed\"}\n"},
		[]string{"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"Done\", states: Done: type: \"Succeed\"}\n"}, 0, nil},
	{"SG812",
		[]string{"\thttpApis: h: stage: \"v1\"\n", "\tapis: r: {stage: \"v1\", tracing: true}\n", "\tapis: r: {stage: \"v1\", accessLog: retention: 7}\n"},
		[]string{"\thttpApis: h: {stage: \"v1\", accessLog: retention: 7}\n", "\tapis: r: {stage: \"v1\", tracing: true, accessLog: retention: 7}\n", ""}, 0, nil},
	{"SG813",
		[]string{
			"\tqueues: {q: redrive: deadLetter: app.queues.d.ref, d: {}}\n\tfunctions: f: events: e: sqs: queue: app.queues.q.ref\n",
			"\tqueues: {q: {visibilityTimeout: 60, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchWindow: 5}\n",
		},
		[]string{
			"\tqueues: {q: {visibilityTimeout: 65, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: events: e: sqs: {queue: app.queues.q.ref, batchWindow: 5}\n",
			"\tqueues: {q: {visibilityTimeout: 5, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: events: e: sqs: queue: app.queues.q.ref\n",
		}, 0, nil},
	{"SG814",
		[]string{
			"\tqueues: {q: {visibilityTimeout: 60, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: {reservedConcurrency: 0, events: e: sqs: queue: app.queues.q.ref}\n",
			"\tfunctions: f: {reservedConcurrency: 0, events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\", enabled: true}}\n",
		},
		[]string{
			"\tqueues: {q: {visibilityTimeout: 60, redrive: deadLetter: app.queues.d.ref}, d: {}}\n\tfunctions: f: {reservedConcurrency: 0, events: e: sqs: {queue: app.queues.q.ref, enabled: false}}\n",
			"\tfunctions: f: {reservedConcurrency: 0, events: s: schedule: expression: \"rate(1 hour)\"}\n",
		}, 0, nil},
	{"SG815",
		[]string{"\ttables: t: {key: name: \"id\", pointInTimeRecovery: false}\n", "\tbuckets: b: blockPublicAccess: false\n"},
		[]string{"\ttables: t: key: name: \"id\"\n\tbuckets: b: {}\n"}, 0, nil},
	{"SG816",
		[]string{
			"\thttpApis: h: stage: \"v1\"\n",
			"\thttpApis: h: defaultRouteSettings: throttle: rate: 10\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: failOnWarnings: true\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: defaultRouteSettings: throttle: burst: 10\n",
			"\tapis: r: {stage: \"v1\", methodSettings: [{path: \"/orders\", throttle: {burst: 10, rate: 5}}]}\n",
			"\twebSocketApis: w: routes: $default: function: app.functions.f.ref\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\"}\n\timplicitApi: tracing: true\n",
		},
		[]string{
			"\thttpApis: h: defaultRouteSettings: throttle: {burst: 10, rate: 5}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: defaultRouteSettings: throttle: {burst: 10, rate: 5}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n",
			"\tapis: r: {stage: \"v1\", methodSettings: [{throttle: {burst: 10, rate: 5}}]}\n",
			"\twebSocketApis: w: {routes: $default: function: app.functions.f.ref, defaultRouteSettings: throttle: {burst: 10, rate: 5}}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\"}\n\timplicitApi: methodSettings: [{throttle: {burst: 10, rate: 5}}]\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\"}\n",
		}, 0, nil},
	{"SG817",
		[]string{
			"\thttpApis: h: {}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\", api: app.httpApis.h.ref}\n",
			"\tapis: r: stage: \"v1\"\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\", api: app.apis.r.ref}\n",
			"\tapis: r: stage: \"v1\"\n\tstateMachines: m: {startAt: \"A\", states: A: {type: \"Succeed\"}, events: e: api: {method: \"POST\", path: \"/x\", api: app.apis.r.ref}}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: failOnWarnings: true\n",
			"\twebSocketApis: w: routes: $default: function: app.functions.f.ref\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\"}\n\timplicitApi: tracing: true\n",
		},
		[]string{
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\"}\n",
			"\tfunctions: {f: events: e: api: {method: \"GET\", path: \"/x\"}, auth: {}}\n\timplicitApi: {authorizers: a: lambda: function: app.functions.auth.ref, defaultAuthorizer: \"a\"}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n",
			"\tapis: r: {stage: \"v1\", authorizers: a: lambda: function: app.functions.f.ref, defaultAuthorizer: \"a\"}\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\", api: app.apis.r.ref}\n",
			"\tapis: r: {stage: \"v1\", authorizers: a: lambda: function: app.functions.f.ref, defaultAuthorizer: \"a\"}\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/x\", api: app.apis.r.ref, authorizer: \"NONE\"}\n",
			"\thttpApis: h: {authorizers: u: jwt: {issuer: \"https://auth.example.com\", audience: [\"x\"]}, defaultAuthorizer: \"u\"}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\", api: app.httpApis.h.ref}\n",
			"\twebSocketApis: w: {routes: $connect: function: app.functions.f.ref, authorizer: iam: true}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: {authorizers: u: jwt: {issuer: \"https://auth.example.com\", audience: [\"x\"]}, defaultAuthorizer: \"u\"}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\", authorizer: \"AWS_IAM\"}\n\timplicitHttpApi: failOnWarnings: true\n",
		}, 0, nil},
	{"SG711",
		[]string{"\tbuckets: b: arn: \"arn:aws:s3:::b\"\n" + s3},
		[]string{"\tbuckets: b: {}\n" + s3}, 0, nil},
	{"SG712",
		[]string{
			"\tkeys: k: {}\n\tbuckets: b: key: app.keys.k.ref\n",
			"\tbuckets: abcdefghijabcdefghijabcdefghij: {}\n\tfunctions: f: events: u: s3: bucket: app.buckets.abcdefghijabcdefghijabcdefghij.ref\n",
		},
		[]string{
			"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n",
			"\tbuckets: abcdefghijabcdefghijabcdefghij: name: \"short-name\"\n\tfunctions: f: events: u: s3: bucket: app.buckets.abcdefghijabcdefghijabcdefghij.ref\n",
		}, 0, nil},
	{"SG713",
		[]string{"\tstreams: s: mode: \"PROVISIONED\"\n", "\tstreams: s: shards: 2\n", "\tkeys: k: {}\n\tstreams: s: {encryption: false, key: app.keys.k.ref}\n"},
		[]string{"\tstreams: s: {mode: \"PROVISIONED\", shards: 1}\n", "\tstreams: s: {}\n"}, 0, nil},
	{"SG714",
		[]string{
			"\tresources: r: {type: \"AWS::SNS::Topic\", properties: TopicName: {kind: \"queue\", name: \"nope\"}}\n",
			"\tqueues: q: {}\n" + "\tparameters: env: default: \"dev\"\n\tconditions: c: equals: [app.queues.q.ref, \"x\"]\n",
			"\tresources: r: {type: \"AWS::SNS::Topic\", properties: DisplayName: {\"Fn::If\": [\"Nope\", \"a\", \"b\"]}}\n",
			"\tresources: r: {type: \"AWS::SNS::Topic\", properties: {}, dependsOn: [{kind: \"queue\", name: \"nope\"}]}\n",
		},
		[]string{
			"\tqueues: q: {}\n\tresources: r: {type: \"AWS::SNS::Topic\", properties: TopicName: {ref: app.queues.q.ref, attr: \"name\"}}\n",
			cond + "\tresources: r: {type: \"AWS::SNS::Topic\", properties: DisplayName: {\"Fn::If\": [\"C\", \"a\", \"b\"]}}\n",
		}, 0, nil},
	{"SG721",
		[]string{"\tqueues: q: {fifo: true, name: \"jobs\"}\n",
			"\ttopics: t: name: \"news.fifo\"\n",
			"\tqueues: q: {fifo: true, arn: \"arn:aws:sqs:eu-west-1:123456789012:jobs\"}\n"},
		[]string{"\tqueues: q: {fifo: true, name: \"jobs.fifo\"}\n",
			"\tqueues: q: {fifo: true, name: \"${AWS::StackName}-jobs.fifo\"}\n",
			"\ttopics: t: name: {Ref: \"AWS::StackName\"}\n"}, 0, nil},
	{"SG715",
		[]string{"\toverrides: NopeFunction: Timeout: 5\n"},
		[]string{"\toverrides: FFunction: Timeout: 5\n", "\toverrides: FLogGroup: KmsKeyId: \"arn:aws:kms:eu-west-1:123456789012:key/1\"\n"}, 0, nil},
	{"SG716",
		[]string{"\toverrides: FFunction: Timeout: 5\n"},
		[]string{""}, 0, nil},
	{"SG717",
		[]string{
			"\tqueues: q: {}\n\trules: r: targets: t: queue: app.queues.q.ref\n",
			"\tqueues: q: {}\n\trules: r: {pattern: source: [\"x\"], schedule: \"rate(1 hour)\", targets: t: queue: app.queues.q.ref}\n",
			"\tqueues: q: {}\n\ttopics: t: {}\n\trules: r: {pattern: source: [\"x\"], targets: t: {queue: app.queues.q.ref, topic: app.topics.t.ref}}\n",
			"\trules: r: {pattern: source: [\"x\"], targets: {}}\n",
			"\tqueues: q: fifo: true\n\trules: r: {pattern: source: [\"x\"], targets: t: queue: app.queues.q.ref}\n",
			"\tbuses: b: {}\n\tqueues: q: {}\n\trules: r: {bus: app.buses.b.ref, schedule: \"rate(1 hour)\", targets: t: queue: app.queues.q.ref}\n",
		},
		[]string{
			"\tqueues: q: {}\n\trules: r: {pattern: source: [\"x\"], targets: t: queue: app.queues.q.ref}\n",
			"\tqueues: q: fifo: true\n\trules: r: {schedule: \"rate(1 hour)\", targets: t: {queue: app.queues.q.ref, messageGroupId: \"g\"}}\n",
		}, 0, nil},
	{"SG718",
		[]string{
			"\tapis: a: stage: \"v1\"\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.apis.a.ref}\n",
			"\thttpApis: h: {}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref, authorizer: \"nope\"}\n",
			"\thttpApis: h: defaultAuthorizer: \"nope\"\n",
			"\thttpApis: h: cors: {origins: [\"*\"], credentials: true}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", authorizer: \"users\"}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", authorizer: \"users\"}\n\timplicitApi: tracing: true\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", authorizer: \"NONE\"}\n\timplicitApi: tracing: true\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\"}\n\timplicitApi: cors: {origin: \"*\", credentials: true}\n",
			"\tapis: a: {stage: \"v1\", authorizers: t: lambda: {function: app.functions.f.ref, request: {}}}\n",
			"\thttpApis: h: authorizers: users: jwt: {issuer: \"https://example.com\", audience: [\"a\"]}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref, authorizer: \"NONE\"}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", apiKeyRequired: true}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", apiKeyRequired: false}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", scopes: [\"orders/read\"]}\n",
			"\thttpApis: h: {}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref, scopes: [\"orders/read\"]}\n",
			"\tapis: a: stage: \"v1\"\n\tstateMachines: m: {tracing: true, startAt: \"A\", states: A: {type: \"Succeed\"}, events: e: api: {method: \"GET\", path: \"/\", api: app.apis.a.ref, authorizer: \"nope\"}}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", authorizer: \"nope\"}\n\timplicitHttpApi: {authorizers: u: jwt: {issuer: \"https://auth.example.com\", audience: [\"x\"]}}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: defaultAuthorizer: \"nope\"\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/x\"}\n\timplicitHttpApi: cors: {origins: [\"*\"], credentials: true}\n",
			"\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", authorizer: \"NONE\"}\n\timplicitHttpApi: failOnWarnings: true\n",
		},
		[]string{
			"\thttpApis: h: {authorizers: users: jwt: {issuer: \"https://example.com\", audience: [\"a\"]}, defaultAuthorizer: \"users\"}\n\tfunctions: f: events: {e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref}, p: httpApi: {method: \"GET\", path: \"/p\", api: app.httpApis.h.ref, authorizer: \"NONE\"}}\n",
			"\thttpApis: h: cors: {origins: [\"https://example.com\"], credentials: true}\n",
			"\tapis: a: {stage: \"v1\", defaultAuthorizer: \"AWS_IAM\", authorizers: t: lambda: {function: app.functions.f.ref, request: headers: [\"X-Tenant\"]}}\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", api: app.apis.a.ref, authorizer: \"t\"}\n",
			"\thttpApis: h: {}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref, authorizer: \"AWS_IAM\"}\n",
			"\tfunctions: f: events: {e: api: {method: \"GET\", path: \"/\", authorizer: \"t\"}, p: api: {method: \"GET\", path: \"/p\", authorizer: \"NONE\"}}\n\timplicitApi: {defaultAuthorizer: \"t\", authorizers: t: lambda: {function: app.functions.f.ref, request: headers: [\"X-Tenant\"]}}\n",
			"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", apiKeyRequired: true}\n",
			"\thttpApis: h: {authorizers: users: jwt: {issuer: \"https://example.com\", audience: [\"a\"]}, defaultAuthorizer: \"users\"}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref, scopes: [\"orders/read\"]}\n",
			"\tapis: a: {stage: \"v1\", authorizers: users: cognito: userPools: [\"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_EXAMPLE\"]}\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", api: app.apis.a.ref, authorizer: \"users\", scopes: [\"orders/read\"]}\n",
			"\tfunctions: f: events: {e: httpApi: {method: \"GET\", path: \"/\", scopes: [\"orders/read\"]}, p: httpApi: {method: \"GET\", path: \"/p\", authorizer: \"NONE\"}}\n\timplicitHttpApi: {authorizers: u: jwt: {issuer: \"https://auth.example.com\", audience: [\"x\"]}, defaultAuthorizer: \"u\"}\n",
		}, 0, nil},
	{"SG719",
		[]string{"\ttopics: t: fifo: true\n\tqueues: q: {}\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n"},
		[]string{"\ttopics: t: {}\n\tqueues: q: {}\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n"}, 0, nil},
	{"SG720",
		[]string{cond + "\ttables: t: {key: name: \"id\", condition: app.conditions.c.ref}\n\tfunctions: f: env: TABLE: app.tables.t.ref\n"},
		[]string{
			cond + "\ttables: t: {key: name: \"id\", condition: app.conditions.c.ref}\n\tfunctions: f: {condition: app.conditions.c.ref, env: TABLE: app.tables.t.ref}\n",
			cond + "\ttables: t: {key: name: \"id\", condition: app.conditions.c.ref}\n\tresources: r: {type: \"AWS::SNS::Topic\", properties: DisplayName: {\"Fn::If\": [\"C\", app.tables.t.ref, \"none\"]}}\n",
		}, 0, nil},
}

// includeIndexes is a table t with n global indexes, each an INCLUDE
// projection of k attributes.
func includeIndexes(n, k int) string {
	var attrs, ixs []string
	for i := range k {
		attrs = append(attrs, fmt.Sprintf("%q", fmt.Sprintf("a%d", i)))
	}
	for i := range n {
		ixs = append(ixs, fmt.Sprintf("by%d: {key: {name: \"k%d\"}, projection: \"INCLUDE\", include: [%s]}", i, i, strings.Join(attrs, ", ")))
	}
	return "\ttables: t: {key: {name: \"id\"}, indexes: {" + strings.Join(ixs, ", ") + "}}\n"
}

// standard is a STANDARD state machine m.
const standard = "\tstateMachines: m: {tracing: true, startAt: \"A\", states: A: {type: \"Succeed\"}}\n"

// restRoute is a REST API a with the route GET /items/{id}.
const restRoute = "\tapis: a: stage: \"v1\"\n\tfunctions: f: events: e: api: {method: \"GET\", path: \"/items/{id}\", api: app.apis.a.ref}\n"

// fileMachine is a state machine m defined by an ASL file of aslFiles, with
// the given substitutions, beside a table and a queue it may bind.
func fileMachine(file, subs string) string {
	return "\ttables: orders: key: name: \"id\"\n\tqueues: jobs: {}\n" +
		"\tstateMachines: m: {type: \"STANDARD\", tracing: true, definitionFile: \"" + file + "\", definitionSubstitutions: {" + subs + "}}\n"
}

// saveMachine is a typed state machine m that writes to table orders.
const saveMachine = "\ttables: orders: key: name: \"id\"\n" +
	"\tstateMachines: m: {startAt: \"Save\", states: Save: schema.#DynamoDBPutItem & {table: app.tables.orders.ref, item: id: S: \"1\", end: true}}\n"

// ownRole is saveMachine with a role of its own, a raw role allowing
// action on the table.
func ownRole(action string) string {
	return saveMachine + "\tstateMachines: m: role: app.resources.workflows.ref\n" +
		"\tresources: workflows: {type: \"AWS::IAM::Role\", properties: {AssumeRolePolicyDocument: {Version: \"2012-10-17\", Statement: [{Effect: \"Allow\", Principal: Service: \"states.amazonaws.com\", Action: \"sts:AssumeRole\"}]}, " +
		"Policies: [{PolicyName: \"tables\", PolicyDocument: {Version: \"2012-10-17\", Statement: [{Effect: \"Allow\", Action: [\"" + action + "\"], Resource: {\"Fn::GetAtt\": [app.tables.orders.ref, \"Arn\"]}}]}}]}}\n"
}

// openAPIDoc is an HTTP API (kind "h") or a REST API ("a") whose inline
// document has version and the integration integ on POST /o, with subs.
func openAPIDoc(kind, version, integ, subs string) string {
	api := "httpApis: h: {"
	if kind == "a" {
		api = "apis: a: {stage: \"v1\", "
	}
	return "\t" + api + "definitionBody: {" + version + ", paths: \"/o\": post: \"x-amazon-apigateway-integration\": " + integ + "}, definitionSubstitutions: {" + subs + "}}\n"
}

// syncStart is an HTTP API integration starting ${M} synchronously.
const syncStart = `{type: "aws_proxy", integrationSubtype: "StepFunctions-StartSyncExecution", credentials: "${IntegrationsRole}", requestParameters: {StateMachineArn: "${M}", Input: "$request.body"}}`

// lambdaInteg is a Lambda proxy integration of the function ${F}.
const lambdaInteg = `{type: "aws_proxy", httpMethod: "POST", uri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${F}/invocations", payloadFormatVersion: "2.0"}`

// aslFiles writes the ASL files of the definition file cases.
// sourceFiles is the Setup of the source rules' cases: scr and
// layers/lib are missing, dist/app.zip is a file (an empty zip archive).
func sourceFiles(t *testing.T, dir string) {
	for _, p := range []string{"scr", "layers/lib", "dist"} {
		if err := os.RemoveAll(filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	emptyZip := append([]byte("PK\x05\x06"), make([]byte, 18)...)
	if err := os.WriteFile(filepath.Join(dir, "dist", "app.zip"), emptyZip, 0o644); err != nil {
		t.Fatal(err)
	}
}

func aslFiles(t *testing.T, dir string) {
	save := `{"StartAt": "Save", "States": {"Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
  "Parameters": {"TableName": "${OrdersTable}", "Item": {"id": {"S.$": "$.id"}}}, "End": true}}}`
	files := map[string]string{
		"save.asl.json":    save,
		"typo.asl.json":    `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B", "End": true}}}`,
		"literal.asl.json": strings.ReplaceAll(save, "${OrdersTable}", "orders"),
		"dynamic.asl.json": strings.ReplaceAll(save, `"TableName": "${OrdersTable}"`, `"TableName.$": "$.table"`),
		"region.asl.yaml":  "StartAt: Save\nStates:\n  Save:\n    Type: Task\n    Resource: arn:aws:states:::dynamodb:putItem\n    Parameters:\n      TableName: ${OrdersTable}\n      Item: {id: {S: \"${AWS::Region}\"}}\n    End: true\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tagList is n tags, t1 to tn.
func tagList(n int) string {
	var tags []string
	for i := 1; i <= n; i++ {
		tags = append(tags, fmt.Sprintf("t%d: \"v\"", i))
	}
	return strings.Join(tags, ", ")
}

// outputList is n outputs, o1 to on.
func outputList(n int) string {
	var outs []string
	for i := 1; i <= n; i++ {
		outs = append(outs, fmt.Sprintf("o%d: value: \"v\"", i))
	}
	return strings.Join(outs, ", ")
}
