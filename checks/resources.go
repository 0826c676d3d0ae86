package checks

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

func queueRedrive(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Queues)) {
		q := c.App.Queues[name]
		if q.Redrive == nil {
			continue
		}
		p := "queues." + name + ".redrive.deadLetter"
		dl := q.Redrive.DeadLetter
		if dl.Name == name {
			c.Report(p, "queue %s cannot be its own dead-letter queue", name)
			continue
		}
		if a, b := c.App.Fifo(q.Ref), c.App.Fifo(dl); a != b {
			kind := map[bool]string{true: "FIFO", false: "standard"}
			c.Report(p, "%s queue %s cannot use %s queue %s as its dead-letter queue", kind[a], name, kind[b], dl.Name)
		}
	}
}

func tableShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Tables)) {
		t := c.App.Tables[name]
		p := "tables." + name
		if t.Exists() {
			continue
		}
		if t.Key == nil {
			c.Report(p, "table %s needs a key (its partition key), or an arn if it already exists", name)
		}
		switch {
		case t.Billing == "PROVISIONED" && t.Capacity == nil:
			c.Report(p+".billing", "table %s has PROVISIONED billing and needs capacity: {read, write}", name)
		case t.Billing != "PROVISIONED" && t.Capacity != nil:
			c.Report(p+".capacity", "table %s is on-demand (PAY_PER_REQUEST) and takes no capacity", name)
		}
	}
}

func fifoOnly(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Queues)) {
		if q := c.App.Queues[name]; !q.Fifo && q.ContentBasedDeduplication != nil && *q.ContentBasedDeduplication {
			c.Report("queues."+name+".contentBasedDeduplication", "queue %s is not FIFO", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.App.Topics)) {
		if t := c.App.Topics[name]; !t.Fifo && t.ContentBasedDeduplication != nil && *t.ContentBasedDeduplication {
			c.Report("topics."+name+".contentBasedDeduplication", "topic %s is not FIFO", name)
		}
	}
}

func bucketShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Buckets)) {
		b := c.App.Buckets[name]
		p := "buckets." + name
		if b.Key != nil && b.Encryption != "KMS" {
			c.Report(p+".key", "bucket %s has a key but %s encryption; set encryption: \"KMS\"", name, b.Encryption)
		}
		if !b.Exists() && b.Name.IsZero() && c.App.Notifies(name) && len(name)+37 > 63 {
			c.Report(p, "bucket %s notifies functions and is named \"%s-<stack UUID>\", over 63 characters; shorten the name or set `name`", name, strings.ToLower(name))
		}
	}
}

// infrequentAccess are the storage classes S3 moves an object to only once
// it is at least 30 days old ("Before you transition objects to S3
// Standard-IA or S3 One Zone-IA, you must store them for at least 30 days",
// S3 User Guide, lifecycle transition considerations).
var infrequentAccess = []string{"STANDARD_IA", "ONEZONE_IA"}

// bucketLifecycle: each lifecycle rule of a bucket has an ID of its own and
// an action, and transitions S3 accepts (SG742).
func bucketLifecycle(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Buckets)) {
		ids := map[string]bool{}
		for i, r := range c.App.Buckets[name].Lifecycle {
			p := fmt.Sprintf("buckets.%s.lifecycle[%d]", name, i)
			if ids[r.ID] {
				c.Report(p+".id", "bucket %s has two lifecycle rules with id %q; S3 identifies a rule by its id", name, r.ID)
			}
			ids[r.ID] = true
			if r.ExpireDays.IsZero() && r.NoncurrentExpireDays.IsZero() && r.AbortIncompleteUploadDays.IsZero() && len(r.Transitions) == 0 {
				// AWS::S3::Bucket Rule: "You must specify at least one of
				// the following properties: AbortIncompleteMultipartUpload,
				// ExpirationDate, ExpirationInDays, ...".
				c.Report(p, "lifecycle rule %s does nothing: give it expireDays, noncurrentExpireDays, abortIncompleteUploadDays or transitions", r.ID)
			}
			for j, t := range r.Transitions {
				if d, ok := t.Days.Int(); ok && d < 30 && slices.Contains(infrequentAccess, t.StorageClass) {
					c.Report(fmt.Sprintf("%s.transitions[%d].days", p, j), "S3 moves objects to %s only once they are 30 days old; set days to 30 or more, or choose another storage class", t.StorageClass)
				}
			}
		}
	}
}

