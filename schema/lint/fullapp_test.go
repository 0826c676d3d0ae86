package lint

// The full-app rules join TestRules' table: specs that trigger each rule
// once, and specs that do not.
func init() {
	const cond = "\tparameters: env: default: \"dev\"\n\tconditions: c: equals: [app.parameters.env.ref, \"prod\"]\n"
	const s3 = "\tfunctions: f: events: u: s3: bucket: app.buckets.b.ref\n"
	ruleCases = append(ruleCases, []struct {
		rule    string
		trigger []string
		pass    []string
	}{
		{"SG711",
			[]string{"\tbuckets: b: arn: \"arn:aws:s3:::b\"\n" + s3},
			[]string{"\tbuckets: b: {}\n" + s3}},
		{"SG712",
			[]string{
				"\tkeys: k: {}\n\tbuckets: b: key: app.keys.k.ref\n",
				"\tbuckets: abcdefghijabcdefghijabcdefghij: {}\n\tfunctions: f: events: u: s3: bucket: app.buckets.abcdefghijabcdefghijabcdefghij.ref\n",
			},
			[]string{
				"\tkeys: k: {}\n\tbuckets: b: {encryption: \"KMS\", key: app.keys.k.ref}\n",
				"\tbuckets: abcdefghijabcdefghijabcdefghij: name: \"short-name\"\n\tfunctions: f: events: u: s3: bucket: app.buckets.abcdefghijabcdefghijabcdefghij.ref\n",
			}},
		{"SG713",
			[]string{"\tstreams: s: mode: \"PROVISIONED\"\n", "\tstreams: s: shards: 2\n", "\tkeys: k: {}\n\tstreams: s: {encryption: false, key: app.keys.k.ref}\n"},
			[]string{"\tstreams: s: {mode: \"PROVISIONED\", shards: 1}\n", "\tstreams: s: {}\n"}},
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
			}},
		{"SG715",
			[]string{"\toverrides: NopeFunction: Timeout: 5\n"},
			[]string{"\toverrides: FFunction: Timeout: 5\n", "\tresources: r: {type: \"AWS::SNS::Topic\", properties: {}}\n\toverrides: R: DisplayName: \"x\"\n"}},
		{"SG716",
			[]string{"\toverrides: FFunction: Timeout: 5\n"},
			[]string{""}},
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
			}},
		{"SG718",
			[]string{
				"\tapis: a: stage: \"v1\"\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.apis.a.ref}\n",
				"\thttpApis: h: {}\n\tfunctions: f: events: e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref, authorizer: \"nope\"}\n",
				"\thttpApis: h: defaultAuthorizer: \"nope\"\n",
				"\thttpApis: h: cors: {origins: [\"*\"], credentials: true}\n",
				"\tfunctions: f: events: e: api: {method: \"GET\", path: \"/\", authorizer: \"users\"}\n",
			},
			[]string{
				"\thttpApis: h: {authorizers: users: jwt: {issuer: \"https://example.com\", audience: [\"a\"]}, defaultAuthorizer: \"users\"}\n\tfunctions: f: events: {e: httpApi: {method: \"GET\", path: \"/\", api: app.httpApis.h.ref}, p: httpApi: {method: \"GET\", path: \"/p\", api: app.httpApis.h.ref, authorizer: \"NONE\"}}\n",
				"\thttpApis: h: cors: {origins: [\"https://example.com\"], credentials: true}\n",
			}},
		{"SG719",
			[]string{"\ttopics: t: fifo: true\n\tqueues: q: {}\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n"},
			[]string{"\ttopics: t: {}\n\tqueues: q: {}\n\tsubscriptions: s: {topic: app.topics.t.ref, queue: app.queues.q.ref}\n"}},
		{"SG720",
			[]string{cond + "\ttables: t: {key: name: \"id\", condition: app.conditions.c.ref}\n\tfunctions: f: env: TABLE: app.tables.t.ref\n"},
			[]string{
				cond + "\ttables: t: {key: name: \"id\", condition: app.conditions.c.ref}\n\tfunctions: f: {condition: app.conditions.c.ref, env: TABLE: app.tables.t.ref}\n",
				cond + "\ttables: t: {key: name: \"id\", condition: app.conditions.c.ref}\n\tresources: r: {type: \"AWS::SNS::Topic\", properties: DisplayName: {\"Fn::If\": [\"C\", app.tables.t.ref, \"none\"]}}\n",
			}},
	}...)
}
