package schema

import (
	"strings"
	"testing"
)

// TestQueueAndTopicNames holds queue and topic names to SQS's and SNS's
// limits: a standard queue's name has up to 80 characters and a FIFO
// queue's 75 before ".fifo" (80 in all); a topic's 256 and 251.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
// https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
func TestQueueAndTopicNames(t *testing.T) {
	for _, c := range []struct {
		name, decl, path string // path "" accepts the declaration
	}{
		{"standard queue of 80", `queues: q: name: "` + strings.Repeat("q", 80) + `"`, ""},
		{"standard queue of 81", `queues: q: name: "` + strings.Repeat("q", 81) + `"`, "queues.q.name"},
		{"FIFO queue of 75 and .fifo", `queues: q: {fifo: true, name: "` + strings.Repeat("q", 75) + `.fifo"}`, ""},
		{"FIFO queue of 76 and .fifo", `queues: q: {fifo: true, name: "` + strings.Repeat("q", 76) + `.fifo"}`, "queues.q.name"},
		{"standard topic of 256", `topics: t: name: "` + strings.Repeat("t", 256) + `"`, ""},
		{"standard topic of 257", `topics: t: name: "` + strings.Repeat("t", 257) + `"`, "topics.t.name"},
		{"FIFO topic of 251 and .fifo", `topics: t: {fifo: true, name: "` + strings.Repeat("t", 251) + `.fifo"}`, ""},
		{"FIFO topic of 252 and .fifo", `topics: t: {fifo: true, name: "` + strings.Repeat("t", 252) + `.fifo"}`, "topics.t.name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ds := loadWith(t, c.decl)
			if c.path == "" {
				if len(ds) > 0 {
					t.Fatalf("rejected: %v", ds)
				}
				return
			}
			if len(ds) == 0 || ds[0].Path != "app."+c.path {
				t.Fatalf("findings %v, want one at app.%s", ds, c.path)
			}
		})
	}
}
