// Package benchspec generates large specs for benchmarks: n functions with
// the tables, queues and topics they use, in the shapes real specs have
// (defaults, references, access, API, queue and schedule events).
package benchspec

import (
	"fmt"
	"strings"
)

// Spec returns a spec (package bench) of n functions, one table, queue and
// topic per ten functions.
func Spec(n int) []byte {
	var b strings.Builder
	b.WriteString(`package bench

import "samgen.dev/schema"

stage: *"dev" | "prod" @tag(stage)

app: schema.#App & {
	name: "bench"

	defaults: function: {
		runtime:      "python3.13"
		architecture: "arm64"
		handler:      "app.handler"
		memory:       512
		timeout:      10
		tracing:      "Active"
		logging: {format: "JSON", retention: 30}
		env: STAGE: stage
	}

`)
	groups := (n + 9) / 10
	for g := range groups {
		fmt.Fprintf(&b, "\ttables: t%d: key: {name: \"id\", type: \"S\"}\n", g)
		fmt.Fprintf(&b, "\tqueues: q%d: {visibilityTimeout: 60, redrive: deadLetter: app.queues.dlq%d.ref}\n", g, g)
		fmt.Fprintf(&b, "\tqueues: dlq%d: {}\n", g)
		fmt.Fprintf(&b, "\ttopics: n%d: {}\n", g)
	}
	b.WriteString("\n")
	for i := range n {
		g := i / 10
		fmt.Fprintf(&b, "\tfunctions: f%d: {\n", i)
		fmt.Fprintf(&b, "\t\tsource: \"src/f%d\"\n", i)
		fmt.Fprintf(&b, "\t\tenv: {TABLE: app.tables.t%d.ref, TOPIC: app.topics.n%d.ref}\n", g, g)
		fmt.Fprintf(&b, "\t\taccess: [{read: app.tables.t%d.ref}, {publish: app.topics.n%d.ref}]\n", g, g)
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "\t\tevents: get: api: {method: \"GET\", path: \"/f%d/{id}\"}\n", i)
		case 1:
			fmt.Fprintf(&b, "\t\tevents: work: sqs: {queue: app.queues.q%d.ref, batchSize: 10, reportBatchItemFailures: true}\n", g)
		default:
			fmt.Fprintf(&b, "\t\tmemory: 1024\n")
			fmt.Fprintf(&b, "\t\tasync: {retries: 1, onFailure: app.queues.dlq%d.ref}\n", g)
			fmt.Fprintf(&b, "\t\tevents: tick: schedule: expression: \"rate(5 minutes)\"\n")
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("}\n")
	return []byte(b.String())
}