// alarmShape: an alarm watches one queue or function, and its period and
// evaluation range are ones PutMetricAlarm takes (SG743): "Valid values
// are 10, 20, 30, and any multiple of 60", where "10, 20, or 30 only for
// metrics that are stored by a PutMetricData call with a StorageResolution
// of 1" (otherwise "the alarm might often lapse into INSUFFICIENT_DATA"):
// an alarm watches an AWS/SQS or AWS/Lambda metric, of one-minute
// resolution, so its period is a multiple of 60; "Period multiplied by
// EvaluationPeriods can't be more than 604,800 seconds. For alarms with a
// period of less than one hour (3,600 seconds), the total evaluation period
// can't be longer than one day (86,400 seconds)"; datapointsToAlarm, the M
// of an "M out of N" alarm, is at most evaluationPeriods.
func alarmShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Alarms)) {
		a := c.App.Alarms[name]
		p := "alarms." + name
		if (a.Queue == nil) == (a.Function == nil) {
			c.Report(p, "alarm %s watches a metric of one queue or one function: give exactly one of queue and function", name)
		}
		if a.Period%60 != 0 {
			c.Report(p+".period", "alarm %s watches an AWS/SQS or AWS/Lambda metric, which has one-minute resolution: its period is a multiple of 60 seconds, not %d", name, a.Period)
		}
		limit, over := 604800, "seven days"
		if a.Period < 3600 {
			limit, over = 86400, "one day for a period under an hour"
		}
		if total := a.Period * a.EvaluationPeriods; total > limit {
			at := p
			for _, f := range []string{".period", ".evaluationPeriods"} {
				if c.Inst.Has(p + f) {
					at = p + f
				}
			}
			c.Report(at, "alarm %s evaluates %d periods of %d seconds, %d seconds in all; CloudWatch allows at most %d (%s)", name, a.EvaluationPeriods, a.Period, total, limit, over)
		}
		if a.DatapointsToAlarm > a.EvaluationPeriods {
			c.Report(p+".datapointsToAlarm", "alarm %s needs %d breaching datapoints out of %d evaluation periods; datapointsToAlarm is at most evaluationPeriods", name, a.DatapointsToAlarm, a.EvaluationPeriods)
		}
	}
}

func streamShape(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Streams)) {
		s := c.App.Streams[name]
		p := "streams." + name
		if s.Exists() {
			continue
		}
		switch {
		case s.Mode == "PROVISIONED" && s.Shards.IsZero():
			c.Report(p+".mode", "stream %s is PROVISIONED and needs shards", name)
		case s.Mode != "PROVISIONED" && !s.Shards.IsZero():
			c.Report(p+".shards", "stream %s is ON_DEMAND and takes no shards", name)
		}
		if s.Key != nil && !s.Encryption {
			c.Report(p+".key", "stream %s has a key but encryption is off", name)
		}
	}
}

// metadataBuild finds Metadata keys that build or buildProperties set
// too (SG028).
func metadataBuild(c *Context) {
	check := func(path, build string, props map[string]any, metadata map[string]any) {
		for _, k := range []struct {
			key, field string
			set        bool
		}{{"BuildMethod", "build", build != ""}, {"BuildProperties", "buildProperties", props != nil}} {
			if _, dup := metadata[k.key]; dup && k.set {
				c.Report(path+".metadata."+k.key, "metadata %s repeats %s, which renders it; give it once", k.key, k.field)
			}
		}
	}
	for _, name := range sortedKeys(c.App.Functions) {
		f := c.App.Functions[name]
		check("functions."+name, f.Build, f.BuildProperties, f.Metadata)
	}
	for _, name := range sortedKeys(c.App.Layers) {
		l := c.App.Layers[name]
		check("layers."+name, l.Build, l.BuildProperties, l.Metadata)
	}
}

// fifoNames checks the .fifo suffix of the names of queues and topics
// (SG721): a literal name, the literal end of a !Sub, and the ARN of an
// existing queue or topic declared FIFO.
func fifoNames(c *Context) {
	check := func(path, kind, name string, fifo bool, physical, arn schema.Value) {
		if s, ok := physical.Template(); ok && !strings.HasSuffix(s, "}") {
			switch suffixed := strings.HasSuffix(s, ".fifo"); {
			case fifo && !suffixed:
				c.Report(path+".name", "FIFO %s %s needs a name ending in .fifo, not %q", kind, name, s)
			case !fifo && suffixed:
				c.Report(path+".name", "%s %s is standard (not fifo) and its name %q ends in .fifo; set fifo: true or rename it", kind, name, s)
			}
		}
		if s, ok := arn.Template(); ok && fifo && !strings.HasSuffix(s, ".fifo") {
			c.Report(path+".fifo", "existing %s %s is declared FIFO, and its ARN does not end in .fifo", kind, name)
		}
	}
	for _, name := range sortedKeys(c.App.Queues) {
		q := c.App.Queues[name]
		check("queues."+name, "queue", name, q.Fifo, q.Name, q.Arn)
	}
	for _, name := range sortedKeys(c.App.Topics) {
		t := c.App.Topics[name]
		check("topics."+name, "topic", name, t.Fifo, t.Name, t.Arn)
	}
}
