// Package soakspec generates random valid specs for the differential soak
// test (render/soak_test.go): every feature samgen has, in random
// combinations, each spec from a seed. A spec it generates must pass
// samgen's checks; the soak test then requires cfn-lint and SAM's
// translator, which samgen does not control, to accept the template.
//
// The generator is tables of features (resourceFeatures, functionFeatures,
// stateFeatures, appFeatures): adding a feature to samgen is adding one
// entry to the table of its kind. A feature writes CUE and asks the
// generator for the resources it refers to (g.queue(fifo), g.table(...)),
// which are created on first use.
//
// Specs are valid by construction, which takes keeping to samgen's rules:
// references between resources only ever go from later to earlier ones
// (functions to earlier functions and state machines, state machines to
// earlier functions, declared APIs to the functions of their routes and
// last, one client function to the APIs), so there is no dependency loop;
// queues outlast the longest function timeout; FIFO pairs with FIFO.
package soakspec

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Spec returns the spec of seed: a samgen.cue of package soak.
func Spec(seed uint64) []byte {
	g := &Gen{r: rand.New(rand.NewPCG(seed, 0x5a6e)), sections: map[string][]string{}}
	g.generate()
	return []byte(g.String())
}

// Gen is a spec being generated.
type Gen struct {
	r        *rand.Rand
	n        int
	sections map[string][]string
	order    []string

	runtime string
	arch    string
	// defLevels is set when defaults.function sets log levels, which a
	// function's Text format cannot take (SG109).
	defLevels bool
	defLayers []string
	// pools of resources created so far, by the options they were made
	// with.
	tables    []table
	queues    []queueRes
	topics    []topicRes
	buses     []string
	buckets   []bucketRes
	streams   []string
	keys      []string
	params    []string
	secrets   []string
	layers    []layerRes
	functions []fnRes
	machines  []string
	restAPIs  []string
	// implicitRest is set once a route names no REST API: SAM's implicit
	// one, which implicitApi may configure.
	implicitRest bool
	// implicitHttp is implicitRest for SAM's implicit HTTP API, which
	// implicitHttpApi may configure.
	implicitHttp bool
	// fields are the app's own fields that are no collection's.
	fields []string
	// apiAuth is the kind of authorizer of a declared API ("token",
	// "lambda"), "" for none.
	apiAuth map[string]string
	// apiDefault holds the declared APIs whose authorizer is their
	// default: only their routes may be NONE (SG718).
	apiDefault map[string]bool
	httpAPIs   []string
	parameters []string
	// lists are the parameters whose value is a list (CommaDelimitedList).
	lists      map[string]bool
	conditions []string
	raws       []string
	routeN     int
}

type table struct {
	name     string
	stream   bool
	existing bool
}

type queueRes struct {
	name     string
	fifo     bool
	existing bool
	// keyed queues are under a customer managed key.
	keyed bool
}

type topicRes struct {
	name     string
	fifo     bool
	existing bool
}

type bucketRes struct {
	name     string
	existing bool
}

type layerRes struct {
	name  string
	owned bool
}

type fnRes struct {
	name  string
	image bool
}

// maxTimeout bounds the functions' timeouts, so every queue's visibility
// timeout can outlast every consumer (SG302).
const maxTimeout = 60

// runtimes are the runtimes functions get: supported on every date the
// tests pin, known to cfn-lint and SAM.
var runtimes = []string{"python3.13", "python3.12", "nodejs22.x", "java21", "provided.al2023"}

func (g *Gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *Gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g *Gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// name returns a fresh name of a collection's entries, with the
// separators names may have.
func (g *Gen) name(base string) string {
	g.n++
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s-%d", base, g.n)
	case 1:
		return fmt.Sprintf("%s_%d", base, g.n)
	}
	return fmt.Sprintf("%s%d", base, g.n)
}

// add declares an entry of a collection of #App.
func (g *Gen) add(collection, name, body string) {
	if _, ok := g.sections[collection]; !ok {
		g.order = append(g.order, collection)
	}
	g.sections[collection] = append(g.sections[collection], fmt.Sprintf("%q: %s", name, body))
}

// ref renders a reference to an entry.
func ref(collection, name string) string { return fmt.Sprintf("app.%s[%q].ref", collection, name) }

func (g *Gen) String() string {
	var b strings.Builder
	b.WriteString("package soak\n\nimport \"samgen.dev/schema\"\n\nstage: *\"dev\" | \"prod\" @tag(stage)\n\napp: schema.#App & {\n\tname: \"soak\"\n")
	for _, c := range g.order {
		for _, e := range g.sections[c] {
			fmt.Fprintf(&b, "\t%s: %s\n", c, e)
		}
	}
	for _, f := range g.fields {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	b.WriteString("}\n")
	return b.String()
}

// feature is one thing samgen can render, written into a spec with some
// probability.
type feature struct {
	name string
	p    float64
	gen  func(g *Gen)
}

func (g *Gen) run(fs []feature) {
	for _, f := range fs {
		if g.chance(f.p) {
			f.gen(g)
		}
	}
}

func (g *Gen) generate() {
	g.apiAuth = map[string]string{}
	g.apiDefault = map[string]bool{}
	g.defaults()
	g.run(resourceFeatures)
	for i, n := 0, g.between(1, 5); i < n; i++ {
		g.function()
		if g.chance(0.3) {
			g.machine()
		}
	}
	g.declareAPIs()
	if g.chance(0.5) {
		g.client()
	}
	g.run(appFeatures)
}

func (g *Gen) defaults() {
	g.runtime = g.pick(runtimes...)
	g.arch = g.pick("x86_64", "arm64")
	var d []string
	d = append(d, fmt.Sprintf("runtime: %q", g.runtime), fmt.Sprintf("handler: %q", handler(g.runtime)),
		fmt.Sprintf("architecture: %q", g.arch), fmt.Sprintf("memory: %d", g.pick128()), fmt.Sprintf("timeout: %d", g.between(3, maxTimeout)))
	if g.chance(0.7) {
		d = append(d, fmt.Sprintf("tracing: %q", g.pick("Active", "PassThrough")))
	}
	if g.chance(0.5) {
		d = append(d, "env: STAGE: stage")
	}
	if g.chance(0.5) {
		lv := ""
		if g.chance(0.5) {
			g.defLevels = true
			lv = fmt.Sprintf(", applicationLevel: %q, systemLevel: %q", g.pick("DEBUG", "INFO", "WARN"), g.pick("DEBUG", "INFO", "WARN"))
		}
		d = append(d, fmt.Sprintf("logging: {format: \"JSON\", retention: %d%s}", g.retention(), lv))
	}
	if g.chance(0.2) {
		d = append(d, fmt.Sprintf("ephemeralStorage: %d", g.between(512, 4096)))
	}
	if g.chance(0.3) {
		d = append(d, `tags: {team: "shop", "cost-centre": "42"}`)
	}
	if g.chance(0.2) {
		l := g.layer()
		g.defLayers = append(g.defLayers, l)
		d = append(d, fmt.Sprintf("layers: [%s]", ref("layers", l)))
	}
	g.sections["defaults"] = []string{"function: {" + strings.Join(d, ", ") + "}"}
	g.order = append(g.order, "defaults")
}

func handler(runtime string) string {
	switch {
	case strings.HasPrefix(runtime, "java"):
		return "shop.Handler::handleRequest"
	case strings.HasPrefix(runtime, "provided"):
		return "bootstrap"
	case strings.HasPrefix(runtime, "nodejs"):
		return "index.handler"
	}
	return "app.handler"
}

func (g *Gen) pick128() int { return []int{128, 256, 512, 1024, 1769, 3008}[g.r.IntN(6)] }

func (g *Gen) retention() int { return []int{1, 7, 14, 30, 90, 365}[g.r.IntN(6)] }

// Resources a feature refers to, made on first use.

func (g *Gen) table(stream bool) string {
	for _, t := range g.tables {
		if t.stream == stream && !t.existing && g.chance(0.6) {
			return t.name
		}
	}
	name := g.name("orders")
	body := []string{`key: {name: "id", type: "S"}`}
	if g.chance(0.4) {
		body = append(body, `sortKey: {name: "at", type: "N"}`)
	}
	if g.chance(0.3) {
		body = append(body, `billing: "PROVISIONED"`, fmt.Sprintf("capacity: {read: %d, write: %d}", g.between(1, 20), g.between(1, 20)))
	}
	if stream {
		body = append(body, fmt.Sprintf("stream: %q", g.pick("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY")))
	}
	if g.chance(0.3) {
		body = append(body, `ttl: "expiresAt"`)
	}
	if g.chance(0.2) {
		body = append(body, "pointInTimeRecovery: false")
	}
	if g.chance(0.2) {
		body = append(body, `tags: owner: "orders"`)
	}
	// A table under a customer managed key: its readers, writers and
	// stream consumers get kms:Decrypt on it.
	if g.chance(0.2) {
		body = append(body, "encryptionKey: "+ref("keys", g.key()))
	}
	if g.chance(0.1) {
		body = append(body, fmt.Sprintf("logicalId: %q", fmt.Sprintf("Legacy%dTable", g.n)))
	}
	g.add("tables", name, "{"+strings.Join(body, ", ")+"}")
	g.tables = append(g.tables, table{name: name, stream: stream})
	return name
}

func (g *Gen) existingTable() string {
	name := g.name("legacy")
	g.add("tables", name, fmt.Sprintf(`{arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/%s", streamArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/%s/stream/2026-01-01T00:00:00.000"}`, name, name))
	g.tables = append(g.tables, table{name: name, stream: true, existing: true})
	return name
}

func (g *Gen) queue(fifo bool) string { return g.queueOf(fifo, true) }

// unkeyedQueue is a standard queue under SQS's own encryption: a
// schedule's dead letters cannot go to one under a customer managed key
// (SG744).
func (g *Gen) unkeyedQueue() string { return g.queueOf(false, false) }

func (g *Gen) queueOf(fifo, keyed bool) string {
	for _, q := range g.queues {
		if q.fifo == fifo && !q.existing && (keyed || !q.keyed) && g.chance(0.5) {
			return q.name
		}
	}
	name := g.name("jobs")
	body := []string{fmt.Sprintf("visibilityTimeout: %d", g.between(maxTimeout, 900))}
	if fifo {
		body = append(body, "fifo: true")
		if g.chance(0.5) {
			body = append(body, "contentBasedDeduplication: true")
		}
	}
	if g.chance(0.5) {
		dlq := g.name("dead")
		dl := fmt.Sprintf("{visibilityTimeout: %d}", maxTimeout)
		if fifo {
			dl = fmt.Sprintf("{fifo: true, visibilityTimeout: %d}", maxTimeout)
		}
		g.add("queues", dlq, dl)
		g.queues = append(g.queues, queueRes{name: dlq, fifo: fifo})
		body = append(body, fmt.Sprintf("redrive: {deadLetter: %s, maxReceiveCount: %d}", ref("queues", dlq), g.between(1, 10)))
	}
	if g.chance(0.3) {
		body = append(body, fmt.Sprintf("retention: %d", g.between(60, 1209600)))
	}
	if g.chance(0.2) {
		body = append(body, fmt.Sprintf("delay: %d", g.between(0, 900)))
	}
	if g.chance(0.2) {
		body = append(body, `tags: purpose: "jobs"`)
	}
	if g.chance(0.1) {
		body = append(body, fmt.Sprintf("logicalId: %q", fmt.Sprintf("Kept%dQueue", g.n)))
	}
	keyed = keyed && g.chance(0.2)
	if keyed {
		body = append(body, "key: "+ref("keys", g.key()))
	}
	g.add("queues", name, "{"+strings.Join(body, ", ")+"}")
	g.queues = append(g.queues, queueRes{name: name, fifo: fifo, keyed: keyed})
	return name
}

// existingBucket declares a bucket of another stack, by ARN.
func (g *Gen) existingBucket() string {
	name := g.name("archive")
	g.add("buckets", name, fmt.Sprintf(`{arn: "arn:aws:s3:::shop-archive-%d"}`, g.n))
	g.buckets = append(g.buckets, bucketRes{name: name, existing: true})
	return name
}

// anyQueue returns a queue to send to or consume: owned or existing.
func (g *Gen) anyQueue(fifo bool) string {
	if !fifo && g.chance(0.15) {
		name := g.name("partner")
		g.add("queues", name, fmt.Sprintf(`{arn: "arn:aws:sqs:eu-west-1:123456789012:%s"}`, name))
		g.queues = append(g.queues, queueRes{name: name, existing: true})
		return name
	}
	return g.queue(fifo)
}

func (g *Gen) topic(fifo bool) string { return g.topicOf(fifo, true) }

// ownedTopic returns a standard topic the spec declares: policy templates
// build its ARN from its name (SG605).
func (g *Gen) ownedTopic() string { return g.topicOf(false, false) }

func (g *Gen) topicOf(fifo, existing bool) string {
	if existing && !fifo && g.chance(0.1) {
		name := g.name("partnerTopic")
		g.add("topics", name, fmt.Sprintf(`{arn: "arn:aws:sns:eu-west-1:123456789012:%s"}`, name))
		g.topics = append(g.topics, topicRes{name: name, existing: true})
		return name
	}
	for _, t := range g.topics {
		if t.fifo == fifo && !t.existing && g.chance(0.5) {
			return t.name
		}
	}
	name := g.name("events")
	var body []string
	if fifo {
		body = append(body, "fifo: true")
		if g.chance(0.5) {
			body = append(body, "contentBasedDeduplication: true")
		}
	}
	if g.chance(0.3) {
		body = append(body, `displayName: "Shop events"`)
	}
	if g.chance(0.2) {
		body = append(body, "key: "+ref("keys", g.key()))
	}
	g.add("topics", name, "{"+strings.Join(body, ", ")+"}")
	g.topics = append(g.topics, topicRes{name: name, fifo: fifo})
	return name
}

func (g *Gen) bus() string {
	if len(g.buses) > 0 && g.chance(0.6) {
		return g.buses[g.r.IntN(len(g.buses))]
	}
	name := g.name("bus")
	switch g.r.IntN(3) {
	case 0:
		g.add("buses", name, `{name: "default"}`)
	case 1:
		g.add("buses", name, fmt.Sprintf(`{arn: "arn:aws:events:eu-west-1:123456789012:event-bus/%s"}`, name))
	default:
		g.add("buses", name, `{tags: domain: "shop"}`)
	}
	g.buses = append(g.buses, name)
	return name
}

// ownedBus returns a bus the app creates or the default bus: rules with a
// schedule listen on the default bus only.
func (g *Gen) defaultBus() string {
	name := g.name("defaultBus")
	g.add("buses", name, `{name: "default"}`)
	g.buses = append(g.buses, name)
	return name
}

func (g *Gen) bucket() string {
	for _, b := range g.buckets {
		if !b.existing && g.chance(0.5) {
			return b.name
		}
	}
	name := g.name("files")
	var body []string
	if g.chance(0.4) {
		body = append(body, "versioning: true")
	}
	if g.chance(0.3) {
		body = append(body, `encryption: "KMS"`)
		if g.chance(0.5) {
			body = append(body, "key: "+ref("keys", g.key()))
		}
	}
	if g.chance(0.3) {
		body = append(body, fmt.Sprintf(`lifecycle: [{id: "expire", prefix: "tmp/", expireDays: %d, abortIncompleteUploadDays: 1, transitions: [{days: 30, storageClass: "STANDARD_IA"}]}]`, g.between(31, 365)))
	}
	if g.chance(0.3) {
		body = append(body, "eventBridge: true")
	}
	if g.chance(0.2) {
		body = append(body, `tags: data: "files"`)
	}
	if g.chance(0.15) {
		body = append(body, fmt.Sprintf("name: %q", fmt.Sprintf("shop-files-%d", g.n)))
	}
	if g.chance(0.1) {
		body = append(body, "blockPublicAccess: false")
	}
	g.add("buckets", name, "{"+strings.Join(body, ", ")+"}")
	g.buckets = append(g.buckets, bucketRes{name: name})
	return name
}

func (g *Gen) stream() string {
	if len(g.streams) > 0 && g.chance(0.5) {
		return g.streams[g.r.IntN(len(g.streams))]
	}
	name := g.name("clicks")
	if g.chance(0.15) {
		g.add("streams", name, fmt.Sprintf(`{arn: "arn:aws:kinesis:eu-west-1:123456789012:stream/%s"}`, name))
		g.streams = append(g.streams, name)
		return name
	}
	var body []string
	if g.chance(0.4) {
		body = append(body, `mode: "PROVISIONED"`, fmt.Sprintf("shards: %d", g.between(1, 4)))
	}
	if g.chance(0.3) {
		body = append(body, fmt.Sprintf("retention: %d", g.between(24, 168)))
	}
	if g.chance(0.3) {
		body = append(body, "key: "+ref("keys", g.key()))
	} else if g.chance(0.2) {
		body = append(body, "encryption: false")
	}
	g.add("streams", name, "{"+strings.Join(body, ", ")+"}")
	g.streams = append(g.streams, name)
	return name
}

func (g *Gen) key() string {
	if len(g.keys) > 0 && g.chance(0.5) {
		return g.keys[g.r.IntN(len(g.keys))]
	}
	name := g.name("key")
	if g.chance(0.15) {
		g.add("keys", name, `{arn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}`)
		g.keys = append(g.keys, name)
		return name
	}
	body := "{}"
	if g.chance(0.5) {
		body = `{description: "Shop data", rotation: false}`
	}
	g.add("keys", name, body)
	g.keys = append(g.keys, name)
	return name
}

func (g *Gen) param() string {
	if len(g.params) > 0 && g.chance(0.5) {
		return g.params[g.r.IntN(len(g.params))]
	}
	name := g.name("setting")
	g.add("params", name, fmt.Sprintf(`{name: "/shop/\(stage)/%s"}`, name))
	g.params = append(g.params, name)
	return name
}

func (g *Gen) secret() string {
	if len(g.secrets) > 0 && g.chance(0.5) {
		return g.secrets[g.r.IntN(len(g.secrets))]
	}
	name := g.name("creds")
	g.add("secrets", name, fmt.Sprintf(`{arn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:%s-AbCdEf"}`, strings.NewReplacer("_", "", "-", "").Replace(name)))
	g.secrets = append(g.secrets, name)
	return name
}

func (g *Gen) layer() string {
	for _, l := range g.layers {
		if g.chance(0.4) && !slices.Contains(g.defLayers, l.name) {
			return l.name
		}
	}
	name := g.name("common")
	if g.chance(0.5) {
		body := []string{fmt.Sprintf(`source: "layers/%s"`, name), `architectures: ["x86_64", "arm64"]`}
		if g.chance(0.5) {
			body = append(body, fmt.Sprintf("runtimes: [%s]", quoteAll(runtimes)))
		}
		if g.chance(0.3) {
			body = append(body, `description: "Shared code"`, `license: "MIT"`, `retention: "Delete"`)
		}
		if g.chance(0.3) {
			body = append(body, fmt.Sprintf("build: %q", g.pick("makefile", "python3.13", "nodejs22.x")))
		}
		if g.chance(0.2) {
			body = append(body, "publishVersion: true")
		}
		if g.chance(0.2) {
			body = append(body, fmt.Sprintf(`export: "${AWS::StackName}-%s"`, strings.NewReplacer("_", "-").Replace(name)))
		}
		g.add("layers", name, "{"+strings.Join(body, ", ")+"}")
		g.layers = append(g.layers, layerRes{name: name, owned: true})
		return name
	}
	if g.chance(0.5) {
		g.add("layers", name, fmt.Sprintf(`{arn: "arn:aws:lambda:${AWS::Region}:017000801446:layer:Powertools%d:%d"}`, g.n, g.between(1, 80)))
	} else {
		g.add("layers", name, fmt.Sprintf(`{ssm: "/shop/layers/%s"}`, name))
	}
	g.layers = append(g.layers, layerRes{name: name})
	return name
}

func quoteAll(xs []string) string {
	var out []string
	for _, x := range xs {
		out = append(out, fmt.Sprintf("%q", x))
	}
	return strings.Join(out, ", ")
}

// earlierFunction returns a function created before the one being
// generated (or "" when there is none): references go from later to
// earlier, so they never loop.
func (g *Gen) earlierFunction() string {
	var owned []string
	for _, f := range g.functions {
		owned = append(owned, f.name)
	}
	if len(owned) == 0 {
		return ""
	}
	return owned[g.r.IntN(len(owned))]
}

// resourceFeatures are the resources a spec may declare without any
// function using them.
var resourceFeatures = []feature{
	{"table", 0.3, func(g *Gen) { g.table(g.chance(0.3)) }},
	{"existing table", 0.1, func(g *Gen) { g.existingTable() }},
	{"queue", 0.3, func(g *Gen) { g.queue(g.chance(0.3)) }},
	{"topic", 0.2, func(g *Gen) { g.topic(g.chance(0.3)) }},
	{"bus", 0.2, func(g *Gen) { g.bus() }},
	{"bucket", 0.2, func(g *Gen) { g.bucket() }},
	{"stream", 0.15, func(g *Gen) { g.stream() }},
	{"key", 0.1, func(g *Gen) { g.key() }},
	{"layer", 0.15, func(g *Gen) { g.layer() }},
	{"raw resources", 0.2, func(g *Gen) {
		vpc := g.name("vpc")
		g.add("resources", vpc, `{type: "AWS::EC2::VPC", properties: {CidrBlock: "10.0.0.0/16", EnableDnsSupport: true}}`)
		sg := g.name("sg")
		g.add("resources", sg, fmt.Sprintf(`{type: "AWS::EC2::SecurityGroup", properties: {GroupDescription: "Lambda", VpcId: %s}, deletionPolicy: "Delete"}`, ref("resources", vpc)))
		sub := g.name("subnet")
		g.add("resources", sub, fmt.Sprintf(`{type: "AWS::EC2::Subnet", properties: {VpcId: %s, CidrBlock: "10.0.1.0/24"}, logicalId: %q}`, ref("resources", vpc), fmt.Sprintf("Subnet%d", g.n)))
		alarm := g.name("alarm")
		g.add("resources", alarm, fmt.Sprintf(`{type: "AWS::CloudWatch::Alarm", properties: {Namespace: "AWS/SQS", MetricName: "ApproximateAgeOfOldestMessage", Dimensions: [{Name: "QueueName", Value: {ref: %s, attr: "name"}}], Statistic: "Maximum", Period: 300, EvaluationPeriods: 1, Threshold: 600, ComparisonOperator: "GreaterThanThreshold"}, dependsOn: [%s]}`, ref("queues", g.queue(false)), ref("resources", sg)))
		g.raws = append(g.raws, vpc, sg, sub)
	}},
	{"parameter", 0.3, func(g *Gen) {
		name := g.name("env")
		switch g.r.IntN(3) {
		case 0:
			g.add("parameters", name, `{description: "Deployment environment", default: "dev", allowed: ["dev", "prod"]}`)
		case 1:
			g.add("parameters", name, `{type: "Number", default: 3, allowed: [1, 3, 5]}`)
		default:
			g.add("parameters", name, `{type: "CommaDelimitedList", default: "a,b"}`)
			if g.lists == nil {
				g.lists = map[string]bool{}
			}
			g.lists[name] = true
		}
		g.parameters = append(g.parameters, name)
	}},
}
